import MeshworkCore
import MeshworkIO
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
        let loaded = try GraphLoader.load(Fixtures.root + "/lazega-lawyers", options: LoadOptions())
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
}
