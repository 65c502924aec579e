import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("PartitionComparison")
struct PartitionComparisonTests {
    //  a: {0 1 2} {3 4 5}     b: {0 1} {2 3} {4 5}
    //  cells (0,0)=2 (0,1)=1 (1,1)=1 (1,2)=2; rows 3,3; columns 2,2,2; n = 6
    //  I = (2/6) ln 2 + (2/6) ln 2 = (2/3) ln 2; H(a) = ln 2; H(b) = ln 3
    //  ARI: index 2, A = 6, B = 3, E = 18/15, max 4.5  ->  (2 - 1.2) / (4.5 - 1.2) = 8/33
    @Test("hand-computed values")
    func handComputed() {
        let c = PartitionComparison().run(Partition(groups: [0, 0, 0, 1, 1, 1]), Partition(groups: [0, 0, 1, 1, 2, 2]))
        #expect(c.vertices == 6)
        #expect(c.groupsA == 2 && c.groupsB == 3)
        #expect(agrees(c.mutualInformation, 2.0 / 3.0 * log(2.0), tolerance: 1e-15))
        #expect(agrees(c.entropyA, log(2.0), tolerance: 1e-15))
        #expect(agrees(c.entropyB, log(3.0), tolerance: 1e-15))
        #expect(agrees(c.normalizedMutualInformation, 4 * log(2.0) / (3 * log(6.0)), tolerance: 1e-15))
        #expect(agrees(c.adjustedRandIndex, 8.0 / 33.0, tolerance: 1e-15))
    }

    //  a: {0 1} {2 3}   b: {0 2} {1 3}: independent. I = 0; ARI: index 0, A = B = 2, E = 4/6, max 2
    @Test("independent partitions: NMI 0, ARI -1/2")
    func independent() {
        let c = PartitionComparison().run(Partition(groups: [0, 0, 1, 1]), Partition(groups: [0, 1, 0, 1]))
        #expect(c.normalizedMutualInformation == 0)
        #expect(agrees(c.adjustedRandIndex, -0.5, tolerance: 1e-15))
    }

    @Test("unknown vertices in either partition are left out")
    func unknowns() {
        let a = Partition(groups: [0, 0, -1, 1, 2, 2, 1])
        let b = Partition(groups: [3, 3, 0, -1, 1, 1, 2])
        let c = PartitionComparison().run(a, b)
        #expect(c.vertices == 5)
        // The same as comparing only vertices 0, 1, 4, 5, 6.
        let d = PartitionComparison().run(Partition(groups: [0, 0, 2, 2, 1]), Partition(groups: [3, 3, 1, 1, 2]))
        #expect(c == d)
        #expect(c.normalizedMutualInformation == 1)
        #expect(c.adjustedRandIndex == 1)
    }

    @Test("one group each: both entropies 0, NMI and ARI 1; nothing compared: NaN")
    func degenerate() {
        let one = PartitionComparison().run(Partition(groups: [0, 0, 0]), Partition(groups: [4, 4, 4]))
        #expect(one.entropyA == 0 && one.entropyB == 0)
        #expect(one.normalizedMutualInformation == 1 && one.adjustedRandIndex == 1)
        let singletons = PartitionComparison().run(Partition(groups: [0, 1, 2]), Partition(groups: [2, 0, 1]))
        #expect(singletons.normalizedMutualInformation == 1 && singletons.adjustedRandIndex == 1)
        let single = PartitionComparison().run(Partition(groups: [0]), Partition(groups: [0]))
        #expect(single.vertices == 1 && single.adjustedRandIndex == 1)
        let none = PartitionComparison().run(Partition(groups: [0, -1]), Partition(groups: [-1, 0]))
        #expect(none.vertices == 0)
        #expect(none.normalizedMutualInformation.isNaN && none.adjustedRandIndex.isNaN)
        let empty = PartitionComparison().run(Partition(groups: []), Partition(groups: []))
        #expect(empty.vertices == 0 && empty.adjustedRandIndex.isNaN)
    }

    /// A seeded random partition of `n` vertices into at most `groups` groups, some unknown.
    static func random(_ rng: inout SplitMix64, n: Int, groups: Int, unknownShare: Double = 0) -> Partition {
        Partition(groups: (0..<n).map { _ in rng.unit() < unknownShare ? -1 : Int32(rng.below(groups)) })
    }

    /// `p` with its group labels permuted by a seeded shuffle (and spread over a larger range).
    static func relabelled(_ p: Partition, _ rng: inout SplitMix64) -> Partition {
        var labels = (0..<Int32(p.groupCount + 3)).map { $0 }
        labels.shuffle(using: &rng)
        return Partition(groups: p.group.map { $0 < 0 ? -1 : labels[Int($0)] })
    }

