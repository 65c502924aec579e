import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("ConnectedComponents")
struct ConnectedComponentsTests {
    //  0 - 1   2   3 - 4 - 5
    @Test("numbered by decreasing size, ties by first vertex")
    func numbering() {
        let g = EdgeBuffer(edges: [(0, 1), (3, 4), (4, 5)]).build(vertexCount: 6, directed: false).graph
        let c = ConnectedComponents().run(g)
        #expect(c.partition.group == [1, 1, 2, 0, 0, 0])
        #expect(c.sizes == [3, 2, 1])
    }

    @Test("directed graphs use weak connectivity")
    func weak() {
        let g = EdgeBuffer(edges: [(1, 0), (2, 1), (3, 4)]).build(vertexCount: 5, directed: true).graph
        #expect(ConnectedComponents().run(g).partition.group == [0, 0, 0, 1, 1])
    }

    @Test("random graphs agree with union-find", arguments: 0..<25)
    func unionFind(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.below(300)
        let m = rng.below(n + n / 2)
        var edges = EdgeBuffer()
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for _ in 0..<m {
            let u = rng.below(n), v = rng.below(n)
            edges.append(Int32(u), Int32(v))
            parent[find(u)] = find(v)
        }
        let c = ConnectedComponents().run(edges.build(vertexCount: n, directed: seed % 3 == 0).graph)
        for u in 0..<n {
            for v in [rng.below(n), (u + 1) % n] {
                #expect((c.partition.group[u] == c.partition.group[v]) == (find(u) == find(v)))
            }
        }
        #expect(c.sizes.reduce(0, +) == n)
        #expect(c.sizes == c.sizes.sorted(by: >))
    }

    //  a giant component, many small ones and isolated vertices, more than 1,024 vertices so that
    //  Afforest samples: the undirected result (Afforest) equals the directed one (search)
    @Test("Afforest agrees with the breadth-first search", arguments: 0..<6)
    func afforest(seed: UInt64) {
        var rng = SplitMix64(seed: seed &+ 500)
        let n = 3_000 + rng.below(5_000)
        var edges = EdgeBuffer()
        let giant = n / (2 + Int(seed % 3))
        for _ in 0..<(3 * giant) { edges.append(Int32(rng.below(giant)), Int32(rng.below(giant))) }
        for _ in 0..<(n / 3) {
            let u = giant + rng.below(n - giant)
            edges.append(Int32(u), Int32(min(n - 1, u + 1 + rng.below(3))))
        }
        let undirected = ConnectedComponents().run(edges.build(vertexCount: n, directed: false).graph)
        let directed = ConnectedComponents().run(edges.build(vertexCount: n, directed: true).graph)
        #expect(undirected.partition.group == directed.partition.group)
        #expect(undirected.sizes == directed.sizes)
        #expect(undirected.count > 1)
    }

    /// 200,000 levels of recursion would already overflow a thread's stack (as in Closeness).
    @Test("a path of 200,000 vertices needs no deep stack")
    func longPath() { longPath(vertices: 200_000) }

    @Test("a path of two million vertices needs no deep stack", .tags(.large), .largeLane)
    func largeLongPath() { longPath(vertices: 2_000_000) }

    func longPath(vertices n: Int) {
        var edges = EdgeBuffer(capacity: n)
        for v in 1..<n { edges.append(Int32(v - 1), Int32(v)) }
        let c = ConnectedComponents().run(edges.build(vertexCount: n, directed: false).graph)
        #expect(c.count == 1)
        #expect(c.sizes == [n])
    }
}
