import MeshworkCore
import MeshworkIO
import MeshworkTestSupport

/// The per-member broker goldens (``Fixtures/BrokerCase``), loaded for the StructuralHoles,
/// Brokerage and ModuleRoles tests.
typealias BrokerGolden = Fixtures.BrokerCase

extension Fixtures.BrokerCase {
    /// The member network, its labels and the level's partition.
    func load() throws -> (graph: CSRGraph, labels: LabelTable, partition: Partition, golden: Fixtures.Golden) {
        let loaded = try Fixtures.load(input, directed: directed, weighted: weighted)
        let community = loaded.community!
        let partition: Partition
        if level.hasPrefix("attribute:") {
            partition = community.partition(attribute: String(level.dropFirst("attribute:".count)))!
        } else {
            partition = community.partition(HierarchyLevel(rawValue: level)!)
        }
        let golden = try Fixtures.golden(name)
        precondition(loaded.labels.labels == golden.column("id"), "node order of \(name)")
        return (loaded.graph, loaded.labels, partition, golden)
    }
}

/// A golden cell as a number: "nan" is NaN, an empty cell is NaN too.
func goldenNumber(_ cell: String) -> Double {
    cell.isEmpty ? .nan : Double(cell)!
}

/// Whether two values agree to `tolerance` relative, NaN matching NaN.
func agreesOrBothNaN(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    (a.isNaN && b.isNaN) || agrees(a, b, tolerance: tolerance)
}

/// A random simple graph on `n` vertices with about `m` edges (self-loops and duplicates dropped),
/// weights in [0.5, 3) when `weighted`, and random groups (about one vertex in eight unknown).
func randomGraph(seed: UInt64, n: Int, m: Int, directed: Bool, weighted: Bool, groups: Int)
    -> (graph: CSRGraph, partition: Partition) {
    var rng = SplitMix64(seed: seed)
    var edges = EdgeBuffer(weighted: weighted, capacity: m)
    for _ in 0..<m {
        let u = Int32(rng.below(n)), v = Int32(rng.below(n))
        edges.append(u, v, weight: weighted ? 0.5 + 2.5 * rng.unit() : 1)
    }
    let graph = edges.build(vertexCount: n, directed: directed).graph
    let group = (0..<n).map { _ in rng.below(8) == 0 ? Partition.unknown : Int32(rng.below(groups)) }
    return (graph, Partition(groups: group, names: (0..<groups).map(String.init)))
}
