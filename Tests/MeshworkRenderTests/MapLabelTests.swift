import Foundation
import MeshworkRender
import Testing

/// Labels are boxes of their own against their node, inside the drawing, and at least 11 CSS
/// pixels high where the drawing is shown.
@Suite("Map labels")
struct MapLabelTests {
    /// A ring of 24 members with long names, every third one labelled, and two members without
    /// ties (Graphviz packs unconnected pieces: they must not move the labels).
    static func ring(display: MapDisplay, engine: LayoutEngine = .neato) -> MapDocument {
        var map = MapDocument(engine: engine)
        map.display = display
        map.nodes = (0..<24).map { i in
            MapNode(id: "m\(i)", label: i % 3 == 0 ? "Class PSI* \(i) of the north-east school" : nil,
                    tooltip: "m\(i)", size: 0.15 + Double(i % 5) / 10)
        } + [MapNode(id: "alone0", tooltip: "alone0"), MapNode(id: "alone1", tooltip: "alone1")]
        map.edges = (0..<24).flatMap { i in
            [MapEdge(source: "m\(i)", target: "m\((i + 1) % 24)"), MapEdge(source: "m\(i)", target: "m\((i + 7) % 24)")]
        }
        map.legend = [LegendEntry(label: "a group", colour: "#E69F00")]
        map.notes = ["A note under the legend."]
        return map
    }

    static func numbers(_ text: Substring, _ pattern: String) -> [Double] {
        guard let match = try? Regex(pattern).firstMatch(in: text) else { return [] }
        return (1..<match.count).compactMap { match[$0].substring.flatMap { Double($0) } }
    }

    @Test("labels sit against their outlined node, inside the drawing, at least 11 px where shown",
          arguments: zip([MapDisplay(), MapDisplay(width: 300, height: 300), MapDisplay()], [LayoutEngine.neato, .neato, .sfdp]))
    func legible(display: MapDisplay, engine: LayoutEngine) throws {
        let map = Self.ring(display: display, engine: engine)
        let svg = String(decoding: try map.render(as: .svg), as: UTF8.self)
        #expect(svg == String(decoding: try map.render(as: .svg), as: UTF8.self), "deterministic")
        let size = Self.numbers(svg[...], #"<svg width="([\d.]+)pt" height="([\d.]+)pt""#)
        let scale = Self.numbers(svg[...], #"transform="scale\(([\d.]+) "#)[0]
        let background = Self.numbers(svg[...], #"<polygon fill="white" stroke="transparent" points="([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+)"#)
        let (left, right, bottom, top) = (background[0], background[4], background[1], background[3])
        var pixelsPerUnit = 4.0 / 3.0
        if let width = display.width { pixelsPerUnit = min(pixelsPerUnit, width / size[0]) }
        if let height = display.height { pixelsPerUnit = min(pixelsPerUnit, height / size[1]) }
        pixelsPerUnit *= scale
        // Each node's drawing is in the group of its tooltip's link, `a_` and its id.
        let groups = svg.split(separator: "<g id=\"a_").dropFirst()
        var circles: [String: (x: Double, y: Double, r: Double)] = [:]
        for group in groups where group.hasPrefix("n&#45;") {
            let id = String(group.prefix { $0 != "\"" }.dropFirst("n&#45;".count))
            let e = Self.numbers(group, #"<ellipse[^>]* cx="([-\d.]+)" cy="([-\d.]+)" rx="([\d.]+)""#)
            circles[id] = (e[0], e[1], e[2])
        }
        let labels = groups.filter { $0.hasPrefix("l&#45;") }
        // In a 300-pixel box the long labels cannot all be legible: fewer, larger ones are drawn.
        #expect(display.width == nil ? labels.count == 8 : (1..<8).contains(labels.count))
        for label in labels {
            let id = String(label.prefix { $0 != "\"" }.dropFirst("l&#45;".count))
            let circle = try #require(circles[id])
            let fontSize = Self.numbers(label, #"font-size="([\d.]+)""#)[0]
            #expect(fontSize * pixelsPerUnit >= 11, "\(id): \(fontSize * pixelsPerUnit) px")
            let points = Self.numbers(label, #"points="([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+) ([-\d.]+),([-\d.]+)"#)
            let (x0, x1) = (min(points[0], points[2], points[4]), max(points[0], points[2], points[4]))
            let (y0, y1) = (min(points[1], points[3], points[5]), max(points[1], points[3], points[5]))
            #expect(x0 >= left && x1 <= right && y0 >= top && y1 <= bottom, "\(id) inside the drawing")
            let dx = max(x0 - circle.x, 0, circle.x - x1), dy = max(y0 - circle.y, 0, circle.y - y1)
            let gap = (dx * dx + dy * dy).squareRoot() - circle.r
            #expect(gap <= 0.3 * fontSize + 1, "\(id) is \(gap) pt from its circle")
            // Its circle is outlined, and drawn after (on top of) every unlabelled circle.
            let node = try #require(svg.range(of: "<g id=\"n&#45;\(id)\" class=\"node labelled\">"))
            #expect(svg[node.upperBound...].prefix(600).contains("stroke=\"#1a1a1a\" stroke-width=\"1.5\""), "\(id) outlined")
            for other in (0..<24).filter({ $0 % 3 != 0 }).map({ "m\($0)" }) + ["alone0"] {
                #expect(svg.range(of: "<g id=\"n&#45;\(other)\" class=\"node\">")!.lowerBound < node.lowerBound)
            }
        }
        if display.width == nil { #expect(svg.contains(">Class PSI* 0 of the north&#45;east school<")) }
    }

    @Test("the DOT output carries the labels as xlabels on outlined nodes, last, for Graphviz to place")
    func dotLabels() {
        let dot = Self.ring(display: MapDisplay()).dot
        let lines = dot.split(separator: "\n").filter { $0.contains("tooltip=") }
        let labelled = lines.filter { $0.contains("xlabel=") }
        #expect(labelled.count == 8 && lines.count == 26)
        #expect(labelled.allSatisfy { $0.contains("class=\"labelled\"") && $0.contains("penwidth=1.5, color=\"#1A1A1A\"") })
        #expect(Array(lines.suffix(8)) == labelled, "labelled nodes come last")
        #expect(dot.contains("xlabel=\"Class PSI* 0 of the north-east school\"") && !dot.contains("pos=") && !dot.contains("layout=nop"))
    }

    @Test("dashes only when a map has ties both within and across groups")
    func dashes() {
        var map = MapDocument(engine: .neato)
        map.nodes = ["a", "b", "c"].map { MapNode(id: $0, tooltip: $0) }
        map.edges = [MapEdge(source: "a", target: "b", crossesBoundary: true), MapEdge(source: "b", target: "c", crossesBoundary: true)]
        map.legend = [LegendEntry(label: "g", colour: "#E69F00")]
        #expect(!map.dashesCrossingTies && !map.dot.contains("dashed") && !map.dot.contains("tie between groups"))
        map.edges.append(MapEdge(source: "a", target: "c"))
        #expect(map.dashesCrossingTies && map.dot.contains("style=dashed") && map.dot.contains("tie between groups"))
    }
}
