import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Betweenness")
struct BetweennessTests {
    //  0 ── 1 ── 2 ── 3 ── 4
    @Test("a path")
    func path() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3), (3, 4)]).build(vertexCount: 5, directed: false).graph
        #expect(Betweenness().run(g).scores == [0, 3, 4, 3, 0])
        // Edge {i, i+1} separates (i + 1) vertices from (4 - i).
        let edges = EdgeBetweenness().run(g).scores
        #expect(edgeValue(g, edges, 0, 1) == 4)
        #expect(edgeValue(g, edges, 1, 0) == 4)
        #expect(edgeValue(g, edges, 1, 2) == 6)
        #expect(edgeValue(g, edges, 2, 3) == 6)
        #expect(edgeValue(g, edges, 3, 4) == 4)
    }

    //      1
    //      │
    //  4 ─ 0 ─ 2
    //      │
    //      3
    @Test("a star")
    func star() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 5, directed: false).graph
        #expect(Betweenness().run(g).scores == [6, 0, 0, 0, 0])
        #expect(EdgeBetweenness().run(g).scores == [Double](repeating: 4, count: 8))
    }

    //  0 ── 1
    //  │ ╲  │
    //  3 ── 2      a 4-cycle with the chord 0–2: the pair {1, 3} has two shortest paths
    @Test("a cycle with a chord")
    func cycleWithChord() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)]).build(vertexCount: 4, directed: false).graph
        #expect(Betweenness().run(g).scores == [0.5, 0, 0.5, 0])
        let edges = EdgeBetweenness().run(g).scores
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 0)] as [(Int32, Int32)] {
            #expect(edgeValue(g, edges, u, v) == 1.5)
        }
        #expect(edgeValue(g, edges, 0, 2) == 1)
        #expect(edgeValue(g, edges, 2, 0) == 1)
    }

    //  0 → 1 → 2      and 3 → 1: ordered pairs through 1 are (0,2) and (3,2)
    //          ↑
    //          3 ─┘
    @Test("a directed graph counts ordered pairs")
    func directed() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (3, 1)]).build(vertexCount: 4, directed: true).graph
        #expect(Betweenness().run(g).scores == [0, 2, 0, 0])
        let edges = EdgeBetweenness().run(g).scores
        #expect(edgeValue(g, edges, 0, 1) == 2)
        #expect(edgeValue(g, edges, 1, 2) == 3)
        #expect(edgeValue(g, edges, 3, 1) == 2)
    }

    //  0 ─1─ 1 ─1─ 2        weights on the edges; 0–2 directly costs 2, as much as via 1
    //   ╲─────2─────╱
    @Test("weighted ties count both shortest paths")
    func weightedTies() {
        let g = EdgeBuffer(weightedEdges: [(0, 1, 1), (1, 2, 1), (0, 2, 2)]).build(vertexCount: 3, directed: false).graph
        #expect(Betweenness(weighted: true).run(g).scores == [0, 0.5, 0])
        #expect(Betweenness(weighted: false).run(g).scores == [0, 0, 0])
    }

    @Test("empty and tiny graphs")
    func tiny() {
        let empty = EdgeBuffer().build(vertexCount: 0, directed: false).graph
        #expect(Betweenness().run(empty).scores == [])
        #expect(EdgeBetweenness().run(empty).scores == [])
        #expect(Betweenness(samples: 3, seed: 1).run(empty).scores == [])
        let single = EdgeBuffer().build(vertexCount: 1, directed: false).graph
        #expect(Betweenness().run(single).scores == [0])
        let pair = EdgeBuffer(edges: [(0, 1)]).build(vertexCount: 2, directed: false).graph
        #expect(Betweenness().run(pair).scores == [0, 0])
        #expect(EdgeBetweenness().run(pair).scores == [1, 1])
        #expect(Betweenness(samples: 1, seed: 1).run(pair).scores == [0, 0])
    }

    @Test("NetworkX goldens on the largest fixtures", .tags(.large), .largeLane, arguments: Fixtures.large)
    func largeGoldens(entry: Fixtures.Entry) throws { try goldens(entry: entry) }

    @Test("NetworkX goldens", arguments: Fixtures.small)
    func goldens(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let golden = try Fixtures.golden(entry.name)
        let scores = Betweenness(weighted: entry.weighted).run(loaded.graph).scores
        var mismatches = 0
        for (v, cell) in golden.column("betweenness").enumerated() where !cell.isEmpty {
            if !agrees(scores[v], Double(cell)!) {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(entry.name) \(loaded.labels[Int32(v)]): \(scores[v]) vs \(cell)") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("thread count does not change a bit", arguments: [false, true])
    func threadsBitIdentical(directed: Bool) {
        for weighted in [false, true] {
            let g = CentralityRandomGraph.make(seed: 99, vertices: 400, edgeProbability: 0.01,
                                               directed: directed, weighted: weighted, integerWeights: false)
            let one = Betweenness(weighted: weighted, threads: 1)
            let (vertex, edge) = (bits(one.run(g).scores), bits(EdgeBetweenness(weighted: weighted, threads: 1).run(g).scores))
            let sampled = bits(one.sampling(100, seed: 5).run(g).scores)
            for threads in [2, 3, 5] {
                let many = Betweenness(weighted: weighted, threads: threads)
                #expect(vertex == bits(many.run(g).scores))
                #expect(edge == bits(EdgeBetweenness(weighted: weighted, threads: threads).run(g).scores))
                #expect(sampled == bits(many.sampling(100, seed: 5).run(g).scores))
            }
        }
    }

    @Test("random graphs agree with all-pairs path counting", arguments: 0 ..< 60)
    func reference(seed: UInt64) {
        var rng = SplitMix64(seed: seed &* 7919 &+ 11)
        let n = 1 + rng.below(40)
        let p = [0.03, 0.08, 0.2, 0.6][rng.below(4)]       // sparse (isolated nodes, several components) to dense
        let directed = rng.below(2) == 0
        let weighted = rng.below(2) == 0
        let g = CentralityRandomGraph.make(seed: seed, vertices: n, edgeProbability: p,
                                           directed: directed, weighted: weighted, integerWeights: true)
        let reference = CentralityReference(g, weighted: weighted)
        let algorithm = Betweenness(weighted: weighted, threads: 2)
        let vertex = algorithm.run(g).scores
        let expectedVertex = reference.vertexBetweenness()
        for v in 0 ..< n {
            #expect(agrees(vertex[v], expectedVertex[v]), "vertex \(v): \(vertex[v]) vs \(expectedVertex[v])")
        }
        let edge = EdgeBetweenness(weighted: weighted, threads: 2).run(g).scores
        let expectedEdge = reference.edgeBetweenness()
        for p in edge.indices {
            #expect(agrees(edge[p], expectedEdge[p]), "edge entry \(p): \(edge[p]) vs \(expectedEdge[p])")
        }
        #expect(bits(algorithm.sampling(n, seed: seed).run(g).scores) == bits(vertex))
    }

    @Test("unit weights with weighted = true equal the unweighted scores", arguments: 0 ..< 10)
    func unitWeights(seed: UInt64) {
        let directed = seed % 2 == 1
        let plain = CentralityRandomGraph.make(seed: seed, vertices: 120, edgeProbability: 0.04,
                                               directed: directed, weighted: false, integerWeights: true)
        let unit = CentralityRandomGraph.withUnitWeights(plain)
        let a = Betweenness(weighted: false).run(plain).scores
        let b = Betweenness(weighted: true).run(unit).scores
        let ea = EdgeBetweenness(weighted: false).run(plain).scores
        let eb = EdgeBetweenness(weighted: true).run(unit).scores
        #expect(zip(a, b).allSatisfy { agrees($0, $1) })
        #expect(zip(ea, eb).allSatisfy { agrees($0, $1) })
    }

    @Test("sampling: seeded, unbiased scaling, exact with every source")
    func sampling() {
        let g = CentralityRandomGraph.make(seed: 3, vertices: 300, edgeProbability: 0.02,
                                           directed: false, weighted: false, integerWeights: true)
        let exact = Betweenness().run(g).scores
        let b = Betweenness()
        #expect(bits(b.sampling(300, seed: 1).run(g).scores) == bits(exact))
        #expect(bits(b.sampling(1000, seed: 1).run(g).scores) == bits(exact))
        #expect(bits(b.sampling(50, seed: 9).run(g).scores) == bits(b.sampling(50, seed: 9).run(g).scores))
        #expect(b.sampling(0, seed: 9).run(g).scores == [Double](repeating: 0, count: 300))
        // The mean over many seeds approaches the exact total (the estimator is unbiased).
        var total = 0.0
        let runs = 40
        for seed in 0 ..< runs { total += b.sampling(60, seed: UInt64(seed)).run(g).scores.reduce(0, +) }
        let exactTotal = exact.reduce(0, +)
        #expect(abs(total / Double(runs) - exactTotal) < 0.05 * exactTotal)
    }

    @Test("progress: rising shares of the searches, ending at 1, the same scores",
          arguments: [(false, nil), (false, 120), (true, nil)] as [(Bool, Int?)])
    func progress(weighted: Bool, samples: Int?) {
        let g = CentralityRandomGraph.make(seed: 5, vertices: 400, edgeProbability: 0.02,
                                           directed: false, weighted: weighted, integerWeights: true)
        let b = Betweenness(weighted: weighted, threads: 2, samples: samples, seed: 3)
        let reports = ProgressLog()
        let scores = b.run(g, progress: { reports.append($0) }).scores
        #expect(bits(scores) == bits(b.run(g).scores))
        reports.expectRisingToOne(atLeast: 5)
        #expect(reports.values.count <= 101)
    }
}

/// The shares a progress callback was told, in order (callbacks come from worker threads).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var shares: [Double] = []

    func append(_ share: Double) { lock.lock(); shares.append(share); lock.unlock() }

    var values: [Double] { lock.lock(); defer { lock.unlock() }; return shares }

    /// Expects the shares told to rise strictly and end at 1, at least `count` of them.
    func expectRisingToOne(atLeast count: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let shares = values
        #expect(shares.last == 1, sourceLocation: sourceLocation)
        #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 < $1 }, sourceLocation: sourceLocation)
        #expect(shares.count >= count, sourceLocation: sourceLocation)
    }
}

func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

func edgeValue(_ g: CSRGraph, _ scores: [Double], _ u: Int32, _ v: Int32) -> Double {
    scores[g.edgeIndex(u, v)!]
}

/// Seeded random graphs for the centrality tests.
enum CentralityRandomGraph {
    /// G(n, p) with SplitMix64; weights drawn from 1...4 (integers, so path sums are exact) or
    /// from (0.5, 3) otherwise.
    static func make(seed: UInt64, vertices n: Int, edgeProbability p: Double,
                     directed: Bool, weighted: Bool, integerWeights: Bool) -> CSRGraph {
        var rng = SplitMix64(seed: seed)
        var edges = EdgeBuffer(weighted: weighted)
        for u in 0 ..< n {
            for v in 0 ..< n where u != v && (directed || u < v) {
                guard rng.unit() < p else { continue }
                let w = integerWeights ? Double(1 + rng.below(4)) : 0.5 + 2.5 * rng.unit()
                edges.append(Int32(u), Int32(v), weight: w)
            }
        }
        return edges.build(vertexCount: n, directed: directed).graph
    }

    /// The same graph with every weight 1.
    static func withUnitWeights(_ g: CSRGraph) -> CSRGraph {
        CSRGraph(isDirected: g.isDirected, offsets: g.offsets, targets: g.targets,
                 weights: [Double](repeating: 1, count: g.targets.count),
                 inOffsets: g.inOffsets, inSources: g.inSources,
                 inWeights: g.isDirected ? [Double](repeating: 1, count: g.inSources.count) : nil)
    }
}

/// Straightforward all-pairs reference: an O(n²) Dijkstra (or BFS with unit lengths) from every
/// vertex with path counting, then betweenness by its definition
/// `b(v) = sum over s != v != t of sigma_st(v) / sigma_st`, with `sigma_st(v) = sigma_sv sigma_vt`
/// when `d(s, v) + d(v, t) == d(s, t)`. Weights must be small integers so that sums are exact.
struct CentralityReference {
    let n: Int
    let directed: Bool
    var dist: [[Double]]      // dist[s][t], infinity when unreachable
    var sigma: [[Double]]
    var length: [[Double]]    // edge length u -> v, infinity when absent
    let graph: CSRGraph

    init(_ g: CSRGraph, weighted: Bool) {
        graph = g
        n = g.vertexCount
        directed = g.isDirected
        length = Array(repeating: Array(repeating: .infinity, count: n), count: n)
        for u in 0 ..< n {
            for p in g.row(Int32(u)) {
                length[u][Int(g.targets[p])] = weighted ? (g.weights?[p] ?? 1) : 1
            }
        }
        dist = Array(repeating: Array(repeating: .infinity, count: n), count: n)
        sigma = Array(repeating: Array(repeating: 0, count: n), count: n)
        for s in 0 ..< n {
            var done = [Bool](repeating: false, count: n)
            dist[s][s] = 0
            sigma[s][s] = 1
            while true {
                var best = -1
                for v in 0 ..< n where !done[v] && dist[s][v] < .infinity && (best < 0 || dist[s][v] < dist[s][best]) { best = v }
                if best < 0 { break }
                done[best] = true
                for w in 0 ..< n where length[best][w] < .infinity {
                    let d = dist[s][best] + length[best][w]
                    if d < dist[s][w] { dist[s][w] = d; sigma[s][w] = sigma[s][best] }
                    else if d == dist[s][w] { sigma[s][w] += sigma[s][best] }
                }
            }
        }
    }

    func vertexBetweenness() -> [Double] {
        var b = [Double](repeating: 0, count: n)
        for s in 0 ..< n {
            for t in 0 ..< n where t != s && dist[s][t] < .infinity {
                for v in 0 ..< n where v != s && v != t && dist[s][v] + dist[v][t] == dist[s][t] {
                    b[v] += sigma[s][v] * sigma[v][t] / sigma[s][t]
                }
            }
        }
        return directed ? b : b.map { $0 / 2 }
    }

    /// Parallel to `graph.targets`.
    func edgeBetweenness() -> [Double] {
        var e = [Double](repeating: 0, count: graph.targets.count)
        for u in 0 ..< n {
            for p in graph.row(Int32(u)) {
                let v = Int(graph.targets[p])
                var sum = 0.0
                for s in 0 ..< n where dist[s][u] < .infinity {
                    for t in 0 ..< n where t != s && dist[v][t] < .infinity
                        && dist[s][u] + length[u][v] + dist[v][t] == dist[s][t] {
                        sum += sigma[s][u] * sigma[v][t] / sigma[s][t]
                    }
                }
                e[p] += sum
            }
        }
        guard !directed else { return e }
        var out = e
        for u in 0 ..< n {
            for p in graph.row(Int32(u)) {
                let q = graph.edgeIndex(graph.targets[p], Int32(u))!
                out[p] = (e[p] + e[q]) / 2
            }
        }
        return out
    }

    /// Closeness (Wasserman–Faust) and harmonic centrality from distances **to** each vertex.
    func closenessAndHarmonic() -> (closeness: [Double], harmonic: [Double]) {
        var c = [Double](repeating: 0, count: n), h = [Double](repeating: 0, count: n)
        for v in 0 ..< n {
            var reached = 0, total = 0.0, inverse = 0.0
            for u in 0 ..< n where dist[u][v] < .infinity {
                reached += 1
                total += dist[u][v]
                if u != v { inverse += 1 / dist[u][v] }
            }
            if total > 0 && n > 1 {
                c[v] = Double(reached - 1) / total * Double(reached - 1) / Double(n - 1)
            }
            h[v] = inverse
        }
        return (c, h)
    }
}

extension Betweenness {
    /// This configuration, estimating from `samples` sources drawn with `seed`.
    func sampling(_ samples: Int, seed: UInt64) -> Betweenness {
        var sampled = self
        sampled.samples = samples
        sampled.seed = seed
        return sampled
    }
}
