import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `components` command: connected components (weakly connected on directed graphs),
/// numbered by decreasing size.
///
///     let components = ComponentAnalysis(loaded)
///     try components.write(to: nil)          // id,component
///
/// - Complexity: O(V + E).
public struct ComponentAnalysis: AnalysisOutput, Sendable {
    public let components: ConnectedComponents.Result
    public let labels: LabelTable

    public init(_ loaded: LoadedGraph) {
        components = ConnectedComponents().run(loaded.graph)
        labels = loaded.labels
    }

    /// Writes `id,component`, one row per node in input order.
    public func write(to path: String?) throws {
        try NodeTableWriter.write(labels: labels,
                                  columns: [.integers(name: "component", values: components.partition.group)],
                                  to: path)
    }

    public var statistics: [(String, JSONValue)] {
        [("components", .int(components.count)), ("largest_component", .int(components.sizes.first ?? 0))]
    }
}

/// The `bridges` command: ties whose removal disconnects their component (undirected view).
///
/// - Complexity: O(V + E).
public struct BridgeAnalysis: AnalysisOutput, Sendable {
    /// Bridge edges (`u < v`), sorted.
    public let bridges: [CutStructure.Edge]
    public let labels: LabelTable

    public init(_ loaded: LoadedGraph) {
        bridges = CutStructure(components: false).run(loaded.graph).bridges
        labels = loaded.labels
    }

    /// Writes `source,target`, one row per bridge, ordered by the endpoints' input order.
    public func write(to path: String?) throws {
        try EdgeTableWriter.write(labels: labels, edges: bridges.map { ($0.u, $0.v) }, to: path)
    }

    public var statistics: [(String, JSONValue)] { [("bridges", .int(bridges.count))] }
}

/// The `articulation-points` command: members whose removal disconnects their component
/// (undirected view).
///
/// - Complexity: O(V + E).
public struct ArticulationPointAnalysis: AnalysisOutput, Sendable {
    /// The articulation points in input order.
    public let points: [VertexID]
    public let labels: LabelTable

    public init(_ loaded: LoadedGraph) {
        points = CutStructure(components: false).run(loaded.graph).articulationPoints
        labels = loaded.labels
    }

    /// Writes `id`, one row per articulation point.
    public func write(to path: String?) throws {
        try NodeTableWriter.write(labels: labels, columns: [], rows: points, to: path)
    }

    public var statistics: [(String, JSONValue)] { [("articulation_points", .int(points.count))] }
}

/// The `biconnected-components` command: each tie with the number of its biconnected component,
/// components numbered by decreasing number of ties (undirected view).
///
/// - Complexity: O(V + E), then O(E log E) to number the components.
public struct BiconnectedComponentAnalysis: AnalysisOutput, Sendable {
    /// Each tie (source before target in input order) and its component.
    public let edges: [CutStructure.Edge]
    public let components: [Int32]
    public let componentCount: Int
    public let labels: LabelTable

    public init(_ loaded: LoadedGraph) {
        let cuts = CutStructure().run(loaded.graph)
        let table = cuts.edgeTable()
        edges = table.edges
        components = table.components
        componentCount = cuts.componentCount
        labels = loaded.labels
    }

    /// Writes `source,target,component`, one row per tie.
    public func write(to path: String?) throws {
        try EdgeTableWriter.write(labels: labels, edges: edges.map { ($0.u, $0.v) },
                                  columns: [.integers(name: "component", values: components)], to: path)
    }

    public var statistics: [(String, JSONValue)] { [("biconnected_components", .int(componentCount))] }
}

/// The `edge-betweenness` command: Brandes' betweenness of every tie (NetworkX
/// `edge_betweenness_centrality`, not normalised), optionally only the `top` highest.
///
///     let ties = EdgeBetweennessAnalysis(loaded, .init(top: 10))
///     try ties.write(to: nil)                // source,target,betweenness
///
/// - Complexity: O(V E) unweighted, O(V E + V^2 log V) weighted; O(E log E) more for `top`.
public struct EdgeBetweennessAnalysis: AnalysisOutput, Sendable {
    public struct Configuration: Sendable {
        /// Weights as distances.
        public var weighted: Bool
        public var threads: Int
        /// Keep only the K ties with the highest betweenness (ties broken by row order).
        public var top: Int?

        public init(weighted: Bool = false, threads: Int = Parallelism.defaultThreads, top: Int? = nil) {
            self.weighted = weighted
            self.threads = threads
            self.top = top
        }
    }

    /// The ties (undirected: source before target in input order), by source then target, or by
    /// decreasing betweenness with `top`.
    public let edges: [(VertexID, VertexID)]
    /// The betweenness of each of ``edges``.
    public let values: [Double]
    public let labels: LabelTable
    public let threads: Int

    public init(_ loaded: LoadedGraph, _ configuration: Configuration) {
        let graph = loaded.graph
        let scores = EdgeBetweenness(weighted: configuration.weighted, threads: configuration.threads).run(graph).scores
        var edges: [(VertexID, VertexID)] = []
        var values: [Double] = []
        for u in 0..<graph.vertexCount {
            for p in graph.row(VertexID(u)) where graph.isDirected || Int(graph.targets[p]) > u {
                edges.append((VertexID(u), graph.targets[p]))
                values.append(scores[p])
            }
        }
        if let top = configuration.top, top < edges.count {
            let keep = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }.prefix(top)
            edges = keep.map { edges[$0] }
            values = keep.map { values[$0] }
        }
        self.edges = edges
        self.values = values
        self.labels = loaded.labels
        self.threads = configuration.threads
    }

    /// Writes `source,target,betweenness`, one row per tie.
    public func write(to path: String?) throws {
        try EdgeTableWriter.write(labels: labels, edges: edges,
                                  columns: [.doubles(name: "betweenness", values: values)], to: path)
    }

    public var statistics: [(String, JSONValue)] { [("threads", .int(threads))] }
}
