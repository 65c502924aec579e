import MeshworkCore

/// Katz centrality of every vertex, as NetworkX's `katz_centrality` with `normalized=True`: every
/// vertex gets a baseline `beta` plus `alpha` times the centrality of each in-neighbour, so walks of
/// length k are counted with weight `alpha^k`; the result is scaled to unit Euclidean norm.
///
///     let (scores, iterations) = KatzCentrality(alpha: 0.1).run(graph)
///
/// The fixed point exists when `alpha < 1 / lambda_max` (the largest eigenvalue of the adjacency
/// matrix, weighted with `weighted`); otherwise the iteration diverges: it stops as soon as an
/// iterate is no longer finite, or at `maxIterations`, and `converged` is false (NetworkX raises
/// `PowerIterationFailedConvergence`). With weights far above 1 (up to 1e100, see
/// ``AcceptedWeights``) the default `alpha` 0.1 diverges; `alpha` below 1 / (the largest strength)
/// always converges. On an undirected graph in-neighbours are neighbours; with `weighted`, each
/// in-edge counts with its weight.
///
/// The iteration starts from 0 and stops after the first step whose L1 change is below
/// `vertexCount * tolerance` (NetworkX's criterion; NetworkX's default tolerance is 1e-6, Meshwork's
/// 1e-12 so that the values agree with the exact solution to about 1e-9).
///
/// - Complexity: O((V + E) * iterations) time, with iterations about
///   `log(tolerance) / log(alpha * lambda_max)`; O(V) extra space.
/// - Note: Katz, "A new status index derived from sociometric analysis", Psychometrika 18(1), 1953.
public struct KatzCentrality: Sendable {
    /// The attenuation factor for each step of a walk.
    public var alpha: Double
    /// The baseline centrality every vertex receives.
    public var beta: Double
    /// Convergence threshold per vertex: stop when the L1 change is below `vertexCount * tolerance`.
    public var tolerance: Double
    /// The most iterations to run; the last iterate is returned if none converged.
    public var maxIterations: Int
    /// Whether to use the graph's edge weights (ignored when the graph has none).
    public var weighted: Bool
    /// Whether to scale the result to unit Euclidean norm (NetworkX's `normalized`).
    public var normalized: Bool
    /// The number of worker threads for the steps (at least 1). Does not change the result
    /// (see ``InEdgeIteration``).
    public var threads: Int

    /// A Katz-centrality computation with these parameters.
    public init(alpha: Double = 0.1, beta: Double = 1.0, tolerance: Double = 1e-12,
                maxIterations: Int = 10_000, weighted: Bool = false, normalized: Bool = true,
                threads: Int = Parallelism.defaultThreads) {
        precondition(maxIterations >= 1, "maxIterations must be at least 1")
        self.alpha = alpha
        self.beta = beta
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.weighted = weighted
        self.normalized = normalized
        self.threads = max(1, threads)
    }

    /// The Katz centrality of every vertex.
    public struct Result: Sendable, Equatable {
        /// `scores[v]`: the Katz centrality of v (meaningless unless `converged`).
        public var scores: [Double]
        /// The iterations run.
        public var iterations: Int
        /// Whether the iteration converged (false when `alpha` is not below 1 / the largest
        /// eigenvalue, or after `maxIterations`).
        public var converged: Bool
    }

    /// The Katz centrality of each vertex, the number of iterations run, and whether the iteration
    /// converged (when it did not, the scores are the last iterate and mean nothing).
    ///
    /// - Complexity: O((V + E) * iterations) time; O(V) extra space.
    public func run(_ graph: CSRGraph) -> Result {
        let (scores, iterations, converged) = iterate(graph)
        return Result(scores: scores, iterations: iterations, converged: converged)
    }

    private func iterate(_ graph: CSRGraph) -> (scores: [Double], iterations: Int, converged: Bool) {
        let n = graph.vertexCount
        guard n > 0 else { return ([], 0, true) }
        var pull = InEdgeIteration(graph: graph, weighted: weighted, threads: threads)
        let alpha = self.alpha, beta = self.beta

        var x = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        let threshold = Double(n) * tolerance
        var iterations = 0
        var converged = false
        while iterations < maxIterations {
            iterations += 1
            var err = 0.0
            x.withUnsafeBufferPointer { x in
            next.withUnsafeMutableBufferPointer { next in
                err = pull.step(input: x, previous: x, next: next, alpha: alpha, base: beta)
            }}
            swap(&x, &next)
            if err < threshold { converged = true; break }
            if !err.isFinite { break }  // diverged: every later iterate is infinite or NaN
        }
        if normalized {
            var squares = 0.0
            for value in x { squares += value * value }
            if squares > 0 && squares.isFinite {
                let scale = 1 / squares.squareRoot()
                for v in 0..<n { x[v] *= scale }
            }
        }
        return (x, iterations, converged)
    }
}
