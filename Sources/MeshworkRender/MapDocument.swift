/// A network map as plain values, written as a deterministic Graphviz DOT document.
///
///     var map = MapDocument(engine: .neato)
///     map.nodes = [MapNode(id: "a", tooltip: "A"), MapNode(id: "b", tooltip: "B")]
///     map.edges = [MapEdge(source: "a", target: "b")]
///     let svg = try map.render(as: .svg)
///
/// The same document always gives byte-identical DOT: nodes are written sorted by id (labelled
/// nodes last, so that they are drawn on top) and edges by
/// their ends' ids (each edge with its smaller id first), numbers with three decimals, and the
/// layout seed is fixed (`start=1`). neato then gives byte-identical drawings too; sfdp and fdp
/// do not (their layouts vary between runs of one process).
///
/// In SVG every node is a `<g>` whose `id` is ``DOTEscaping/elementID(_:prefix:)`` of its id and
/// whose `class` is `node` plus its ``MapNode/classes`` (and `labelled` when its label is drawn:
/// such circles have a dark outline); ties are `<g class="edge tie">`, with
/// `crossing` added when they cross a group boundary; hovering shows the tooltips. All user text
/// is escaped (``DOTEscaping``). The legend is the graph's label, below the map: a coloured square
/// and a name per group, then the ``notes``.
///
/// - Complexity: O((V + E) log(V + E)) to write the DOT.
public struct MapDocument: Sendable {
    public var nodes: [MapNode] = []
    public var edges: [MapEdge] = []
    public var engine: LayoutEngine
    /// The legend's heading, e.g. the level the colours show.
    public var legendTitle: String?
    public var legend: [LegendEntry] = []
    /// The legend's words for a dashed tie (shown only when the map dashes some ties).
    public var crossingLabel = "tie between groups"
    /// Lines of text under the legend: what the map leaves out and how far it can be trusted.
    public var notes: [String] = []
    /// The drawing is scaled down to fit this many inches square (PNG and PDF stay bounded).
    public var maximumInches: Double = 40
    /// Where the drawing is shown, so that its labels are legible there (``MapDisplay``).
    public var display = MapDisplay()

    public init(engine: LayoutEngine) {
        self.engine = engine
    }

    /// The DOT document, not laid out: labels are Graphviz `xlabel`s (the rendered formats place
    /// them themselves, see ``render(as:limit:)``).
    public var dot: String { text(centres: nil, labels: [], fontSize: 0) }

    /// Lays the map out and renders it, after checking its size (``checkSize(nodeCount:limit:)``).
    /// A map with labels is laid out first, its labels placed against their nodes
    /// (``LabelPlacement``) in a font at least ``MapDisplay/minimumLabelPixels`` high where it is
    /// shown, and then drawn with every node pinned, the labels as boxes of their own.
    /// - Throws: ``MapSizeError`` above the limit, ``GraphvizError`` from Graphviz.
    /// - Complexity: the engine's layout time, plus O(labels × nodes) to place the labels.
    public func render(as format: RenderFormat, limit: Int = MapDocument.maximumNodes) throws -> [UInt8] {
        try Self.checkSize(nodeCount: nodes.count, limit: limit)
        guard format.needsLayout, nodes.contains(where: { $0.label != nil }) else {
            return try Graphviz.render(dot, engine: engine, format: format)
        }
        let centres = try Graphviz.nodeCentres(dot, engine: engine)
        var placing = nodes.compactMap { node -> LabelPlacement.Node? in
            guard let centre = centres[DOTEscaping.elementID(node.id)] else { return nil }
            return LabelPlacement.Node(id: node.id, x: centre.x, y: centre.y, radius: 36 * node.size,
                                       label: node.label, required: node.emphasised)
        }
        // Labels widen the drawing, and a wider drawing is shown smaller: grow the font until the
        // labels are legible where shown (3% above the minimum: Graphviz rounds sizes), halving
        // the labels (the smallest nodes' first) when that does not converge. Labels that cannot
        // be legible at any size up to an inch (names of thousands of characters) are left to
        // Graphviz's own placement.
        let wanted = 1.03 * display.minimumLabelPixels
        var fontSize = wanted / pixelsPerPoint(placing, [])
        var labels = LabelPlacement.place(placing, fontSize: fontSize)
        var legible = false
        for attempt in 1...16 {
            let needed = wanted / pixelsPerPoint(placing, labels)
            if needed <= fontSize {
                legible = true
                break
            }
            fontSize = min(needed, 72)
            if attempt % 3 == 0 || needed > 72 {
                let fewer = LabelPlacement.keepingHalf(placing)
                if needed > 72 && fewer.count(where: { $0.label != nil }) == placing.count(where: { $0.label != nil }) { break }
                placing = fewer
            }
            labels = LabelPlacement.place(placing, fontSize: fontSize)
        }
        guard legible else { return try Graphviz.render(dot, engine: engine, format: format) }
        return try Graphviz.renderPositioned(text(centres: centres, labels: labels, fontSize: fontSize), format: format)
    }

