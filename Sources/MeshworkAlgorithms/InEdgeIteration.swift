import MeshworkCore

/// The step shared by PageRank and Katz centrality: a pull over in-edges,
/// `next[v] = alpha * sum over u -> v of input[u] * w(u, v) + base`, returning the L1 change
/// `sum over v of |next[v] - previous[v]|` that both use to stop (NetworkX's rule).
///
/// Each in-row is summed in a fixed order with independent partial sums (four unweighted, two
/// weighted), so the additions of a long row do not wait on each other. The vertices are split into the fixed blocks of `_ParallelSources.vertexBlocks` (their
/// boundaries depend only on the graph) and the blocks are shared among `threads` workers. Each
/// vertex sums its own in-row in row order and writes only its own entries, and the change is summed
/// per block and then over the blocks in block order, so the result is bit-identical whatever the
/// thread count.
///
/// - Complexity: O(V + E) time per step; O(blocks) extra space, allocated once.
struct InEdgeIteration {
    let inOffsets: [Int32]
    let inSources: [Int32]
    /// Empty when unweighted.
    let inWeights: [Double]
    /// Block `b` covers vertices `starts[b] ..< starts[b + 1]`.
    let starts: [Int]
    let threads: Int
    private var changes: [Double]

    /// The in-rows of `graph` (the transpose of a directed graph, the symmetric rows of an
    /// undirected one), weighted when `weighted` and the graph has weights.
    init(graph: CSRGraph, weighted: Bool, threads: Int) {
        inOffsets = graph.inRowOffsets
        inSources = graph.inRowSources
        inWeights = weighted ? (graph.inRowWeights ?? []) : []
        starts = inOffsets.withUnsafeBufferPointer { _ParallelSources.vertexBlocks(offsets: $0) }
        self.threads = max(1, threads)
        changes = [Double](repeating: 0, count: starts.count - 1)
    }

    /// One step into `next`, returning the L1 change against `previous`.
    ///
    /// With `older` (the iterate before `previous`) and `omega`, writes the Chebyshev combination
    /// `omega * (value - older[v]) + older[v]` instead of the value itself. With `scaled`, also
    /// writes `scaled.output[v] = next[v] * scaled.factor[v]` (PageRank's share of the next step),
    /// in the same pass.
    mutating func step(input: UnsafeBufferPointer<Double>, previous: UnsafeBufferPointer<Double>,
                       next: UnsafeMutableBufferPointer<Double>, alpha: Double, base: Double,
                       older: UnsafeBufferPointer<Double>? = nil, omega: Double = 1,
                       scaled: (output: UnsafeMutableBufferPointer<Double>, factor: UnsafeBufferPointer<Double>)? = nil) -> Double {
        let blocks = starts.count - 1
        let starts = self.starts
        let threads = self.threads
        inOffsets.withUnsafeBufferPointer { inOffsets in
        inSources.withUnsafeBufferPointer { inSources in
        inWeights.withUnsafeBufferPointer { inWeights in
        changes.withUnsafeMutableBufferPointer { changes in
            let sums = _SharedPointer(base: changes.baseAddress!)
            _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                while let b = nextBlock() {
                    sums.base[b] = Self.block(starts[b] ..< starts[b + 1], inOffsets: inOffsets, inSources: inSources,
                                              inWeights: inWeights, input: input, previous: previous, next: next,
                                              alpha: alpha, base: base, older: older, omega: omega, scaled: scaled)
                }
            }
        }}}}
        var change = 0.0
        for b in 0..<blocks { change += changes[b] }
        return change
    }

    /// The step on the vertices of one block; returns the block's L1 change.
    @inline(__always)
    private static func block(_ vertices: Range<Int>, inOffsets: UnsafeBufferPointer<Int32>,
                              inSources: UnsafeBufferPointer<Int32>, inWeights: UnsafeBufferPointer<Double>,
                              input: UnsafeBufferPointer<Double>, previous: UnsafeBufferPointer<Double>,
                              next: UnsafeMutableBufferPointer<Double>, alpha: Double, base: Double,
                              older: UnsafeBufferPointer<Double>?, omega: Double,
                              scaled: (output: UnsafeMutableBufferPointer<Double>, factor: UnsafeBufferPointer<Double>)?) -> Double {
        var change = 0.0
        // `older` and `scaled` are the same for every vertex: the branches are loop-invariant.
        @inline(__always) func store(_ v: Int, _ value: Double) {
            var combined = value
            if let older { combined = omega * (value - older[v]) + older[v] }
            next[v] = combined
            if let scaled { scaled.output[v] = combined * scaled.factor[v] }
            change += abs(combined - previous[v])
        }
        if !inWeights.isEmpty {
            for v in vertices {
                var p = Int(inOffsets[v])
                let end = Int(inOffsets[v + 1])
                var s0 = 0.0, s1 = 0.0
                while p + 2 <= end {
                    s0 += input[Int(inSources[p])] * inWeights[p]
                    s1 += input[Int(inSources[p + 1])] * inWeights[p + 1]
                    p += 2
                }
                if p < end { s0 += input[Int(inSources[p])] * inWeights[p] }
                store(v, alpha * (s0 + s1) + base)
            }
        } else {
            for v in vertices {
                var p = Int(inOffsets[v])
                let end = Int(inOffsets[v + 1])
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                while p + 4 <= end {
                    s0 += input[Int(inSources[p])]
                    s1 += input[Int(inSources[p + 1])]
                    s2 += input[Int(inSources[p + 2])]
                    s3 += input[Int(inSources[p + 3])]
                    p += 4
                }
                while p < end { s0 += input[Int(inSources[p])]; p += 1 }
                store(v, alpha * ((s0 + s1) + (s2 + s3)) + base)
            }
        }
        return change
    }
}
