import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender

/// The `summary` command is ``SummaryReport``, written as text or JSON.
extension SummaryReport: AnalysisOutput {
    public func write(to path: String?) throws {
        var buffer = ByteBuffer()
        switch format {
        case .text: buffer.append(text)
        case .json:
            json.write(into: &buffer, pretty: true, indent: 0)
            buffer.appendNewline()
        }
        try writeAtomically(&buffer, to: path)
    }
}

/// The `compare` command is ``ComparisonReport``, written as its table or as JSON.
extension ComparisonReport: AnalysisOutput {
    public func write(to path: String?) throws {
        switch format {
        case .csv: try writeTable(to: path)
        case .json: try writeJSON(to: path)
        }
    }

    public var statistics: [(String, JSONValue)] {
        [("before", .string(before.description)), ("after", .string(after.description))]
    }
}

/// The `report` command is ``HTMLReport``: its primary output is a folder holding `index.html`.
extension HTMLReport: AnalysisOutput {
    /// The folder written when none is given.
    public static let defaultDirectory = "meshwork-report"

    /// The page ``write(to:)`` writes for `directory` (`nil`: ``defaultDirectory``).
    public static func indexPath(in directory: String?) -> String {
        (directory ?? defaultDirectory) + "/index.html"
    }

    /// Writes `index.html` into `directory` (`nil`: ``defaultDirectory``), created if missing.
    public func write(to directory: String?) throws {
        try makeDirectory(directory ?? Self.defaultDirectory)
        var buffer = ByteBuffer()
        buffer.append(html)
        try writeAtomically(&buffer, to: Self.indexPath(in: directory))
    }
}

/// The `map` command: a ``NetworkMap`` document rendered by Graphviz (or written as DOT).
///
///     var options = NetworkMap.Options()
///     options.level = .groups(.hierarchy(.region))
///     try MapAnalysis(loaded, options: options, format: .svg).write(to: "regions.svg")
///
/// - Complexity: ``NetworkMap``'s, then the layout engine's.
public struct MapAnalysis: AnalysisOutput, Sendable {
    public let document: MapDocument
    public let format: RenderFormat
    /// The rendered bytes.
    public let bytes: [UInt8]

    /// `options.ego` is an id as given: an original id is found by its pseudonym under pseudonymisation.
    /// - Throws: ``MapOptionError``, ``MapSizeError``, ``BoundaryLevelError`` or ``GraphvizError``.
    public init(_ loaded: LoadedGraph, options: NetworkMap.Options, format: RenderFormat) throws {
        var request = options
        request.ego = options.ego.map { loaded.label(forGiven: $0) ?? $0 }
        document = try NetworkMap.document(loaded, options: request)
        bytes = try document.render(as: format)
        self.format = format
    }

    public func write(to path: String?) throws {
        var buffer = ByteBuffer(capacity: 0)
        buffer.bytes = bytes
        try writeAtomically(&buffer, to: path)
    }

    public var statistics: [(String, JSONValue)] {
        [("map_nodes", .int(document.nodes.count)),
         ("map_edges", .int(document.edges.count)),
         ("engine", .string(document.engine.rawValue)),
         ("format", .string(format.rawValue))]
    }
}

/// The `convert` command: the loaded graph written as an edge list or as GraphML (with its node
/// attributes, ``GraphAttributes``).
///
/// - Complexity: O(V + E) to write.
public struct GraphConversion: AnalysisOutput, Sendable {
    public enum Format: String, Sendable, CaseIterable { case edgelist, graphml, gexf }

    public let loaded: LoadedGraph
    public let format: Format
    /// GEXF: the day each member and tie starts, for Gephi's timeline.
    public let timeline: GEXFTimeline?

    /// - Parameter dynamic: GEXF with a ``GEXFTimeline`` (a dataset's dates).
    /// - Throws: ``GEXFTimelineError`` when `dynamic` and `loaded` is not a dataset directory.
    public init(_ loaded: LoadedGraph, format: Format, dynamic: Bool = false) throws {
        self.loaded = loaded
        self.format = format
        timeline = dynamic ? try GEXFTimeline(loaded) : nil
    }

    public func write(to path: String?) throws {
        switch format {
        case .edgelist:
            try EdgeListWriter.write(loaded.graph, labels: loaded.labels, to: path)
        case .graphml:
            let attributes = GraphAttributes(loaded)
            try GraphMLWriter.write(loaded.graph, labels: loaded.labels, attributeNames: attributes.names,
                                    attributeValues: attributes.values, to: path)
        case .gexf:
            let attributes = GraphAttributes(loaded)
            try GEXFWriter.write(loaded.graph, labels: loaded.labels, attributeNames: attributes.names,
                                 attributeValues: attributes.values, timeline: timeline, to: path)
        }
    }
}

/// The `compare-partitions` command: how far two partitions read from CSV files agree
/// (normalised mutual information, Danon et al. 2005; adjusted Rand index, Hubert & Arabie 1985),
/// over the ids with a group in both.
///
///     let agreement = try PartitionAgreement(first: "a.csv", second: "b.csv")
///     print(agreement.comparison.normalizedMutualInformation)
///
/// - Complexity: O(n + groups_a * groups_b) after reading the files.
public struct PartitionAgreement: AnalysisOutput, Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public let comparison: PartitionComparison.Result
    /// Ids with a group in only the first file, and in only the second.
    public let unmatchedFirst: Int
    public let unmatchedSecond: Int
    public let format: Format

    /// Reads `first` and `second` (the group in the second column, or the named one).
    /// - Throws: ``InputError`` for a bad file, or when no id has a group in both.
    public init(first: String, second: String, firstColumn: String? = nil, secondColumn: String? = nil,
                format: Format = .text) throws {
        let a = try PartitionReader.read(path: first, groupColumn: firstColumn)
        let b = try PartitionReader.read(path: second, groupColumn: secondColumn)
        let comparison = PartitionComparison().run(a.partition, b.aligned(to: a.ids))
        guard comparison.vertices > 0 else {
            throw InputError(file: second, line: 0, "no id has a group in both \(first) and this file")
        }
        self.comparison = comparison
        unmatchedFirst = a.partition.knownCount - comparison.vertices
        unmatchedSecond = b.partition.knownCount - comparison.vertices
        self.format = format
    }

    /// The figures in the order printed.
    public var values: [(String, JSONValue)] {
        [("nmi", .double(comparison.normalizedMutualInformation)),
         ("ari", .double(comparison.adjustedRandIndex)),
         ("vertices", .int(comparison.vertices)),
         ("groups_a", .int(comparison.groupsA)),
         ("groups_b", .int(comparison.groupsB)),
         ("unmatched_a", .int(unmatchedFirst)),
         ("unmatched_b", .int(unmatchedSecond))]
    }

    /// Writes `name value` lines (text) or one JSON object.
    public func write(to path: String?) throws {
        var buffer = ByteBuffer()
        switch format {
        case .text:
            for (name, value) in values {
                buffer.append(name)
                buffer.append(UInt8(ascii: " "))
                value.write(into: &buffer, pretty: false, indent: 0)
                buffer.appendNewline()
            }
        case .json:
            JSONValue.object(values).write(into: &buffer, pretty: true, indent: 0)
            buffer.appendNewline()
        }
        try writeAtomically(&buffer, to: path)
    }
}