    /// CSS pixels per point of the drawing where it is shown: Graphviz scales it into
    /// ``maximumInches``, an SVG shows 4/3 pixels per point, and the display box scales it down.
    private func pixelsPerPoint(_ nodes: [LabelPlacement.Node], _ labels: [LabelPlacement.Box]) -> Double {
        guard !nodes.isEmpty else { return 4.0 / 3.0 }
        var (minX, maxX, minY, maxY) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for node in nodes {
            (minX, maxX) = (min(minX, node.x - node.radius), max(maxX, node.x + node.radius))
            (minY, maxY) = (min(minY, node.y - node.radius), max(maxY, node.y + node.radius))
        }
        for box in labels {
            (minX, maxX) = (min(minX, box.x - box.width / 2), max(maxX, box.x + box.width / 2))
            (minY, maxY) = (min(minY, box.y - box.height / 2), max(maxY, box.y + box.height / 2))
        }
        let pad = 2 * 0.2 * 72.0
        let legendText = [legendTitle ?? ""] + legend.map(\.label) + notes
        let legendRows = Double(legend.count + notes.count + (legendTitle == nil ? 0 : 1) + (dashesCrossingTies ? 1 : 0))
        let width = max(maxX - minX + pad, legendText.map { LabelPlacement.textWidth($0, fontSize: 10) + 40 }.max()!)
        let height = maxY - minY + pad + 20 * legendRows
        let inches = 72 * maximumInches
        var pixels = 4.0 / 3.0 * min(1, inches / width, inches / height)
        if let shown = display.width { pixels = min(pixels, shown / width) }
        if let shown = display.height { pixels = min(pixels, shown / height) }
        return pixels
    }

    /// The DOT document; with `centres` (points, by element id), every node pinned there (`pos`
    /// in points, under `layout=nop`) and
    /// `labels` written as boxes of their own in `fontSize`, for Graphviz's `nop` engine.
    private func text(centres: [String: (x: Double, y: Double)]?, labels: [LabelPlacement.Box], fontSize: Double) -> String {
        var out = "graph \"meshwork\" {\n"
        out += "\tgraph [" + graphAttributes(pinned: centres != nil).map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "];\n"
        out += "\tnode [shape=circle, style=filled, fixedsize=true, label=\"\", color=\"#4D4D4D\", "
            + "penwidth=0.5, fontname=\"Helvetica\", fontsize=10];\n"
        out += "\tedge [color=\"#80808099\"];\n"
        // A labelled node is outlined and drawn after the others, so that on a dense map the
        // circle its label names stands out, on top: the labels drawn (placed boxes; xlabels in
        // the DOT before placement).
        let labelled = centres == nil ? Set(nodes.lazy.filter { $0.label != nil }.map(\.id)) : Set(labels.map(\.id))
        for node in nodes.sorted(by: { (labelled.contains($0.id) ? 1 : 0, $0.id) < (labelled.contains($1.id) ? 1 : 0, $1.id) }) {
            write(node, centre: centres?[DOTEscaping.elementID(node.id)], labelled: labelled.contains(node.id), to: &out)
        }
        let tooltips = Dictionary(nodes.map { ($0.id, $0.tooltip) }, uniquingKeysWith: { first, _ in first })
        for label in labels.sorted(by: { $0.id < $1.id }) {
            let name = DOTEscaping.quotedVerbatim(DOTEscaping.elementID(label.id, prefix: "l-"))
            out += "\t\(name) [id=\(name), class=\"label\", shape=box, style=filled, fillcolor=\"#FFFFFFB3\", "
                + "color=\"#FFFFFF00\", penwidth=0, width=\(DOTEscaping.fixed(label.width / 72)), "
                + "height=\(DOTEscaping.fixed(label.height / 72)), fontsize=\(DOTEscaping.fixed(fontSize)), "
                + "fontcolor=\"#1A1A1A\", label=\(DOTEscaping.quoted(label.text)), "
                + "tooltip=\(DOTEscaping.quoted(tooltips[label.id] ?? label.text)), "
                + "pos=\"\(DOTEscaping.fixed(label.x)),\(DOTEscaping.fixed(label.y))!\"];\n"
        }
        let ordered = edges.map { $0.source <= $0.target ? $0 : MapEdge(
            source: $0.target, target: $0.source, width: $0.width, crossesBoundary: $0.crossesBoundary,
            tooltip: $0.tooltip) }
        let dashing = dashesCrossingTies
        for edge in ordered.sorted(by: { ($0.source, $0.target) < ($1.source, $1.target) }) { write(edge, dashing: dashing, to: &out) }
        out += "}\n"
        return out
    }

