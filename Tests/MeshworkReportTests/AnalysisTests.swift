import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The analyses behind the commands (docs/library-api.md), called in process on small fixtures:
/// what they write against the NetworkX goldens, their `--stats` figures and notices, and the
/// errors that name the input.
@Suite("Analyses in process")
struct AnalysisTests {
    /// Writes `output` into a scratch folder and returns its CSV rows, header first.
    static func written(_ output: some AnalysisOutput) throws -> [[String]] {
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        try output.write(to: dir + "/out.csv")
        return try ReportTests.rows(dir + "/out.csv")
    }

    static func statistic(_ output: some AnalysisOutput, _ name: String) -> JSONValue? {
        output.statistics.first { $0.0 == name }?.1
    }

    @Test("centrality: the written columns agree with the NetworkX goldens; iterations and transitivity go to the stats",
          arguments: ["karate-club", "krackhardt-managers"])
    func centrality(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let measures: [CentralityAnalysis.Measure] = [.degree, .betweenness, .closeness, .harmonic, .pagerank, .kcore, .clustering]
        let analysis = try CentralityAnalysis(loaded, .init(measures: measures, threads: 2))
        let rows = try Self.written(analysis)
        let golden = try Fixtures.golden(dataset)
        #expect(rows[0] == ["id"] + measures.map(\.rawValue))
        #expect(rows.dropFirst().map { $0[0] } == golden.column("id"))
        for (c, measure) in measures.enumerated() {
            let tolerance = measure == .pagerank ? 1e-7 : 1e-9
            for (ours, theirs) in zip(rows.dropFirst().map { $0[c + 1] }, golden.column(measure.rawValue)) {
                #expect(agrees(Double(ours)!, Double(theirs)!, tolerance: tolerance), "\(measure): \(ours) vs \(theirs)")
            }
        }
        #expect(analysis.statistics.map(\.0) == ["measures", "threads", "pagerank_iterations", "transitivity"])
        #expect(Self.statistic(analysis, "measures") == .array(measures.map { .string($0.rawValue) }))
    }

    @Test("centrality: katz on a graph whose largest eigenvalue is above 1 / alpha is refused as bad data")
    func katzDoesNotConverge() throws {
        // K12: largest eigenvalue 11 > 1 / 0.1.
        let edges = (1...11).flatMap { u in (u + 1...12).map { "\(u) \($0)" } }.joined(separator: "\n")
        let path = try Scratch.file(edges)
        defer { Scratch.remove(path) }
        let loaded = try GraphLoader.load(path, options: LoadOptions())
        do {
            _ = try CentralityAnalysis(loaded, .init(measures: [.degree, .katz]))
            Issue.record("katz converged on K12")
        } catch let error as AnalysisInputError {
            #expect(error.kind == .data)
            #expect(error.message(input: path).hasPrefix("katz centrality does not converge on this graph"))
        }
    }

    @Test("components and the cut structure write the NetworkX goldens' rows; the stats count them",
          arguments: ["karate-club", "krackhardt-managers"])
    func structure(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let stats = try Fixtures.stats(dataset)
        let components = ComponentAnalysis(loaded)
        #expect(Self.statistic(components, "components") == .int(stats.components))
        #expect(try Self.written(components).dropFirst().map { $0[1] } == Fixtures.golden(dataset).column("component"))

        func goldenRows(_ kind: String) throws -> [[String]] {
            try ReportTests.rows(Fixtures.root + "/goldens/\(dataset).\(kind).csv")
        }
        let bridges = BridgeAnalysis(loaded)
        let bridgeRows = try Self.written(bridges)
        #expect(bridgeRows[0] == ["source", "target"])
        #expect(Set(bridgeRows.dropFirst()) == Set(try goldenRows("bridges").dropFirst()))
        #expect(Self.statistic(bridges, "bridges") == .int(bridgeRows.count - 1))

        let points = ArticulationPointAnalysis(loaded)
        let pointRows = try Self.written(points)
        #expect(pointRows == (try goldenRows("articulation")))
        #expect(Self.statistic(points, "articulation_points") == .int(pointRows.count - 1))

        let biconnected = BiconnectedComponentAnalysis(loaded)
        let tieRows = try Self.written(biconnected)
        #expect(tieRows[0] == ["source", "target", "component"])
        #expect(tieRows.count - 1 == stats.edges)
        #expect(Self.statistic(biconnected, "biconnected_components") == .int(Set(tieRows.dropFirst().map { $0[2] }).count))
    }

