/// Places node labels against their nodes, after the layout: each label is a box beside its
/// circle (right, left, above, below, then the four diagonals), in the first position that
/// overlaps no label placed before it and the fewest other circles; a label that cannot avoid
/// every earlier label is left out, unless it is required (the centre of an ego map). Labels are
/// placed in priority order (required first, then larger nodes first, then the given order).
///
///     let boxes = LabelPlacement.place(nodes, fontSize: 14)
///
/// Graphviz 2.42's own `xlabel` placement puts labels away from crowded nodes and leaves them
/// out of the drawing's bounding box, where the SVG cuts them; these boxes become nodes of their
/// own (``MapDocument``), so the drawing's box holds them.
///
/// Text widths are estimated from Helvetica's advance widths (Adobe's AFM; Liberation Sans,
/// Chromium's Helvetica here, has the same metrics), 10% wider for safety.
///
/// - Complexity: O(L × V) for L labels among V nodes (8 candidates each).
enum LabelPlacement {
    struct Node {
        var id: String
        var x: Double
        var y: Double
        /// The circle's radius, points.
        var radius: Double
        var label: String?
        var required: Bool
    }

    /// A placed label: its node, text, and its box (centre and size), points.
    struct Box {
        var id: String
        var text: String
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        func overlap(_ other: (x: Double, y: Double, width: Double, height: Double)) -> Double {
            let w = min(x + width / 2, other.x + other.width / 2) - max(x - width / 2, other.x - other.width / 2)
            let h = min(y + height / 2, other.y + other.height / 2) - max(y - height / 2, other.y - other.height / 2)
            return w > 0 && h > 0 ? w * h : 0
        }
    }

    static func place(_ nodes: [Node], fontSize: Double) -> [Box] {
        let order = priority(nodes)
        let height = 1.3 * fontSize
        let gap = 0.15 * fontSize
        var placed: [Box] = []
        for i in order {
            let node = nodes[i]
            let text = node.label!
            let width = 1.1 * textWidth(text, fontSize: fontSize) + 0.4 * fontSize
            let (r, d) = (node.radius, 0.71 * node.radius)
            let offsets = [(r + gap + width / 2, 0.0), (-(r + gap + width / 2), 0.0),
                           (0.0, r + gap + height / 2), (0.0, -(r + gap + height / 2)),
                           (d + gap + width / 2, d + height / 2), (-(d + gap + width / 2), d + height / 2),
                           (d + gap + width / 2, -(d + height / 2)), (-(d + gap + width / 2), -(d + height / 2))]
            var best: (box: Box, labels: Double, circles: Double)?
            for (dx, dy) in offsets {
                let box = Box(id: node.id, text: text, x: node.x + dx, y: node.y + dy, width: width, height: height)
                let labels = placed.reduce(0) { $0 + box.overlap(($1.x, $1.y, $1.width, $1.height)) }
                var circles = 0.0
                for (j, other) in nodes.enumerated() where j != i {
                    circles += box.overlap((other.x, other.y, 2 * other.radius, 2 * other.radius))
                }
                if best == nil || (labels, circles) < (best!.labels, best!.circles) { best = (box, labels, circles) }
                if labels == 0 && circles == 0 { break }
            }
            if let best, best.labels == 0 || node.required { placed.append(best.box) }
        }
        return placed
    }

    /// The labelled nodes in placing order: required first, then larger nodes, then the given order.
    private static func priority(_ nodes: [Node]) -> [Int] {
        nodes.indices.filter { nodes[$0].label != nil }.sorted {
            let (a, b) = (nodes[$0], nodes[$1])
            if a.required != b.required { return a.required }
            if a.radius != b.radius { return a.radius > b.radius }
            return $0 < $1
        }
    }

    /// `nodes` with the labels of the second half of the placing order removed (required labels
    /// stay).
    static func keepingHalf(_ nodes: [Node]) -> [Node] {
        var nodes = nodes
        let order = priority(nodes)
        for i in order.dropFirst((order.count + 1) / 2) where !nodes[i].required { nodes[i].label = nil }
        return nodes
    }

    /// The width of `text` in Helvetica at `fontSize` points.
    static func textWidth(_ text: String, fontSize: Double) -> Double {
        var thousandths = 0
        for scalar in text.unicodeScalars {
            let code = Int(scalar.value)
            thousandths += code >= 32 && code < 127 ? helvetica[code - 32] : 600
        }
        return Double(thousandths) * fontSize / 1000
    }

    /// Helvetica's advance widths (1/1000 em) of the printable ASCII characters, space to tilde.
    private static let helvetica = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
}
