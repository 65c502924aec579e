/// The step shared by PageRank and Katz centrality: a pull over in-edges,
/// `next[v] = alpha * sum over u -> v of input[u] * w(u, v) + base`, returning the L1 change
/// `sum over v of |next[v] - previous[v]|` that both use to stop (NetworkX's rule).
///
/// Each vertex sums its own in-row in row order, so the result does not depend on how the work
/// is split.
///
/// - Complexity: O(V + E) time; no extra space.
enum InEdgeIteration {
    /// With `older` (the iterate before `previous`) and `omega`, writes the Chebyshev combination
    /// `omega * (value - older[v]) + older[v]` instead of the value itself, in the same pass.
    @inline(__always)
    static func step(inOffsets: UnsafeBufferPointer<Int32>, inSources: UnsafeBufferPointer<Int32>,
                     inWeights: [Double]?, input: UnsafeBufferPointer<Double>,
                     previous: UnsafeBufferPointer<Double>, next: UnsafeMutableBufferPointer<Double>,
                     alpha: Double, base: Double,
                     older: UnsafeBufferPointer<Double>? = nil, omega: Double = 1) -> Double {
        let n = next.count
        var change = 0.0
        // `older` is the same for every vertex: the branch is loop-invariant, not a closure.
        @inline(__always) func store(_ v: Int, _ value: Double) {
            var combined = value
            if let older { combined = omega * (value - older[v]) + older[v] }
            next[v] = combined
            change += abs(combined - previous[v])
        }
        if let inWeights {
            inWeights.withUnsafeBufferPointer { inWeights in
                for v in 0..<n {
                    var s = 0.0
                    for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) { s += input[Int(inSources[p])] * inWeights[p] }
                    store(v, alpha * s + base)
                }
            }
        } else {
            for v in 0..<n {
                var s = 0.0
                for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) { s += input[Int(inSources[p])] }
                store(v, alpha * s + base)
            }
        }
        return change
    }
}
