import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("CutStructure: bridges, articulation points, biconnected components")
struct CutStructureTests {
    func rows(_ file: String) throws -> [[String]] {
        let text = try String(contentsOfFile: Fixtures.root + "/goldens/" + file, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("every fixture agrees with NetworkX", arguments: Fixtures.manifest)
    func goldens(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let cuts = CutStructure().run(loaded.graph)
        let labels = loaded.labels
        #expect(cuts.bridges.map { [labels[$0.u], labels[$0.v]] } == (try rows(entry.name + ".bridges.csv")))
        #expect(cuts.articulationPoints.map { [labels[$0]] } == (try rows(entry.name + ".articulation.csv")))
        let table = cuts.edgeTable()
        let mine = zip(table.edges, table.components).map { [labels[$0.0.u], labels[$0.0.v], String($0.1)] }
        #expect(mine == (try rows(entry.name + ".biconnected.csv")))
    }

    //  0 - 1 - 2 - 3      bridges {1,2}, {3,4}; articulation points 1, 2, 3
    //  |  /    |  /
    //  4-'     5-'        (0-1-4 and 2-3-5 are triangles)   6 isolated
    @Test("hand-drawn: two triangles joined by a bridge")
    func handDrawn() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 4), (4, 0), (1, 2), (2, 3), (3, 5), (5, 2)])
            .build(vertexCount: 7, directed: false).graph
        let cuts = CutStructure().run(g)
        #expect(cuts.bridges.map { [$0.u, $0.v] } == [[1, 2]])
        #expect(cuts.articulationPoints == [1, 2])
        #expect(cuts.componentCount == 3)
    }

    @Test("random graphs agree with removing each edge and vertex", arguments: 0..<30)
    func naive(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 2 + rng.below(25)
        let m = rng.below(2 * n)
        var pairs: [(Int32, Int32)] = []
        for _ in 0..<m { pairs.append((Int32(rng.below(n)), Int32(rng.below(n)))) }
        let g = EdgeBuffer(edges: pairs).build(vertexCount: n, directed: seed % 4 == 0).graph
        let undirected = CutStructure().run(g).graph
        let base = ConnectedComponents().run(undirected).count
        let cuts = CutStructure().run(g)
        var expectedBridges: [[Int32]] = []
        for u in 0..<n {
            for v in undirected.neighbours(of: VertexID(u)) where Int(v) > u {
                var rest = EdgeBuffer()
                for a in 0..<n {
                    for b in undirected.neighbours(of: VertexID(a)) where Int(b) > a && !(a == u && b == v) {
                        rest.append(VertexID(a), b)
                    }
                }
                if ConnectedComponents().run(rest.build(vertexCount: n, directed: false).graph).count > base {
                    expectedBridges.append([VertexID(u), v])
                }
            }
        }
        #expect(cuts.bridges.map { [$0.u, $0.v] } == expectedBridges)
        for v in 0..<n {
            var keep = [Bool](repeating: true, count: n)
            keep[v] = false
            let without = ConnectedComponents().run(undirected.induced(keeping: keep).graph).count
            let isolated = undirected.degree(VertexID(v)) == 0
            #expect(cuts.isArticulationPoint[v] == (without > base - (isolated ? 1 : 0)))
        }
    }

    /// 200,000 levels of recursion would already overflow a thread's stack (as in Closeness).
    @Test("a path of 200,000 vertices needs no deep stack")
    func longPath() { longPath(vertices: 200_000) }

    @Test("a path of two million vertices needs no deep stack", .tags(.large), .largeLane)
    func largeLongPath() { longPath(vertices: 2_000_000) }

    func longPath(vertices n: Int) {
        var edges = EdgeBuffer(capacity: n)
        for v in 1..<n { edges.append(Int32(v - 1), Int32(v)) }
        let cuts = CutStructure().run(edges.build(vertexCount: n, directed: false).graph)
        #expect(cuts.bridges.count == n - 1)
        #expect(cuts.articulationPoints.count == n - 2)
    }
}
