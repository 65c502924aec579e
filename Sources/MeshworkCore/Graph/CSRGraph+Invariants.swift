extension CSRGraph {
    /// Checks the CSR invariants: monotone offsets, in-range targets, sorted duplicate-free rows, no
    /// self-loops and symmetry for undirected graphs. Compiled only with `MESHWORK_INTERNAL_CHECKS`
    /// (`swift build -Xswiftc -DMESHWORK_INTERNAL_CHECKS`); a no-op otherwise.
    @inlinable @inline(__always)
    func _checkInvariants() {
        #if MESHWORK_INTERNAL_CHECKS
        let n = vertexCount
        for v in 0..<n {
            precondition(offsets[v] <= offsets[v + 1], "offsets must not decrease")
            var previous: Int32 = -1
            for index in row(VertexID(v)) {
                let t = targets[index]
                precondition(t >= 0 && Int(t) < n, "target out of range")
                precondition(t > previous, "row not sorted or has duplicates")
                precondition(Int(t) != v, "self-loop stored")
                if !isDirected { precondition(hasEdge(t, VertexID(v)), "undirected graph not symmetric") }
                previous = t
            }
        }
        #endif
    }
}
