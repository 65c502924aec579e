import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// A seeded random graph for the spectral and triangle property tests: `n` vertices and up to
/// `edges` random pairs (self-loops and duplicates are dropped by the builder), optionally with
/// weights in (0, 5].
func spectralRandomGraph(n: Int, edges: Int, seed: UInt64, directed: Bool = false,
                         weighted: Bool = false) -> CSRGraph {
    var rng = SplitMix64(seed: seed)
    var buffer = EdgeBuffer(weighted: weighted, capacity: edges)
    for _ in 0..<edges {
        let u = Int32(rng.below(n)), v = Int32(rng.below(n))
        buffer.append(u, v, weight: weighted ? 5 * (1 - rng.unit()) : 1)
    }
    return buffer.build(vertexCount: n, directed: directed).graph
}

/// The same graph with vertex v renamed `permutation[v]`.
func spectralRelabelled(_ graph: CSRGraph, _ permutation: [Int32]) -> CSRGraph {
    var buffer = EdgeBuffer(weighted: graph.isWeighted, capacity: graph.targets.count)
    for u in 0..<graph.vertexCount {
        for p in graph.row(Int32(u)) {
            let v = graph.targets[p]
            if !graph.isDirected && v < Int32(u) { continue }
            buffer.append(permutation[u], permutation[Int(v)], weight: graph.weights?[p] ?? 1)
        }
    }
    return buffer.build(vertexCount: graph.vertexCount, directed: graph.isDirected).graph
}

