import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// Validates `path` against the GEXF 1.3 schema (fixtures/gexf-1.3) with xmllint; returns its
/// complaints, empty when the file is valid.
private func schemaProblems(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint", "--noout", "--schema", Fixtures.root + "/gexf-1.3/gexf.xsd", path]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? "" : text
}

/// The values of `attribute` on every `<element ...>` line of `text`.
private func values(of attribute: String, on element: String, in text: String) -> [String] {
    text.split(separator: "\n").filter { $0.contains("<\(element) ") }.map { line -> String in
        guard let start = line.range(of: " \(attribute)=\"") else { return "" }
        return String(line[start.upperBound...].prefix { $0 != "\"" })
    }
}

@Suite("GEXF writer")
struct GEXFWriterTests {
    @Test("a weighted graph with awkward labels and attributes is valid GEXF 1.3, every node and edge once")
    func staticGraphIsValid() throws {
        let graph = EdgeBuffer(weightedEdges: [(0, 1, 2.5), (1, 2, 1), (0, 2, 1e-3)])
            .build(vertexCount: 4, directed: false).graph
        let path = try Scratch.file("", suffix: ".gexf")
        defer { Scratch.remove(path) }
        try GEXFWriter.write(graph, labels: LabelTable(["a&b", "<c>", "d\"e", "lonely"]),
                             attributeNames: ["name", "team"],
                             attributeValues: [["Ann & Bo", "", "Dee", ""], ["red", "blue", "", "red"]], to: path)
        #expect(try schemaProblems(path) == "")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(values(of: "id", on: "node", in: text) == ["a&amp;b", "&lt;c&gt;", "d&quot;e", "lonely"])
        #expect(values(of: "label", on: "node", in: text) == ["Ann &amp; Bo", "&lt;c&gt;", "Dee", "lonely"])
        #expect(values(of: "weight", on: "edge", in: text) == ["2.5", "0.001", "1"])
        #expect(values(of: "id", on: "edge", in: text) == ["0", "1", "2"])
        #expect(!text.contains("mode=\"dynamic\"") && !text.contains("start="))
    }

    @Test("a dated dataset's dynamic GEXF is valid; ties start after their members, and counting ties by start day gives the cumulative network of every day")
    func dynamicDatasetReplaysGrowth() throws {
        let loaded = try Fixtures.load("workplace-invs15", weighted: true)
        let community = try #require(loaded.community)
        let timeline = try GEXFTimeline(loaded)
        let path = try Scratch.file("", suffix: ".gexf")
        defer { Scratch.remove(path) }
        try GEXFWriter.write(loaded.graph, labels: loaded.labels, attributeNames: ["name"],
                             attributeValues: [community.members.map { community.names[Int($0)] }],
                             timeline: timeline, to: path)
        #expect(try schemaProblems(path) == "")

        let graph = loaded.graph
        var edgeDays: [Int32] = []
        for u in 0 ..< graph.vertexCount {
            for slot in graph.row(VertexID(u)) where Int(graph.targets[slot]) > u {
                let day = timeline.edgeStartDays[slot]
                #expect(day != Int32.max, "every tie of a dataset has a dated record")
                #expect(day >= timeline.vertexStartDays[u] && day >= timeline.vertexStartDays[Int(graph.targets[slot])])
                #expect(timeline.edgeStartDays[try #require(graph.edgeIndex(graph.targets[slot], VertexID(u)))] == day)
                edgeDays.append(day)
            }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(values(of: "start", on: "edge", in: text) == edgeDays.map { CivilDate(daysSinceEpoch: $0).description })
        for day in Set(edgeDays).sorted() {
            let through = Int64(day) * 86_400 + 86_399
            let cumulative = community.memberNetwork(through: through, weighted: false).graph.edgeCount
            #expect(edgeDays.filter { $0 <= day }.count == cumulative, "ties present on \(CivilDate(daysSinceEpoch: day))")
        }
    }

    @Test("a dynamic GEXF of an edge list is refused: it has no dates")
    func timelineNeedsDataset() throws {
        let loaded = try Fixtures.load("karate/karate.edges")
        #expect(throws: GEXFTimelineError.self) { try GEXFTimeline(loaded) }
    }
}
