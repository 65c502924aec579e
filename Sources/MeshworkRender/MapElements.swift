/// A node of a map: a member, or a group in an aggregated map.
///
///     MapNode(id: "m17", label: "Ana Silva", tooltip: "Ana Silva · degree 12",
///             fill: Palette.colour(ofRank: 0), size: 0.4, classes: ["group-0"])
///
/// All text is user text: ``MapDocument`` escapes it.
public struct MapNode: Sendable, Hashable {
    /// The unique id; the SVG element id is ``DOTEscaping/elementID(_:prefix:)`` of it.
    public var id: String
    /// Text drawn beside the node, or `nil` for none.
    public var label: String?
    /// Shown on hover (SVG `<title>`): the name and key measures.
    public var tooltip: String
    /// Fill colour, `#RRGGBB`.
    public var fill: String
    /// Diameter in inches.
    public var size: Double
    /// CSS classes (each made a safe class token), e.g. the node's group.
    public var classes: [String]
    /// A link, percent-encoded when written.
    public var url: String?
    /// Drawn with a thick black outline and always labelled: the member or group a map is about.
    public var emphasised: Bool

    public init(id: String, label: String? = nil, tooltip: String, fill: String = Palette.plain,
                size: Double = 0.2, classes: [String] = [], url: String? = nil, emphasised: Bool = false) {
        self.emphasised = emphasised
        self.id = id
        self.label = label
        self.tooltip = tooltip
        self.fill = fill
        self.size = size
        self.classes = classes
        self.url = url
    }
}

/// A tie between two map nodes (undirected; either end may be given first).
public struct MapEdge: Sendable, Hashable {
    public var source: String
    public var target: String
    /// Line width in points.
    public var width: Double
    /// Drawn dashed and darker: the tie joins two different groups.
    public var crossesBoundary: Bool
    /// Shown on hover, or `nil`.
    public var tooltip: String?

    public init(source: String, target: String, width: Double = 0.6, crossesBoundary: Bool = false,
                tooltip: String? = nil) {
        self.source = source
        self.target = target
        self.width = width
        self.crossesBoundary = crossesBoundary
        self.tooltip = tooltip
    }
}
