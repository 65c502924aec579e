import MeshworkAlgorithms
import MeshworkCore
import Testing

@Suite("Degree")
struct DegreeTests {
    //  0 -> 1 -> 2,  0 -> 2,  2 -> 0 (weights 1, 2, 3, 4)
    @Test("directed degrees and strengths")
    func directed() {
        let g = EdgeBuffer(weightedEdges: [(0, 1, 1), (1, 2, 2), (0, 2, 3), (2, 0, 4)])
            .build(vertexCount: 3, directed: true).graph
        #expect(Degree().run(g).degrees == [2, 1, 1])
        #expect(Degree(direction: .in).run(g).degrees == [1, 1, 2])
        #expect(Strength().run(g).strengths == [4, 2, 4])
        #expect(Strength(direction: .in).run(g).strengths == [4, 1, 5])
    }

    @Test("undirected strengths without weights equal degrees")
    func unweighted() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 4, directed: false).graph
        #expect(Degree().run(g).degrees == [1, 2, 1, 0])
        #expect(Strength().run(g).strengths == [1, 2, 1, 0])
    }
}
