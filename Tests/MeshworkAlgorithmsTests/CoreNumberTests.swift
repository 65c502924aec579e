import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Core numbers")
struct CoreNumberTests {
    @Test("matches NetworkX core_number", arguments: Fixtures.manifest)
    func golden(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let expected = try Fixtures.golden(entry.name).column("kcore")
        #expect(CoreNumber().run(loaded.graph).coreNumbers.map(String.init) == expected)
    }

    //  0 - 1
    //  | X |        a 4-clique {0, 1, 2, 3} (a 3-core) inside the path 3 - 4 - 5 - 6; 7 isolated
    //  2 - 3 - 4 - 5 - 6     7
    @Test("a 3-core inside a path")
    func cliqueInPath() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6)])
            .build(vertexCount: 8, directed: false).graph
        #expect(CoreNumber().run(g).coreNumbers == [3, 3, 3, 3, 1, 1, 1, 0])
    }

    //  0 <-> 1 -> 2 <-> 3, 1 -> 3   (NetworkX's docstring example: in + out degree, all 2)
    @Test("directed graphs count in- plus out-degree")
    func directed() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 0), (1, 2), (1, 3), (2, 3), (3, 2)])
            .build(vertexCount: 4, directed: true).graph
        #expect(CoreNumber().run(g).coreNumbers == [2, 2, 2, 2])
    }

    @Test("the empty graph")
    func empty() {
        #expect(CoreNumber().run(EdgeBuffer(edges: []).build(vertexCount: 0, directed: false).graph).coreNumbers.isEmpty)
    }

    /// Core numbers by repeated naive peeling: the k-core is what is left after removing, again and
    /// again, every vertex of remaining degree below k.
    static func naiveCores(_ g: CSRGraph) -> [Int32] {
        let n = g.vertexCount
        var neighbours = [[Int]](repeating: [], count: n)   // with multiplicity (directed: in + out)
        for u in 0..<n {
            for p in g.row(Int32(u)) {
                let v = Int(g.targets[p])
                neighbours[u].append(v)
                if g.isDirected { neighbours[v].append(u) }
            }
        }
        var core = [Int32](repeating: 0, count: n)
        var k = 1
        while true {
            var alive = [Bool](repeating: true, count: n)
            var changed = true
            while changed {
                changed = false
                for v in 0..<n where alive[v] {
                    if neighbours[v].filter({ alive[$0] }).count < k { alive[v] = false; changed = true }
                }
            }
            if !alive.contains(true) { return core }
            for v in 0..<n where alive[v] { core[v] = Int32(k) }
            k += 1
        }
    }

    @Test("agrees with naive peeling and satisfies the k-core definition", arguments: 0..<16)
    func properties(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 3000)
        let n = 1 + rng.below(60)
        let g = spectralRandomGraph(n: n, edges: rng.below(5 * n), seed: UInt64(seed) &+ 11,
                                    directed: seed % 2 == 1)
        let cores = CoreNumber().run(g).coreNumbers
        #expect(cores == Self.naiveCores(g))
        for v in 0..<n {
            var atLeast = 0
            for p in g.row(Int32(v)) where cores[Int(g.targets[p])] >= cores[v] { atLeast += 1 }
            if g.isDirected {
                for p in Int(g.inOffsets[v]) ..< Int(g.inOffsets[v + 1]) where cores[Int(g.inSources[p])] >= cores[v] {
                    atLeast += 1
                }
            }
            #expect(atLeast >= Int(cores[v]))
        }
    }
}
