@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("Locality order")
struct LocalityOrderTests {
    /// Communities of 40 vertices, scattered over the numbering by a stride, with a few ties between them.
    func scattered(_ n: Int, directed: Bool = false, weighted: Bool = false) -> CSRGraph {
        var rng = SplitMix64(seed: 17)
        var buffer = EdgeBuffer(weighted: weighted)
        let groups = n / 40
        func vertex(_ group: Int, _ member: Int) -> Int32 { Int32(member * groups + group) }
        for g in 0..<groups {
            for _ in 0..<120 { buffer.append(vertex(g, rng.below(40)), vertex(g, rng.below(40)), weight: Double(1 + rng.below(3))) }
            buffer.append(vertex(g, 0), vertex((g + 1) % groups, 1), weight: 1)
            buffer.append(vertex(g, 2), vertex(rng.below(groups), 3), weight: 2)
        }
        return buffer.build(vertexCount: n, directed: directed).graph
    }

    @Test("a permutation that numbers each community together")
    func order() {
        let g = scattered(4_000)
        let newID = _LocalityOrder.communityOrder(g)
        #expect(Set(newID).count == g.vertexCount && newID.allSatisfy { $0 >= 0 && Int($0) < g.vertexCount })
        // Neighbours end up much closer in the new numbering than in the scattered one.
        var before = 0, after = 0
        for u in 0..<g.vertexCount {
            for v in g.neighbours(of: Int32(u)) {
                before += abs(u - Int(v))
                after += abs(Int(newID[u]) - Int(newID[Int(v)]))
            }
        }
        #expect(after * 4 < before)
    }

    static let kinds = [(false, false), (true, false), (false, true)]

    /// The searches on the renumbered rows (renumbering from 4,000 vertices on) against the plain
    /// ones, from `_renumberSources` sources.
    @Test("renumbered Brandes gives the same bits", arguments: kinds)
    func sameBits(directed: Bool, weighted: Bool) {
        sameBits(vertices: 4_000, renumberFrom: 4_000, directed: directed, weighted: weighted)
    }

    /// The same at the size where `Betweenness` renumbers by default (`_renumberVertices`).
    @Test("renumbered Brandes gives the same bits at the default size", .tags(.large), .largeLane, arguments: kinds)
    func largeSameBits(directed: Bool, weighted: Bool) {
        sameBits(vertices: Betweenness._renumberVertices + 40 * 10, renumberFrom: Betweenness._renumberVertices,
                 directed: directed, weighted: weighted)
    }

    func sameBits(vertices: Int, renumberFrom: Int, directed: Bool, weighted: Bool) {
        let g = scattered(vertices, directed: directed, weighted: weighted)
        let kernel = Betweenness(weighted: weighted, threads: 2)
        let sources = (0..<Betweenness._renumberSources).map { Int32($0 * 997 % g.vertexCount) }.sorted()
        let renumbered = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: renumberFrom)
        let plain = kernel._dependencies(g, sources: sources, edges: false, renumberFrom: nil)
        #expect(_LocalityOrder.communityOrder(g) != (0..<Int32(vertices)).map { $0 }, "the renumbering moves vertices")
        #expect(renumbered.map(\.bitPattern) == plain.map(\.bitPattern))
    }
}
