/// A network map as plain values, written as a deterministic Graphviz DOT document.
///
///     var map = MapDocument(engine: .neato)
///     map.nodes = [MapNode(id: "a", tooltip: "A"), MapNode(id: "b", tooltip: "B")]
///     map.edges = [MapEdge(source: "a", target: "b")]
///     let svg = try map.render(as: .svg)
///
/// The same document always gives byte-identical DOT: nodes are written sorted by id and edges by
/// their ends' ids (each edge with its smaller id first), numbers with three decimals, and the
/// layout seed is fixed (`start=1`). neato then gives byte-identical drawings too; sfdp and fdp
/// do not (their layouts vary between runs of one process).
///
/// In SVG every node is a `<g>` whose `id` is ``DOTEscaping/elementID(_:prefix:)`` of its id and
/// whose `class` is `node` plus its ``MapNode/classes``; ties are `<g class="edge tie">`, with
/// `crossing` added when they cross a group boundary; hovering shows the tooltips. All user text
/// is escaped (``DOTEscaping``). The legend is the graph's label: an HTML-like table below the map,
/// with the ``notes`` as its last rows.
///
/// - Complexity: O((V + E) log(V + E)) to write the DOT.
public struct MapDocument: Sendable {
    public var nodes: [MapNode] = []
    public var edges: [MapEdge] = []
    public var engine: LayoutEngine
    /// The legend's heading, e.g. the level the colours show.
    public var legendTitle: String?
    public var legend: [LegendEntry] = []
    /// Lines of text under the legend: what the map leaves out and how far it can be trusted.
    public var notes: [String] = []
    /// The drawing is scaled down to fit this many inches square (PNG and PDF stay bounded).
    public var maximumInches: Double = 40

    public init(engine: LayoutEngine) {
        self.engine = engine
    }

    /// The DOT document.
    public var dot: String {
        var out = "graph \"meshwork\" {\n"
        out += "\tgraph [" + graphAttributes.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];\n"
        out += "\tnode [shape=circle, style=filled, fixedsize=true, label=\"\", color=\"#4D4D4D\", "
            + "penwidth=0.5, fontname=\"Helvetica\", fontsize=10];\n"
        out += "\tedge [color=\"#80808099\"];\n"
        for node in nodes.sorted(by: { $0.id < $1.id }) { write(node, to: &out) }
        let ordered = edges.map { $0.source <= $0.target ? $0 : MapEdge(
            source: $0.target, target: $0.source, width: $0.width, crossesBoundary: $0.crossesBoundary,
            tooltip: $0.tooltip) }
        for edge in ordered.sorted(by: { ($0.source, $0.target) < ($1.source, $1.target) }) { write(edge, to: &out) }
        out += "}\n"
        return out
    }

    /// Lays the map out and renders it, after checking its size (``checkSize(nodeCount:limit:)``).
    /// - Throws: ``MapSizeError`` above the limit, ``GraphvizError`` from Graphviz.
    /// - Complexity: the engine's layout time.
    public func render(as format: RenderFormat, limit: Int = MapDocument.maximumNodes) throws -> [UInt8] {
        try Self.checkSize(nodeCount: nodes.count, limit: limit)
        return try Graphviz.render(dot, engine: engine, format: format)
    }

    /// Graph attributes: the engine and its settings, a fixed seed, the size bound and the legend.
    private var graphAttributes: [(String, String)] {
        var attributes: [(String, String)] = [("layout", engine.rawValue)]
        switch engine {
        case .neato: attributes += [("overlap", "false"), ("splines", "false"), ("start", "1")]
        case .sfdp: attributes += [("splines", "false"), ("start", "1")]
        case .fdp: attributes += [("overlap", "true"), ("splines", "false"), ("start", "1")]  // fdp's default overlap removal takes minutes
        case .circo: attributes += [("splines", "false")]
        case .dot: break
        }
        let inches = DOTEscaping.fixed(maximumInches)
        attributes += [("outputorder", "edgesfirst"), ("forcelabels", "true"), ("pad", "0.2"),
                       ("size", "\"\(inches),\(inches)\""), ("fontname", "\"Helvetica\""), ("fontsize", "10")]
        if !legend.isEmpty || !notes.isEmpty {
            attributes += [("labelloc", "b"), ("labeljust", "l"), ("label", legendLabel)]
        }
        return attributes
    }

    /// The legend as an HTML-like table: a swatch and a name per entry, and the dashed-tie key.
    private var legendLabel: String {
        var rows = ""
        if let legendTitle {
            rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>\(DOTEscaping.html(legendTitle))</B></TD></TR>"
        }
        for entry in legend {
            rows += "<TR><TD BGCOLOR=\"\(safeColour(entry.colour))\" WIDTH=\"12\" HEIGHT=\"12\" FIXEDSIZE=\"TRUE\"> </TD>"
                + "<TD ALIGN=\"LEFT\">\(DOTEscaping.html(entry.label))</TD></TR>"
        }
        if edges.contains(where: \.crossesBoundary) {
            rows += "<TR><TD>- -</TD><TD ALIGN=\"LEFT\">tie between groups</TD></TR>"
        }
        for note in notes {
            rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\" BORDER=\"0\">\(DOTEscaping.html(note))</TD></TR>"
        }
        return "<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"2\" CELLPADDING=\"2\" COLOR=\"#4D4D4D\">\(rows)</TABLE>>"
    }

    private func write(_ node: MapNode, to out: inout String) {
        let name = DOTEscaping.quotedVerbatim(DOTEscaping.elementID(node.id))
        let size = DOTEscaping.fixed(node.size)
        out += "\t\(name) [id=\(name)"
        if !node.classes.isEmpty {
            out += ", class=" + DOTEscaping.quotedVerbatim(node.classes.map(DOTEscaping.classToken).joined(separator: " "))
        }
        out += ", width=\(size), height=\(size), fillcolor=\"\(safeColour(node.fill))\""
        out += ", tooltip=" + DOTEscaping.quoted(node.tooltip)
        if let label = node.label { out += ", xlabel=" + DOTEscaping.quoted(label) }
        if let url = node.url { out += ", URL=" + DOTEscaping.quotedVerbatim(DOTEscaping.url(url)) }
        out += "];\n"
    }

    private func write(_ edge: MapEdge, to out: inout String) {
        out += "\t" + DOTEscaping.quotedVerbatim(DOTEscaping.elementID(edge.source)) + " -- "
            + DOTEscaping.quotedVerbatim(DOTEscaping.elementID(edge.target))
        out += " [penwidth=\(DOTEscaping.fixed(edge.width))"
        out += edge.crossesBoundary ? ", class=\"tie crossing\", style=dashed, color=\"#333333CC\"" : ", class=\"tie\""
        if let tooltip = edge.tooltip { out += ", tooltip=" + DOTEscaping.quoted(tooltip) }
        out += "];\n"
    }

    /// `colour` when it is `#` and 6 or 8 hex digits, else the plain colour (colours are values
    /// of the DOT, never free text).
    private func safeColour(_ colour: String) -> String {
        let digits = colour.dropFirst()
        let valid = colour.first == "#" && (digits.count == 6 || digits.count == 8) && digits.allSatisfy(\.isHexDigit)
        return valid ? colour : Palette.plain
    }
}
