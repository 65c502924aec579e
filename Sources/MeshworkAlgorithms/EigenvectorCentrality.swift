import Foundation
import MeshworkCore

/// Eigenvector centrality of every vertex, as NetworkX's `eigenvector_centrality_numpy`: the
/// dominant eigenvector of the adjacency matrix, scaled to unit Euclidean norm, non-negative.
///
///     let result = EigenvectorCentrality().run(graph)
///     result.scores.reduce(0) { $0 + $1 * $1 }   // 1 (up to rounding)
///
/// A vertex's centrality is proportional to the sum of its neighbours' centralities; on a directed
/// graph it sums over *in*-neighbours (the left eigenvector, NetworkX's convention). With
/// `weighted`, each neighbour counts with the edge weight. The solver is the power iteration on
/// `A + I`, Chebyshev-accelerated on undirected graphs with non-negative weights, handing over to
/// a thick-restarted Lanczos method (Krylov-Schur) when it contracts slowly; all converge to the
/// same vector. On a disconnected graph the result is the limit of the power iteration from the
/// uniform start (NetworkX refuses such graphs); an edgeless graph gives every vertex `1 / sqrt(V)`.
/// <doc:EigenvectorSolvers> explains the solvers, their stopping rule and that limit.
///
/// - Complexity: O((V + E) * iterations) time, the iteration count growing as the relative gap
///   `g = (lambda_1 - lambda_2) / lambda_1` narrows: as `1 / g` for the plain iteration, as
///   `1 / sqrt(g)` with the Chebyshev recurrence; O(V) extra space (three vectors) for both, O(20 V)
///   when the Lanczos method takes over.
/// - Note: Bonacich, "Factoring and weighting approaches to status scores and clique
///   identification", Journal of Mathematical Sociology 2(1), 1972; the solvers' papers are cited in
///   <doc:EigenvectorSolvers> and on `_chebyshevPlan`, `_krylovSchur` and `_symmetricEigen`.
public struct EigenvectorCentrality: Sendable {
    /// Convergence threshold per vertex: stop when the L1 change is below `vertexCount * tolerance`.
    public var tolerance: Double
    /// The most matrix-vector products to compute; the last iterate is returned if none converged.
    public var maxIterations: Int
    /// Whether to use the graph's edge weights (ignored when the graph has none).
    public var weighted: Bool
    /// The number of worker threads for the matrix-vector products (at least 1). Does not change
    /// the result.
    public var threads: Int

    /// An eigenvector-centrality computation with these parameters.
    public init(tolerance: Double = 1e-10, maxIterations: Int = 100_000, weighted: Bool = false,
                threads: Int = Parallelism.defaultThreads) {
        precondition(maxIterations >= 1, "maxIterations must be at least 1")
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.weighted = weighted
        self.threads = max(1, threads)
    }

    /// The eigenvector centrality of every vertex.
    public struct Result: Sendable, Equatable {
        /// `scores[v]`: the centrality of v (unit Euclidean norm, non-negative).
        public var scores: [Double]
        /// The matrix-vector products computed (`maxIterations` when the iteration did not converge).
        public var iterations: Int
    }

    /// The centrality of each vertex (unit Euclidean norm, non-negative) and the number of iterations
    /// run, counted in matrix-vector products (equal to `maxIterations` when the iteration did not
    /// converge).
    ///
    /// Parallelism and determinism: each product is split into fixed vertex blocks of about equal
    /// work (`_ParallelSources.vertexBlocks`: the boundaries depend only on the graph), every vertex
    /// sums its own in-row in row order, and the norm and the change are summed per block and then
    /// over the blocks in block order, so the result is bit-identical whatever `threads` is. The
    /// normalisation is folded into the next product (`y_k = (A + I)^T y_(k-1) * s_(k-1)` with
    /// `s_k = 1 / |y_k|`, `x_k = y_k * s_k`), and so is the change `|x_(k-1) - x_(k-2)|`: one pass and
    /// one synchronisation per step; the change of step `k` is known after product `k + 1`, so one
    /// product more than the returned count is computed. The Chebyshev products fold the same way:
    /// `y_(k+1) = alpha (A - c I) y_k + gamma y_(k-1)`, the recurrence's scale carried in `alpha` and
    /// `gamma` (the pair `y_k, y_(k-1)` is rescaled together, so nothing overflows), and the same pass
    /// sums `y_k^T A y_k` for the Rayleigh quotient. Every scalar (interval, coefficients, restart) is
    /// computed once per step from the block-order sums, so the Chebyshev phase is as deterministic.
    ///
    /// - Complexity: O((V + E) * iterations) time; O(V) extra space (three vectors).
    public func run(_ graph: CSRGraph) -> Result {
        let (scores, iterations) = iterate(graph)
        return Result(scores: scores, iterations: iterations)
    }

