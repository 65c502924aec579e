import MeshworkRender
import Testing

/// Map documents built by hand: the DOT does not depend on the order of nodes and edges, and the
/// palette. The maps of real graphs (NetworkMap, golden DOT files, SVG drawings) are tested in
/// MeshworkReportTests.
@Suite("Map documents")
struct MapDocumentTests {
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
