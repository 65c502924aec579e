/// Edges gathered column-wise before they become a ``CSRGraph``.
///
/// Readers append edges as vertex-index pairs (and weights, for weighted graphs), then call
/// ``build(vertexCount:directed:)``:
///
///     var edges = EdgeBuffer(weighted: false)
///     edges.append(0, 1)
///     edges.append(1, 0)          // a duplicate of {0, 1} when undirected
///     edges.append(2, 2)          // a self-loop: counted and dropped
///     let built = edges.build(vertexCount: 3, directed: false)
///     built.graph.edgeCount        // 1
///     built.selfLoops              // 1
///
/// - Complexity: O(1) amortised per appended edge; 8 bytes per edge (16 with weights).
public struct EdgeBuffer: Sendable {
    /// Edge tails (or first endpoints).
    public var sources: [Int32] = []
    /// Edge heads (or second endpoints).
    public var targets: [Int32] = []
    /// Weights parallel to the edges; empty when the buffer is unweighted.
    public var weights: [Double] = []
    /// Whether ``weights`` is kept.
    public let isWeighted: Bool

    public init(weighted: Bool = false, capacity: Int = 0) {
        isWeighted = weighted
        sources.reserveCapacity(capacity)
        targets.reserveCapacity(capacity)
        if weighted { weights.reserveCapacity(capacity) }
    }

    /// An unweighted buffer holding `edges`.
    public init(edges: [(Int32, Int32)]) {
        self.init(weighted: false, capacity: edges.count)
        for (u, v) in edges { append(u, v) }
    }

    /// A weighted buffer holding `edges`.
    public init(weightedEdges: [(Int32, Int32, Double)]) {
        self.init(weighted: true, capacity: weightedEdges.count)
        for (u, v, w) in weightedEdges { append(u, v, weight: w) }
    }

    /// The number of edges appended (self-loops and duplicates included).
    @inlinable public var count: Int { sources.count }

    /// Appends the edge `u -> v` (or `{u, v}`), with weight `weight` if the buffer is weighted.
    @inlinable
    public mutating func append(_ u: Int32, _ v: Int32, weight: Double = 1) {
        sources.append(u)
        targets.append(v)
        if isWeighted { weights.append(weight) }
    }

    /// The transpose of sorted CSR rows; its rows come out sorted because tails are visited in order.
    /// - Complexity: O(V + E).
    static func transpose(vertexCount n: Int, offsets: [Int32], targets: [Int32], weights: [Double]?)
        -> (offsets: [Int32], targets: [Int32], weights: [Double]?) {
        var inOffsets = [Int32](repeating: 0, count: n + 1)
        for t in targets { inOffsets[Int(t) + 1] &+= 1 }
        for v in 0..<n { inOffsets[v + 1] &+= inOffsets[v] }
        var cursor = inOffsets
        var inSources = [Int32](repeating: 0, count: targets.count)
        var inWeights: [Double]? = weights.map { [Double](repeating: 0, count: $0.count) }
        for u in 0..<n {
            for p in Int(offsets[u]) ..< Int(offsets[u + 1]) {
                let t = Int(targets[p])
                let q = Int(cursor[t]); cursor[t] &+= 1
                inSources[q] = Int32(u)
                if let weights { inWeights![q] = weights[p] }
            }
        }
        return (inOffsets, inSources, inWeights)
    }
}

/// The result of ``EdgeBuffer/build(vertexCount:directed:)``.
public struct GraphBuild: Sendable {
    /// The simple graph.
    public var graph: CSRGraph
    /// Self-loops dropped from the input.
    public var selfLoops: Int
    /// Input edges merged into an earlier copy of the same edge.
    public var duplicateEdges: Int
}