    private func iterate(_ graph: CSRGraph) -> (scores: [Double], iterations: Int) {
        let n = graph.vertexCount
        guard n > 0 else { return ([], 0) }
        let inOffsetsArray = graph.inRowOffsets
        let inSourcesArray = graph.inRowSources
        let inWeightsArray: [Double]? = weighted ? graph.inRowWeights : nil
        let useWeights = inWeightsArray != nil
        let weightArray = inWeightsArray ?? []
        let starts = inOffsetsArray.withUnsafeBufferPointer { _ParallelSources.vertexBlocks(offsets: $0) }
        let blocks = starts.count - 1

        // Raw iterates, rotating: older = y_(k-2), previous = y_(k-1), current = y_k; y_0 = ones.
        var older = UnsafeMutablePointer<Double>.allocate(capacity: n)
        var previous = UnsafeMutablePointer<Double>.allocate(capacity: n)
        var current = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let squares = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        let changes = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        let dots = UnsafeMutablePointer<Double>.allocate(capacity: blocks)
        older.initialize(repeating: 0, count: n)
        previous.initialize(repeating: 1, count: n)
        current.initialize(repeating: 0, count: n)
        squares.initialize(repeating: 0, count: blocks)
        changes.initialize(repeating: 0, count: blocks)
        dots.initialize(repeating: 0, count: blocks)
        defer {
            older.deallocate(); previous.deallocate(); current.deallocate()
            squares.deallocate(); changes.deallocate(); dots.deallocate()
        }
        func scaled(_ y: UnsafeMutablePointer<Double>, _ scale: Double) -> [Double] {
            [Double](unsafeUninitializedCapacity: n) { buffer, count in
                for v in 0..<n { buffer[v] = y[v] * scale }
                count = n
            }
        }
        // The Chebyshev iterates are not sign-preserving: entries that tend to 0 (components with a
        // smaller eigenvalue) may end a rounding error below it.
        func clamped(_ y: UnsafeMutablePointer<Double>, _ scale: Double) -> [Double] {
            [Double](unsafeUninitializedCapacity: n) { buffer, count in
                for v in 0..<n { buffer[v] = max(0, y[v] * scale) }
                count = n
            }
        }

        // Norm scales: x_k = y_k * scale. In the Chebyshev phase the recurrence runs on
        // z_k = y_k * multiplier (the pair z_k, z_(k-1) is rescaled together after each product).
        var olderScale = 0.0
        var previousScale = 1 / Double(n).squareRoot()
        var olderMultiplier = 0.0, previousMultiplier = 0.0
        let threshold = Double(n) * tolerance
        var previousErrors = (Double.infinity, Double.infinity, Double.infinity)
        var products = 0
        // Chebyshev phase (undirected graphs with non-negative weights only, see `_chebyshevPlan`).
        var chebyshev = false
        var plan = _ChebyshevPlan(lambda: 0, lower: 0, upper: 0)
        var chebyshevSteps = 0                    // products since the recurrence (re)started
        var ratios = (0.0, 0.0, 0.0, 0.0)         // q_j, q_(j-1), q_(j-2), q_(j-3): T_(j-1)(t) / T_j(t)
        var restartsLeft = Self.chebyshevRestarts
        var rayleigh = 0.0                        // x^T A x of the last input
        var firstChebyshevError = 0.0             // the change of the first iterate of the recurrence
        let chebyshevAllowed = !graph.isDirected && (weightArray.allSatisfy { $0 >= 0 })
        while products < maxIterations {
            products += 1
            // Product k: current = (A + I)^T x_(k-1) (plain) or the next Chebyshev iterate, and per
            // block |x_(k-1) - x_(k-2)|_1.
            let (input, last, output) = (UnsafePointer(previous), UnsafePointer(older), current)
            let (inputScale, lastScale) = (previousScale, olderScale)
            // Chebyshev coefficients: output = alpha (A - centre I) y_in + gamma y_last.
            var alpha = 0.0, gamma = 0.0
            if chebyshev {
                chebyshevSteps += 1
                let q = chebyshevSteps == 1 ? 1 / plan.t : 1 / (2 * plan.t - ratios.0)
                alpha = (chebyshevSteps == 1 ? 1 : 2) * q * previousMultiplier / plan.halfWidth
                gamma = chebyshevSteps == 1 ? 0 : -q * ratios.0 * olderMultiplier
                ratios = (q, ratios.0, ratios.1, ratios.2)
            }
            let (useChebyshev, centre) = (chebyshev, plan.centre)
            inOffsetsArray.withUnsafeBufferPointer { inOffsets in
            inSourcesArray.withUnsafeBufferPointer { inSources in
            weightArray.withUnsafeBufferPointer { inWeights in
                _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                    while let b = nextBlock() {
                        var blockSquares = 0.0, blockChange = 0.0, blockDot = 0.0
                        if useChebyshev && useWeights {
                            for v in starts[b] ..< starts[b + 1] {
                                let s = Self._rowSum(inSources, inWeights, Int(inOffsets[v]), Int(inOffsets[v + 1]), input)
                                let value = alpha * (s - centre * input[v]) + gamma * last[v]
                                output[v] = value
                                blockSquares += value * value
                                blockDot += input[v] * s
                                blockChange += abs(input[v] * inputScale - last[v] * lastScale)
                            }
                        } else if useChebyshev {
                            for v in starts[b] ..< starts[b + 1] {
                                let s = Self._rowSum(inSources, Int(inOffsets[v]), Int(inOffsets[v + 1]), input)
                                let value = alpha * (s - centre * input[v]) + gamma * last[v]
                                output[v] = value
                                blockSquares += value * value
                                blockDot += input[v] * s
                                blockChange += abs(input[v] * inputScale - last[v] * lastScale)
                            }
                        } else if useWeights {
                            for v in starts[b] ..< starts[b + 1] {
                                let s = Self._rowSum(inSources, inWeights, Int(inOffsets[v]), Int(inOffsets[v + 1]), input)
                                let value = (input[v] + s) * inputScale
                                output[v] = value
                                blockSquares += value * value
                                blockChange += abs(input[v] * inputScale - last[v] * lastScale)
                            }
                        } else {
                            for v in starts[b] ..< starts[b + 1] {
                                let s = Self._rowSum(inSources, Int(inOffsets[v]), Int(inOffsets[v + 1]), input)
                                let value = (input[v] + s) * inputScale
                                output[v] = value
                                blockSquares += value * value
                                blockChange += abs(input[v] * inputScale - last[v] * lastScale)
                            }
                        }
                        squares[b] = blockSquares
                        changes[b] = blockChange
                        dots[b] = blockDot
                    }
                }
            }}}
            var sumSquares = 0.0, err = 0.0, dot = 0.0
            for b in 0..<blocks { sumSquares += squares[b]; err += changes[b]; dot += dots[b] }
            // Rotate: older = y_(k-1), previous = y_k, current = the free buffer.
            (older, previous, current) = (previous, current, older)
            let norm = sumSquares.squareRoot()
            if chebyshev {
                rayleigh = dot * inputScale * inputScale
                (olderMultiplier, previousMultiplier) = (previousMultiplier / norm, 1 / norm)
            }
            (olderScale, previousScale) = (previousScale, 1 / norm)
            guard products >= 2 else { continue }
            // `err` is the change of step `products - 1`, whose iterate is `older * olderScale`.
            let step = products - 1
            // The contraction rate, averaged over the last three steps; the distance to the limit is
            // about err * rate / (1 - rate).
            let measured = step > 3 ? cbrt(err / previousErrors.2) : 1
            let (errorOneStepAgo, errorThreeStepsAgo) = (previousErrors.0, previousErrors.2)
            previousErrors = (err, previousErrors.0, previousErrors.1)
            if !chebyshev {
                let rate = measured
                if err < threshold && (rate >= 1 || err * rate / (1 - rate) < threshold / 100) {
                    return (scaled(older, olderScale), step)
                }
                let remaining = rate < 1 ? log((threshold / 100) / err) / log(rate) : .infinity
                if !graph.isDirected && step >= 6 && products < maxIterations {
                    if step >= 200 || remaining > 300 {
                        let (scores, lanczosProducts) = Self._krylovSchur(
                            graph, weights: inWeightsArray, start: scaled(previous, previousScale),
                            tolerance: tolerance, maxProducts: maxIterations - products)
                        return (scores, products + lanczosProducts)
                    }
                }
                // Switch to the Chebyshev recurrence from the newest iterate x_k (unless the plain
                // iteration is a few steps from done: the recurrence needs a few to pay off).
                if chebyshevAllowed && step == Self.chebyshevStart && rate < 1 && remaining > 4 {
                    // x_(k-1)^T (A + I) x_(k-1) = x_(k-1)^T y_k.
                    var shifted = 0.0
                    for v in 0..<n { shifted += older[v] * previous[v] }
                    shifted *= olderScale
                    if let start = Self._chebyshevPlan(lambda: shifted - 1, rate: rate) {
                        plan = start
                        chebyshev = true
                        chebyshevSteps = 0
                        (olderMultiplier, previousMultiplier) = (olderScale, previousScale)
                    }
                }
                continue
            }
            // Chebyshev phase: the components inside the damped interval oscillate (as cos(j theta)),
            // so the change may dip for a step or two below its trend. The test takes the change as
            // at least the last one times the recurrence's asymptotic rate, and extrapolates with at
            // least that rate.
            let rate = max(measured, plan.rate)
            let change = max(err, errorOneStepAgo * plan.rate)
            if err == 0 || (change < threshold && rate < 1 && change * rate / (1 - rate) < threshold / 100) {
                return (clamped(older, olderScale), step)
            }
            if products >= maxIterations { break }
            // One restart: if the change contracted clearly slower than the recurrence damps its
            // interval, an eigenvalue lies above it; estimate it and restart from x_k.
            if restartsLeft > 0 && chebyshevSteps == Self.chebyshevRestartAfter + 1 {
                let k = Self.chebyshevRestartAfter
                let growth = (err / errorThreeStepsAgo) / (ratios.1 * ratios.2 * ratios.3)
                if growth > 1.2 {
                    restartsLeft -= 1
                    let lambda = max(plan.lambda, rayleigh)
                    let t = Self._chebyshevArgument(ratio: growth, degree: k, upper: plan.t)
                    let above = plan.centre + plan.halfWidth * t
                    guard let next = Self._chebyshevPlan(lambda: lambda, upper: above) else {
                        let (scores, lanczosProducts) = Self._krylovSchur(
                            graph, weights: inWeightsArray, start: scaled(previous, previousScale),
                            tolerance: tolerance, maxProducts: maxIterations - products)
                        return (scores, products + lanczosProducts)
                    }
                    plan = next
                    chebyshevSteps = 0
                    previousMultiplier = previousScale
                    continue
                }
            }
            // Still contracting slowly: hand over to Krylov-Schur, as the plain phase does. The rate is
            // averaged over the whole run since the recurrence (re)started, as the three-step rate
            // swings with the oscillation.
            if chebyshevSteps == 2 { firstChebyshevError = err }
            if chebyshevSteps >= 8 {
                let averaged = pow(err / firstChebyshevError, 1 / Double(chebyshevSteps - 2))
                let remaining = averaged < 1 ? log((threshold / 100) / err) / log(averaged) : .infinity
                if step >= 200 || remaining > 300 {
                    let (scores, lanczosProducts) = Self._krylovSchur(
                        graph, weights: inWeightsArray, start: scaled(previous, previousScale),
                        tolerance: tolerance, maxProducts: maxIterations - products)
                    return (scores, products + lanczosProducts)
                }
            }
        }
        return (chebyshev ? clamped(previous, previousScale) : scaled(previous, previousScale), products)
    }
}
