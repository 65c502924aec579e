import MeshworkCore
import Testing

@Suite("LabelTable")
struct LabelTableTests {
    @Test("interns in order of first appearance")
    func firstAppearance() {
        var labels = LabelTable()
        #expect(labels.intern("alice") == 0)
        #expect(labels.intern("bob") == 1)
        #expect(labels.intern("alice") == 0)
        #expect(labels.intern("") == 2)
        #expect(labels.count == 3)
        #expect(labels[1] == "bob")
        #expect(labels.id(of: "carol") == nil)
        #expect(labels.labels == ["alice", "bob", ""])
    }

    @Test("survives growth with many labels, including unicode")
    func growth() {
        var labels = LabelTable()
        for i in 0..<50_000 { #expect(labels.intern("n\(i)é") == Int32(i)) }
        for i in stride(from: 0, to: 50_000, by: 997) { #expect(labels.id(of: "n\(i)é") == Int32(i)) }
        #expect(labels[49_999] == "n49999é")
    }
}
