@testable import MeshworkAlgorithms
import MeshworkCore
import Testing

@Suite("Louvain local moving")
struct LouvainLocalMovingTests {
    /// A planted partition: `groups` groups of `size` vertices, ties inside with probability
    /// `inside`, across with `across`.
    static func planted(groups: Int, size: Int, inside: Double, across: Double, seed: UInt64) -> CSRGraph {
        var rng = SplitMix64(seed: seed)
        let n = groups * size
        var edges: [(Int32, Int32)] = []
        for u in 0..<n {
            for v in (u + 1)..<n where rng.unit() < (u / size == v / size ? inside : across) {
                edges.append((Int32(u), Int32(v)))
            }
        }
        return EdgeBuffer(edges: edges).build(vertexCount: n, directed: false).graph
    }

    /// Modularity Σ_c [L_c / m − (d_c / 2m)²], written out here.
    static func modularity(_ graph: CSRGraph, _ membership: [Int32]) -> Double {
        let m = Double(graph.targets.count) / 2
        var inside = [Double](repeating: 0, count: graph.vertexCount)
        var degree = [Double](repeating: 0, count: graph.vertexCount)
        for u in 0..<graph.vertexCount {
            degree[Int(membership[u])] += Double(graph.degree(VertexID(u)))
            for p in graph.row(VertexID(u)) where Int(graph.targets[p]) > u && membership[Int(graph.targets[p])] == membership[u] {
                inside[Int(membership[u])] += 1
            }
        }
        return zip(inside, degree).reduce(0) { $0 + $1.0 / m - ($1.1 / (2 * m)) * ($1.1 / (2 * m)) }
    }

    /// The largest modularity gain of moving one vertex into a neighbour's community, by brute force.
    static func bestSingleMove(_ graph: CSRGraph, _ membership: [Int32]) -> Double {
        let base = modularity(graph, membership)
        var best = -Double.infinity
        var moved = membership
        for v in 0..<graph.vertexCount {
            for c in Set(graph.row(VertexID(v)).map { membership[Int(graph.targets[$0])] }) where c != membership[v] {
                moved[v] = c
                best = max(best, modularity(graph, moved) - base)
                moved[v] = membership[v]
            }
        }
        return best
    }

    @Test("each level's moving ends where no single move raises modularity (igraph's and NetworkX's stopping rule)",
          arguments: [(4, 25, 0.25, 0.05), (8, 15, 0.3, 0.04), (5, 20, 0.2, 0.06)] as [(Int, Int, Double, Double)])
    func localOptimum(groups: Int, size: Int, inside: Double, across: Double) {
        let graph = Self.planted(groups: groups, size: size, inside: inside, across: across, seed: UInt64(groups))
        let level = _CommunityGraph(graph, order: (0..<Int32(graph.vertexCount)).map { $0 }, quality: .modularity)
        let scale = _qualityScale(.modularity, resolution: 1, totalWeight: level.totalWeight)
        let mover = _LocalMoving(capacity: graph.vertexCount)
        defer { mover.deallocate() }
        for seed in 0..<UInt64(8) {
            var rng = SplitMix64(seed: seed)
            var membership = (0..<Int32(graph.vertexCount)).map { $0 }
            let (moves, rounds) = Louvain.moveUntilStable(level, membership: &membership, scale: scale, mover: mover, rng: &rng)
            #expect(moves > 0 && rounds >= 2 && rounds < Louvain.maximumRounds)
            #expect(Self.bestSingleMove(graph, membership) <= 1e-12, "seed \(seed)")
        }
    }
}
