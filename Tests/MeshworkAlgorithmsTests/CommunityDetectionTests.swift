import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// The three detection methods behind one signature, for tests that every method must pass.
enum Detector: String, CaseIterable, CustomStringConvertible {
    case louvain, leiden, labelPropagation
    var description: String { rawValue }

    func run(_ graph: CSRGraph, seed: UInt64 = 1, order: [Int32]? = nil) -> CommunityResult {
        switch self {
        case .louvain: return Louvain(seed: seed).run(graph, order: order)
        case .leiden: return Leiden(seed: seed).run(graph, order: order)
        case .labelPropagation: return LabelPropagation(seed: seed).run(graph, order: order)
        }
    }
}

/// `count` cliques of `size` vertices, clique i joined to clique i+1 by one edge.
func ringOfCliques(count: Int, size: Int) -> CSRGraph {
    var edges = EdgeBuffer(weighted: false)
    for c in 0..<count {
        for i in 0..<size { for j in (i + 1)..<size { edges.append(Int32(c * size + i), Int32(c * size + j)) } }
        edges.append(Int32(c * size), Int32(((c + 1) % count) * size + 1))
    }
    return edges.build(vertexCount: count * size, directed: false).graph
}

/// Whether two partitions are equal up to the numbering of their groups.
func samePartition(_ a: [Int32], _ b: [Int32]) -> Bool {
    guard a.count == b.count else { return false }
    var forward: [Int32: Int32] = [:], backward: [Int32: Int32] = [:]
    for (x, y) in zip(a, b) {
        if forward[x, default: y] != y || backward[y, default: x] != x { return false }
        forward[x] = y
        backward[y] = x
    }
    return true
}

/// Whether every group of `partition` induces a connected subgraph of `graph`.
func groupsConnected(_ partition: Partition, in graph: CSRGraph) -> Bool {
    let members = partition.members
    for g in 0..<partition.groupCount {
        var keep = [Bool](repeating: false, count: graph.vertexCount)
        for v in members.vertices[Int(members.offsets[g])..<Int(members.offsets[g + 1])] { keep[Int(v)] = true }
        if ConnectedComponents().run(graph.induced(keeping: keep).graph).count != 1 { return false }
    }
    return true
}

@Suite("Community detection")
struct CommunityDetectionTests {
    @Test("finds planted cliques", arguments: Detector.allCases)
    func plantedCliques(detector: Detector) {
        let graph = ringOfCliques(count: 8, size: 6)
        let result = detector.run(graph)
        let expected = (0..<48).map { Int32($0 / 6) }
        #expect(samePartition(result.partition.group, expected))
        #expect(result.count == 8)
    }

