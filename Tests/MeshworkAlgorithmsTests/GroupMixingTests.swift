import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

struct BoundaryGolden: Decodable {
    var groups: Int
    var known_members: Int
    var ties_inside: Int
    var ties_across: Int
    var unassigned_ties: Int
    var ei_index: Double?
    var expected_ei_index: Double?
    var expected_ei_tolerance: Double?
    var permutations: Int
    var cross_share: Double?
    var assortativity: Double?
}

/// Whether `value` matches a golden field: both undefined (NaN / empty), or agreeing.
func matchesField(_ value: Double, _ field: String, tolerance: Double = 1e-12) -> Bool {
    field.isEmpty ? value.isNaN : agrees(value, Double(field)!, tolerance: tolerance)
}

@Suite("GroupMixing")
struct GroupMixingTests {
    static let cases: [(name: String, dataset: String, level: String, weighted: Bool)] = [
        ("krackhardt-managers-organisation", "krackhardt-managers", "organisation", false),
        ("lazega-lawyers-organisation", "lazega-lawyers", "organisation", false),
        ("lazega-lawyers-practice", "lazega-lawyers", "attribute:practice", false),
        ("email-eu-core-organisation", "email-eu-core", "organisation", false),
        ("email-eu-core-organisation-weighted", "email-eu-core", "organisation", true),
        ("workplace-invs15-organisation-weighted", "workplace-invs15", "organisation", true),
        ("example-community-organisation", "example-community", "organisation", false),
        ("example-community-region", "example-community", "region", false),
        ("example-community-partner-weighted", "example-community", "partner", true),
        ("example-community-profession", "example-community", "attribute:profession", false),
        ("school-like-organisation", "school-like", "organisation", false),
        ("school-like-gender", "school-like", "attribute:gender", false),
    ]

