@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Closeness")
struct ClosenessTests {
    //  0 ── 1 ── 2 ── 3 ── 4
    @Test("a path")
    func path() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3), (3, 4)]).build(vertexCount: 5, directed: false).graph
        let result = Closeness().run(g)
        let (c, h) = (result.closeness, result.harmonic)
        // Distance sums 10, 7, 6, 7, 10 over 4 others.
        let expected: [Double] = [4.0 / 10, 4.0 / 7, 4.0 / 6, 4.0 / 7, 4.0 / 10]
        #expect(c == expected)
        let third: Double = 1.0 / 3
        let end: Double = 1 + 0.5 + third + 0.25
        let next: Double = 2 + 0.5 + third
        expectClose(h, [end, next, 3, next, end])
    }

    //      1
    //      │
    //  4 ─ 0 ─ 2
    //      │
    //      3
    @Test("a star")
    func star() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 5, directed: false).graph
        let result = Closeness().run(g)
        let (c, h) = (result.closeness, result.harmonic)
        let leaf: Double = 4.0 / 7
        #expect(c == [1, leaf, leaf, leaf, leaf])
        #expect(h == [4, 2.5, 2.5, 2.5, 2.5])
    }

    //  0 ── 1
    //  │ ╲  │
    //  3 ── 2
    @Test("a cycle with a chord")
    func cycleWithChord() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3), (3, 0), (0, 2)]).build(vertexCount: 4, directed: false).graph
        let result = Closeness().run(g)
        let (c, h) = (result.closeness, result.harmonic)
        #expect(c == [1, 0.75, 1, 0.75])
        #expect(h == [3, 2.5, 3, 2.5])
    }

    //  0 ── 1    2 ── 3 ── 4    5      two components and an isolated vertex (Wasserman–Faust)
    @Test("disconnected graphs use the Wasserman–Faust scaling")
    func disconnected() {
        let g = EdgeBuffer(edges: [(0, 1), (2, 3), (3, 4)]).build(vertexCount: 6, directed: false).graph
        let result = Closeness().run(g)
        let (c, h) = (result.closeness, result.harmonic)
        // Vertex 0 reaches 1 vertex at total distance 1: (1/1) * (1/5).
        let side: Double = 2.0 / 3 * 2 / 5
        expectClose(c, [0.2, 0.2, side, 0.4, side, 0])
        #expect(h == [1, 1, 1.5, 2, 1.5, 0])
    }

    //  0 → 1 → 2      closeness and harmonic use distances TO each vertex, as NetworkX
    @Test("directed graphs use incoming distances")
    func directed() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: true).graph
        let result = Closeness().run(g)
        let (c, h) = (result.closeness, result.harmonic)
        let expected: [Double] = [0, 0.5, 2.0 / 3]
        #expect(c == expected)
        #expect(h == [0, 1, 1.5])
    }

    @Test("weighted lengths")
    func weighted() {
        //  0 ─2.5─ 1 ─0.5─ 2
        let g = EdgeBuffer(weightedEdges: [(0, 1, 2.5), (1, 2, 0.5)]).build(vertexCount: 3, directed: false).graph
        let result = Closeness(weighted: true).run(g)
        let (c, h) = (result.closeness, result.harmonic)
        let expected: [Double] = [2.0 / 5.5, 2.0 / 3.0, 2.0 / 3.5]
        #expect(c == expected)
        let h0: Double = 1 / 2.5 + 1 / 3.0
        let h1: Double = 1 / 2.5 + 2
        let h2: Double = 2 + 1 / 3.0
        expectClose(h, [h0, h1, h2])
    }

    @Test("empty and single-vertex graphs")
    func tiny() {
        let empty = EdgeBuffer().build(vertexCount: 0, directed: false).graph
        #expect(Closeness().run(empty).closeness == [])
        let single = EdgeBuffer().build(vertexCount: 1, directed: true).graph
        #expect(Closeness().run(single).closeness == [0])
        #expect(Closeness().run(single).harmonic == [0])
    }

    @Test("NetworkX goldens on the largest fixtures", .tags(.large), .largeLane, arguments: Fixtures.large)
    func largeGoldens(entry: Fixtures.Entry) throws { try goldens(entry: entry) }

    @Test("NetworkX goldens", arguments: Fixtures.small)
    func goldens(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let golden = try Fixtures.golden(entry.name)
        let result = Closeness(weighted: entry.weighted).run(loaded.graph)
        let (closeness, harmonic) = (result.closeness, result.harmonic)
        for (name, values) in [("closeness", closeness), ("harmonic", harmonic)] {
            var mismatches = 0
            for (v, cell) in golden.column(name).enumerated() where !cell.isEmpty {
                if !agrees(values[v], Double(cell)!) {
                    mismatches += 1
                    if mismatches <= 5 { Issue.record("\(entry.name) \(name) \(loaded.labels[Int32(v)]): \(values[v]) vs \(cell)") }
                }
            }
            #expect(mismatches == 0, "\(name)")
        }
    }

    @Test("random graphs agree with the all-pairs reference", arguments: 0 ..< 60)
    func reference(seed: UInt64) {
        var rng = SplitMix64(seed: seed &* 104_729 &+ 3)
        let n = 1 + rng.below(40)
        let p = [0.03, 0.08, 0.2, 0.6][rng.below(4)]
        let directed = rng.below(2) == 0
        let weighted = rng.below(2) == 0
        let g = CentralityRandomGraph.make(seed: seed, vertices: n, edgeProbability: p,
                                           directed: directed, weighted: weighted, integerWeights: true)
        let expected = CentralityReference(g, weighted: weighted).closenessAndHarmonic()
        let result = Closeness(weighted: weighted, threads: 2).run(g)
        let (c, h) = (result.closeness, result.harmonic)
        expectClose(c, expected.closeness)
        expectClose(h, expected.harmonic)
    }

    @Test("pulled levels find what pushed levels find, batch by batch", arguments: 0 ..< 12)
    func pullEqualsPush(seed: UInt64) {
        // Sparse to dense random graphs, some in pieces, with full and partial batches of sources.
        var rng = SplitMix64(seed: seed &+ 41)
        let n = 100 + rng.below(400)
        let p = [0.004, 0.01, 0.03, 0.1][Int(seed % 4)]
        let g = CentralityRandomGraph.make(seed: seed, vertices: n, edgeProbability: p,
                                           directed: false, weighted: false, integerWeights: true)
        let sources = (0 ..< Int32(n)).filter { _ in rng.below(3) == 0 }
        // Every level pushed, every level pulled (share 0), and the default switch.
        let scratch = (0 ..< 3).map { _ in _ClosenessScratch(vertexCount: n, heapCapacity: 0, bitParallel: true) }
        defer { for s in scratch { s.deallocate() } }
        g._withAdjacency(reversed: true, weighted: false) { adjacency in
            sources.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: all.count, by: 64) {
                    let batch = UnsafeBufferPointer(rebasing: all[start ..< min(all.count, start + 64)])
                    for (s, share) in zip(scratch, [.infinity, 0, _ClosenessScratch.pullShare]) {
                        s.multiSourceBFS(adjacency, sources: batch, pullShare: share)
                    }
                    let pushed = scratch[0]
                    for pulled in scratch.dropFirst() {
                        for bit in 0 ..< batch.count {
                            #expect(pushed.reached[bit] == pulled.reached[bit], "seed \(seed) source \(batch[bit])")
                            #expect(pushed.total[bit] == pulled.total[bit], "seed \(seed) source \(batch[bit])")
                            #expect(pushed.inverseSum[bit].bitPattern == pulled.inverseSum[bit].bitPattern)
                        }
                    }
                }
            }
        }
    }

    @Test("unit weights with weighted = true equal the unweighted scores", arguments: [false, true])
    func unitWeights(directed: Bool) {
        let plain = CentralityRandomGraph.make(seed: 17, vertices: 150, edgeProbability: 0.03,
                                               directed: directed, weighted: false, integerWeights: true)
        let a = Closeness().run(plain)
        let b = Closeness(weighted: true).run(CentralityRandomGraph.withUnitWeights(plain))
        expectClose(a.closeness, b.closeness)
        expectClose(a.harmonic, b.harmonic)
    }

    @Test("thread count does not change a bit")
    func threads() {
        for (directed, weighted) in [(false, false), (true, false), (false, true), (true, true)] {
            let g = CentralityRandomGraph.make(seed: 5, vertices: 300, edgeProbability: 0.015,
                                               directed: directed, weighted: weighted, integerWeights: false)
            let one = Closeness(weighted: weighted, threads: 1).run(g)
            for threads in [2, 3] {
                let many = Closeness(weighted: weighted, threads: threads).run(g)
                #expect(bits(one.closeness) == bits(many.closeness))
                #expect(bits(one.harmonic) == bits(many.harmonic))
            }
        }
    }

    @Test("a path of 200,000 vertices needs no deep stack")
    func longPath() {
        let n = 200_000
        var edges = EdgeBuffer(capacity: n)
        for v in 1 ..< n { edges.append(Int32(v - 1), Int32(v)) }
        let g = edges.build(vertexCount: n, directed: false).graph
        let result = Closeness(vertices: [0, VertexID(n / 2), VertexID(n - 1)]).run(g)
        let (c, h) = (result.closeness, result.harmonic)
        // An end: distances 1 ... n-1, total n(n-1)/2, so closeness 2/n.
        #expect(agrees(c[0], 2.0 / Double(n)))
        #expect(c[0] == c[2])
        // The middle vertex n/2: distances 1 ... n/2 on one side and 1 ... n/2-1 on the other.
        let half = Double(n / 2)
        #expect(agrees(c[1], Double(n - 1) / (half * (half + 1) / 2 + (half - 1) * half / 2)))
        var harmonicEnd = 0.0
        for d in 1 ..< n { harmonicEnd += 1 / Double(d) }
        #expect(agrees(h[0], harmonicEnd))
        #expect(h[0] < h[1])
    }

    private func expectClose(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        for (i, (x, y)) in zip(a, b).enumerated() where !agrees(x, y) {
            Issue.record("index \(i): \(x) vs \(y)", sourceLocation: sourceLocation)
        }
    }

    @Test("progress: rising shares of the searches, ending at 1, the same scores", arguments: [false, true])
    func progress(weighted: Bool) {
        let g = CentralityRandomGraph.make(seed: 8, vertices: 700, edgeProbability: 0.01,
                                           directed: false, weighted: weighted, integerWeights: true)
        let closeness = Closeness(weighted: weighted, threads: 2)
        let reports = ProgressLog()
        let result = closeness.run(g, progress: { reports.append($0) })
        let plain = closeness.run(g)
        #expect(bits(result.closeness) == bits(plain.closeness) && bits(result.harmonic) == bits(plain.harmonic))
        reports.expectRisingToOne(atLeast: 5)
    }
}
