extension EigenvectorCentrality {
    /// `sum over p in start ..< end of x[sources[p]]` with four interleaved accumulators (entries
    /// `p` with `(p - start) % 4 == j` go to accumulator `j`, added as `(s0 + s1) + (s2 + s3)`, then
    /// the remaining entries in order): the additions no longer wait on one another, which about
    /// halves the time of a row on this machine. The order depends only on the row, never on the
    /// thread count.
    ///
    /// - Complexity: O(end - start).
    @inline(__always)
    static func _rowSum(_ sources: UnsafeBufferPointer<Int32>, _ start: Int, _ end: Int,
                        _ x: UnsafePointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var p = start
        while p &+ 4 <= end {
            s0 += x[Int(sources[p])]
            s1 += x[Int(sources[p &+ 1])]
            s2 += x[Int(sources[p &+ 2])]
            s3 += x[Int(sources[p &+ 3])]
            p &+= 4
        }
        var s = (s0 + s1) + (s2 + s3)
        while p < end { s += x[Int(sources[p])]; p &+= 1 }
        return s
    }

    /// The weighted `_rowSum`: `sum of x[sources[p]] * weights[p]`, in the same order.
    @inline(__always)
    static func _rowSum(_ sources: UnsafeBufferPointer<Int32>, _ weights: UnsafeBufferPointer<Double>,
                        _ start: Int, _ end: Int, _ x: UnsafePointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var p = start
        while p &+ 4 <= end {
            s0 += x[Int(sources[p])] * weights[p]
            s1 += x[Int(sources[p &+ 1])] * weights[p &+ 1]
            s2 += x[Int(sources[p &+ 2])] * weights[p &+ 2]
            s3 += x[Int(sources[p &+ 3])] * weights[p &+ 3]
            p &+= 4
        }
        var s = (s0 + s1) + (s2 + s3)
        while p < end { s += x[Int(sources[p])] * weights[p]; p &+= 1 }
        return s
    }
}