    /// Observed figures agree at 1e-12; the expected E-I indices (the formula) agree with the
    /// script's permutation simulation (20,000 label shuffles) within its stated tolerance, 4
    /// standard errors of the simulated ratio of mean counts.
    @Test("agrees with the reference script, group by group", arguments: cases.indices)
    func golden(index: Int) throws {
        let c = Self.cases[index]
        let loaded = try Fixtures.load(c.dataset, weighted: c.weighted)
        let partition = try #require(BoundaryLevel(c.level)!.partition(
            community: loaded.community, attributes: ([], []), graph: loaded.graph, order: [], seed: 1))
        let m = GroupMixing().run(loaded.graph, partitions: [partition])[0]
        let golden = try Fixtures.golden("\(c.name).boundaries")
        #expect(partition.names == golden.column("group"))
        #expect(m.members.map(String.init) == golden.column("members"))
        #expect(m.internalTies.map(String.init) == golden.column("internal_ties"))
        #expect(m.externalTies.map(String.init) == golden.column("external_ties"))
        for (values, column) in [(m.internalWeight, "internal_weight"), (m.externalWeight, "external_weight"),
                                 (m.eiIndex, "ei_index"), (m.internalDensity, "density")] {
            for (g, field) in golden.column(column).enumerated() {
                #expect(matchesField(values[g], field), "\(column) of \(partition.names[g]): \(values[g]) vs \(field)")
            }
        }
        let tolerances = golden.column("expected_ei_tolerance")
        for (g, field) in golden.column("expected_ei_index").enumerated() {
            let simulated = try #require(Double(field)), tolerance = try #require(Double(tolerances[g]))
            #expect(abs(m.expectedEIIndex[g] - simulated) <= tolerance + 1e-12,
                    "expected E-I of \(partition.names[g]): formula \(m.expectedEIIndex[g]), simulated \(simulated) ± \(tolerance)")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/goldens/\(c.name).boundaries.json"))
        let network = try JSONDecoder().decode(BoundaryGolden.self, from: data)
        #expect(m.groupCount == network.groups)
        #expect(m.knownMembers == network.known_members)
        #expect(m.totalInternal == network.ties_inside && m.totalExternal == network.ties_across)
        #expect(m.unassignedTies == network.unassigned_ties)
        for (value, expected) in [(m.networkEI, network.ei_index), (m.crossShare, network.cross_share),
                                  (m.assortativity, network.assortativity)] {
            #expect(expected.map { agrees(value, $0, tolerance: 1e-12) } ?? value.isNaN, "\(value) vs \(String(describing: expected))")
        }
        #expect(network.permutations >= 10_000)
        let simulated = try #require(network.expected_ei_index), tolerance = try #require(network.expected_ei_tolerance)
        #expect(abs(m.expectedNetworkEI - simulated) <= tolerance + 1e-12,
                "network expected E-I: formula \(m.expectedNetworkEI), simulated \(simulated) ± \(tolerance)")
    }

    @Test("all levels from one pass equal each level alone; brute force on random graphs", arguments: 0..<8)
    func properties(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 500)
        let n = 2 + rng.below(80)
        let graph = spectralRandomGraph(n: n, edges: rng.below(4 * n), seed: UInt64(seed), directed: seed % 4 == 3,
                                        weighted: seed % 2 == 1)
        let partitions = (0..<3).map { _ in
            let groups = 1 + rng.below(6)
            return Partition(groups: (0..<n).map { _ in rng.below(8) == 0 ? -1 : Int32(rng.below(groups)) },
                             names: (0..<groups).map { "g\($0)" })
        }
        let together = GroupMixing().run(graph, partitions: partitions)
        // Unweighted, the group pairs are counted by sorting; with unit weights, merged by the edge
        // buffer: the same pairs, counts and weights.
        let plain = CSRGraph(isDirected: graph.isDirected, offsets: graph.offsets, targets: graph.targets, weights: nil)
        let unit = CSRGraph(isDirected: graph.isDirected, offsets: graph.offsets, targets: graph.targets,
                            weights: [Double](repeating: 1, count: graph.targets.count))
        let plainPairs = GroupMixing().run(plain, partitions: partitions).map(\.pairs)
        #expect(plainPairs == GroupMixing().run(unit, partitions: partitions).map(\.pairs))
        #expect(plainPairs.allSatisfy { pairs in zip(pairs, pairs.dropFirst()).allSatisfy { ($0.a, $0.b) < ($1.a, $1.b) } })
        for (level, partition) in partitions.enumerated() {
            let alone = GroupMixing().run(graph, partitions: [partition])[0]
            #expect(alone.internalTies == together[level].internalTies && alone.externalTies == together[level].externalTies)
            var inside = [Int](repeating: 0, count: partition.groupCount)
            var across = inside
            var pairTies = 0
            for u in 0..<n {
                for p in graph.row(Int32(u)) {
                    let v = Int(graph.targets[p])
                    if !graph.isDirected && v < u { continue }
                    let (a, b) = (partition.group[u], partition.group[v])
                    guard a >= 0 && b >= 0 else { continue }
                    if a == b { inside[Int(a)] += 1 } else { across[Int(a)] += 1; across[Int(b)] += 1; pairTies += 1 }
                }
            }
            #expect(alone.internalTies == inside && alone.externalTies == across)
            #expect(alone.pairs.reduce(0) { $0 + $1.ties } == pairTies)
            if !alone.assortativity.isNaN { #expect(alone.assortativity <= 1 + 1e-12 && alone.assortativity >= -1 - 1e-12) }
        }
    }

    @Test("two cliques joined by one tie")
    func byHand() {
        var edges = EdgeBuffer(weighted: false)
        for (u, v) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)] { edges.append(Int32(u), Int32(v)) }
        let graph = edges.build(vertexCount: 6, directed: false).graph
        let m = GroupMixing().run(graph, partitions: [Partition(groups: [0, 0, 0, 1, 1, 1])])[0]
        #expect(m.internalTies == [3, 3] && m.externalTies == [1, 1])
        #expect(m.eiIndex == [-0.5, -0.5])
        #expect(m.expectedEIIndex == [0.5, 0.5])   // (2 (6 - 3) - 2) / (2 (6 - 3) + 2)
        #expect(m.internalDensity == [1, 1])
        #expect(m.networkEI == (1.0 - 6) / 7)
        #expect(agrees(m.expectedNetworkEI, (9.0 - 6) / 15, tolerance: 1e-15))
        // Mixing matrix e = [[6, 1], [1, 6]] / 14: r = (12/14 − 1/2) / (1 − 1/2).
        #expect(agrees(m.assortativity, (12.0 / 14 - 0.5) / 0.5, tolerance: 1e-15))
        let ties = BoundaryTies().run(graph, partition: Partition(groups: [0, 0, 0, 1, 1, 1]), bridges: CutStructure().run(graph).bridges)
        #expect(ties.count == 1 && ties.source == [2] && ties.target == [3])
        #expect(ties.isBridge == [true] && ties.isSoleTie == [true])
    }

    @Test("expected E-I = ratio of the mean counts over every assignment of the labels", arguments: 0..<6)
    func expectedByEnumeration(seed: Int) {
        // Seven members, groups of sizes 3, 2 and 1 and one unknown member: all 7!/(3! 2! 1! 1!) = 420
        // distinct assignments of the labels to the members, each equally likely.
        var rng = SplitMix64(seed: UInt64(seed) &+ 77)
        let n = 7
        let graph = spectralRandomGraph(n: n, edges: 6 + rng.below(12), seed: UInt64(seed), directed: seed % 3 == 2,
                                        weighted: false)
        var labels: [Int32] = [0, 0, 0, 1, 1, 2, -1]
        var assignments: Set<[Int32]> = []
        var inside = [Double](repeating: 0, count: 3), across = inside
        var networkInside = 0.0, networkAcross = 0.0
        func visit(_ k: Int) {
            if k == n {
                guard assignments.insert(labels).inserted else { return }
                let m = GroupMixing().run(graph, partitions: [Partition(groups: labels, names: ["a", "b", "c"])])[0]
                for g in 0..<3 { inside[g] += Double(m.internalTies[g]); across[g] += Double(m.externalTies[g]) }
                networkInside += Double(m.totalInternal)
                networkAcross += Double(m.totalExternal)
                return
            }
            for i in k..<n {
                labels.swapAt(k, i)
                visit(k + 1)
                labels.swapAt(k, i)
            }
        }
        visit(0)
        #expect(assignments.count == 420)
        let m = GroupMixing().run(graph, partitions: [Partition(groups: [0, 0, 0, 1, 1, 2, -1], names: ["a", "b", "c"])])[0]
        for g in 0..<3 where inside[g] + across[g] > 0 {
            let ratio = (across[g] - inside[g]) / (across[g] + inside[g])
            #expect(abs(m.expectedEIIndex[g] - ratio) < 1e-12, "group \(g): \(m.expectedEIIndex[g]) vs \(ratio)")
        }
        if networkInside + networkAcross > 0 {
            let ratio = (networkAcross - networkInside) / (networkAcross + networkInside)
            #expect(abs(m.expectedNetworkEI - ratio) < 1e-12)
        }
    }

    @Test("crossing ties: sole ties, bridges, ranking by edge betweenness")
    func crossingTies() {
        // Groups A = {0,1}, B = {2,3}, C = {4}: A-B tied twice (0-2, 1-3, in a cycle), B-C once (3-4).
        var edges = EdgeBuffer(weighted: false)
        for (u, v) in [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4)] { edges.append(Int32(u), Int32(v)) }
        let graph = edges.build(vertexCount: 5, directed: false).graph
        let partition = Partition(groups: [0, 0, 1, 1, 2])
        let cut = CutStructure().run(graph)
        let ties = BoundaryTies().run(graph, partition: partition, bridges: cut.bridges)
        #expect(ties.source == [0, 1, 3] && ties.target == [2, 3, 4])
        #expect(ties.isSoleTie == [false, false, true])
        #expect(ties.isBridge == [false, false, true])
        let ranked = BoundaryTies().run(graph, partition: partition, bridges: cut.bridges,
                                        edgeBetweenness: EdgeBetweenness(threads: 1).run(graph).scores)
        #expect(ranked.source.first == 3 && ranked.target.first == 4, "the bridge carries the most paths")
        #expect(ranked.betweenness == ranked.betweenness?.sorted(by: >))
    }
}
