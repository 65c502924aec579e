import MeshworkCore

/// The degree of every vertex: its number of distinct neighbours (out- or in-neighbours when the
/// graph is directed).
///
///     Degree().run(graph).degrees                    // out-degree when directed
///     Degree(direction: .in).run(graph).degrees      // in-degree
///
/// Degrees follow NetworkX's `degree` on a simple graph; the directions follow `out_degree` /
/// `in_degree` (both are the degree when the graph is undirected).
///
/// - Complexity: O(V) time (read off the CSR offsets); O(V) space for the result.
public struct Degree: Sendable {
    /// Which edges of a directed graph count (ignored when the graph is undirected).
    public enum Direction: Sendable { case out, `in` }

    /// Out- or in-edges of a directed graph.
    public var direction: Direction

    public init(direction: Direction = .out) {
        self.direction = direction
    }

    /// The degree of each vertex.
    public struct Result: Sendable, Equatable {
        /// `degrees[v]`: the number of distinct (out- or in-) neighbours of v.
        public var degrees: [Int32]
    }

    /// The degree of each vertex of `graph`.
    public func run(_ graph: CSRGraph) -> Result {
        let offsets = direction == .in && graph.isDirected ? graph.inOffsets : graph.offsets
        return Result(degrees: (0..<graph.vertexCount).map { offsets[$0 + 1] &- offsets[$0] })
    }
}

/// The strength of every vertex: the sum of its incident edge weights (out- or in-edges when the
/// graph is directed); the degree when the graph has no weights.
///
///     Strength().run(graph).strengths                // out-strength when directed
///     Strength(direction: .in).run(graph).strengths  // in-strength
///
/// - Complexity: O(V + E) time; O(V) space for the result.
public struct Strength: Sendable {
    /// Out- or in-edges of a directed graph (ignored when the graph is undirected).
    public var direction: Degree.Direction

    public init(direction: Degree.Direction = .out) {
        self.direction = direction
    }

    /// The strength of each vertex.
    public struct Result: Sendable, Equatable {
        /// `strengths[v]`: the sum of the weights of v's (out- or in-) edges.
        public var strengths: [Double]
    }

    /// The strength of each vertex of `graph`.
    public func run(_ graph: CSRGraph) -> Result {
        let incoming = direction == .in && graph.isDirected
        return Result(strengths: Self.rowSums(offsets: incoming ? graph.inOffsets : graph.offsets,
                                              weights: incoming ? graph.inWeights : graph.weights,
                                              vertexCount: graph.vertexCount))
    }

    private static func rowSums(offsets: [Int32], weights: [Double]?, vertexCount n: Int) -> [Double] {
        guard let weights else { return (0..<n).map { Double(offsets[$0 + 1] &- offsets[$0]) } }
        var sums = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 0.0
            for p in Int(offsets[v]) ..< Int(offsets[v + 1]) { s += weights[p] }
            sums[v] = s
        }
        return sums
    }
}
