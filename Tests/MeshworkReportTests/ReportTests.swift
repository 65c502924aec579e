import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The Report types called in process on small fixtures, against the NetworkX goldens, the
/// growth reference script and the kernels of MeshworkAlgorithms (the CLI tests run the same
/// reports through the binary).
@Suite("Reports in process")
struct ReportTests {
    /// The rows of a CSV file without quoted fields: header first.
    static func rows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("summary: figures agree with the NetworkX stats and the degree kernel, as text and JSON",
          arguments: ["karate-club", "lazega-lawyers"])
    func summary(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let stats = try Fixtures.stats(dataset)
        let report = SummaryReport(loaded, top: 5)
        let degrees = Degree().run(loaded.graph).degrees.map(Int.init)
        #expect(report.network.nodes == stats.nodes && report.network.edges == stats.edges)
        #expect(report.network.componentCount == stats.components)
        #expect(report.network.maxDegree == degrees.max())
        #expect(report.network.topByDegree.map(\.degree) == Array(degrees.sorted(by: >).prefix(5)))
        for (entry, label) in zip(report.network.topByDegree, report.topLabels) {
            #expect(degrees[Int(entry.vertex)] == entry.degree && loaded.labels[entry.vertex] == label.id)
        }
        let lines = report.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("Members: \(stats.nodes)") && lines.contains("Ties: \(stats.edges)"))
        var buffer = ByteBuffer()
        report.json.write(into: &buffer, pretty: true, indent: 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer.bytes)) as? [String: Any])
        #expect(json["nodes"] as? Int == stats.nodes && json["ties"] as? Int == stats.edges)
        #expect(json["components"] as? Int == stats.components)
        let levels = try #require(json["levels"] as? [String: [String: Int]])
        let community = try #require(loaded.community)
        for level in HierarchyLevel.allCases {
            let sizes = community.partition(level).sizes
            #expect(levels[level.rawValue]?["largest_group"] == sizes.max(), "\(level)")
            #expect(levels[level.rawValue]?["members_placed"] == sizes.reduce(0, +), "\(level)")
        }
    }

    @Test("boundaries: groups below the minimum cell are blank and noted, the rest are GroupMixing's counts")
    func boundaries() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let partition = try #require(loaded.community).partition(.organisation)
        let minimum = 5
        let small = partition.sizes.indices.filter { partition.sizes[$0] < minimum }
        try #require(!small.isEmpty && small.count < partition.sizes.count, "the fixture has groups on both sides")
        let report = try BoundaryReport(loaded, levels: [.hierarchy(.organisation)], options: .init(minimumCell: minimum))
        let mixing = GroupMixing().run(loaded.graph, partitions: [partition])[0]
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        try report.writeGroups(to: dir + "/groups.csv")
        try report.writeMixing(to: dir + "/mixing.csv")
        let groups = try Self.rows(dir + "/groups.csv")
        let column = { (name: String) in groups[0].firstIndex(of: name)! }
        #expect(groups.count == 1 + partition.sizes.count)
        for row in groups.dropFirst() {
            let g = try #require(partition.names.firstIndex(of: row[0]))
            if small.contains(g) {
                #expect(row[column("members")].isEmpty && row[column("internal_ties")].isEmpty && row[column("ei_index")].isEmpty)
                #expect(row[column("note")] == "suppressed: fewer than \(minimum) members")
            } else {
                #expect(row[column("members")] == String(mixing.members[g]))
                #expect(row[column("internal_ties")] == String(mixing.internalTies[g]))
                #expect(row[column("external_ties")] == String(mixing.externalTies[g]))
                #expect(row[column("note")].isEmpty)
            }
        }
        let hidden = Set(small.map { partition.names[$0] })
        let pairs = try Self.rows(dir + "/mixing.csv").dropFirst()
        #expect(!pairs.isEmpty && pairs.allSatisfy { !hidden.contains($0[0]) && !hidden.contains($0[1]) })
        #expect(report.levels[0].suppressed == partition.sizes.map { $0 < minimum })
    }

    /// The reference series (`fixtures/goldens/growth/<dataset>-<period>[-window<K>].csv`) of the
    /// small datasets and the e-mail network by quarter and year; the example community's and the
    /// monthly e-mail series run through the binary in the large lane (`GrowthCommandTests`).
    static let growthSeries: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.root + "/goldens/growth")) ?? []
        return files.filter { file in
            file.hasSuffix(".csv") && !file.hasPrefix("example-community-") && !file.hasPrefix("email-eu-core-temporal-month")
                // hospital-ward's data may not be redistributed: its fixture exists only where it was converted.
                && (!file.hasPrefix("hospital-ward") || FileManager.default.fileExists(atPath: Fixtures.root + "/hospital-ward/nodes.csv"))
        }.sorted()
    }()

    @Test("growth: the CSV agrees with the reference script, column by column", arguments: growthSeries)
    func growthReference(file: String) throws {
        var name = String(file.dropLast(4))
        var window: Int?
        if let range = name.range(of: "-window") {
            window = Int(name[range.upperBound...])
            name = String(name[..<range.lowerBound])
        }
        let period = try #require(PeriodLength(rawValue: String(name[name.index(after: name.lastIndex(of: "-")!)...])))
        let loaded = try Fixtures.load(String(name[..<name.lastIndex(of: "-")!]))
        let report = try GrowthReport(loaded, period: period, window: window,
                                      levels: HierarchyLevel.allCases.map { .hierarchy($0) }, options: .init())
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        try report.writeCSV(to: dir + "/growth.csv")
        let ours = try Self.rows(dir + "/growth.csv")
        let golden = try Self.rows(Fixtures.root + "/goldens/growth/" + file)
        #expect(Array(ours[0].prefix(15)) == Array(golden[0].prefix(15)), "the contract's columns first, in order")
        #expect(ours.count == golden.count && ours.count == 1 + report.rows.count)
        for (c, name) in golden[0].enumerated() {
            let mine = try #require(ours[0].firstIndex(of: name), "column \(name)")
            for (r, (a, b)) in zip(ours.dropFirst(), golden.dropFirst()).enumerated() {
                let same = a[mine] == b[c] || (Double(a[mine]).flatMap { x in Double(b[c]).map { agrees(x, $0, tolerance: 1e-9) } } ?? false)
                #expect(same, "\(file) row \(r) \(name): \(a[mine]) vs \(b[c])")
            }
        }
    }

    @Test("growth: JSON holds the CSV's rows")
    func growth() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let report = try GrowthReport(loaded, period: .month, window: nil,
                                      levels: HierarchyLevel.allCases.map { .hierarchy($0) }, options: .init())
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        try report.writeCSV(to: dir + "/growth.csv")
        try report.writeJSON(to: dir + "/growth.json")
        let ours = try Self.rows(dir + "/growth.csv")
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/growth.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(json.map { $0["period_start"] as? String } == ours.dropFirst().map { $0[0] })
        #expect(json.map { $0["ties"] as? Int } == report.rows.map { $0.ties })
    }

    @Test("demo: the example community is written into the output folder, the same members as the fixture")
    func demoWritesExample() throws {
        let dir = try Scratch.dataset([:])
        defer { Scratch.remove(dir) }
        let written = try DemoRun.writeExample(into: dir)
        #expect(written == dir + "/example-community" && DatasetReader.isDataset(written))
        let loaded = try GraphLoader.load(written, options: LoadOptions())
        let fixture = try Fixtures.load("example-community")
        #expect(loaded.labels.labels == fixture.labels.labels && loaded.graph.edgeCount == fixture.graph.edgeCount)
    }
}
