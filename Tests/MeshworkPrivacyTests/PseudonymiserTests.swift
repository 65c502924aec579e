import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkPrivacy
import MeshworkTestSupport
import Testing

@Suite("Pseudonymiser")
struct PseudonymiserTests {
    @Test("a pseudonym is `p` and the first 64 bits of HMAC-SHA-256 (RFC 4231 test case 1)")
    func rfc4231() throws {
        let pseudonyms = try Pseudonymiser(key: [UInt8](repeating: 0x0B, count: 20))
        // HMAC-SHA-256(key = 0x0b × 20, "Hi There") = b0344c61d8db38535ca8afceaf0bf12b...
        #expect(pseudonyms.pseudonym(for: "Hi There") == "pb0344c61d8db3853")
    }

    @Test("stable for a key, different across keys and ids")
    func stable() throws {
        let a = try Pseudonymiser(key: Array("first secret phrase".utf8))
        let b = try Pseudonymiser(key: Array("second secret phrase".utf8))
        #expect(a.pseudonym(for: "M0001") == a.pseudonym(for: "M0001"))
        #expect(a.pseudonym(for: "M0001") != a.pseudonym(for: "M0002"))
        #expect(a.pseudonym(for: "M0001") != b.pseudonym(for: "M0001"))
        #expect(throws: PseudonymKeyError.self) { try Pseudonymiser(key: Array("short".utf8)) }
    }

    @Test("a dataset loses every member id and name, keeps its groups")
    func dataset() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let hidden = try Pseudonymiser(key: Array("a secret phrase for tests".utf8)).pseudonymised(loaded)
        let community = try #require(hidden.community)
        let original = try #require(loaded.community)
        for (i, member) in original.members.enumerated() {
            let id = original.ids[member], name = original.names[Int(member)]
            #expect(!hidden.labels.labels.contains(id) && community.ids.id(of: id) == nil)
            #expect(!community.names.contains(name))
            #expect(hidden.labels[Int32(i)] == community.ids[community.members[i]])
        }
        #expect(community.partition(.organisation) == original.partition(.organisation))
        #expect(hidden.graph.targets == loaded.graph.targets)
    }

    @Test("attribute columns are dropped unless kept; a dropped column is recorded, an unknown one refused")
    func attributeColumns() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let original = try #require(loaded.community)
        #expect(original.attributeNames.contains("gender") && original.attributeNames.contains("age"))
        let pseudonyms = try Pseudonymiser(key: Array("a secret phrase for tests".utf8))
        let hidden = try #require(try pseudonyms.pseudonymised(loaded).community)
        #expect(hidden.attributeNames.isEmpty && hidden.attributeValues.isEmpty)
        #expect(try pseudonyms.pseudonymised(loaded).droppedAttributes == original.attributeNames)
        let kept = try pseudonyms.pseudonymised(loaded, keepingAttributes: ["practice"])
        let community = try #require(kept.community)
        let column = try #require(original.attributeNames.firstIndex(of: "practice"))
        #expect(community.attributeNames == ["practice"] && community.attributeValues == [original.attributeValues[column]])
        #expect(!kept.droppedAttributes.contains("practice") && kept.droppedAttributes.contains("gender"))
        #expect(throws: KeptAttributeError.self) { try pseudonyms.pseudonymised(loaded, keepingAttributes: ["phone"]) }
    }

    @Test("GraphML node data (a name, an e-mail) are dropped unless kept")
    func graphMLData() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-privacy-\(UUID().uuidString).graphml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let document = """
            <graphml><key id="n" for="node" attr.name="name"/><key id="e" for="node" attr.name="email"/>
            <key id="t" for="node" attr.name="team"/><graph edgedefault="undirected">
            <node id="ann"><data key="n">Ann Quorvel</data><data key="e">ann@quorvel.example</data><data key="t">red</data></node>
            <node id="bob"><data key="n">Bob Sprindle</data><data key="t">blue</data></node>
            <edge source="ann" target="bob"/></graph></graphml>
            """
        try Data(document.utf8).write(to: URL(fileURLWithPath: path))
        let loaded = try GraphLoader.load(path, options: LoadOptions())
        #expect(loaded.attributeNames == ["name", "email", "team"])
        let pseudonyms = try Pseudonymiser(key: Array("a secret phrase for tests".utf8))
        let hidden = try pseudonyms.pseudonymised(loaded, keepingAttributes: ["team"])
        #expect(hidden.attributeNames == ["team"] && hidden.attributeValues == [["red", "blue"]])
        #expect(hidden.droppedAttributes == ["name", "email"])
        #expect(!hidden.labels.labels.contains("ann") && !hidden.labels.labels.contains("bob"))
        // An id given on the command line finds its vertex by its pseudonym, or as a pseudonym.
        let ann = pseudonyms.pseudonym(for: "ann")
        #expect(hidden.label(forGiven: "ann") == ann && hidden.label(forGiven: ann) == ann)
        #expect(hidden.label(forGiven: "carl") == nil && loaded.label(forGiven: "ann") == "ann")
    }
}