    @Test("identical partitions: NMI 1 and ARI 1, also after relabelling", arguments: 0..<20)
    func identical(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let p = Self.random(&rng, n: 1 + rng.below(500), groups: 1 + rng.below(40), unknownShare: 0.1)
        let same = PartitionComparison().run(p, p)
        let relabelled = PartitionComparison().run(p, Self.relabelled(p, &rng))
        for c in [same, relabelled] where c.vertices > 0 {
            #expect(agrees(c.normalizedMutualInformation, 1, tolerance: 1e-12))
            #expect(agrees(c.adjustedRandIndex, 1, tolerance: 1e-12))
        }
        if same.vertices > 0 { #expect(same.normalizedMutualInformation == 1) }
    }

    @Test("random partitions: NMI in [0, 1], ARI <= 1, symmetric, labels do not matter", arguments: 0..<40)
    func properties(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.below(800)
        let a = Self.random(&rng, n: n, groups: 1 + rng.below(30), unknownShare: seed % 2 == 0 ? 0 : 0.2)
        let b = Self.random(&rng, n: n, groups: 1 + rng.below(30), unknownShare: seed % 3 == 0 ? 0.1 : 0)
        let ab = PartitionComparison().run(a, b), ba = PartitionComparison().run(b, a)
        guard ab.vertices > 0 else { return }
        #expect(ab.normalizedMutualInformation >= 0 && ab.normalizedMutualInformation <= 1)
        #expect(ab.adjustedRandIndex <= 1 + 1e-12)
        #expect(ab.mutualInformation <= min(ab.entropyA, ab.entropyB) + 1e-12)
        #expect(agrees(ab.normalizedMutualInformation, ba.normalizedMutualInformation, tolerance: 1e-12))
        #expect(ab.adjustedRandIndex == ba.adjustedRandIndex)
        #expect(ab.vertices == ba.vertices)
        let permuted = PartitionComparison().run(Self.relabelled(a, &rng), Self.relabelled(b, &rng))
        #expect(agrees(ab.normalizedMutualInformation, permuted.normalizedMutualInformation, tolerance: 1e-12))
        #expect(agrees(ab.adjustedRandIndex, permuted.adjustedRandIndex, tolerance: 1e-12))
    }

    @Test("a refinement of a partition: NMI and ARI strictly between 0 and 1")
    func refinement() {
        let coarse = Partition(groups: (0..<100).map { Int32($0 / 20) })
        let fine = Partition(groups: (0..<100).map { Int32($0 / 10) })
        let c = PartitionComparison().run(coarse, fine)
        #expect(c.mutualInformation == c.entropyA || agrees(c.mutualInformation, c.entropyA, tolerance: 1e-15))
        #expect(c.normalizedMutualInformation > 0.8 && c.normalizedMutualInformation < 1)
        #expect(c.adjustedRandIndex > 0 && c.adjustedRandIndex < 1)
    }

    struct GoldenCase: Decodable, CustomStringConvertible, Sendable {
        var name: String
        var vertices: Int
        var groups_a: Int
        var groups_b: Int
        var nmi: Double
        var ari: Double
        var description: String { name }
    }

    static let goldenCases: [GoldenCase] = {
        let url = URL(fileURLWithPath: Fixtures.root + "/goldens/partition-comparison.json")
        return try! JSONDecoder().decode([GoldenCase].self, from: Data(contentsOf: url))
    }()

    /// Group names interned to indices in order of first appearance; empty = unknown.
    static func partition(_ names: [String]) -> Partition {
        var seen: [String: Int32] = [:]
        return Partition(groups: names.map { name in
            if name.isEmpty { return Partition.unknown }
            if let g = seen[name] { return g }
            seen[name] = Int32(seen.count)
            return Int32(seen.count - 1)
        })
    }

    @Test("agrees with the textbook formulas on real partitions (make_partition_goldens.py)",
          arguments: goldenCases)
    func goldens(_ golden: GoldenCase) throws {
        let table = try Fixtures.golden("partition-\(golden.name)")
        let c = PartitionComparison().run(Self.partition(table.column("a")), Self.partition(table.column("b")))
        #expect(c.vertices == golden.vertices)
        #expect(c.groupsA == golden.groups_a && c.groupsB == golden.groups_b)
        #expect(agrees(c.normalizedMutualInformation, golden.nmi, tolerance: 1e-12))
        #expect(agrees(c.adjustedRandIndex, golden.ari, tolerance: 1e-12))
    }
}
