import MeshworkRender
import MeshworkTestSupport
import Testing

/// User text inside DOT: quotes, backslashes, entities, markup, line breaks and URLs.
@Suite("DOT escaping")
struct DOTEscapingTests {
    /// Names no map may choke on.
    static let nasty = [
        "O'Brien \"the\" Brave", "AT&T; R&D &amp; co", "C:\\Users\\\\N \\N \\G \\L", "<script>alert(1)</script>",
        "line\nbreak\ttab\r", "http://evil.example/?a=1&b=<2>\"'", "Zoë Ñúñez 中文 🙂", "\\", "\"", "&", "",
    ]

    @Test("quoted strings: quotes escaped, backslashes replaced, entities for & < >, no control characters")
    func quoted() {
        #expect(DOTEscaping.quoted("A \"B\" & C\\D") == "\"A \\\"B\\\" &amp; C/D\"")
        #expect(DOTEscaping.quoted("<b>\nx") == "\"&lt;b&gt; x\"")
        for name in Self.nasty {
            let text = DOTEscaping.quoted(name)
            let inner = text.dropFirst().dropLast()
            #expect(!inner.contains("\\") || inner.contains("\\\""))
            #expect(!inner.replacingOccurrences(of: "\\\"", with: "").contains("\""))
            #expect(!inner.contains("<") && !inner.contains(">"))
            #expect(!inner.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    @Test("element ids are injective and use only [A-Za-z0-9_-]")
    func elementIDs() {
        let ids = Self.nasty.map { DOTEscaping.elementID($0) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("n-"))
            #expect(id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        }
        #expect(DOTEscaping.elementID("a_b") != DOTEscaping.elementID("a-b"))
        #expect(DOTEscaping.elementID("Dr O'Neil") == "n-Dr_20O_27Neil")
    }

    @Test("URLs: percent-encoded, existing escapes kept")
    func urls() {
        #expect(DOTEscaping.url("https://x.org/a b?q=1&r=2") == "https://x.org/a%20b?q=1%26r=2")
        #expect(DOTEscaping.url("/p%20q%zz\"<>\\'") == "/p%20q%25zz%22%3C%3E%5C%27")
        #expect(DOTEscaping.url("é") == "%C3%A9")
    }

    @Test("nasty names, groups and URLs render to well-formed SVG holding every node id and tooltip")
    func nastySVG() throws {
        var map = MapDocument(engine: .neato)
        map.nodes = Self.nasty.enumerated().map { i, name in
            MapNode(id: name, label: name, tooltip: "\(name) · degree \(i)", classes: ["group", name],
                    url: "https://example.org/member?id=\(name)&x=1")
        }
        map.edges = zip(Self.nasty, Self.nasty.dropFirst()).map { MapEdge(source: $0, target: $1, tooltip: $0 + $1) }
        map.legendTitle = "<b>\"groups\" & \\N</b>"
        map.legend = Self.nasty.map { LegendEntry(label: $0, colour: "#E69F00") }
        let svg = try map.render(as: .svg)
        let inspection = try #require(SVGInspection(svg), "the SVG is not well-formed XML")
        #expect(Set(inspection.nodeIDs.filter { $0.hasPrefix("n-") }) == Set(Self.nasty.map { DOTEscaping.elementID($0) }))
        // Labels are nodes of their own, `l-` and the node's id.
        let labels = Set(inspection.nodeIDs.filter { $0.hasPrefix("l-") })
        #expect(!labels.isEmpty && labels.isSubset(of: Set(Self.nasty.map { DOTEscaping.elementID($0, prefix: "l-") })))
        #expect(inspection.titles.contains("<script>alert(1)</script> · degree 3"))
        #expect(inspection.titles.contains("O'Brien \"the\" Brave · degree 0"))
        #expect(inspection.titles.contains("C:/Users//N /N /G /L · degree 2"))
        let text = String(decoding: svg, as: UTF8.self)
        #expect(!text.contains("<script>"))
        #expect(text.contains("https://example.org/member?id=AT%26T;%20R%26D%20%26amp;%20co%26x=1"))
    }
}

/// Long text is folded so that Graphviz's lexer stays linear, and Graphviz still sees it whole.
@Suite("DOT folding of long text")
struct DOTFoldingTests {
    @Test("quoted strings get a backslash-newline every 4,096 bytes, never after a backslash")
    func quoted() {
        let name = String(repeating: "é\"", count: 5000)  // 3 bytes per pair, escaped to 4
        let text = DOTEscaping.quoted(name)
        let pieces = text.dropFirst().dropLast().components(separatedBy: "\\\n")
        #expect(pieces.count == 5)
        #expect(pieces.allSatisfy { $0.utf8.count <= 4096 + 5 && !$0.hasSuffix("\\") })
        #expect(pieces.joined() == String(repeating: "é\\\"", count: 5000))
        #expect(DOTEscaping.quoted("short") == "\"short\"")
    }

    @Test("HTML labels get empty comments; ids, classes and URLs are folded verbatim")
    func htmlAndVerbatim() {
        let html = DOTEscaping.html(String(repeating: "a&", count: 3000))
        #expect(html.components(separatedBy: "<!---->").joined() == String(repeating: "a&amp;", count: 3000))
        #expect(html.components(separatedBy: "<!---->").allSatisfy { $0.utf8.count <= 4096 + 5 })
        let id = DOTEscaping.elementID(String(repeating: "x", count: 10_000))
        let folded = DOTEscaping.quotedVerbatim(id)
        #expect(folded.dropFirst().dropLast().components(separatedBy: "\\\n").joined() == id)
        #expect(DOTEscaping.quotedVerbatim("n-a") == "\"n-a\"")
    }

    @Test("Graphviz reads a folded 200,000-character name back whole")
    func graphvizReadsFolded() throws {
        let name = String(repeating: "N", count: 200_000)
        var map = MapDocument(engine: .neato)
        map.nodes = [MapNode(id: name, label: "L" + name, tooltip: "T" + name, size: 0.3), MapNode(id: "b", tooltip: "b", size: 0.3)]
        map.edges = [MapEdge(source: name, target: "b")]
        map.legend = [LegendEntry(label: "G" + name, colour: "#E69F00")]
        let svg = String(decoding: try map.render(as: .svg), as: UTF8.self)
        // Graphviz writes '-' in ids as "&#45;".
        #expect(svg.contains("id=\"" + DOTEscaping.elementID(name).replacingOccurrences(of: "-", with: "&#45;") + "\""))
        #expect(svg.contains("L" + name))
        #expect(svg.contains("T" + name))
        #expect(svg.contains("G" + name))
    }
}
