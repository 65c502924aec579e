import MeshworkCore

/// PageRank of every vertex, as NetworkX's `pagerank`: a random surfer follows an out-edge with
/// probability `alpha` and jumps to a uniformly random vertex otherwise; a vertex without out-edges
/// (a dangling vertex) spreads its whole score uniformly. The scores sum to 1.
///
///     let (scores, iterations) = PageRank(alpha: 0.85).run(graph)
///     scores.reduce(0, +)   // 1 (up to rounding)
///
/// An undirected edge is followed both ways. With `weighted`, a vertex passes its score to its
/// out-neighbours in proportion to the edge weights (each row normalised by the out-strength).
///
/// The power iteration starts from the uniform vector. By default (`tolerance` nil) it runs to the
/// stationary vector: it stops after the first iteration whose change, summed over all vertices
/// (L1), is below min(vertexCount × 1e-15, 1e-12), what `networkx.pagerank(G, alpha=0.85,
/// tol=1e-14)` converges to (within 1e-9 relative per vertex on every fixture), where NetworkX's
/// default stopping rule stops after a handful of iterations on large graphs. The L1 change
/// shrinks by at least `alpha` per iteration, so this takes at most about
/// log(1e-15 / 2) / log(0.85) ≈ 215 iterations; the cap of 1e-12 keeps the error per vertex
/// small on graphs of millions of vertices, and stays far above the rounding noise of a step
/// (about 1e-16 times the vertices' in-degrees, weighted by their scores). With a `tolerance` T,
/// the rule is NetworkX's: L1 change below vertexCount × T (T = 1e-6 is NetworkX's default). In
/// both cases the iteration also stops once the change has not decreased for 20 iterations (it
/// has reached rounding noise), or after `maxIterations`.
/// Each iteration *pulls* along in-edges (the transpose of a directed graph, the symmetric rows of
/// an undirected one), so every vertex writes only its own score and nothing is allocated after
/// the set-up. The steps run on `threads` workers over fixed vertex blocks, and the change is
/// summed per block in block order (``InEdgeIteration``), so the scores and the iteration count are
/// bit-identical whatever the thread count.
///
/// On an undirected graph run to the stationary vector, the iteration is Chebyshev-accelerated:
/// the step's linear part, α A D⁻¹ plus the rank-one spreading of isolated vertices' scores, is
/// block-triangular with a part similar to the symmetric α D^-1/2 A D^-1/2, so its spectrum is real
/// and inside [−α, α]. The semi-iterative method x_{k+1} = ω_{k+1} (step(x_k) − x_{k−1}) + x_{k−1},
/// ω_1 = 1, ω_2 = 2 / (2 − α²), ω_{k+1} = 1 / (1 − α² ω_k / 4), then contracts the error by about
/// α / (1 + √(1 − α²)) ≈ 0.56 per step whatever the spectral gap, where the plain iteration's
/// worst case is α = 0.85 (graphs of several components or strong communities: 147 → 48 steps on
/// ca-GrQc), keeps the scores summing to 1, and stops by the same rule on the change between
/// iterates.
///
/// - Complexity: O(V + E) time per iteration; O(V) extra space (five score vectors and the
///   inverse out-strengths).
/// - Note: Page, Brin, Motwani & Winograd, "The PageRank citation ranking: bringing order to the
///   Web", Stanford InfoLab technical report 1999-66, 1999; Golub & Varga, "Chebyshev
///   semi-iterative methods...", Numerische Mathematik 3, 1961 (the acceleration).
public struct PageRank: Sendable {
    /// The probability of following an edge rather than jumping (the damping factor).
    public var alpha: Double
    /// NetworkX's threshold per vertex: stop when the L1 change is below `vertexCount * tolerance`;
    /// `nil` runs to the stationary vector (see the type's discussion).
    public var tolerance: Double?
    /// The most iterations to run; the result of the last one is returned if none converged.
    public var maxIterations: Int
    /// Whether to use the graph's edge weights (ignored when the graph has none).
    public var weighted: Bool
    /// The number of worker threads for the steps (at least 1). Does not change the result.
    public var threads: Int