    @Test("reports the modularity of the partition it returns, numbered by decreasing size",
          arguments: Detector.allCases, 0..<6)
    func consistent(detector: Detector, seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 700)
        let n = 1 + rng.below(120)
        let graph = spectralRandomGraph(n: n, edges: rng.below(5 * n), seed: UInt64(seed), weighted: seed % 2 == 1)
        let result = detector.run(graph, seed: UInt64(seed))
        #expect(agrees(result.quality, Modularity().run(graph, partition: result.partition).quality, tolerance: 1e-12))
        let sizes = result.partition.sizes
        #expect(sizes == sizes.sorted(by: >))
        #expect(result.partition.group.allSatisfy { $0 >= 0 })
    }

    @Test("same seed, same partition; the result depends on the graph as seen in `order` only",
          arguments: Detector.allCases, 0..<6)
    func orderInvariance(detector: Detector, seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 900)
        let n = 2 + rng.below(200)
        let graph = spectralRandomGraph(n: n, edges: 3 * n, seed: UInt64(seed) &+ 5, weighted: seed % 2 == 0)
        // Rename vertex v to permutation[v], as shuffling the input lines renames vertices.
        var permutation = (0..<Int32(n)).map { $0 }
        permutation.shuffle(using: &rng)
        let renamed = spectralRelabelled(graph, permutation)
        let order = (0..<Int32(n)).map { $0 }
        let first = detector.run(graph, seed: 3, order: order)
        #expect(first.partition == detector.run(graph, seed: 3, order: order).partition)
        let second = detector.run(renamed, seed: 3, order: order.map { permutation[Int($0)] })
        let pulledBack = (0..<n).map { second.partition.group[Int(permutation[$0])] }
        #expect(samePartition(first.partition.group, pulledBack))
        #expect(agrees(first.quality, second.quality, tolerance: 1e-12))
    }

    @Test("matches NetworkX Louvain's modularity on the fixtures (within 0.01)",
          arguments: Fixtures.manifest.filter { !$0.directed })
    func qualityOnFixtures(entry: Fixtures.Entry) throws {
        let graph = try Fixtures.load(entry).graph
        let reference = try CommunityGolden.load(entry.name).louvain.modularity["1.0"]!
        for detector in [Detector.louvain, .leiden] {
            let q = detector.run(graph, seed: 42).quality
            #expect(q >= reference - 0.01, "\(detector): \(q) against NetworkX \(reference)")
        }
    }

    @Test("weights decide the split")
    func weighted() {
        var edges = EdgeBuffer(weighted: true)
        for (u, v, w) in [(0, 1, 10.0), (1, 2, 1), (2, 3, 10), (3, 0, 1), (4, 5, 10), (5, 6, 1), (6, 7, 10), (7, 4, 1), (0, 4, 1)] {
            edges.append(Int32(u), Int32(v), weight: w)
        }
        let graph = edges.build(vertexCount: 8, directed: false).graph
        for detector in [Detector.louvain, .leiden] {
            let group = detector.run(graph).partition.group
            #expect(group[0] == group[1] && group[2] == group[3] && group[4] == group[5] && group[6] == group[7])
            #expect(group[1] != group[2] && group[5] != group[6], "\(detector)")
        }
    }

    @Test("isolated vertices stay alone; an edgeless graph is all singletons", arguments: Detector.allCases)
    func isolated(detector: Detector) {
        let empty = EdgeBuffer(weighted: false).build(vertexCount: 5, directed: false).graph
        let result = detector.run(empty)
        #expect(result.count == 5)
        #expect(result.quality == 0)
        var edges = EdgeBuffer(weighted: false)
        edges.append(0, 1)
        let graph = edges.build(vertexCount: 4, directed: false).graph
        let group = detector.run(graph).partition.group
        #expect(group[0] == group[1] && Set(group).count == 3)
    }
}

@Suite("Leiden")
struct LeidenTests {
    @Test("every community is connected", arguments: 0..<12)
    func connected(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 31)
        let n = 10 + rng.below(300)
        let graph = spectralRandomGraph(n: n, edges: (1 + rng.below(4)) * n / 2, seed: UInt64(seed), weighted: seed % 3 == 0)
        for quality in CommunityQuality.allCases {
            let resolution = quality == .cpm ? 0.05 : 1
            let result = Leiden(resolution: resolution, seed: UInt64(seed), quality: quality, iterations: -1).run(graph)
            #expect(groupsConnected(result.partition, in: graph), "\(quality)")
        }
    }

    @Test("CPM: the reported value is the partition's; higher resolution, smaller communities")
    func cpm() {
        let graph = ringOfCliques(count: 6, size: 5)
        let low = Leiden(resolution: 0.01, quality: .cpm).run(graph)
        let high = Leiden(resolution: 0.9, quality: .cpm).run(graph)
        #expect(low.quality == Modularity(quality: .cpm, resolution: 0.01).run(graph, partition: low.partition).quality)
        #expect(high.count == 6)
        #expect(low.count <= high.count)
    }

    @Test("iterating until stable never lowers the modularity of two iterations", arguments: 0..<4)
    func iterations(seed: Int) {
        let graph = spectralRandomGraph(n: 400, edges: 1600, seed: UInt64(seed) &+ 77)
        let two = Leiden(seed: UInt64(seed)).run(graph)
        let stable = Leiden(seed: UInt64(seed), iterations: -1).run(graph)
        #expect(stable.quality >= two.quality - 1e-12)
        #expect(stable.iterations >= two.iterations)
    }
}

@Suite("LabelPropagation")
struct LabelPropagationTests {
    @Test("stops where every vertex holds a label of largest weight among its neighbours", arguments: 0..<8)
    func converged(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 61)
        let n = 20 + rng.below(400)
        let graph = spectralRandomGraph(n: n, edges: (2 + rng.below(6)) * n / 2, seed: UInt64(seed), weighted: seed % 2 == 1)
        let result = LabelPropagation(seed: UInt64(seed)).run(graph)
        #expect(result.iterations < 100)
        let label = result.partition.group
        for v in 0..<n where graph.degree(Int32(v)) > 0 {
            var weight: [Int32: Double] = [:]
            for p in graph.row(Int32(v)) { weight[label[Int(graph.targets[p])], default: 0] += graph.weights?[p] ?? 1 }
            #expect(weight[label[v], default: 0] == weight.values.max()!, "vertex \(v)")
        }
    }
}
