import Foundation
import MeshworkAlgorithms
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// Deterministic DOT (golden files), byte-identical neato drawings, and SVG that holds every node.
///
/// Re-record the goldens with `RECORD_GOLDENS=1 swift test --filter MapDocumentTests`, or with
/// the commands in `fixtures/goldens/maps/README.md`.
@Suite("Map documents")
struct MapDocumentTests {
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
        let loaded = try GraphLoader.load(Fixtures.root + "/" + golden.input, options: LoadOptions())
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

    @Test("the same nodes and edges in any order give byte-identical DOT")
    func orderIndependence() {
        var rng = SystemRandomNumberGenerator()
        var map = MapDocument(engine: .sfdp)
        map.nodes = (0..<50).map { MapNode(id: "v\($0)", tooltip: "t\($0)", size: Double($0) / 7) }
        map.edges = (0..<50).map { MapEdge(source: "v\($0)", target: "v\(($0 * 13 + 5) % 50)", width: 1.25) }
        let reference = map.dot
        for _ in 0..<5 {
            map.nodes.shuffle(using: &rng)
            map.edges = map.edges.shuffled(using: &rng).map {
                Bool.random(using: &rng) ? MapEdge(source: $0.target, target: $0.source, width: $0.width) : $0
            }
            #expect(map.dot == reference)
        }
    }

    @Test("palette: Okabe-Ito first, then Tol's muted, then grey in one legend row")
    func palette() {
        #expect(Palette.colour(ofRank: 0) == "#E69F00")
        #expect(Palette.colour(ofRank: 8) == Palette.tolMuted[0])
        #expect(Palette.colour(ofRank: 17) == Palette.other)
        let legend = Palette.legend(groupNames: (0..<20).map { "g\($0)" }, hasUnknown: true)
        #expect(legend.count == 19)
        #expect(legend[17] == LegendEntry(label: "3 other groups", colour: Palette.other))
        #expect(legend[18] == LegendEntry(label: "unknown", colour: Palette.unknown))
    }
}
