import MeshworkCore
import Testing

@Suite("EdgeBuffer.build")
struct EdgeBufferTests {
    //   0 --- 1
    //   |   / |      plus a duplicate (1,0), a self-loop (2,2) and an isolated vertex 4
    //   2 --- 3
    @Test("undirected: sorted rows, duplicates merged, self-loops dropped")
    func undirected() {
        let edges = EdgeBuffer(edges: [(0, 1), (2, 0), (1, 2), (3, 1), (2, 3), (1, 0), (2, 2)])
        let built = edges.build(vertexCount: 5, directed: false)
        let g = built.graph
        #expect(built.selfLoops == 1)
        #expect(built.duplicateEdges == 1)
        #expect(g.edgeCount == 5)
        #expect(Array(g.neighbours(of: 0)) == [1, 2])
        #expect(Array(g.neighbours(of: 1)) == [0, 2, 3])
        #expect(Array(g.neighbours(of: 2)) == [0, 1, 3])
        #expect(Array(g.neighbours(of: 3)) == [1, 2])
        #expect(g.degree(4) == 0)
        #expect(g.storageBytes == 6 * 4 + 10 * 4)
    }

    @Test("directed: out-rows and the transpose; opposite arcs are distinct")
    func directed() {
        let edges = EdgeBuffer(edges: [(0, 1), (1, 0), (0, 1), (2, 1), (0, 2)])
        let g = edges.build(vertexCount: 3, directed: true).graph
        #expect(g.edgeCount == 4)
        #expect(Array(g.neighbours(of: 0)) == [1, 2])
        #expect(g.inDegree(1) == 2)
        #expect(Array(g.inSources[Int(g.inOffsets[1]) ..< Int(g.inOffsets[2])]) == [0, 2])
    }

    @Test("weighted duplicates sum their weights, in both rows")
    func weights() {
        let edges = EdgeBuffer(weightedEdges: [(0, 1, 1.5), (1, 0, 2), (1, 2, 0.25)])
        let g = edges.build(vertexCount: 3, directed: false).graph
        #expect(g.weight(0, 1) == 3.5)
        #expect(g.weight(1, 0) == 3.5)
        #expect(g.weight(2, 1) == 0.25)
        #expect(g.weight(0, 2) == nil)
    }

    @Test("random multigraphs match a naive set-of-pairs model", arguments: 0..<20)
    func matchesNaiveModel(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.below(60)
        let m = rng.below(4 * n)
        let directed = seed % 2 == 1
        var edges = EdgeBuffer(weighted: true)
        var expected = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var loops = 0
        for _ in 0..<m {
            let u = Int32(rng.below(n)), v = Int32(rng.below(n))
            let w = Double(1 + rng.below(4))
            edges.append(u, v, weight: w)
            if u == v { loops += 1; continue }
            expected[Int(u)][Int(v)] += w
            if !directed { expected[Int(v)][Int(u)] += w }
        }
        let built = edges.build(vertexCount: n, directed: directed)
        let g = built.graph
        #expect(built.selfLoops == loops)
        var edgeCount = 0
        for u in 0..<n {
            let row = (0..<n).filter { expected[u][$0] > 0 }
            #expect(g.neighbours(of: VertexID(u)).map(Int.init) == row)
            for v in row { #expect(g.weight(VertexID(u), VertexID(v)) == expected[u][v]) }
            edgeCount += row.count
            if directed {
                let inRow = (0..<n).filter { expected[$0][u] > 0 }
                #expect(g.inDegree(VertexID(u)) == inRow.count)
            }
        }
        #expect(g.edgeCount == (directed ? edgeCount : edgeCount / 2))
    }

    @Test("shuffling the input gives the same graph")
    func orderIndependent() {
        var rng = SplitMix64(seed: 7)
        var pairs: [(Int32, Int32)] = (0..<500).map { _ in (Int32(rng.below(100)), Int32(rng.below(100))) }
        let first = EdgeBuffer(edges: pairs).build(vertexCount: 100, directed: false).graph
        pairs.shuffle(using: &rng)
        let second = EdgeBuffer(edges: pairs.map { ($0.1, $0.0) }).build(vertexCount: 100, directed: false).graph
        #expect(first.offsets == second.offsets)
        #expect(first.targets == second.targets)
    }

    @Test("any thread count builds the same bits, weights summed in input order", arguments: 0..<12)
    func threadsAgree(seed: UInt64) {
        var rng = SplitMix64(seed: 100 + seed)
        let n = 1 + rng.below(300)
        let directed = seed % 3 == 0
        var edges = EdgeBuffer(weighted: seed % 2 == 0)
        for _ in 0..<rng.below(6 * n) {
            // Weights with many bits, so that a different summation order would show.
            edges.append(Int32(rng.below(n)), Int32(rng.below(n)), weight: 1 + Double(rng.below(1000)) / 7)
        }
        let one = edges.build(vertexCount: n, directed: directed, threads: 1)
        for threads in [2, 3, 7] {
            let other = edges.build(vertexCount: n, directed: directed, threads: threads)
            #expect(other.graph.offsets == one.graph.offsets)
            #expect(other.graph.targets == one.graph.targets)
            #expect(other.graph.weights?.map(\.bitPattern) == one.graph.weights?.map(\.bitPattern))
            #expect(other.graph.inSources == one.graph.inSources)
            #expect(other.selfLoops == one.selfLoops && other.duplicateEdges == one.duplicateEdges)
        }
    }

    @Test("built from columns through a vertex map: the graph of the mapped edges, ids left out as edges", arguments: 0..<8)
    func vertexMap(seed: UInt64) {
        var rng = SplitMix64(seed: 200 + seed)
        let ids = 1 + rng.below(200)
        // About a third of the ids are not vertices; the others are numbered in id order.
        var vertexOf = [Int32](repeating: -1, count: ids)
        var n: Int32 = 0
        for id in 0..<ids where rng.below(3) != 0 { vertexOf[id] = n; n += 1 }
        let directed = seed % 2 == 1, weighted = seed % 4 < 2
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
        var mapped = EdgeBuffer(weighted: weighted)
        for _ in 0..<rng.below(8 * ids) {
            let a = Int32(rng.below(ids)), b = rng.below(5) == 0 ? a : Int32(rng.below(ids))
            let w = 1 + Double(rng.below(1000)) / 7
            sources.append(a); targets.append(b); weights.append(w)
            if vertexOf[Int(a)] >= 0 && vertexOf[Int(b)] >= 0 { mapped.append(vertexOf[Int(a)], vertexOf[Int(b)], weight: w) }
        }
        let expected = mapped.build(vertexCount: Int(n), directed: directed, threads: 1)
        for threads in [1, 3] {
            let built = sources.withUnsafeBufferPointer { s in targets.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in vertexOf.withUnsafeBufferPointer { map in
                    EdgeBuffer.build(sources: s, targets: t, weights: weighted ? w : nil, vertexOf: map,
                                     vertexCount: Int(n), directed: directed, threads: threads)
                }}}}
            #expect(built.graph.offsets == expected.graph.offsets)
            #expect(built.graph.targets == expected.graph.targets)
            #expect(built.graph.weights?.map(\.bitPattern) == expected.graph.weights?.map(\.bitPattern))
            #expect(built.graph.inSources == expected.graph.inSources)
            #expect(built.selfLoops == expected.selfLoops && built.duplicateEdges == expected.duplicateEdges)
        }
    }
}
