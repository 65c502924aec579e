extension CSRGraph {
    /// The subgraph induced by the vertices with `keep[v] == true`, renumbered in ascending order.
    ///
    ///     let (sub, original) = graph.induced(keeping: [true, false, true])
    ///     // sub has 2 vertices; original == [0, 2]
    ///
    /// - Returns: the subgraph and, for each of its vertices, the original vertex.
    /// - Complexity: O(V + E) time and space.
    public func induced(keeping keep: [Bool]) -> (graph: CSRGraph, original: [VertexID]) {
        precondition(keep.count == vertexCount, "one flag per vertex")
        var newIndex = [Int32](repeating: -1, count: vertexCount)
        var original: [VertexID] = []
        for v in 0..<vertexCount where keep[v] {
            newIndex[v] = Int32(original.count)
            original.append(VertexID(v))
        }
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(original.count + 1)
        var newTargets: [Int32] = []
        var newWeights: [Double]? = weights == nil ? nil : []
        for v in original {
            for p in row(v) {
                let t = newIndex[Int(targets[p])]
                if t < 0 { continue }
                newTargets.append(t)  // rows stay sorted: renumbering preserves order
                if let weights { newWeights!.append(weights[p]) }
            }
            offsets.append(Int32(newTargets.count))
        }
        guard isDirected else {
            return (CSRGraph(isDirected: false, offsets: offsets, targets: newTargets, weights: newWeights), original)
        }
        let transpose = EdgeBuffer.transpose(vertexCount: original.count, offsets: offsets,
                                             targets: newTargets, weights: newWeights)
        return (CSRGraph(isDirected: true, offsets: offsets, targets: newTargets, weights: newWeights,
                         inOffsets: transpose.offsets, inSources: transpose.targets, inWeights: transpose.weights),
                original)
    }
}
