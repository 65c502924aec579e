import MeshworkCore
import Testing

@Suite("CSRGraph.permuted")
struct PermutationTests {
    /// A random permutation of `0..<n` from `seed`.
    func permutation(_ n: Int, seed: UInt64) -> [Int32] {
        var rng = SplitMix64(seed: seed)
        var p = (0..<n).map { Int32($0) }
        for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, rng.below(i + 1)) }
        return p
    }

    @Test("same edges and weights under new names, rows sorted", arguments: 0..<12)
    func renamed(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 300)
        let n = 1 + rng.below(80)
        let directed = seed % 2 == 1, weighted = seed % 3 == 0
        var buffer = EdgeBuffer(weighted: weighted)
        for _ in 0..<rng.below(4 * n) {
            buffer.append(Int32(rng.below(n)), Int32(rng.below(n)), weight: Double(1 + rng.below(9)))
        }
        let g = buffer.build(vertexCount: n, directed: directed).graph
        let newID = permutation(n, seed: seed)
        let h = g.permuted(newID: newID)
        #expect(h.edgeCount == g.edgeCount && h.isDirected == directed && h.isWeighted == weighted)
        for u in 0..<n {
            let row = h.neighbours(of: newID[u])
            #expect(Array(row) == row.sorted())
            #expect(Set(row) == Set(g.neighbours(of: Int32(u)).map { newID[Int($0)] }))
            for v in g.neighbours(of: Int32(u)) {
                #expect(h.weight(newID[u], newID[Int(v)]) == g.weight(Int32(u), v))
            }
            if directed {
                #expect(h.inDegree(newID[u]) == g.inDegree(Int32(u)))
            }
        }
        let rows = g.permutedRowsKeepingOrder(newID: newID)
        for u in 0..<n {
            let x = Int(newID[u])
            let kept = Array(rows.targets[Int(rows.offsets[x]) ..< Int(rows.offsets[x + 1])])
            #expect(kept == g.neighbours(of: Int32(u)).map { newID[Int($0)] })
            if let w = rows.weights, let gw = g.weights {
                #expect(Array(w[Int(rows.offsets[x]) ..< Int(rows.offsets[x + 1])]) == Array(gw[g.row(Int32(u))]))
            }
        }
    }

    //  0 - 1 - 2 renamed 2, 0, 1: old 1 (new 0) has neighbours old 0 (new 2) and old 2 (new 1)
    @Test("the documented example")
    func example() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
        #expect(Array(g.permuted(newID: [2, 0, 1]).neighbours(of: 0)) == [1, 2])
    }
}
