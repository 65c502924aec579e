import Foundation
import Testing
import MeshworkCore
@testable import MeshworkIO

/// A fresh path under the temporary directory; the file is removed after `body`.
private func withTemporaryFile<R>(_ bytes: [UInt8], suffix: String = ".graphml",
                                  _ body: (String) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("meshwork-graphml-\(UUID().uuidString)\(suffix)")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url.path)
}

private func withTemporaryFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
    try withTemporaryFile(Array(text.utf8), body)
}

private func temporaryPath(_ suffix: String = ".graphml") -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("meshwork-graphml-\(UUID().uuidString)\(suffix)").path
}

/// Reads `text` as a GraphML file and returns the error's text, or `nil` if it reads.
private func readError(_ text: String, weighted: Bool = false) throws -> (path: String, message: String)? {
    try withTemporaryFile(text) { path in
        do {
            _ = try GraphMLReader(weighted: weighted).read(path: path)
            return nil
        } catch let error as InputError {
            return (path, error.description)
        }
    }
}

private func edgePairs(_ graph: LabelledEdges) -> [String] {
    (0 ..< graph.edges.count).map { i in
        "\(graph.labels[graph.edges.sources[i]])-\(graph.labels[graph.edges.targets[i]])"
    }
}

@Suite("GraphML")
struct GraphMLTests {
    //   alice --2.5-- bob --0.125-- "c&d"      e<f> (isolated)
    //     \___________3_____________/
    @Test("write then read gives back labels, edges, weights and attributes")
    func roundTrip() throws {
        let labels = LabelTable(["alice", "bob", "c&d \"q\" 'x'", "e<f>\tZoë"])
        let buffer = EdgeBuffer(weightedEdges: [(0, 1, 2.5), (1, 2, 0.125), (0, 2, 3)])
        let graph = buffer.build(vertexCount: 4, directed: false).graph
        let names = ["team", "note & <remark>"]
        let values = [["red", "blue", "", "green"], ["a\nb", "", "x'y\"z", "1 < 2 & 3 > 2"]]
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphMLWriter.write(graph, labels: labels, attributeNames: names, attributeValues: values, to: path)

        let read = try GraphMLReader(weighted: true).read(path: path)
        #expect(read.labels.labels == labels.labels)
        #expect(read.declaredDirected == false)
        #expect(read.attributeNames == names)
        #expect(read.attributeValues == values)
        let back = read.edges.build(vertexCount: read.labels.count, directed: false).graph
        #expect(back.offsets == graph.offsets)
        #expect(back.targets == graph.targets)
        #expect(back.weights == graph.weights)
        #expect(read.edges.count == 3)  // each undirected edge written once

        // Deterministic bytes: writing again gives the same file.
        let again = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: again) }
        try GraphMLWriter.write(graph, labels: labels, attributeNames: names, attributeValues: values, to: again)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test("the writer's exact output for a small directed graph")
    func writerBytes() throws {
        let graph = EdgeBuffer(edges: [(1, 0), (0, 2)]).build(vertexCount: 3, directed: true).graph
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphMLWriter.write(graph, labels: LabelTable(["a", "b", "c"]), to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <graph edgedefault="directed">
                <node id="a"/>
                <node id="b"/>
                <node id="c"/>
                <edge source="a" target="c"/>
                <edge source="b" target="a"/>
              </graph>
            </graphml>

            """)
    }

    @Test("a directed file: edgedefault, document order, isolated nodes")
    func directedFile() throws {
        let text = """
            <?xml version="1.0"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <graph id="G" edgedefault="directed">
                <node id="x"/><node id="y"/>
                <edge source="y" target="x"/>
                <node id="lonely"/>
                <edge source="x" target="z"/>
                <node id="z"/>
              </graph>
            </graphml>
            """
        let graph = try withTemporaryFile(text) { try GraphMLReader(weighted: false).read(path: $0) }
        #expect(graph.declaredDirected == true)
        #expect(graph.labels.labels == ["x", "y", "lonely", "z"])
        #expect(edgePairs(graph) == ["y-x", "x-z"])  // z is declared after the edge that names it
        #expect(graph.attributeNames.isEmpty)
    }

    @Test("no edgedefault leaves the direction undecided")
    func noEdgeDefault() throws {
        let graph = try withTemporaryFile("<graphml><graph><node id='a'/></graph></graphml>") {
            try GraphMLReader(weighted: false).read(path: $0)
        }
        #expect(graph.declaredDirected == nil)
        #expect(graph.labels.labels == ["a"])
        #expect(graph.edges.count == 0)
    }

    @Test("entities, character references, CDATA, comments, DOCTYPE and prefixes")
    func entitiesAndCDATA() throws {
        let text = """
            \u{FEFF}<?xml version='1.0' encoding='UTF-8' standalone="yes"?>
            <!-- a comment with <tags> & ampersands -->
            <!DOCTYPE graphml SYSTEM "graphml.dtd" [ <!ELEMENT x (#PCDATA)> <!-- ] > --> ]>
            <?some-pi with="stuff" ?>
            <g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns">
              <g:key id='k' for='node' attr.name='label' attr.type='string'>
                <g:default>none</g:default>
              </g:key>
              <g:graph edgedefault = 'undirected' >
                <g:node id="a&amp;b"><g:data key="k"><![CDATA[<b>bold</b> & co]]></g:data></g:node>
                <g:node id='&#x41;&#66;&lt;&gt;&quot;&apos;&#233;&#x1F600;'>
                  <g:data key="k">x &lt; y<!-- hidden --> and <![CDATA[]]>z</g:data>
                </g:node>
                <g:node
                   id="plain"
                />
                <g:edge source="a&amp;b" target="AB&lt;&gt;&quot;'é😀"/>
              </g:graph>
            </g:graphml>
            <!-- trailing comment -->

            """
        let graph = try withTemporaryFile(text) { try GraphMLReader(weighted: false).read(path: $0) }
        #expect(graph.labels.labels == ["a&b", "AB<>\"'é😀", "plain"])
        #expect(graph.attributeNames == ["label"])
        #expect(graph.attributeValues == [["<b>bold</b> & co", "x < y and z", "none"]])
        #expect(edgePairs(graph) == ["a&b-AB<>\"'é😀"])
        #expect(graph.declaredDirected == false)
    }

    @Test("a file as NetworkX writes it, with yEd-style namespaces")
    func networkXStyle() throws {
        let text = """
            <?xml version='1.0' encoding='utf-8'?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xmlns:y="http://www.yworks.com/xml/graphml" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="d0" for="edge" attr.name="weight" attr.type="double" />
              <key id="d1" for="node" attr.name="club" attr.type="string" />
              <key id="d2" for="node" yfiles.type="nodegraphics" />
              <key id="d3" for="graph" attr.name="name" attr.type="string" />
              <key id="d4" for="all" attr.name="age" attr.type="int">
                <default>7</default>
              </key>
              <graph edgedefault="undirected">
                <data key="d3">Zachary's Karate Club</data>
                <node id="0">
                  <data key="d1">Mr. Hi</data>
                  <data key="d2"><y:ShapeNode><y:NodeLabel>zero</y:NodeLabel></y:ShapeNode></data>
                </node>
                <node id="1">
                  <data key="d1">Officer</data>
                  <data key="d4">42</data>
                </node>
                <node id="2" />
                <edge source="0" target="1">
                  <data key="d0">4.0</data>
                </edge>
                <edge source="1" target="2">
                  <data key="d0"> 1e-3 </data>
                  <data key="d4">3</data>
                </edge>
                <edge source="2" target="0" />
              </graph>
            </graphml>
            """
        let graph = try withTemporaryFile(text) { try GraphMLReader(weighted: true).read(path: $0) }
        #expect(graph.labels.labels == ["0", "1", "2"])
        #expect(graph.declaredDirected == false)
        #expect(graph.attributeNames == ["club", "age"])
        #expect(graph.attributeValues == [["Mr. Hi", "Officer", ""], ["7", "42", "7"]])
        #expect(edgePairs(graph) == ["0-1", "1-2", "2-0"])
        #expect(graph.edges.weights == [4, 0.001, 1])

        let unweighted = try withTemporaryFile(text) { try GraphMLReader(weighted: false).read(path: $0) }
        #expect(unweighted.edges.weights.isEmpty)
        #expect(unweighted.edges.count == 3)
    }

    @Test("the weight key's default applies to edges without weight data")
    func weightDefault() throws {
        let text = """
            <graphml>
              <key id="w" for="edge" attr.name="weight"><default>2.5</default></key>
              <graph edgedefault="directed">
                <node id="a"/><node id="b"/>
                <edge source="a" target="b"/>
                <edge source="b" target="a"><data key="w">0.5</data></edge>
              </graph>
            </graphml>
            """
        let graph = try withTemporaryFile(text) { try GraphMLReader(weighted: true).read(path: $0) }
        #expect(graph.edges.weights == [2.5, 0.5])
    }

    @Test("the karate fixture reads with 34 nodes and 78 edges")
    func karateFixture() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/karate/karate.graphml").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let graph = try GraphMLReader(weighted: true).read(path: path)
        #expect(graph.labels.count == 34)
        #expect(graph.edges.build(vertexCount: 34, directed: false).graph.edgeCount == 78)
        #expect(graph.attributeNames == ["faction"])
    }

    // MARK: Errors

    @Test("an unterminated comment is reported with file and line")
    func unterminatedComment() throws {
        let error = try #require(try readError("<graphml>\n<graph>\n<!-- never closed\n<node id='a'/>\n"))
        #expect(error.message.contains("\(error.path):3:"))
        #expect(error.message.contains("unterminated comment"))
    }

    @Test("an edge naming an undeclared node is an error")
    func unknownNode() throws {
        let text = "<graphml>\n<graph edgedefault='undirected'>\n<node id='a'/>\n<edge source='a' target='ghost'/>\n</graph>\n</graphml>\n"
        let error = try #require(try readError(text))
        #expect(error.message.contains("\(error.path):4: edge refers to unknown node 'ghost'"))
    }

    @Test("a duplicate node id is an error")
    func duplicateNode() throws {
        let text = "<graphml><graph>\n<node id='a'/>\n<node id='b'/>\n<node id='a'/>\n</graph></graphml>"
        let error = try #require(try readError(text))
        #expect(error.message.contains("\(error.path):4: duplicate node id 'a' (first declared on line 2)"))
    }

    @Test("a bad weight is an error only with weighted", arguments: ["-1", "0", "abc", "inf", "nan", ""])
    func badWeight(weight: String) throws {
        let text = """
            <graphml>
            <key id="d0" for="edge" attr.name="weight" attr.type="double"/>
            <graph edgedefault="undirected">
            <node id="a"/><node id="b"/>
            <edge source="a" target="b">
              <data key="d0">\(weight)</data>
            </edge>
            </graph>
            </graphml>
            """
        let error = try #require(try readError(text, weighted: true))
        #expect(error.message.contains("\(error.path):6: weight"))
        #expect(try readError(text, weighted: false) == nil)
    }

    @Test("non-XML garbage is an error")
    func garbage() throws {
        let error = try #require(try readError("1 2\n2 3\n"))
        #expect(error.message.contains("\(error.path):1:"))
        #expect(error.message.contains("not XML"))
        let binary = try withTemporaryFile([0x1F, 0x8B, 0x00, 0xFF, 0x3C, 0x00]) { path -> String in
            do {
                _ = try GraphMLReader(weighted: false).read(path: path)
                return ""
            } catch let error as InputError {
                return error.description
            }
        }
        #expect(!binary.isEmpty)
    }

    @Test("an empty file is an error")
    func emptyFile() throws {
        for text in ["", "  \n\n"] {
            let error = try #require(try readError(text))
            #expect(error.message.contains("\(error.path):1: empty file"))
        }
    }

    @Test("malformed XML and unsupported GraphML are reported with their line", arguments: [
        ("<graphml>\n<graph>\n</graf>\n</graphml>", 3, "does not match <graph>"),
        ("<graphml>\n<graph>\n<node id='a'/>\n", 4, "unexpected end of file: <graph> (opened on line 2)"),
        ("<graphml>\n<graph>\n<node id=\"a/>\n</graph></graphml>", 3, "'<' in the value"),
        ("<graphml>\n<graph>\n<node id='a'\n", 3, "unterminated tag"),
        ("<graphml>\n<graph>\n<node id='a&b'/>\n</graph></graphml>", 3, "'&' does not start a reference"),
        ("<graphml>\n<graph>\n<node id='&nbsp;'/>\n</graph></graphml>", 3, "unknown entity &nbsp;"),
        ("<graphml>\n<graph>\n<node id='&#0;'/>\n</graph></graphml>", 3, "not a valid character"),
        ("<graphml>\n<graph>\n<node/>\n</graph></graphml>", 3, "<node> without an id"),
        ("<graphml>\n<graph>\n<node id='a'/>\n<edge target='a'/>\n</graph></graphml>", 4, "without a source"),
        ("<graphml>\n<key id='k' for='node'/>\n</graphml>", 3, "no <graph> element"),
        ("<svg>\n<graph/>\n</svg>", 1, "not <graphml>"),
        ("<graphml>\n<graph>\n<node id='a'>\n<graph/>\n</node>\n</graph></graphml>", 4, "nested graphs"),
        ("<graphml>\n<graph>\n<hyperedge/>\n</graph></graphml>", 3, "hyperedges are not supported"),
        ("<graphml>\n<graph>\n<node id='a'>\n<port name='p'/>\n</node>\n</graph></graphml>", 4, "ports are not supported"),
        ("<graphml>\n<graph>\n<node id='a'><data key='nope'>1</data></node>\n</graph></graphml>", 3, "undeclared key 'nope'"),
        ("<graphml>\n<graph edgedefault='sideways'>\n</graph></graphml>", 2, "edgedefault"),
        ("<graphml a='1' a='2'>\n</graphml>", 1, "appears twice"),
        ("<graphml>\n</graphml>\n<graphml/>", 3, "second root element"),
        ("<graphml>\n<![CDATA[ open\n</graphml>", 2, "unterminated CDATA"),
    ])
    func malformed(text: String, line: Int, fragment: String) throws {
        let error = try #require(try readError(text))
        #expect(error.message.contains("\(error.path):\(line):"), "\(error.message)")
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test("a .gz file is decompressed")
    func gzip() throws {
        let text = "<graphml><graph><node id='a'/><node id='b'/><edge source='a' target='b'/></graph></graphml>"
        let plain = temporaryPath("")
        try Data(text.utf8).write(to: URL(fileURLWithPath: plain))
        defer {
            try? FileManager.default.removeItem(atPath: plain)
            try? FileManager.default.removeItem(atPath: plain + ".gz")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-f", plain]
        guard (try? process.run()) != nil else { return }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return }
        let graph = try GraphMLReader(weighted: false).read(path: plain + ".gz")
        #expect(edgePairs(graph) == ["a-b"])
    }

    // MARK: Robustness

    /// Every 1-byte change (or deletion) of a valid document reads or throws ``InputError``; a trap
    /// would crash the test process.
    @Test("every single-byte mutation of a valid document reads or throws InputError")
    func mutations() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- c --><!DOCTYPE graphml [<!ENTITY x "y">]>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="d0" for="node" attr.name="team" attr.type="string"><default>none</default></key>
              <key id="d1" for="edge" attr.name="weight" attr.type="double"/>
              <graph edgedefault="undirected">
                <node id="a&amp;b"><data key="d0"><![CDATA[x]]>&#65;</data></node>
                <node id='c'/>
                <edge source="a&amp;b" target="c"><data key="d1">2.5</data></edge>
                <edge source="c" target="d"/><node id="d"/>
              </graph>
            </graphml>
            """
        let original = Array(text.utf8)
        let replacements: [UInt8?] = [UInt8(ascii: "<"), UInt8(ascii: "\""), UInt8(ascii: "x"), 0x00,
                                      UInt8(ascii: "&"), UInt8(ascii: ">"), UInt8(ascii: "/"), 0xFF, nil]
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reads = 0, errors = 0, other: [String] = []
        func check(_ bytes: [UInt8], position: Int, weighted: Bool, throughFile: Bool) {
            do {
                let graph: LabelledEdges
                if throughFile {
                    try Data(bytes).write(to: URL(fileURLWithPath: path))
                    graph = try GraphMLReader(weighted: weighted).read(path: path)
                } else {
                    graph = try GraphMLReader(weighted: weighted).parse(bytes, path: path)
                }
                // Whatever reads must be usable: every edge endpoint is a node, every column full.
                let n = Int32(graph.labels.count)
                for i in 0 ..< graph.edges.count where !(0 ..< n).contains(graph.edges.sources[i])
                    || !(0 ..< n).contains(graph.edges.targets[i]) {
                    other.append("bad endpoint after mutating byte \(position)")
                }
                for column in graph.attributeValues where column.count != Int(n) {
                    other.append("bad column after mutating byte \(position)")
                }
                reads += 1
            } catch let error as InputError {
                if !error.description.contains("\(path):") { other.append(error.description) }
                errors += 1
            } catch {
                other.append("\(position): \(error)")
            }
        }
        for position in 0 ..< original.count {
            for (index, replacement) in replacements.enumerated() {
                var bytes = original
                if let replacement {
                    if bytes[position] == replacement { continue }
                    bytes[position] = replacement
                } else {
                    bytes.remove(at: position)
                }
                // In memory for speed; the first replacement also goes through a real file.
                check(bytes, position: position, weighted: false, throughFile: index == 0)
                check(bytes, position: position, weighted: true, throughFile: false)
            }
        }
        #expect(other.isEmpty, "\(other.prefix(5))")
        #expect(reads > 0 && errors > 0)
    }

    /// Seeded random edits (1-4 bytes replaced, inserted or deleted, drawn from XML-significant
    /// bytes) of a writer-produced document: each parses or throws ``InputError``.
    @Test("random multi-byte edits read or throw InputError")
    func randomEdits() throws {
        let labels = LabelTable(["a", "b&c", "d<e>", "f'g\"h"])
        let graph = EdgeBuffer(weightedEdges: [(0, 1, 1.5), (1, 2, 2), (2, 3, 0.25), (3, 0, 7)])
            .build(vertexCount: 4, directed: false).graph
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphMLWriter.write(graph, labels: labels, attributeNames: ["k"],
                                attributeValues: [["1", "", "x&y", "z"]], to: path)
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let alphabet = Array("<>/=\"'&;#x![]?-: \nabd0.".utf8) + [0x00, 0xC3, 0xFF]
        var random = SplitMix64(seed: 42)
        var failures: [String] = []
        for trial in 0 ..< 3000 {
            var bytes = original
            for _ in 0 ... random.below(4) where !bytes.isEmpty {
                let position = random.below(bytes.count)
                let byte = alphabet[random.below(alphabet.count)]
                switch random.below(3) {
                case 0: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                default: bytes.remove(at: position)
                }
            }
            for weighted in [false, true] {
                do {
                    let read = try GraphMLReader(weighted: weighted).parse(bytes, path: path)
                    let n = Int32(read.labels.count)
                    if read.edges.sources.contains(where: { $0 < 0 || $0 >= n })
                        || read.edges.targets.contains(where: { $0 < 0 || $0 >= n }) {
                        failures.append("trial \(trial): endpoint out of range")
                    }
                } catch is InputError {
                } catch {
                    failures.append("trial \(trial): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// A tag's repeated attribute is found among its first 8 names (compared directly) and past
    /// them (a hash set: O(total name length) per tag, not O(k²)); 100,000 distinct ones are read.
    @Test("many attributes on one tag: all distinct read, a repeat found anywhere", arguments: [3, 8, 9, 100_000])
    func manyAttributes(count: Int) throws {
        let attributes = (0 ..< count).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let document = "<graphml><graph><node id=\"x\" \(attributes)/><node id=\"y\"/><edge source=\"x\" target=\"y\"/></graph></graphml>"
        let read = try GraphMLReader(weighted: false).parse(Array(document.utf8), path: "wide.graphml")
        #expect(read.labels.labels == ["x", "y"])
        #expect(read.edges.count == 1)
        let repeated = document.replacingOccurrences(of: "/><node id=\"y\"", with: " a\(count - 1)=\"again\"/><node id=\"y\"")
        let error = try readError(repeated)?.message ?? "read without an error"
        #expect(error.contains("attribute 'a\(count - 1)' appears twice in tag <node>"), "\(error.prefix(200))")
    }

    @Test("elements nested past 1000 deep are refused; 1000 are read")
    func depth() throws {
        func nested(_ depth: Int) -> [UInt8] {
            let inner = String(repeating: "<x>", count: depth - 4) + String(repeating: "</x>", count: depth - 4)
            return Array("<graphml><graph><node id=\"a\"><data key=\"d\">\(inner)</data></node></graph></graphml>".utf8)
        }
        #expect(throws: Never.self) { try GraphMLReader(weighted: false).parse(nested(1000).withKey, path: "deep.graphml") }
        do {
            _ = try GraphMLReader(weighted: false).parse(nested(1001).withKey, path: "deep.graphml")
            Issue.record("1001 levels were read")
        } catch let error as InputError {
            #expect(error.description == "deep.graphml:1: elements nested more than 1000 deep (GraphML needs a handful)")
        }
    }

    @Test("text that XML 1.0 cannot hold is refused by both writers before a file is made, naming it")
    func unwritableText() throws {
        let graph = EdgeBuffer(edges: [(0, 1)]).build(vertexCount: 2, directed: false).graph
        var notUTF8 = LabelTable()
        [UInt8]([0x61]).withUnsafeBufferPointer { _ = notUTF8.intern($0) }
        [UInt8]([0xFF, 0x62]).withUnsafeBufferPointer { _ = notUTF8.intern($0) }
        let cases: [(LabelTable, [String], String)] = [
            (LabelTable(["a\u{1}b", "c"]), [], "node id \"a\\u{1}b\" holds the control character U+0001"),
            (notUTF8, [], "node id \"\u{FFFD}b\" is not valid UTF-8"),
            (LabelTable(["a", "b"]), ["ok", "x\u{1B}"], "value of attribute \"team\" \"x\\u{1B}\" holds the control character U+001B"),
        ]
        for (labels, team, expected) in cases {
            let values = team.isEmpty ? [] : [team]
            let names = team.isEmpty ? [] : ["team"]
            for (format, suffix) in [("GraphML", ".graphml"), ("GEXF", ".gexf")] {
                let path = temporaryPath(suffix)
                do {
                    if format == "GraphML" {
                        try GraphMLWriter.write(graph, labels: labels, attributeNames: names, attributeValues: values, to: path)
                    } else {
                        try GEXFWriter.write(graph, labels: labels, attributeNames: names, attributeValues: values, to: path)
                    }
                    Issue.record("\(format) wrote \(expected)")
                } catch let error as XMLTextError {
                    #expect(error.description.hasPrefix("\(format): \(expected)"))
                }
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
        // Tab, newline and carriage return are allowed, as character references.
        try unwritableTextIsLocated(graph)
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphMLWriter.write(graph, labels: LabelTable(["a\tb", "c\r\nd"]), to: path)
        #expect(try GraphMLReader(weighted: false).read(path: path).labels.labels == ["a\tb", "c\r\nd"])
    }
}

/// The writer's refusal moved to the first input line that holds the text: an edge list's own
/// line, a dataset's nodes.csv line; left as it is when no line holds it.
private func unwritableTextIsLocated(_ graph: CSRGraph) throws {
    let edges = temporaryPath(".txt")
    let dataset = temporaryPath()
    defer {
        try? FileManager.default.removeItem(atPath: edges)
        try? FileManager.default.removeItem(atPath: dataset)
    }
    try "a b\n# x\u{1}y\nb x\u{1}y\n".write(toFile: edges, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: dataset, withIntermediateDirectories: false)
    try "id,kind\nm1,member\nx\u{1}y,member\n".write(toFile: dataset + "/nodes.csv", atomically: true, encoding: .utf8)
    do {
        try GraphMLWriter.write(graph, labels: LabelTable(["b", "x\u{1}y"]), to: temporaryPath(".graphml"))
        Issue.record("GraphML wrote a control character")
    } catch let error as XMLTextError {
        // the first line holding the text is the comment on line 2: the message points there
        #expect((error.located(inGraph: edges) as? InputError)?.description == "\(edges):2: \(error.description)")
        #expect((error.located(inGraph: dataset) as? InputError)?.description
            == "\(dataset)/nodes.csv:3: \(error.description)")
        #expect(error.located(inGraph: dataset + "/missing.txt") is XMLTextError)
    }
}

private extension [UInt8] {
    /// The document with the key `d` declared before its graph.
    var withKey: [UInt8] {
        Array(String(decoding: self, as: UTF8.self)
            .replacingOccurrences(of: "<graphml><graph>", with: "<graphml><key id=\"d\" for=\"node\"/><graph>").utf8)
    }
}
