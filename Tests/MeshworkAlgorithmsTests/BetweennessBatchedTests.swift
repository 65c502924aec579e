@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

/// The batched (multi-source) Brandes kernel against the single-source one.
@Suite("Batched betweenness")
struct BetweennessBatchedTests {
    /// Sparse to dense G(n, p), with isolated vertices and several components at the sparse end.
    static func graph(seed: UInt64, directed: Bool) -> CSRGraph {
        var rng = SplitMix64(seed: seed &* 6151 &+ 3)
        let n = 1 + rng.below(120)
        let p = [0.005, 0.02, 0.05, 0.15][rng.below(4)]
        return CentralityRandomGraph.make(seed: seed, vertices: n, edgeProbability: p, directed: directed,
                                          weighted: false, integerWeights: true)
    }

    /// Distinct sources drawn from the graph's vertices, ascending, as the sampler gives them.
    static func sources(_ n: Int, count: Int, seed: UInt64) -> [Int32] {
        var pool = (0 ..< Int32(n)).map { $0 }
        var rng = SplitMix64(seed: seed)
        let k = min(count, n)
        for i in 0 ..< k { pool.swapAt(i, i + rng.below(n - i)) }
        return Array(pool[0 ..< k]).sorted()
    }

    /// Within 1e-12 relative (the batched kernel adds each vertex's dependencies in level order).
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    @Test("the same sums as one source at a time, for batch sizes that do not divide the sources",
          arguments: 0 ..< 40)
    func sameBits(seed: UInt64) {
        let directed = seed % 3 == 0
        let g = Self.graph(seed: seed, directed: directed)
        let n = g.vertexCount
        var rng = SplitMix64(seed: seed)
        let count = 1 + rng.below(n)
        let sources = Self.sources(n, count: count, seed: seed)
        let times = sources.map { _ in Double(1 + rng.below(4)) }
        let kernel = Betweenness(threads: 2)
        for batch in [1, 3, 5, 16] {
            for multiplicity in [nil, times] {
                let batched = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil,
                                                   multiplicity: multiplicity, batch: batch, batched: true)
                let single = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil,
                                                  multiplicity: multiplicity, batch: batch, batched: false)
                #expect(Self.close(batched, single), "n \(n), \(sources.count) sources, batch \(batch)")
            }
        }
    }

    @Test("agrees with the one-source blocks within 1e-12", arguments: 0 ..< 20)
    func sameValues(seed: UInt64) {
        let g = Self.graph(seed: seed, directed: seed % 2 == 1)
        let sources = (0 ..< Int32(g.vertexCount)).map { $0 }
        let kernel = Betweenness(threads: 2)
        let batched = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil)
        let before = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil, batch: 1)
        for v in batched.indices {
            #expect(abs(batched[v] - before[v]) <= 1e-12 * max(1, abs(before[v])), "vertex \(v)")
        }
    }

    @Test("isolated vertices, a source listed twice, and a graph without ties")
    func edgeCases() {
        // Two triangles, a path, and isolated vertices 9 ... 11.
        var buffer = EdgeBuffer()
        for (u, v) in [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3), (6, 7), (7, 8)] {
            buffer.append(Int32(u), Int32(v))
        }
        let g = buffer.build(vertexCount: 12, directed: false).graph
        let kernel = Betweenness(threads: 1)
        for sources: [Int32] in [[9, 10, 11], [2, 2, 9, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]] {
            let batched = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil, batch: 4)
            let single = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil, batch: 4,
                                              batched: false)
            #expect(Self.close(batched, single))
        }
        #expect(kernel._dependencies(g, sources: [9, 10, 11], edges: false, renumberFrom: nil)
                == [Double](repeating: 0, count: 12))
        // Exact: 2 and 3 each carry the 6 pairs across the bridge that they are not an end of, 7 the
        // path's one pair.
        let exact = Betweenness(threads: 1).run(g).scores
        #expect(exact == [0, 0, 6, 6, 0, 0, 0, 1, 0, 0, 0, 0])
        let empty = EdgeBuffer().build(vertexCount: 5, directed: false).graph
        #expect(Betweenness().run(empty).scores == [0, 0, 0, 0, 0])
    }

    /// On a long path every vertex sits at a different level for each source, so the level lists
    /// hold up to `lanes` entries per vertex and must grow past their first capacity (2 per vertex).
    /// Every count is a small integer, so the sums are exact in any order.
    @Test("a long path grows the level lists")
    func longPath() {
        var buffer = EdgeBuffer()
        for v in 0 ..< 299 { buffer.append(Int32(v), Int32(v + 1)) }
        let g = buffer.build(vertexCount: 300, directed: false).graph
        let sources = (0 ..< 16).map { Int32($0 * 19) }
        let kernel = Betweenness(threads: 1)
        let batched = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil, batch: 16)
        let single = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil, batch: 16,
                                          batched: false)
        #expect(bits(batched) == bits(single))
        // On a path, v's dependency from s is the number of vertices beyond v, away from s.
        for v in [1, 150, 298] {
            let expected = sources.reduce(0.0) { total, s in
                Int(s) == v ? total : total + Double(Int(s) < v ? 299 - v : v)
            }
            #expect(batched[v] == expected, "vertex \(v)")
        }
    }

    @Test("16 lanes up to 4M vertices, fewer above, one source per search from 32M")
    func lanes() {
        #expect(Betweenness._batchLanes(vertexCount: 1) == 16)
        #expect(Betweenness._batchLanes(vertexCount: 4_194_304) == 16)
        #expect(Betweenness._batchLanes(vertexCount: 5_000_000) == 13)
        #expect(Betweenness._batchLanes(vertexCount: 33_554_432) == 2)
        #expect(Betweenness._batchLanes(vertexCount: 40_000_000) == 1)
    }

    @Test("sampled scores: the same bits for 1, 2 and 3 threads", arguments: [false, true])
    func threads(directed: Bool) {
        let g = CentralityRandomGraph.make(seed: 41, vertices: 700, edgeProbability: 0.006, directed: directed,
                                           weighted: false, integerWeights: true)
        let one = bits(Betweenness(threads: 1, samples: 203, seed: 8).run(g).scores)
        for threads in [2, 3] {
            #expect(one == bits(Betweenness(threads: threads, samples: 203, seed: 8).run(g).scores))
        }
    }
}
