import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("MixingPermutationTest")
struct MixingPermutationTests {
    /// An Erdős–Rényi graph on `n` vertices with edge probability `p`, and random groups (some
    /// unknown), from `seed`: groups unrelated to the ties, so the p-values spread over (0, 1].
    static func randomCase(n: Int, p: Double, groups: Int, seed: UInt64) -> (CSRGraph, Partition) {
        var rng = SplitMix64(seed: seed)
        var edges: [(Int32, Int32)] = []
        for u in 0..<n { for v in (u + 1)..<n where rng.unit() < p { edges.append((Int32(u), Int32(v))) } }
        let graph = EdgeBuffer(edges: edges).build(vertexCount: n, directed: false).graph
        let labels = (0..<n).map { _ in rng.below(10) == 0 ? Partition.unknown : Int32(rng.below(groups)) }
        return (graph, Partition(groups: labels, names: (0..<groups).map { "g\($0)" }))
    }

    /// An independent simulation: shuffles the known labels with Swift's `shuffle(using:)`, measures
    /// each permuted partition with ``GroupMixing`` and counts, with expected values written out here.
    static func simulate(_ graph: CSRGraph, _ partition: Partition, permutations: Int, seed: UInt64)
        -> (groups: [Double], level: Double, meanInside: Double, expectedInside: Double) {
        let observed = GroupMixing().run(graph, partitions: [partition])[0]
        let known = partition.group.indices.filter { partition.group[$0] >= 0 }
        let total = Double(known.count)
        let expected = observed.members.map { n -> Double in
            let n = Double(n)
            return (2 * (total - n) - (n - 1)) / (2 * (total - n) + (n - 1))
        }
        let ties = Double(observed.totalInternal + observed.totalExternal)
        let expectedInside = ties * observed.members.reduce(0.0) { $0 + Double($1 * ($1 - 1)) } / (total * (total - 1))
        var rng = SplitMix64(seed: seed &+ 0x5EED)
        var counts = [Int](repeating: 0, count: partition.groupCount)
        var levelCount = 0
        var insideSum = 0.0
        for _ in 0..<permutations {
            let labels = known.map { partition.group[$0] }.shuffled(using: &rng)
            var group = [Int32](repeating: Partition.unknown, count: partition.vertexCount)
            for (i, v) in known.enumerated() { group[v] = labels[i] }
            let m = GroupMixing().run(graph, partitions: [Partition(groups: group, names: partition.names)])[0]
            for (g, ei) in m.eiIndex.enumerated() where !ei.isNaN {
                if abs(ei - expected[g]) >= abs(observed.eiIndex[g] - expected[g]) - 1e-12 { counts[g] += 1 }
            }
            if abs(Double(m.totalInternal) - expectedInside) >= abs(Double(observed.totalInternal) - expectedInside) - 1e-9 {
                levelCount += 1
            }
            insideSum += Double(m.totalInternal)
        }
        let k = Double(permutations + 1)
        return (counts.enumerated().map { observed.eiIndex[$0.offset].isNaN ? .nan : Double($0.element + 1) / k },
                Double(levelCount + 1) / k, insideSum / Double(permutations), expectedInside)
    }

    static func check(_ graph: CSRGraph, _ partition: Partition, permutations: Int) {
        let test = MixingPermutationTest(permutations: permutations, seed: 11, threads: 2).run(graph, partition: partition)
        let reference = simulate(graph, partition, permutations: permutations, seed: 23)
        // Two independent estimates of one p: their difference has a standard deviation of at most
        // sqrt(2 · 0.25 / K) (0.016 for K = 2000); allow about 4 of them.
        let allowed = 4 * (0.5 / Double(permutations)).squareRoot()
        for g in 0..<partition.groupCount {
            let (p, q) = (test.groupPValue[g], reference.groups[g])
            #expect(p.isNaN == q.isNaN)
            if !p.isNaN { #expect(abs(p - q) <= allowed, "group \(partition.names[g]): \(p) vs \(q)") }
        }
        #expect(abs(test.levelPValue - reference.level) <= allowed, "level: \(test.levelPValue) vs \(reference.level)")
        #expect(abs(test.expectedInternalTies - reference.expectedInside) <= 1e-9 * max(1, reference.expectedInside))
        // The expectation is that of the simulation's mean (within 5 standard errors of a binomial-like count).
        #expect(abs(reference.meanInside - reference.expectedInside)
                <= 5 * (reference.expectedInside / Double(permutations)).squareRoot() + 1e-9)
    }

    @Test("agrees with an independent simulation on random groups (p-values spread over (0, 1])")
    func randomGroups() {
        let (graph, partition) = Self.randomCase(n: 80, p: 0.08, groups: 4, seed: 3)
        let test = MixingPermutationTest(permutations: 500, seed: 1, threads: 1).run(graph, partition: partition)
        // The case is only a test of agreement if some p-values are far from 0 and 1.
        #expect(test.groupPValue.contains { $0 > 0.1 && $0 < 0.9 })
        Self.check(graph, partition, permutations: 2000)
    }

