import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// Ego maps: the centre marked, organisations as centres, and the whole network's colours.
@Suite("Ego maps")
struct EgoMapTests {
    static func map(_ loaded: LoadedGraph, ego: String? = nil) throws -> MapDocument {
        var options = NetworkMap.Options()
        options.ego = ego
        return try NetworkMap.document(loaded, options: options)
    }

    @Test("a member's map marks and labels it; every colour and legend entry is the whole network's")
    func member() throws {
        let loaded = try Fixtures.load("school-like")
        let full = try Self.map(loaded)
        let fills = Dictionary(uniqueKeysWithValues: full.nodes.map { ($0.id, $0.fill) })
        for id in ["p001", "p120", "p230"] {
            let ego = try Self.map(loaded, ego: id)
            let centre = ego.nodes.filter(\.emphasised)
            #expect(centre.map(\.id) == [id])
            #expect(centre.first?.label != nil && centre.first?.classes.contains("ego") == true)
            #expect(ego.nodes.count == 1 + loaded.graph.degree(loaded.labels.id(of: id)!))
            #expect(ego.nodes.allSatisfy { fills[$0.id] == $0.fill }, "\(id): colours as on the full map")
            #expect(Set(ego.legend).isSubset(of: Set(full.legend)), "\(id): legend entries as on the full map")
            #expect(ego.notes.first?.hasPrefix("Thick black outline: ") == true)
        }
    }

    @Test("an organisation's map: its members marked, with everyone they reach in one tie")
    func organisation() throws {
        let loaded = try Fixtures.load("school-like")
        let community = try #require(loaded.community)
        let organisations = community.partition(.organisation)
        let g = Int32(try #require(organisations.names.firstIndex(of: "class-1a")))
        let members = Set((0..<loaded.graph.vertexCount).filter { organisations.group[$0] == g })
        var reached = members
        for v in members { reached.formUnion(loaded.graph.neighbours(of: VertexID(v)).map(Int.init)) }
        let map = try Self.map(loaded, ego: "class-1a")
        #expect(Set(map.nodes.filter(\.emphasised).map(\.id)) == Set(members.map { loaded.labels[Int32($0)] }))
        #expect(Set(map.nodes.map(\.id)) == Set(reached.map { loaded.labels[Int32($0)] }))
        #expect(map.notes.first == "Thick black outline: the \(members.count) members of Class 1A; with everyone within 1 tie of them, \(reached.count) members in all.")
        #expect(throws: MapOptionError.self) { try Self.map(loaded, ego: "nobody") }
    }
}
