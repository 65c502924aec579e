/// The step shared by PageRank and Katz centrality: a pull over in-edges,
/// `next[v] = alpha * sum over u -> v of input[u] * w(u, v) + base`, returning the L1 change
/// `sum over v of |next[v] - previous[v]|` that both use to stop (NetworkX's rule).
///
/// Each vertex sums its own in-row in row order, so the result does not depend on how the work
/// is split.
///
/// - Complexity: O(V + E) time; no extra space.
enum InEdgeIteration {
    @inline(__always)
    static func step(inOffsets: UnsafeBufferPointer<Int32>, inSources: UnsafeBufferPointer<Int32>,
                     inWeights: [Double]?, input: UnsafeBufferPointer<Double>,
                     previous: UnsafeBufferPointer<Double>, next: UnsafeMutableBufferPointer<Double>,
                     alpha: Double, base: Double) -> Double {
        let n = next.count
        var change = 0.0
        if let inWeights {
            inWeights.withUnsafeBufferPointer { inWeights in
                for v in 0..<n {
                    var s = 0.0
                    for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) { s += input[Int(inSources[p])] * inWeights[p] }
                    let value = alpha * s + base
                    next[v] = value
                    change += abs(value - previous[v])
                }
            }
        } else {
            for v in 0..<n {
                var s = 0.0
                for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) { s += input[Int(inSources[p])] }
                let value = alpha * s + base
                next[v] = value
                change += abs(value - previous[v])
            }
        }
        return change
    }
}