    @Test("edge betweenness: --top keeps the K highest rows of the full table, highest first")
    func edgeBetweennessTop() throws {
        let loaded = try Fixtures.load("karate-club")
        let all = EdgeBetweennessAnalysis(loaded, .init(threads: 2))
        let top = EdgeBetweennessAnalysis(loaded, .init(threads: 2, top: 5))
        #expect(all.edges.count == loaded.graph.edgeCount)
        #expect(top.values == Array(all.values.sorted(by: >).prefix(5)))
        let rows = try Self.written(top)
        #expect(rows[0] == ["source", "target", "betweenness"] && rows.count == 6)
        for (row, (u, v)) in zip(rows.dropFirst(), top.edges) {
            #expect(row[0] == loaded.labels[u] && row[1] == loaded.labels[v])
        }
    }

    @Test("communities: the reported modularity is the written partition's; a consensus adds stability")
    func communities() throws {
        let loaded = try Fixtures.load("karate-club")
        let single = CommunityAnalysis(loaded, .init(method: .leiden, seed: 7))
        #expect(agrees(single.modularity, Modularity().run(loaded.graph, partition: single.partition).quality))
        let rows = try Self.written(single)
        #expect(rows[0] == ["id", "community"] && rows.count == 1 + loaded.graph.vertexCount)
        #expect(rows.dropFirst().map { Int32($0[1])! } == single.partition.group)
        #expect(Self.statistic(single, "communities") == .int(single.partition.groupCount))
        #expect(Self.statistic(single, "quality") == .string("modularity"))

        let consensus = CommunityAnalysis(loaded, .init(method: .louvain, runs: 3, threads: 2))
        #expect(try Self.written(consensus)[0] == ["id", "community", "stability"])
        #expect(Self.statistic(consensus, "runs") == .int(3))
        let propagation = CommunityAnalysis(loaded, .init(method: .labelPropagation))
        #expect(Self.statistic(propagation, "quality") == nil)
    }

    @Test("brokers: fewer spanners than --top is said in a notice; the stats count spanners")
    func brokersNotice() throws {
        let loaded = try Fixtures.load("krackhardt-managers")
        let report = try BrokerReport(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42,
                                      top: loaded.graph.vertexCount + 1)
        let spanners = report.spans.filter { $0 }.count
        #expect(Self.statistic(report, "spanners") == .int(spanners))
        #expect(report.notices == ["only \(spanners) members span a boundary of level organisation; listing them"])
        #expect(try Self.written(report).count == 1 + spanners)
        let everyone = try BrokerReport(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42)
        let everyoneRows = try Self.written(everyone)
        #expect(everyone.notices.isEmpty && everyoneRows.count == 1 + loaded.graph.vertexCount)
    }