    /// Graph attributes: the engine and its settings, a fixed seed, the size bound and the legend.
    /// With `pinned` (every node has its `pos`), no overlap removal: it would move the nodes.
    private func graphAttributes(pinned: Bool) -> [(String, String)] {
        // Pinned: Graphviz reads `pos` in points and keeps every node there only under the graph's
        // own `layout=nop`; under sfdp's name, the nop engine moved the label boxes (unconnected
        // nodes) away from their circles, as packed components (measured: 80 to 210 points).
        var attributes: [(String, String)] = [("layout", pinned ? "nop" : engine.rawValue)]
        switch pinned ? nil : engine {
        case nil: attributes += [("overlap", "true"), ("splines", "false")]
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
        // One left-aligned text cell: a table's columns would stretch to the longest note.
        var lines: [String] = []
        if let legendTitle { lines.append("<B>\(DOTEscaping.html(legendTitle))</B>") }
        for entry in legend {
            let colour = safeColour(entry.colour)
            let swatch = colour.uppercased().hasPrefix("#FFFFFF") ? "<FONT COLOR=\"#4D4D4D\" POINT-SIZE=\"13\">□</FONT>"
                                                                 : "<FONT COLOR=\"\(colour)\" POINT-SIZE=\"13\">■</FONT>"
            lines.append(swatch + " " + DOTEscaping.html(entry.label))
        }
        if dashesCrossingTies { lines.append("- - " + DOTEscaping.html(crossingLabel)) }
        lines += notes.map(DOTEscaping.html)
        return "<<TABLE BORDER=\"0\" CELLPADDING=\"4\"><TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">"
            + lines.map { $0 + "<BR ALIGN=\"LEFT\"/>" }.joined() + "</TD></TR></TABLE>>"
    }

    /// Ties across groups are dashed (and the legend says so) only when the map has ties both
    /// across and within groups: when every line crosses, dashes tell nothing.
    public var dashesCrossingTies: Bool {
        edges.contains(where: \.crossesBoundary) && edges.contains { !$0.crossesBoundary }
    }

    private func write(_ node: MapNode, centre: (x: Double, y: Double)?, labelled: Bool, to out: inout String) {
        let name = DOTEscaping.quotedVerbatim(DOTEscaping.elementID(node.id))
        let size = DOTEscaping.fixed(node.size)
        out += "\t\(name) [id=\(name)"
        let classes = node.classes.map(DOTEscaping.classToken) + (labelled ? ["labelled"] : [])
        if !classes.isEmpty {
            out += ", class=" + DOTEscaping.quotedVerbatim(classes.joined(separator: " "))
        }
        out += ", width=\(size), height=\(size), fillcolor=\"\(safeColour(node.fill))\""
        out += ", tooltip=" + DOTEscaping.quoted(node.tooltip)
        if node.emphasised {
            out += ", penwidth=3, color=\"#000000\""
        } else if labelled {
            out += ", penwidth=1.5, color=\"#1A1A1A\""
        }
        if let centre {
            out += ", pos=\"\(DOTEscaping.fixed(centre.x)),\(DOTEscaping.fixed(centre.y))!\""
        } else if let label = node.label {
            out += ", xlabel=" + DOTEscaping.quoted(label)
        }
        if let url = node.url { out += ", URL=" + DOTEscaping.quotedVerbatim(DOTEscaping.url(url)) }
        out += "];\n"
    }

    private func write(_ edge: MapEdge, dashing: Bool, to out: inout String) {
        out += "\t" + DOTEscaping.quotedVerbatim(DOTEscaping.elementID(edge.source)) + " -- "
            + DOTEscaping.quotedVerbatim(DOTEscaping.elementID(edge.target))
        out += " [penwidth=\(DOTEscaping.fixed(edge.width))"
        if !edge.crossesBoundary {
            out += ", class=\"tie\""
        } else if dashing {
            out += ", class=\"tie crossing\", style=dashed, color=\"#333333CC\""
        } else {
            out += ", class=\"tie crossing\""
        }
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

/// Where a map is shown: a box in CSS pixels (the report's figure; `nil`: the drawing's natural
/// size, 4/3 pixels per point) and the smallest label height wanted there.
public struct MapDisplay: Sendable, Equatable {
    public var width: Double?
    public var height: Double?
    /// The smallest label font size, CSS pixels.
    public var minimumLabelPixels: Double

    public init(width: Double? = nil, height: Double? = nil, minimumLabelPixels: Double = 11) {
        self.width = width
        self.height = height
        self.minimumLabelPixels = minimumLabelPixels
    }
}
