/// A vertex index. Vertices are numbered `0..<vertexCount` in the order they first appear in the input.
public typealias VertexID = Int32

/// An immutable graph in compressed-sparse-row form.
///
/// The neighbours of vertex `v` are `targets[offsets[v] ..< offsets[v + 1]]`, sorted ascending and
/// without duplicates; `weights`, when present, runs parallel to `targets`. An undirected graph
/// stores each edge in both rows. A directed graph stores its out-edges in the main arrays and its
/// in-edges (the transpose) in `inOffsets` / `inSources` / `inWeights`.
///
///     let graph = try EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
///     graph.degree(1)          // 2
///     graph.neighbours(of: 1)  // [0, 2]
///
/// Memory: 4 bytes per stored adjacency entry plus 4 per vertex, so 8 bytes per undirected edge
/// (unweighted), 16 with weights.
///
/// - Complexity: O(1) to find a vertex's row; O(degree) to walk it.
@frozen
public struct CSRGraph: Sendable {
    /// Whether edges have a direction.
    public let isDirected: Bool
    /// Row starts: `vertexCount + 1` entries, `offsets[0] == 0`.
    public let offsets: [Int32]
    /// Row entries (out-neighbours when directed), sorted within each row.
    public let targets: [Int32]
    /// Edge weights parallel to `targets`, or `nil` for an unweighted graph.
    public let weights: [Double]?
    /// In-edge rows of a directed graph (the transpose); empty for undirected graphs.
    public let inOffsets: [Int32]
    /// In-neighbours parallel to `inOffsets`; empty for undirected graphs.
    public let inSources: [Int32]
    /// Weights parallel to `inSources`, or `nil`.
    public let inWeights: [Double]?

    /// Wraps CSR arrays that already satisfy the invariants (sorted, duplicate-free rows; for
    /// undirected graphs, symmetric). Use ``EdgeBuffer/build(vertexCount:directed:)`` to build one.
    public init(isDirected: Bool, offsets: [Int32], targets: [Int32], weights: [Double]?,
                inOffsets: [Int32] = [], inSources: [Int32] = [], inWeights: [Double]? = nil) {
        precondition(!offsets.isEmpty && offsets[0] == 0 && Int(offsets[offsets.count - 1]) == targets.count,
                     "offsets must start at 0 and end at targets.count")
        precondition(weights == nil || weights!.count == targets.count, "weights must parallel targets")
        self.isDirected = isDirected
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.inOffsets = isDirected ? inOffsets : []
        self.inSources = isDirected ? inSources : []
        self.inWeights = isDirected ? inWeights : nil
        _checkInvariants()
    }

    /// The number of vertices.
    @inlinable public var vertexCount: Int { offsets.count - 1 }

    /// The number of edges: each undirected edge counted once, each directed arc once.
    @inlinable public var edgeCount: Int { isDirected ? targets.count : targets.count / 2 }

    /// Whether edges carry weights.
    @inlinable public var isWeighted: Bool { weights != nil }

    /// The range of `targets` that holds the row of `v`.
    @inlinable
    public func row(_ v: VertexID) -> Range<Int> { Int(offsets[Int(v)]) ..< Int(offsets[Int(v) + 1]) }

    /// Number of distinct neighbours of `v` (out-neighbours when directed).
    @inlinable
    public func degree(_ v: VertexID) -> Int { Int(offsets[Int(v) + 1] &- offsets[Int(v)]) }

    /// Number of distinct in-neighbours of `v` (equal to ``degree(_:)`` when undirected).
    @inlinable
    public func inDegree(_ v: VertexID) -> Int {
        isDirected ? Int(inOffsets[Int(v) + 1] &- inOffsets[Int(v)]) : degree(v)
    }

    /// The neighbours of `v` (out-neighbours when directed), ascending.
    @inlinable
    public func neighbours(of v: VertexID) -> ArraySlice<Int32> { targets[row(v)] }

    /// Whether the edge `u -> v` (or `{u, v}`) exists.
    /// - Complexity: O(log degree(u)).
    public func hasEdge(_ u: VertexID, _ v: VertexID) -> Bool { edgeIndex(u, v) != nil }

    /// The position of `u -> v` in `targets`, if the edge exists.
    /// - Complexity: O(log degree(u)), binary search in the sorted row.
    public func edgeIndex(_ u: VertexID, _ v: VertexID) -> Int? {
        var low = Int(offsets[Int(u)]), high = Int(offsets[Int(u) + 1])
        while low < high {
            let mid = (low + high) >> 1
            if targets[mid] < v { low = mid + 1 } else { high = mid }
        }
        return low < Int(offsets[Int(u) + 1]) && targets[low] == v ? low : nil
    }

    /// The weight of `u -> v`: 1 for an unweighted edge, `nil` when there is no such edge.
    public func weight(_ u: VertexID, _ v: VertexID) -> Double? {
        guard let index = edgeIndex(u, v) else { return nil }
        return weights?[index] ?? 1
    }

    /// Row starts of the in-edge rows: the transpose's for a directed graph, the rows themselves for
    /// an undirected one (kernels that pull along in-edges read these three).
    @inlinable public var inRowOffsets: [Int32] { isDirected ? inOffsets : offsets }
    /// In-neighbours parallel to ``inRowOffsets``.
    @inlinable public var inRowSources: [Int32] { isDirected ? inSources : targets }
    /// Weights parallel to ``inRowSources``, or `nil` for an unweighted graph.
    @inlinable public var inRowWeights: [Double]? { isDirected ? inWeights : weights }

    /// Bytes held by the graph's arrays (the measured memory budget).
    public var storageBytes: Int {
        offsets.count * 4 + targets.count * 4 + (weights?.count ?? 0) * 8
            + inOffsets.count * 4 + inSources.count * 4 + (inWeights?.count ?? 0) * 8
    }
}