    @Test("the report's spanners: the brokers table's strongest, with their effective sizes, for every top",
          arguments: ["krackhardt-managers", "lazega-lawyers", "example-community"])
    func spanners(fixture: String) throws {
        let loaded = try Fixtures.load(fixture)
        let full = try BrokerReport(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42)
        let spanning = full.spans.filter { $0 }.count
        try #require(spanning > 1)
        // Every spanner ranked on all four keys at once.
        let across = full.crossBrokerage, participation = full.moduleRoles.participation
        func key(_ x: Double) -> Double { x.isNaN ? -.infinity : x }
        let ranked = (0..<loaded.graph.vertexCount).filter { full.spans[$0] }.sorted { a, b in
            (-across[a], -key(participation[a]), -key(full.burtEffectiveSize[a]), a)
                < (-across[b], -key(participation[b]), -key(full.burtEffectiveSize[b]), b)
        }.map { VertexID($0) }
        for top in [0, 1, 2, 3, 5, 8, 15, spanning - 1, spanning, spanning + 1] {
            let spanners = try BrokerReport.Spanners(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42, top: top)
            let expected = Array(ranked.prefix(top))
            #expect(full.strongest(top) == expected, "top \(top)")
            #expect(spanners.members == expected, "top \(top)")
            #expect(spanners.effectiveSize.elementsEqual(expected.map { full.burtEffectiveSize[Int($0)] }) {
                $0 == $1 || ($0.isNaN && $1.isNaN)
            })
            #expect(spanners.crossBrokerage == full.crossBrokerage && spanners.roles.total == full.roles.total)
        }
    }

    @Test("boundaries: the suppressed groups are counted in a notice; min_cell and levels go to the stats")
    func boundariesNotice() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let report = try BoundaryReport(loaded, levels: [.hierarchy(.organisation)], options: .init(minimumCell: 5))
        let hidden = report.levels[0].suppressed.filter { $0 }.count
        try #require(hidden > 0)
        #expect(report.notices == ["\(hidden) groups with fewer than 5 members suppressed"])
        #expect(report.statistics.map(\.0) == ["min_cell", "levels"])
        let open = try BoundaryReport(loaded, levels: [.hierarchy(.organisation)], options: .init())
        #expect(open.notices.isEmpty)
    }

    @Test("growth: an automatic period is announced before the series; a member or a dataset the input lacks names the input")
    func growth() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        var heard: [String] = []
        let growth = try GrowthAnalysis(loaded, .init(report: .init(basic: true))) { heard.append($0) }
        #expect(heard == ["growth by \(growth.period.rawValue), chosen from the span of the data (pass --period to choose)"])
        #expect(Self.statistic(growth, "period_automatic") == .bool(true))
        guard case .community(let report) = growth.series else { Issue.record("not the community's series"); return }
        #expect(Self.statistic(growth, "periods") == .int(report.rows.count))
        #expect(try Self.written(growth).count == 1 + report.rows.count)

        let given = try GrowthAnalysis(loaded, .init(period: .month, report: .init(basic: true))) { heard.append($0) }
        #expect(heard.count == 1 && Self.statistic(given, "period_automatic") == .bool(false))
        #expect(Self.statistic(given, "network_measures") == nil)
        // Without --basic the stats say how clustering, mean path length and modularity were computed.
        let full = try GrowthAnalysis(loaded, .init(period: .day, report: .init(exactPathLimit: 10)))
        guard case .object(let methods)? = Self.statistic(full, "network_measures"),
              case .community(let fullReport) = full.series, let measures = fullReport.measures else {
            Issue.record("no network_measures in the stats"); return
        }
        #expect(methods.map(\.0) == ["clustering", "mean_path_length", "modularity"])
        guard case .object(let path)? = methods.first(where: { $0.0 == "mean_path_length" })?.1 else { Issue.record("no path method"); return }
        #expect(path.first { $0.0 == "standard_error" }?.1 == .array(measures.meanPathLengthError.map { .double($0) }))
        #expect(measures.meanPathLengthError.contains { $0 > 0 })

        func usage(_ body: () throws -> Void) -> String? {
            do { try body() } catch let error as AnalysisInputError where error.kind == .usage {
                return error.message(input: "INPUT")
            } catch { return "\(error)" }
            return nil
        }
        #expect(usage { _ = try GrowthAnalysis(loaded, .init(period: .month, member: "nobody-here")) }
                == "nobody-here is not a member of INPUT")
        let edges = try Fixtures.load("karate/karate.edges")
        #expect(usage { _ = try GrowthAnalysis(edges, .init()) } == "growth needs a dataset directory (dated interactions), not INPUT")
    }

    @Test("compare-partitions: the figures of two partition files, as text lines and JSON")
    func partitionAgreement() throws {
        let first = try Scratch.file("id,group\na,x\nb,x\nc,y\nd,y\ne,z\n", suffix: ".csv")
        let second = try Scratch.file("id,team\nb,1\na,1\nc,2\nd,3\nf,3\n", suffix: ".csv")
        defer { Scratch.remove(first); Scratch.remove(second) }
        let agreement = try PartitionAgreement(first: first, second: second)
        #expect(agreement.comparison.vertices == 4 && agreement.unmatchedFirst == 1 && agreement.unmatchedSecond == 1)
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        try agreement.write(to: dir + "/text")
        let lines = try String(contentsOfFile: dir + "/text", encoding: .utf8).split(separator: "\n")
        #expect(lines.map { $0.split(separator: " ")[0] } == ["nmi", "ari", "vertices", "groups_a", "groups_b", "unmatched_a", "unmatched_b"])
        #expect(lines[2] == "vertices 4")
        try PartitionAgreement(first: first, second: second, format: .json).write(to: dir + "/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/json"))) as? [String: Any])
        #expect(json["vertices"] as? Int == 4 && json["groups_b"] as? Int == 3)
    }
}
