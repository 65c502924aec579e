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

@Suite("LabelTable.labelOrder")
struct LabelOrderTests {
    @Test("numeric labels by value first, then the others by bytes")
    func order() {
        let table = LabelTable(["b", "10", "a", "9", "010", "ab", "0"])
        #expect(table.labelOrder().map { table[$0] } == ["0", "9", "10", "010", "a", "ab", "b"])
    }

    @Test("the same labels in any insertion order give the same label sequence", arguments: 0..<5)
    func insertionOrder(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        var labels = (0..<300).map { i in i % 3 == 0 ? "M\(rng.below(100_000))" : "\(rng.below(1_000_000))" }
        labels = Array(Set(labels))
        let first = LabelTable(labels)
        labels.shuffle(using: &rng)
        let second = LabelTable(labels)
        #expect(first.labelOrder().map { first[$0] } == second.labelOrder().map { second[$0] })
    }

    @Test("labels that are not numbers come in byte order, short or long, with or without a zero byte",
          arguments: 0..<4)
    func byteOrder(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        // Seed 0: labels of up to 16 bytes (compared as packed words); 1: some longer, some not
        // ASCII; 2: some with a zero byte; 3: 7 to 16 bytes of two letters, so that many share
        // their first 8 bytes.
        let alphabet: [Character] = seed == 3 ? ["a", "b"] : seed == 1 ? ["a", "b", "\u{e9}", "M", "0"] : ["a", "b", "M", "0"]
        var labels = Set<String>()
        while labels.count < 400 {
            let length = seed == 3 ? 7 + rng.below(10) : 1 + rng.below(seed == 1 ? 24 : 16)
            var label = "M"
            for _ in 1..<length { label.append(alphabet[rng.below(alphabet.count)]) }
            if seed == 2 && rng.below(50) == 0 { label += "\u{0}" }
            labels.insert(label)
        }
        let table = LabelTable(Array(labels))
        let expected = labels.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        #expect(table.labelOrder().map { table[$0] } == expected)
    }
}
