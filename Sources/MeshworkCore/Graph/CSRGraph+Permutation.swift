extension CSRGraph {
    /// The same graph with vertex `v` renamed `newID[v]` (`newID` must be a permutation of
    /// `0..<vertexCount`); rows stay sorted and weights follow their edges, so the result satisfies
    /// every CSR invariant. Map a per-vertex result back with `result[Int(newID[v])]`.
    ///
    ///     let g = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
    ///     g.permuted(newID: [2, 0, 1]).neighbours(of: 0)   // [1, 2]: old vertex 1's neighbours 2 and 0
    ///
    /// Used to renumber a graph for memory locality (see `Betweenness`). Each row is filled by
    /// walking the rows of the other direction (for undirected graphs, the same rows) in increasing
    /// new id, which leaves it sorted without a sort.
    ///
    /// - Complexity: O(V + E) time; the new graph's size in extra space.
    public func permuted(newID: [Int32]) -> CSRGraph {
        let oldID = Self._inverse(newID)
        if !isDirected {
            let rows = Self._transposedRows(offsets: offsets, targets: targets, weights: weights,
                                            newID: newID, oldID: oldID)
            return CSRGraph(isDirected: false, offsets: rows.offsets, targets: rows.targets, weights: rows.weights)
        }
        // Out-rows are the transpose of the in-rows and the other way round.
        let out = Self._transposedRows(offsets: inOffsets, targets: inSources, weights: inWeights,
                                       newID: newID, oldID: oldID)
        let inRows = Self._transposedRows(offsets: offsets, targets: targets, weights: weights,
                                          newID: newID, oldID: oldID)
        return CSRGraph(isDirected: true, offsets: out.offsets, targets: out.targets, weights: out.weights,
                        inOffsets: inRows.offsets, inSources: inRows.targets, inWeights: inRows.weights)
    }

    /// The out-rows renamed as in ``permuted(newID:)``, but each row keeps its entries in their
    /// original order, so the rows are *not* sorted by new id (hence arrays, not a `CSRGraph`): for
    /// kernels that must add along each row in exactly the original order, so that a renumbered run
    /// gives the same bits as the original one.
    ///
    /// - Complexity: O(V + E) time and space.
    public func permutedRowsKeepingOrder(newID: [Int32]) -> (offsets: [Int32], targets: [Int32], weights: [Double]?) {
        let n = vertexCount
        let oldID = Self._inverse(newID)
        var newOffsets = [Int32](repeating: 0, count: n + 1)
        for x in 0..<n {
            let v = Int(oldID[x])
            newOffsets[x + 1] = newOffsets[x] &+ (offsets[v + 1] &- offsets[v])
        }
        var newTargets = [Int32](repeating: 0, count: targets.count)
        var newWeights = [Double](repeating: 0, count: weights?.count ?? 0)
        offsets.withUnsafeBufferPointer { offsets in
        targets.withUnsafeBufferPointer { targets in
        newID.withUnsafeBufferPointer { newID in
        newTargets.withUnsafeMutableBufferPointer { newTargets in
            for x in 0..<n {
                let v = Int(oldID[x])
                var q = Int(newOffsets[x])
                for p in Int(offsets[v]) ..< Int(offsets[v + 1]) {
                    newTargets[q] = newID[Int(targets[p])]
                    q &+= 1
                }
            }
        }}}}
        if let weights {
            for x in 0..<n {
                let v = Int(oldID[x])
                var q = Int(newOffsets[x])
                for p in Int(offsets[v]) ..< Int(offsets[v + 1]) { newWeights[q] = weights[p]; q &+= 1 }
            }
        }
        return (newOffsets, newTargets, weights == nil ? nil : newWeights)
    }

    /// `oldID[newID[v]] = v`, checking that `newID` is a permutation.
    static func _inverse(_ newID: [Int32]) -> [Int32] {
        let n = newID.count
        var oldID = [Int32](repeating: -1, count: n)
        for v in 0..<n {
            let x = Int(newID[v])
            precondition(x >= 0 && x < n && oldID[x] < 0, "newID must be a permutation of the vertices")
            oldID[x] = Int32(truncatingIfNeeded: v)
        }
        return oldID
    }

    /// Rows of the renumbered transpose of `offsets`/`targets`: the row of new vertex `newID[t]`
    /// lists, in increasing order, the new ids of the rows that hold `t`.
    static func _transposedRows(offsets: [Int32], targets: [Int32], weights: [Double]?, newID: [Int32],
                                oldID: [Int32]) -> (offsets: [Int32], targets: [Int32], weights: [Double]?) {
        let n = newID.count
        var newOffsets = [Int32](repeating: 0, count: n + 1)
        for t in targets { newOffsets[Int(newID[Int(t)]) + 1] &+= 1 }
        for x in 0..<n { newOffsets[x + 1] &+= newOffsets[x] }
        var cursor = Array(newOffsets[0..<n])
        var newTargets = [Int32](repeating: 0, count: targets.count)
        var newWeights = [Double](repeating: 0, count: weights?.count ?? 0)
        for x in 0..<n {
            let u = Int(oldID[x])
            for p in Int(offsets[u]) ..< Int(offsets[u + 1]) {
                let row = Int(newID[Int(targets[p])])
                let q = Int(cursor[row])
                cursor[row] &+= 1
                newTargets[q] = Int32(truncatingIfNeeded: x)
                if let weights { newWeights[q] = weights[p] }
            }
        }
        return (newOffsets, newTargets, weights == nil ? nil : newWeights)
    }
}
