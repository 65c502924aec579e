import MeshworkCore

/// The core number of every vertex, as NetworkX's `core_number`: the largest k such that the vertex
/// belongs to the k-core, the maximal subgraph in which every vertex has degree at least k.
///
///     let cores = CoreNumber().run(graph).coreNumbers
///     cores.max()   // the degeneracy of the graph
///
/// On a directed graph the degree is the in-degree plus the out-degree (NetworkX's convention), so a
/// reciprocated pair of arcs counts twice.
///
/// Vertices are peeled in order of current degree with bucket sort: the vertex of least remaining
/// degree is removed, its degree is its core number, and each neighbour of larger remaining degree
/// moves down one bucket, in O(1) by swapping it with the first vertex of its bucket.
///
/// - Complexity: O(V + E) time; O(V + maximum degree) extra space (four `Int32` arrays).
/// - Note: Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of networks",
///   arXiv cs/0310049, 2003.
public struct CoreNumber: Sendable {
    public init() {}

    /// The core number of each vertex.
    public struct Result: Sendable, Equatable {
        /// `coreNumbers[v]`: the largest k such that v belongs to the k-core.
        public var coreNumbers: [Int32]
    }

    /// The core number of each vertex of `graph`.
    ///
    /// - Complexity: O(V + E) time; O(V + maximum degree) extra space.
    public func run(_ graph: CSRGraph) -> Result {
        Result(coreNumbers: Self.coreNumbers(graph))
    }

    private static func coreNumbers(_ graph: CSRGraph) -> [Int32] {
        let n = graph.vertexCount
        guard n > 0 else { return [] }
        let directed = graph.isDirected
        var degree = [Int32](repeating: 0, count: n)
        var maxDegree = 0
        for v in 0..<n {
            var d = graph.offsets[v + 1] &- graph.offsets[v]
            if directed { d &+= graph.inOffsets[v + 1] &- graph.inOffsets[v] }
            degree[v] = d
            maxDegree = max(maxDegree, Int(d))
        }
        // bin[d]: position in `vertices` of the first vertex of current degree d.
        var bin = [Int32](repeating: 0, count: maxDegree + 1)
        var position = [Int32](repeating: 0, count: n)
        var vertices = [Int32](repeating: 0, count: n)
        for v in 0..<n { bin[Int(degree[v])] &+= 1 }
        var start: Int32 = 0
        for d in 0...maxDegree { let count = bin[d]; bin[d] = start; start &+= count }
        for v in 0..<n {
            let d = Int(degree[v])
            position[v] = bin[d]
            vertices[Int(bin[d])] = Int32(v)
            bin[d] &+= 1
        }
        for d in stride(from: maxDegree, to: 0, by: -1) { bin[d] = bin[d - 1] }
        bin[0] = 0

        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        graph.inOffsets.withUnsafeBufferPointer { inOffsets in
        graph.inSources.withUnsafeBufferPointer { inSources in
        degree.withUnsafeMutableBufferPointer { degree in
        bin.withUnsafeMutableBufferPointer { bin in
        position.withUnsafeMutableBufferPointer { position in
        vertices.withUnsafeMutableBufferPointer { vertices in
            // Moves u from its bucket to the one below (its degree drops by one).
            @inline(__always) func demote(_ u: Int, below dv: Int32) {
                let du = degree[u]
                guard du > dv else { return }
                let pu = Int(position[u])
                let pw = Int(bin[Int(du)])
                let w = Int(vertices[pw])
                if u != w {
                    position[u] = Int32(pw); vertices[pu] = Int32(w)
                    position[w] = Int32(pu); vertices[pw] = Int32(u)
                }
                bin[Int(du)] &+= 1
                degree[u] = du &- 1
            }
            for i in 0..<n {
                let v = Int(vertices[i])
                let dv = degree[v]
                for p in Int(offsets[v]) ..< Int(offsets[v + 1]) { demote(Int(targets[p]), below: dv) }
                if directed {
                    for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) { demote(Int(inSources[p]), below: dv) }
                }
            }
        }}}}}}}}
        return degree
    }
}