@Suite("PageRank")
struct PageRankTests {
    /// The default runs to the stationary vector: NetworkX `pagerank(alpha=0.85, tol=1e-14)`
    /// within 1e-9 relative, node by node, on every fixture.
    @Test("matches the stationary vector of NetworkX pagerank(alpha=0.85, tol=1e-14)", arguments: Fixtures.manifest)
    func golden(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let expected = try Fixtures.golden(entry.name).column("pagerank")
        let result = PageRank(weighted: entry.weighted).run(loaded.graph)
        let (scores, iterations) = (result.scores, result.iterations)
        #expect(iterations < (entry.directed ? 300 : 70))
        #expect(scores.count == expected.count)
        for (v, cell) in expected.enumerated() {
            #expect(agrees(scores[v], Double(cell)!, tolerance: 1e-9),
                    "pagerank of \(loaded.labels[Int32(v)]): \(scores[v]) vs \(cell)")
        }
    }

    /// The Chebyshev-accelerated default on undirected graphs reaches the vector that the plain
    /// power iteration converges to (run here to its rounding floor), with isolated vertices,
    /// bipartite graphs (eigenvalue −α) and weights. Its rate does not depend on the spectral gap
    /// (about 0.56 per step): some 50 steps, where the plain iteration needs up to about 215 on
    /// graphs of several components (eigenvalue 1 repeated) and fewer on well-mixed ones.
    @Test("accelerated and plain power iteration agree on random undirected graphs", arguments: 0..<12)
    func accelerated(seed: Int) {
        var graph = spectralRandomGraph(n: 60 + 20 * (seed % 4), edges: 40 + 37 * seed, seed: UInt64(seed), weighted: seed % 3 == 1)
        if seed % 4 == 3 {   // bipartite: every edge between even and odd vertices
            var buffer = EdgeBuffer(weighted: false, capacity: 200)
            var rng = SplitMix64(seed: UInt64(seed))
            for _ in 0..<200 { buffer.append(Int32(2 * rng.below(40)), Int32(2 * rng.below(40) + 1), weight: 1) }
            graph = buffer.build(vertexCount: 80, directed: false).graph
        }
        let fast = PageRank(weighted: graph.isWeighted).run(graph)
        let plain = PageRank(tolerance: 1e-18, weighted: graph.isWeighted).run(graph)
        #expect(fast.iterations <= 70)
        #expect(abs(fast.scores.reduce(0, +) - 1) < 1e-12)
        for v in 0..<graph.vertexCount {
            #expect(agrees(fast.scores[v], plain.scores[v], tolerance: 1e-10), "vertex \(v)")
        }
    }

    //        1
    //        |
    //    4 - 0 - 2        leaves: x = 0.85 * c / 4 + 0.03, centre: c = 0.85 * 4 * x + 0.03
    //        |
    //        3
    @Test("a star: symmetric leaves, exact values")
    func star() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 5, directed: false).graph
        let scores = PageRank().run(g).scores
        let leaf = 0.036375 / 0.2775
        #expect(abs(scores[0] - (1 - 4 * leaf)) < 1e-10)
        for v in 1...4 { #expect(abs(scores[v] - leaf) < 1e-10) }
    }

    //  0 -> 1   (1 is dangling: its score is spread uniformly)
    @Test("a dangling vertex spreads its score uniformly")
    func dangling() {
        let g = EdgeBuffer(edges: [(0, 1)]).build(vertexCount: 2, directed: true).graph
        let scores = PageRank().run(g).scores
        #expect(abs(scores[0] - 0.5 / 1.425) < 1e-10)
        #expect(abs(scores[1] - (1 - 0.5 / 1.425)) < 1e-10)
    }

    @Test("weights shift the surfer: 0 -> 1 (weight 3), 0 -> 2 (weight 1), both back to 0")
    func weighted() {
        let g = EdgeBuffer(weightedEdges: [(0, 1, 3), (0, 2, 1), (1, 0, 1), (2, 0, 1)])
            .build(vertexCount: 3, directed: true).graph
        let scores = PageRank(weighted: true).run(g).scores
        // x0 = 0.85 (x1 + x2) + 0.05, x1 = 0.85 * 0.75 x0 + 0.05, x2 = 0.85 * 0.25 x0 + 0.05
        let x0 = (0.85 * 0.1 + 0.05) / (1 - 0.85 * 0.85)
        #expect(abs(scores[0] - x0) < 1e-10)
        #expect(abs(scores[1] - (0.85 * 0.75 * x0 + 0.05)) < 1e-10)
        #expect(abs(scores[2] - (0.85 * 0.25 * x0 + 0.05)) < 1e-10)
        let unweighted = PageRank().run(g).scores
        #expect(abs(unweighted[1] - unweighted[2]) < 1e-10)
    }

    @Test("a looser tolerance stops earlier, as NetworkX's default rule does, and is further off")
    func tolerance() throws {
        let graph = try Fixtures.load("ca-grqc/ca-grqc.edges").graph
        let converged = PageRank().run(graph), early = PageRank(tolerance: 1e-6).run(graph)
        #expect(early.iterations < converged.iterations)
        let tight = PageRank(tolerance: 1e-17, maxIterations: 1_000).run(graph).scores
        let worst = { (scores: [Double]) in zip(scores, tight).map { abs($0 - $1) / $1 }.max() ?? 0 }
        #expect(worst(converged.scores) < 1e-10)
        #expect(worst(early.scores) > 1e-9)
    }

    @Test("the empty graph")
    func empty() {
        let g = EdgeBuffer(edges: []).build(vertexCount: 0, directed: false).graph
        #expect(PageRank().run(g).scores.isEmpty)
    }

    @Test("sums to 1 and is invariant under relabelling", arguments: 0..<12)
    func properties(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = 2 + rng.below(80)
        let g = spectralRandomGraph(n: n, edges: rng.below(4 * n), seed: UInt64(seed),
                                    directed: seed % 2 == 1, weighted: seed % 3 == 0)
        let scores = PageRank(weighted: true).run(g).scores
        #expect(abs(scores.reduce(0, +) - 1) < 1e-12)
        #expect(scores.allSatisfy { $0 > 0 })
        var permutation = (0..<Int32(n)).map { $0 }
        permutation.shuffle(using: &rng)
        let relabelled = PageRank(weighted: true).run(spectralRelabelled(g, permutation)).scores
        for v in 0..<n { #expect(agrees(relabelled[Int(permutation[v])], scores[v], tolerance: 1e-10)) }
    }

    //  several fixed vertex blocks (work over 2 x 16,384): the same bits on 1, 2 and 3 threads,
    //  run to the stationary vector (accelerated when undirected) and with a tolerance
    @Test("bit-identical for any thread count", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func threads(directed: Bool, weighted: Bool) {
        let g = spectralRandomGraph(n: 6_000, edges: 30_000, seed: 98, directed: directed, weighted: weighted)
        for tolerance in [nil, 1e-6] as [Double?] {
            let one = PageRank(tolerance: tolerance, weighted: weighted, threads: 1).run(g)
            for t in [2, 3] {
                let other = PageRank(tolerance: tolerance, weighted: weighted, threads: t).run(g)
                #expect(other.iterations == one.iterations)
                #expect(other.scores.map(\.bitPattern) == one.scores.map(\.bitPattern))
            }
        }
    }
}
