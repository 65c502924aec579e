import Foundation
import MeshworkRender
import MeshworkTestSupport
import Testing

/// The serialised Graphviz owner: formats, errors, plugin checks and concurrent use.
@Suite("Graphviz")
struct GraphvizTests {
    static let triangle = "graph { a -- b; b -- c; c -- a }"

    @Test("every engine and format renders; dot returns the parsed input unchanged",
          arguments: LayoutEngine.allCases)
    func formats(engine: LayoutEngine) throws {
        let svg = try Graphviz.render(Self.triangle, engine: engine, format: .svg)
        #expect(SVGInspection(svg) != nil)
        let png = try Graphviz.render(Self.triangle, engine: engine, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = try Graphviz.render(Self.triangle, engine: engine, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(try Graphviz.render(Self.triangle, engine: engine, format: .dot) == Array(Self.triangle.utf8))
    }

    @Test("PDF maps are the same bytes on every run: no creation date (cairo stamps the time)")
    func pdfDeterministic() throws {
        let first = try Graphviz.render(Self.triangle, engine: .neato, format: .pdf)
        Thread.sleep(forTimeInterval: 1.1)  // cairo's date has one-second resolution
        let second = try Graphviz.render(Self.triangle, engine: .neato, format: .pdf)
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("CreationDate") && text.contains("/Producer") && text.hasSuffix("%%EOF\n"))
    }

    @Test("a syntax error throws with Graphviz's message, and the parser works afterwards")
    func syntaxError() throws {
        #expect {
            try Graphviz.render("graph { a -- ; ", engine: .neato, format: .svg)
        } throws: { error in
            guard case GraphvizError.syntax(let messages) = error else { return false }
            return messages.joined().contains("syntax error")
        }
        #expect(throws: GraphvizError.self) { try Graphviz.render("not dot at all {{", engine: .neato, format: .dot) }
        #expect(SVGInspection(try Graphviz.render(Self.triangle, engine: .neato, format: .svg)) != nil)
    }

    @Test("this installation registered the engines and formats maps use")
    func installedPlugins() throws {
        for engine in LayoutEngine.allCases {
            for format in RenderFormat.allCases { try Graphviz.plugins.check(engine: engine, format: format) }
        }
    }

    @Test("a missing plugin registry (no plugins at all) is told apart from one missing plugin")
    func missingRegistry() {
        #expect(throws: GraphvizError.missingPluginRegistry) {
            try GraphvizPlugins(layouts: [], formats: []).check(engine: .neato, format: .svg)
        }
        #expect(throws: GraphvizError.missingPluginRegistry) {
            try GraphvizPlugins(layouts: [], formats: []).check(engine: .neato, format: .dot)
        }
        #expect(throws: GraphvizError.missingPlugin(kind: "layout", name: "sfdp", available: ["dot", "neato"])) {
            try GraphvizPlugins(layouts: ["dot", "neato"], formats: ["svg"]).check(engine: .sfdp, format: .svg)
        }
        #expect(GraphvizError.missingPluginRegistry.description.contains("dot -c"))
    }

    /// Four workers render `rounds` maps each through every engine (PNG every fifth round) and the
    /// neato SVGs must equal one rendered alone.
    private func renderConcurrently(rounds: Int) async throws -> [Bool] {
        var map = MapDocument(engine: .neato)
        map.nodes = (0..<40).map { MapNode(id: "m\($0)", label: $0 < 3 ? "M\($0)" : nil, tooltip: "member \($0)") }
        map.edges = (0..<40).flatMap { i in [MapEdge(source: "m\(i)", target: "m\((i * 7 + 3) % 40)"),
                                             MapEdge(source: "m\(i)", target: "m\((i + 1) % 40)")] }
        let document = map
        let reference = try document.render(as: .svg)
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var same = true
                    for round in 0..<rounds {
                        var copy = document
                        copy.engine = [.neato, .sfdp, .fdp, .circo][(worker + round) % 4]
                        let bytes = try copy.render(as: round % 5 == 0 ? .png : .svg)
                        if copy.engine == .neato && round % 5 != 0 { same = same && bytes == reference }
                    }
                    return same
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
    }

    /// The default lane's twin of ``largeConcurrent()``: every engine on every worker, PNG and SVG.
    @Test("four threads rendering maps at once, 6 times each, never crash and agree")
    func concurrent() async throws {
        #expect(try await renderConcurrently(rounds: 6) == [true, true, true, true])
    }

    @Test("four threads rendering maps at once, 25 times each, never crash and agree", .tags(.large), .largeLane)
    func largeConcurrent() async throws {
        #expect(try await renderConcurrently(rounds: 25) == [true, true, true, true])
    }

    @Test("automatic engine: neato for small maps, sfdp from 1,000 nodes")
    func automaticEngine() {
        #expect(LayoutEngine.automatic(nodeCount: 999) == .neato)
        #expect(LayoutEngine.automatic(nodeCount: 1_000) == .sfdp)
    }

    @Test("maps over the size limit are refused before layout, with a suggestion to aggregate")
    func sizeLimit() {
        var map = MapDocument(engine: .neato)
        map.nodes = (0..<11).map { MapNode(id: "\($0)", tooltip: "") }
        #expect(throws: MapSizeError(nodes: 11, limit: 10)) { try map.render(as: .svg, limit: 10) }
        #expect(MapSizeError(nodes: 30_000, limit: 20_000).description.contains("--level organisation"))
    }
}

@Suite("Map output names")
struct RenderFormatNameTests {
    @Test("the extension gives the format; unknown or contradicting extensions are refused")
    func extensions() throws {
        #expect(try RenderFormat.forOutput("maps/x.PNG", format: nil) == .png)
        #expect(try RenderFormat.forOutput("x.gv", format: nil) == .dot)
        #expect(try RenderFormat.forOutput("x.pdf", format: .pdf) == .pdf)
        #expect(try RenderFormat.forOutput(nil, format: .png) == .png)
        #expect(try RenderFormat.forOutput("/dev/stdout", format: nil) == .svg)
        #expect(try RenderFormat.forOutput("dir.v2/map", format: .pdf) == .pdf)
        #expect(try RenderFormat.forOutput(".map", format: nil) == .svg)
        for (path, format) in [("x.jpg", nil), ("x.svg.gz", nil), ("x.svg", RenderFormat.png), ("x.dot", .svg)] as [(String, RenderFormat?)] {
            #expect(throws: RenderFormatError.self, "\(path)") { try RenderFormat.forOutput(path, format: format) }
        }
    }
}
