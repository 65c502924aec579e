import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// Every fixture graph against the NetworkX values in `fixtures/goldens` (made by
/// `fixtures/goldens/make_goldens.py`), node by node.
@Suite("NetworkX goldens")
struct GoldenTests {
    @Test("node order, counts, degree, strength and components", arguments: Fixtures.manifest)
    func matchesNetworkX(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let golden = try Fixtures.golden(entry.name)
        let stats = try Fixtures.stats(entry.name)
        let graph = loaded.graph

        #expect(loaded.labels.labels == golden.column("id"), "node order")
        #expect(graph.vertexCount == stats.nodes)
        #expect(graph.edgeCount == stats.edges)
        #expect(loaded.selfLoops == stats.self_loops)

        #expect(Degree().run(graph).degrees.map(String.init) == golden.column("degree"))
        #expect(Degree(direction: .in).run(graph).degrees.map(String.init) == golden.column("in_degree"))
        #expect(Degree().run(graph).degrees.map(String.init) == golden.column("out_degree"))
        let strengths = Strength().run(graph).strengths
        for (v, expected) in golden.column("strength").enumerated() {
            #expect(agrees(strengths[v], Double(expected)!), "strength of \(loaded.labels[Int32(v)])")
        }

        let components = ConnectedComponents().run(graph)
        #expect(components.count == stats.components)
        #expect(components.partition.group.map(String.init) == golden.column("component"))
    }
}