    /// A PageRank computation with these parameters.
    public init(alpha: Double = 0.85, tolerance: Double? = nil, maxIterations: Int = 10_000,
                weighted: Bool = false, threads: Int = Parallelism.defaultThreads) {
        precondition(alpha >= 0 && alpha < 1, "alpha must be in [0, 1)")
        precondition(maxIterations >= 1, "maxIterations must be at least 1")
        self.alpha = alpha
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.weighted = weighted
        self.threads = max(1, threads)
    }

    /// The PageRank of every vertex.
    public struct Result: Sendable, Equatable {
        /// `scores[v]`: the PageRank of v; the scores sum to 1.
        public var scores: [Double]
        /// The iterations run (`maxIterations` when the iteration did not converge).
        public var iterations: Int
    }

    /// The PageRank of each vertex and the number of iterations run (equal to `maxIterations` when
    /// the iteration did not converge).
    ///
    /// - Complexity: O((V + E) * iterations) time; O(V) extra space.
    public func run(_ graph: CSRGraph) -> Result {
        let (scores, iterations) = iterate(graph)
        return Result(scores: scores, iterations: iterations)
    }

    private func iterate(_ graph: CSRGraph) -> (scores: [Double], iterations: Int) {
        let n = graph.vertexCount
        guard n > 0 else { return ([], 0) }
        let outWeights = weighted ? graph.weights : nil
        var pull = InEdgeIteration(graph: graph, weighted: outWeights != nil, threads: threads)

        // Inverse out-strengths; dangling vertices (no out-edges) get 0 and are listed apart.
        var inverseStrength = [Double](repeating: 0, count: n)
        var dangling: [Int32] = []
        for v in 0..<n {
            let start = Int(graph.offsets[v]), end = Int(graph.offsets[v + 1])
            var s = 0.0
            if let outWeights { for p in start ..< end { s += outWeights[p] } } else { s = Double(end - start) }
            if s > 0 { inverseStrength[v] = 1 / s } else { dangling.append(Int32(v)) }
        }

        let uniform = 1 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var next = [Double](repeating: 0, count: n)
        // share[u] = x[u] / outStrength(u), what u passes along each out-edge; the step writes the
        // next iterate's share in the same pass (into nextShare).
        var share = (0..<n).map { x[$0] * inverseStrength[$0] }
        var nextShare = [Double](repeating: 0, count: n)
        let alpha = self.alpha
        // Chebyshev acceleration (see the type's discussion): the iterate before the last, and ω.
        let accelerated = tolerance == nil && !graph.isDirected
        var older = accelerated ? x : []
        var omega = 1.0
        let threshold = tolerance.map { Double(n) * $0 } ?? min(Double(n) * 1e-15, 1e-12)
        var iterations = 0
        var smallest = Double.infinity, smallestAt = 0
        while iterations < maxIterations {
            iterations += 1
            var err = 0.0
            if accelerated {
                omega = iterations == 1 ? 1 : iterations == 2 ? 2 / (2 - alpha * alpha) : 1 / (1 - alpha * alpha * omega / 4)
            }
            var danglingSum = 0.0
            for d in dangling { danglingSum += x[Int(d)] }
            let base = alpha * danglingSum * uniform + (1 - alpha) * uniform
            inverseStrength.withUnsafeBufferPointer { inverseStrength in
            x.withUnsafeBufferPointer { x in
            older.withUnsafeBufferPointer { older in
            share.withUnsafeBufferPointer { share in
            nextShare.withUnsafeMutableBufferPointer { nextShare in
            next.withUnsafeMutableBufferPointer { next in
                err = pull.step(input: share, previous: x, next: next, alpha: alpha, base: base,
                                older: accelerated ? older : nil, omega: omega,
                                scaled: (output: nextShare, factor: inverseStrength))
            }}}}}}
            // Accelerated: older <- x_k (its old buffer, x_{k-1}, becomes the scratch below).
            if accelerated { swap(&older, &x) }
            swap(&x, &next)
            swap(&share, &nextShare)
            if err < threshold { break }
            if err < smallest {
                smallest = err
                smallestAt = iterations
            } else if iterations - smallestAt >= 20 {
                break
            }
        }
        return (x, iterations)
    }
}
