import Foundation
import MeshworkAlgorithms
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The maps of the fixtures (``NetworkMap``): deterministic DOT (golden files), byte-identical
/// neato drawings, and SVG that holds every node.
///
/// Re-record the goldens with `RECORD_GOLDENS=1 swift test --filter NetworkMapTests`, or with
/// the commands in `fixtures/goldens/maps/README.md`.
@Suite("Network maps")
struct NetworkMapTests {
    struct Golden: CustomStringConvertible, Sendable {
        var name: String
        var input: String
        var level: NetworkMap.Level
        var colourBy: BoundaryLevel?
        var description: String { name }
    }

    static let goldens = [
        Golden(name: "karate-club-organisation", input: "karate-club", level: .members,
               colourBy: .hierarchy(.organisation)),
        Golden(name: "lazega-lawyers-organisation-map", input: "lazega-lawyers",
               level: .groups(.hierarchy(.organisation)), colourBy: nil),
    ]

    func map(_ golden: Golden) throws -> MapDocument {
        let loaded = try Fixtures.load(golden.input)
        var options = NetworkMap.Options()
        options.level = golden.level
        options.colourBy = golden.colourBy
        return try NetworkMap.document(loaded, options: options)
    }

    @Test("the DOT equals its golden file", arguments: goldens)
    func golden(_ golden: Golden) throws {
        let path = Fixtures.root + "/goldens/maps/\(golden.name).dot"
        let dot = try map(golden).dot
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
            try dot.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded new baseline \(path)")
            return
        }
        #expect(dot == (try String(contentsOfFile: path, encoding: .utf8)))
    }

    @Test("neato draws the same SVG twice; it is XML and holds every node's id and group class",
          arguments: goldens)
    func svg(_ golden: Golden) throws {
        let document = try map(golden)
        let first = try document.render(as: .svg)
        #expect(first == (try document.render(as: .svg)))
        let inspection = try #require(SVGInspection(first))
        #expect(inspection.nodeIDs.filter { $0.hasPrefix("n-") }.sorted() == document.nodes.map { DOTEscaping.elementID($0.id) }.sorted())
        // Labels are nodes of their own, `l-` and the node's id, each of a labelled node.
        let labelled = Set(document.nodes.filter { $0.label != nil }.map { DOTEscaping.elementID($0.id, prefix: "l-") })
        let labels = inspection.nodeIDs.filter { $0.hasPrefix("l-") }
        #expect(!labels.isEmpty && labels.allSatisfy(labelled.contains))
        for node in document.nodes {
            let classes = inspection.nodeClasses[DOTEscaping.elementID(node.id)] ?? ""
            #expect(classes.contains(node.classes.map(DOTEscaping.classToken).joined(separator: " ")))
        }
        #expect(inspection.titles.count >= document.nodes.count)
    }
}
