import MeshworkCore

/// Degree and strength of every vertex.
///
///     Degree.degrees(graph)     // distinct neighbours (out-neighbours when directed)
///     Degree.strengths(graph)   // sum of incident weights (out-weights when directed)
///
/// Degrees follow NetworkX's `degree` on a simple graph; `in`/`out` variants follow
/// `in_degree` / `out_degree`.
///
/// - Complexity: O(V) time for degrees (read off the CSR offsets), O(V + E) for strengths;
///   O(V) space for the result.
public enum Degree {
    /// Number of distinct neighbours of each vertex; out-degree when the graph is directed.
    public static func degrees(_ graph: CSRGraph) -> [Int32] {
        (0..<graph.vertexCount).map { graph.offsets[$0 + 1] &- graph.offsets[$0] }
    }

    /// Out-degree of each vertex (the degree, when undirected).
    public static func outDegrees(_ graph: CSRGraph) -> [Int32] { degrees(graph) }

    /// In-degree of each vertex (the degree, when undirected).
    public static func inDegrees(_ graph: CSRGraph) -> [Int32] {
        guard graph.isDirected else { return degrees(graph) }
        return (0..<graph.vertexCount).map { graph.inOffsets[$0 + 1] &- graph.inOffsets[$0] }
    }

    /// Sum of incident edge weights of each vertex (out-strength when directed); the degree when the
    /// graph is unweighted.
    public static func strengths(_ graph: CSRGraph) -> [Double] {
        rowSums(offsets: graph.offsets, weights: graph.weights, vertexCount: graph.vertexCount)
    }

    /// Sum of incoming edge weights of each vertex (the strength, when undirected).
    public static func inStrengths(_ graph: CSRGraph) -> [Double] {
        guard graph.isDirected else { return strengths(graph) }
        return rowSums(offsets: graph.inOffsets, weights: graph.inWeights, vertexCount: graph.vertexCount)
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
