import MeshworkCore

/// How a GRAPH argument should be read.
public struct LoadOptions: Sendable {
    /// Keep edge direction (GraphML: overrides `edgedefault`).
    public var directed: Bool
    /// Read weights (edge list: third column; GraphML: the `weight` key; dataset: interaction weights).
    public var weighted: Bool
    /// Worker threads for parsing and building (at least 1); the result does not depend on it.
    public var threads: Int
    /// Edge lists: the fields to read (`nil`: `u v [weight]`, at most three fields). Only for edge lists.
    public var columns: EdgeColumns?
    /// The longest line and the largest file accepted.
    public var limits: InputLimits
    /// Datasets only: analyse the community over these days (``Community/restricted(to:)``).
    public var span: DateSpan?
    /// Told of each step of the load as it ends (datasets: reading each file, ordering the
    /// records, building the member network; other inputs: reading, building); `nil`: not told.
    public var progress: LoadProgress?

    public init(directed: Bool = false, weighted: Bool = false, threads: Int = Parallelism.defaultThreads, columns: EdgeColumns? = nil,
                limits: InputLimits = InputLimits(), span: DateSpan? = nil, progress: LoadProgress? = nil) {
        self.directed = directed
        self.weighted = weighted
        self.threads = max(1, threads)
        self.columns = columns
        self.limits = limits
        self.span = span
        self.progress = progress
    }
}

/// Load options that do not fit the input (bad usage rather than bad data): `--columns` on a
/// dataset directory or a GraphML file.
public struct LoadOptionError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// A graph ready for analysis, with the labels of its vertices and what loading it found.
public struct LoadedGraph: Sendable {
    public enum Source: String, Sendable { case dataset, graphML = "graphml", edgeList = "edgelist" }

    /// The simple graph (self-loops dropped, duplicates merged).
    public var graph: CSRGraph
    /// Vertex labels in vertex order (the order nodes first appear in the input).
    public var labels: LabelTable
    /// Self-loops dropped while building.
    public var selfLoops: Int
    /// Duplicate edges merged while building.
    public var duplicateEdges: Int
    /// What kind of input it was.
    public var source: Source
    /// The community, when the input was a dataset directory (the graph is then its member network).
    public var community: Community?
    /// Per-vertex attributes (GraphML node data).
    public var attributeNames: [String]
    public var attributeValues: [[String]]
    /// Set when the labels are pseudonyms (MeshworkPrivacy's `Pseudonymiser.pseudonymised`): the
    /// mapping from an original id to its pseudonym, and the attribute columns it dropped.
    public var pseudonyms: (any LabelPseudonyms)? = nil
    public var droppedAttributes: [String] = []

    /// The vertex label that an id given by a person (on the command line) stands for: with
    /// pseudonyms, the pseudonym of an original id, or the id itself when it already is one of
    /// the pseudonyms; otherwise the id. `nil` when no vertex has that label.
    /// - Complexity: O(length of the id).
    public func label(forGiven id: String) -> String? {
        if let pseudonyms {
            let pseudonym = pseudonyms.pseudonym(for: id)
            if labels.id(of: pseudonym) != nil { return pseudonym }
        }
        return labels.id(of: id) != nil ? id : nil
    }
    /// The days the dataset was restricted to, if any.
    public var span: DateSpan? = nil
}

/// A keyed mapping from original ids to the pseudonyms that replace them in a ``LoadedGraph``
/// (MeshworkPrivacy's `Pseudonymiser`), so that an id given by a person still finds its vertex.
public protocol LabelPseudonyms: Sendable {
    /// The pseudonym of `id`.
    func pseudonym(for id: String) -> String
}

/// Loads the GRAPH argument of every analysis command, recognising (in this order) a dataset
/// directory (it holds `nodes.csv`), a GraphML file (`.graphml`, optionally `.gz`), or an edge list.
/// With a ``LoadOptions/span``, a dataset's community is restricted to it before anything else
/// (``Community/restricted(to:)``): the member network of the ties with a record in the span, over
/// the members present by its end; other inputs have no dates and are refused
/// (``SpanWithoutDatesError``).
///
///     let loaded = try GraphLoader.load("fixtures/karate/karate.edges", options: LoadOptions())
///     loaded.graph.vertexCount   // 34
///
/// - Complexity: O(input bytes + V + E).
public enum GraphLoader {
    public static func load(_ path: String, options: LoadOptions) throws -> LoadedGraph {
        if directoryExists(path) {
            let nodes = path + "/nodes.csv"
            switch PathStatus(nodes) {
            case .file: break
            case .absent: throw InputError(file: path, line: 0, "is a directory without nodes.csv (not a dataset directory)")
            case .directory: throw InputError(file: nodes, line: 0, "is a directory, not a file")
            case .unreachable(let reason): throw InputError(file: nodes, line: 0, reason)
            }
            if options.columns != nil { throw LoadOptionError(description: "--columns applies to edge lists, not to a dataset directory") }
            var reader = DatasetReader(threads: options.threads, limits: options.limits)
            reader.progress = options.progress
            var community = try reader.read(directory: path)
            var steps = LoadSteps(options.progress)
            if let span = options.span {
                community = community.restricted(to: span)
                steps.done("restricting to \(span)")
            }
            let built = community.memberNetwork(weighted: options.weighted, directed: options.directed,
                                                threads: options.threads)
            steps.done("building the member network")
            let labels = community.memberLabelTable
            steps.done("labelling the members")
            return LoadedGraph(graph: built.graph, labels: labels,
                               selfLoops: built.selfLoops, duplicateEdges: built.duplicateEdges, source: .dataset,
                               community: community, attributeNames: [], attributeValues: [], span: options.span)
        }
        if options.span != nil { throw SpanWithoutDatesError(path: path) }
        let lowered = path.lowercased()
        let isGraphML = lowered.hasSuffix(".graphml") || lowered.hasSuffix(".graphml.gz")
        if isGraphML && options.columns != nil { throw LoadOptionError(description: "--columns applies to edge lists, not to GraphML") }
        var steps = LoadSteps(options.progress)
        let edges = isGraphML ? try GraphMLReader(weighted: options.weighted, limits: options.limits).read(path: path)
                              : try EdgeListReader(weighted: options.weighted, columns: options.columns,
                                                   limits: options.limits).read(path: path)
        let directed = isGraphML && !options.directed ? (edges.declaredDirected ?? false) : options.directed
        steps.done("reading \(isGraphML ? "GraphML" : "the edge list")")
        let built = edges.edges.build(vertexCount: edges.labels.count, directed: directed, threads: options.threads)
        steps.done("building the graph")
        return LoadedGraph(graph: built.graph, labels: edges.labels, selfLoops: built.selfLoops,
                           duplicateEdges: built.duplicateEdges, source: isGraphML ? .graphML : .edgeList,
                           community: nil, attributeNames: edges.attributeNames,
                           attributeValues: edges.attributeValues)
    }
}

/// A date span asked of an input without dates (a GraphML file or an edge list).
public struct SpanWithoutDatesError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "--from and --until need a dataset directory (dated interactions), not \(path)" }
}