    @Test("agrees with an independent simulation on the Lazega lawyers by practice and by office")
    func lazega() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        for level in ["attribute:practice", "organisation"] {
            let partition = try #require(BoundaryLevel(level)!.partition(
                community: loaded.community, attributes: ([], []), graph: loaded.graph, order: [], seed: 1))
            Self.check(loaded.graph, partition, permutations: 1000)
        }
    }

    @Test("agrees with an independent simulation on email-Eu-core by department and a school by class and gender",
          arguments: [("email-eu-core", "organisation"), ("school-like", "organisation"), ("school-like", "attribute:gender")])
    func realSizes(dataset: String, level: String) throws {
        let loaded = try Fixtures.load(dataset)
        let partition = try #require(BoundaryLevel(level)!.partition(
            community: loaded.community, attributes: (loaded.attributeNames, loaded.attributeValues),
            graph: loaded.graph, order: [], seed: 1))
        Self.check(loaded.graph, partition, permutations: 300)
    }

    @Test("the same p-values on 1 and 2 threads, and for any block split of K")
    func threads() {
        let (graph, partition) = Self.randomCase(n: 60, p: 0.1, groups: 3, seed: 5)
        for k in [1, 63, 130] {
            let one = MixingPermutationTest(permutations: k, seed: 9, threads: 1).run(graph, partition: partition)
            let two = MixingPermutationTest(permutations: k, seed: 9, threads: 2).run(graph, partition: partition)
            #expect(one == two)
            for p in one.groupPValue + [one.levelPValue] where !p.isNaN { #expect(p > 0 && p <= 1) }
            for p in one.groupPValue + [one.levelPValue] where !p.isNaN {
                // (r + 1) / (K + 1): a multiple of 1 / (K + 1).
                let r = p * Double(k + 1)
                #expect(abs(r - r.rounded()) < 1e-9)
            }
        }
        let other = MixingPermutationTest(permutations: 130, seed: 10, threads: 1).run(graph, partition: partition)
        let base = MixingPermutationTest(permutations: 130, seed: 9, threads: 1).run(graph, partition: partition)
        #expect(other.groupPValue != base.groupPValue || other.levelPValue != base.levelPValue)
    }

    @Test("two cliques joined by one tie: the observed split is the most extreme, p = 1 / (K + 1)")
    func extreme() {
        // Cliques of 8 and 12 members, each a group; one tie between them.
        var edges: [(Int32, Int32)] = []
        for u in 0..<8 { for v in (u + 1)..<8 { edges.append((Int32(u), Int32(v))) } }
        for u in 8..<20 { for v in (u + 1)..<20 { edges.append((Int32(u), Int32(v))) } }
        edges.append((0, 8))
        let graph = EdgeBuffer(edges: edges).build(vertexCount: 20, directed: false).graph
        let partition = Partition(groups: (0..<20).map { $0 < 8 ? 0 : 1 })
        let test = MixingPermutationTest(permutations: 99, seed: 4, threads: 2).run(graph, partition: partition)
        #expect(test.groupPValue == [0.01, 0.01])
        #expect(test.levelPValue == 0.01)
        #expect(test.expectedGroupEI[0] == Double(2 * 12 - 7) / Double(2 * 12 + 7))
        // Groups at chance: a group whose E-I equals its expectation gets p = 1.
        let single = Partition(groups: (0..<20).map { $0 == 0 ? 0 : 1 })
        let chance = MixingPermutationTest(permutations: 20, seed: 4).run(graph, partition: single)
        #expect(chance.groupPValue[0] == 1)   // one member: E-I is 1, as expected
    }

    @Test("no tie between known members: undefined p-values")
    func undefined() {
        let graph = EdgeBuffer(edges: [(0, 1)]).build(vertexCount: 3, directed: false).graph
        let test = MixingPermutationTest(permutations: 5, seed: 1).run(graph, partition: Partition(groups: [0, -1, 1]))
        #expect(test.levelPValue.isNaN)
        #expect(test.groupPValue.allSatisfy { $0.isNaN })
    }

    @Test("one group with members (and an empty one): nothing to shuffle, undefined p-values")
    func oneGroup() {
        let graph = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3)]).build(vertexCount: 4, directed: false).graph
        let test = MixingPermutationTest(permutations: 50, seed: 1)
            .run(graph, partition: Partition(groups: [0, 0, 0, -1], names: ["a", "b"]))
        #expect(test.levelPValue.isNaN)
        #expect(test.groupPValue.allSatisfy { $0.isNaN })
        let two = MixingPermutationTest(permutations: 50, seed: 1).run(graph, partition: Partition(groups: [0, 0, 1, -1]))
        #expect(!two.levelPValue.isNaN)
    }
}
