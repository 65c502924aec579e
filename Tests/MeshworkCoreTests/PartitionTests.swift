import MeshworkCore
import Testing

@Suite("Partition, induced subgraphs and quotient graphs")
struct PartitionTests {
    @Test("canonical numbering: decreasing size, ties by smallest vertex")
    func canonical() {
        let p = Partition(groups: [2, 0, 2, 1, 1, -1, 0], names: ["a", "b", "c"]).canonicalised()
        // sizes: a = {1, 6}, b = {3, 4}, c = {0, 2}: all 2, so order by smallest vertex: c, a, b
        #expect(p.group == [0, 1, 0, 2, 2, -1, 1])
        #expect(p.names == ["c", "a", "b"])
        #expect(p.knownCount == 6)
    }

    //  0 - 1 - 2 - 3      groups: {0, 1} = A, {2, 3} = B, 4 unknown
    //          |
    //          4
    @Test("quotient counts internal, cross-group and unassigned ties")
    func quotient() {
        let g = EdgeBuffer(weightedEdges: [(0, 1, 1), (1, 2, 2), (2, 3, 1), (2, 4, 5)])
            .build(vertexCount: 5, directed: false).graph
        let q = g.quotient(by: Partition(groups: [0, 0, 1, 1, -1], names: ["A", "B"]))
        #expect(q.internalTies == [1, 1])
        #expect(q.members == [2, 2])
        #expect(q.unassignedTies == 1)
        #expect(q.graph.edgeCount == 1)
        #expect(q.graph.weight(0, 1) == 1)
        #expect(q.tieWeights == [2, 2])
    }

    @Test("induced subgraph keeps the ties among kept vertices")
    func induced() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3), (3, 0)]).build(vertexCount: 4, directed: true).graph
        let (sub, original) = g.induced(keeping: [true, true, false, true])
        #expect(original == [0, 1, 3])
        #expect(sub.edgeCount == 2)   // 0 -> 1 and 3 -> 0
        #expect(sub.hasEdge(0, 1) && sub.hasEdge(2, 0))
        #expect(sub.inDegree(0) == 1)
    }
}
