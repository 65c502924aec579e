extension CSRGraph {
    /// The undirected simple graph with an edge wherever this graph has an arc either way (the
    /// graph itself when it is already undirected). Weights are dropped: the kernels that ask for
    /// the view (transitivity, cut structure) are unweighted.
    ///
    ///     //  0 -> 1, 1 -> 0, 2 -> 1   becomes   0 - 1 - 2
    ///     let view = directed.undirectedView()
    ///
    /// Each row is the sorted union of the vertex's out-row and in-row, merged in one pass.
    ///
    /// - Complexity: O(V + E) time and space.
    public func undirectedView() -> CSRGraph {
        guard isDirected else { return self }
        let n = vertexCount
        var viewOffsets = [Int32](repeating: 0, count: n + 1)
        var viewTargets: [Int32] = []
        viewTargets.reserveCapacity(targets.count + inSources.count)
        for v in 0..<n {
            var p = Int(offsets[v]); let pEnd = Int(offsets[v + 1])
            var q = Int(inOffsets[v]); let qEnd = Int(inOffsets[v + 1])
            while p < pEnd || q < qEnd {
                if q >= qEnd || (p < pEnd && targets[p] < inSources[q]) {
                    viewTargets.append(targets[p]); p += 1
                } else if p >= pEnd || inSources[q] < targets[p] {
                    viewTargets.append(inSources[q]); q += 1
                } else {
                    viewTargets.append(targets[p]); p += 1; q += 1
                }
            }
            viewOffsets[v + 1] = Int32(viewTargets.count)
        }
        return CSRGraph(isDirected: false, offsets: viewOffsets, targets: viewTargets, weights: nil)
    }
}
