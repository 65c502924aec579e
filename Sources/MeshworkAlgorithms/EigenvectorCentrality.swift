import Foundation
import MeshworkCore

/// Eigenvector centrality of every vertex, as NetworkX's `eigenvector_centrality_numpy`: the
/// dominant eigenvector of the adjacency matrix, scaled to unit Euclidean norm, non-negative.
///
///     let (scores, iterations) = EigenvectorCentrality().run(graph)
///     scores.reduce(0) { $0 + $1 * $1 }   // 1 (up to rounding)
///
/// A vertex's centrality is proportional to the sum of its neighbours' centralities; on a directed
/// graph it sums over *in*-neighbours (the left eigenvector, NetworkX's convention). With
/// `weighted`, each neighbour counts with the edge weight.
///
/// The power iteration runs on `A + I` rather than `A`: the eigenvectors are the same, but the shift
/// makes the dominant eigenvalue strictly largest in modulus, so the iteration also converges on
/// bipartite (periodic) graphs, where it would oscillate on `A` (NetworkX's own power method
/// `eigenvector_centrality` does the same). It starts from the uniform unit vector and renormalises
/// every step.
///
/// On an undirected graph with non-negative weights it then accelerates: after 8 plain steps it
/// switches to the Chebyshev semi-iterative method, the three-term recurrence
/// `z_(j+1) = 2 q_(j+1) B z_j - q_(j+1) q_j z_(j-1)` with `B = (A - c I) / h` and
/// `q_j = T_(j-1)(t) / T_j(t)`, which applies to the iterate the Chebyshev polynomial `T_j` of the
/// interval `[c - h, c + h]` scaled to 1 at the dominant eigenvalue (`t = (lambda - c) / h`). Every
/// eigenvalue inside the interval is damped by `1 / T_j(t)`, about `(t + sqrt(t^2 - 1))^-j`: 0.47-0.53
/// per product on the benchmark graphs, where the plain iteration contracts by about 0.8. The interval
/// runs from `-(lambda + 1)` (every eigenvalue of a non-negative symmetric matrix is at least
/// `-lambda_1`; `lambda` is the Rayleigh quotient, below `lambda_1` by far less than 1) to the second
/// eigenvalue as the plain steps' contraction rate bounds it, plus a fifth of the estimated gap. If
/// five steps later the change contracts clearly slower than the recurrence damps its interval, an
/// eigenvalue lies above the interval: the recurrence restarts once from the current iterate, the
/// interval raised to where the measured contraction puts that eigenvalue. Being a polynomial in `A`
/// applied to the start, the recurrence converges to the same vector as the power iteration; it takes
/// about half the products on the benchmark graphs (41 instead of 92 on ca-AstroPh, 39 instead of 82
/// on a 20,000-vertex LFR graph). Directed graphs (complex spectra) and negative weights keep the
/// plain iteration.
///
/// It stops after the first step whose L1 change is below `vertexCount * tolerance` (NetworkX's
/// criterion) *and* whose extrapolated distance to the limit, `change * rate / (1 - rate)` with the
/// contraction rate measured over the last three steps, is below a hundredth of that, so that a
/// slowly contracting iteration does not stop early. In the Chebyshev phase the components inside the
/// interval oscillate (as `cos(j theta)`), so the change can dip below its trend for a step: there the
/// rate is taken as at least the recurrence's asymptotic rate and the change as at least the previous
/// change times that rate.
///
/// On an undirected graph whose iteration contracts slowly (more than about 300 further steps
/// predicted, or 200 steps run) the computation switches to a thick-restarted Lanczos method
/// (Krylov-Schur, see `_krylovSchur`) from the current iterate, which converges in a few hundred
/// matrix-vector products where power iteration needs hundreds of thousands (long paths, grids,
/// ring lattices). All give the same vector: the normalised projection of the start on the dominant
/// eigenspace. Directed graphs always use the power iteration.
///
/// On a connected (strongly connected, if directed) graph the result is the unique Perron vector and
/// matches NetworkX to the solver's precision. NetworkX refuses disconnected graphs; Meshwork returns
/// the limit of the power iteration on `A + I` from the uniform start: the Perron vectors of the
/// components with the largest eigenvalue, each weighted by how much of the start vector it holds,
/// and 0 elsewhere (components whose eigenvalue is smaller decay geometrically). An edgeless graph
/// gives every vertex `1 / sqrt(V)`.
///
/// - Complexity: O((V + E) * iterations) time, the iteration count growing as the relative gap
///   `g = (lambda_1 - lambda_2) / lambda_1` narrows: as `1 / g` for the plain iteration, as
///   `1 / sqrt(g)` with the Chebyshev recurrence; O(V) extra space (three vectors) for both, O(20 V)
///   when the Lanczos method takes over.
/// - Note: Bonacich, "Factoring and weighting approaches to status scores and clique
///   identification", Journal of Mathematical Sociology 2(1), 1972. The acceleration: Rutishauser,
///   "Computational aspects of F. L. Bauer's simultaneous iteration method", Numerische Mathematik
///   13, 1969 (Chebyshev acceleration of power iteration); Golub & Van Loan, Matrix Computations,
///   the Chebyshev semi-iterative method; Saad, Numerical Methods for Large Eigenvalue Problems,
///   2nd ed., SIAM 2011 (Chebyshev iteration for eigenvalue problems).
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
    public func run(_ graph: CSRGraph) -> (scores: [Double], iterations: Int) {
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

// MARK: - Chebyshev acceleration

extension EigenvectorCentrality {
    /// Plain power steps before the Chebyshev recurrence starts (enough for the Rayleigh quotient
    /// and the contraction rate to settle).
    static let chebyshevStart = 8
    /// How far above the estimated second eigenvalue the damped interval ends, as a fraction of the
    /// estimated gap: an interval ending a little too high costs little, one ending too low much more.
    static let chebyshevMargin = 0.2
    /// Recurrence steps after which the measured contraction is compared with the predicted one.
    static let chebyshevRestartAfter = 5
    /// At most this many restarts with a re-estimated interval.
    static let chebyshevRestarts = 1

    /// The parameters of a Chebyshev recurrence that damps `[lower, upper]` relative to `lambda`.
    struct _ChebyshevPlan {
        /// The estimated dominant eigenvalue of `A`.
        var lambda: Double
        /// The damped interval's centre and half-width.
        var centre: Double
        var halfWidth: Double
        /// `lambda` in the interval's coordinates, `(lambda - centre) / halfWidth` (above 1).
        var t: Double
        /// The asymptotic contraction per step of the components inside the interval,
        /// `1 / (t + sqrt(t^2 - 1))`.
        var rate: Double

        init(lambda: Double, lower: Double, upper: Double) {
            self.lambda = lambda
            centre = (lower + upper) / 2
            halfWidth = (upper - lower) / 2
            t = halfWidth > 0 ? (lambda - centre) / halfWidth : 0
            rate = t > 1 ? 1 / (t + (t * t - 1).squareRoot()) : 1
        }
    }

    /// The first plan, from the Rayleigh quotient `lambda` of `A` and the power iteration's measured
    /// contraction `rate` on `A + I`: the second eigenvalue is at most about `rate * (lambda + 1) - 1`
    /// (the rate is `max(lambda_2 + 1, |lambda_min + 1|) / (lambda + 1)`).
    static func _chebyshevPlan(lambda: Double, rate: Double) -> _ChebyshevPlan? {
        _chebyshevPlan(lambda: lambda, upper: rate * (lambda + 1) - 1)
    }

    /// The plan damping `[-(lambda + 1), second + margin * (lambda - second)]`: on a non-negative
    /// symmetric matrix every eigenvalue is at least `-lambda_1` (Perron-Frobenius), and the
    /// Rayleigh quotient `lambda` is below `lambda_1` by far less than 1. Nil when the interval would
    /// not leave `lambda` clearly outside.
    static func _chebyshevPlan(lambda: Double, upper second: Double) -> _ChebyshevPlan? {
        guard lambda > 0, second.isFinite, second < lambda else { return nil }
        let upper = second + chebyshevMargin * (lambda - second)
        let plan = _ChebyshevPlan(lambda: lambda, lower: -(lambda + 1), upper: upper)
        return plan.t > 1 + 1e-6 && plan.rate < 0.995 ? plan : nil
    }

    /// The `t` in `[1, upper]` with `T_degree(t) / T_(degree-3)(t) = ratio` (bisection; `1` if the
    /// ratio is below 1, `upper` if above what `upper` gives): where an eigenvalue must lie for its
    /// component to have grown by `ratio` relative to those inside the interval over three steps.
    static func _chebyshevArgument(ratio: Double, degree: Int, upper: Double) -> Double {
        precondition(degree >= 4)
        // T_degree(t) / T_(degree - 3)(t) for t >= 1, increasing in t.
        func growth(_ t: Double) -> Double {
            var (before, value) = (1.0, t)        // T_0, T_1
            var back = t                           // T_(degree - 3), set below when degree > 4
            for i in 2...degree {
                (before, value) = (value, 2 * t * value - before)
                if i == degree - 3 { back = value }
            }
            return value / back
        }
        guard ratio > 1 else { return 1 }
        var (low, high) = (1.0, upper)
        if growth(high) <= ratio { return high }
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if growth(middle) < ratio { low = middle } else { high = middle }
        }
        return low
    }
}

// MARK: - Row sums

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

// MARK: - Undirected graphs: Krylov-Schur

extension EigenvectorCentrality {
    /// The largest (Perron) eigenpair of a symmetric adjacency matrix by the symmetric Krylov-Schur
    /// method, a thick-restarted Lanczos iteration with full reorthogonalisation: a basis of at most
    /// `basisSize` orthonormal vectors spanning the Krylov space of the start vector; when it
    /// is full, the `basisSize / 2` best Ritz vectors are kept and the expansion resumes from the
    /// residual. It converges at the rate of a Chebyshev polynomial of growing degree, where power
    /// iteration converges at `(lambda_2 + 1) / (lambda_1 + 1)` per product: on graphs with a small
    /// spectral gap (long paths, grids, ring lattices) that is thousands of times fewer products.
    ///
    /// Stops when the Ritz residual `||A x - theta x||` is at most `tolerance / 100 * theta` (the
    /// vector's error is about the residual over the spectral gap), when the Krylov space becomes
    /// invariant, or after `maxProducts` matrix-vector products.
    ///
    /// The Krylov space holds only the start vector's projection on each eigenspace, so the result is
    /// the normalised projection of the start on the dominant eigenspace: started from a power
    /// iterate, the limit of that power iteration, also on a disconnected graph.
    ///
    /// - Complexity: O((E + basisSize * V) * products) time; O(basisSize * V) extra space.
    /// - Note: Stewart, "A Krylov-Schur algorithm for large eigenproblems", SIAM J. Matrix Anal.
    ///   Appl. 23(3), 2001; Wu & Simon, "Thick-restart Lanczos method for large symmetric
    ///   eigenvalue problems", SIAM J. Matrix Anal. Appl. 22(2), 2000.
    static func _krylovSchur(_ graph: CSRGraph, weights weightArray: [Double]?, start: [Double], tolerance: Double,
                             maxProducts: Int, basisSize: Int = 20) -> (scores: [Double], iterations: Int) {
        let n = graph.vertexCount
        let k = min(n, max(2, basisSize))
        let keep = max(1, k / 2)
        let residualTolerance = max(tolerance / 100, 4 * Double.ulpOfOne)
        var basis = [Double](repeating: 0, count: k * n)     // column j at j * n ..< (j + 1) * n
        var kept = [Double](repeating: 0, count: keep * n)
        var h = [Double](repeating: 0, count: k * k)          // the projected matrix, row-major
        var w = [Double](repeating: 0, count: n)
        var coefficients = [Double](repeating: 0, count: k)
        var pass = [Double](repeating: 0, count: k)
        var startNorm = 0.0
        for v in 0..<n { startNorm += start[v] * start[v] }
        let startScale = 1 / startNorm.squareRoot()
        for v in 0..<n { basis[v] = start[v] * startScale }

        var products = 0
        var expandFrom = 0
        var matrixNorm = 0.0
        while true {
            // Expand the basis to k vectors (or until the Krylov space is invariant).
            var size = k
            var beta = 0.0
            var invariant = false
            graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
            basis.withUnsafeMutableBufferPointer { basis in
            w.withUnsafeMutableBufferPointer { w in
            h.withUnsafeMutableBufferPointer { h in
            coefficients.withUnsafeMutableBufferPointer { coefficients in
            pass.withUnsafeMutableBufferPointer { pass in
                for j in expandFrom ..< k {
                    let column = j * n
                    var squares = 0.0
                    if let weightArray {
                        weightArray.withUnsafeBufferPointer { weights in
                            for v in 0..<n {
                                var s = 0.0
                                for p in Int(offsets[v]) ..< Int(offsets[v + 1]) {
                                    s += weights[p] * basis[column + Int(targets[p])]
                                }
                                w[v] = s; squares += s * s
                            }
                        }
                    } else {
                        for v in 0..<n {
                            var s = 0.0
                            for p in Int(offsets[v]) ..< Int(offsets[v + 1]) { s += basis[column + Int(targets[p])] }
                            w[v] = s; squares += s * s
                        }
                    }
                    products += 1
                    matrixNorm = max(matrixNorm, squares.squareRoot())
                    // Classical Gram-Schmidt, twice ("twice is enough").
                    for i in 0...j { coefficients[i] = 0 }
                    for _ in 0..<2 {
                        for i in 0...j {
                            var dot = 0.0
                            let b = i * n
                            for v in 0..<n { dot += basis[b + v] * w[v] }
                            pass[i] = dot
                            coefficients[i] += dot
                        }
                        for i in 0...j {
                            let c = pass[i], b = i * n
                            for v in 0..<n { w[v] -= c * basis[b + v] }
                        }
                    }
                    for i in 0...j { h[i * k + j] = coefficients[i]; h[j * k + i] = coefficients[i] }
                    var norm = 0.0
                    for v in 0..<n { norm += w[v] * w[v] }
                    beta = norm.squareRoot()
                    if beta <= 1e-13 * matrixNorm {
                        size = j + 1; invariant = true; break
                    }
                    if j + 1 < k {
                        let b = (j + 1) * n, scale = 1 / beta
                        for v in 0..<n { basis[b + v] = w[v] * scale }
                        h[(j + 1) * k + j] = beta; h[j * k + j + 1] = beta
                    }
                }
            }}}}}}}

            // The small eigenproblem.
            var a = [Double](repeating: 0, count: size * size)
            for i in 0..<size { for j in 0..<size { a[i * size + j] = h[i * k + j] } }
            let (values, vectors) = _symmetricEigen(&a, size)
            let order = (0..<size).sorted { values[$0] > values[$1] }
            let top = order[0]
            let theta = values[top]
            let residual = invariant ? 0 : beta * abs(vectors[(size - 1) * size + top])
            if invariant || residual <= residualTolerance * abs(theta) || products >= maxProducts || theta == 0 {
                var x = [Double](repeating: 0, count: n)
                for l in 0..<size {
                    let y = vectors[l * size + top], b = l * n
                    if y != 0 { for v in 0..<n { x[v] += y * basis[b + v] } }
                }
                var sum = 0.0, squares = 0.0
                for v in 0..<n { sum += x[v]; squares += x[v] * x[v] }
                let scale = (sum < 0 ? -1 : 1) / squares.squareRoot()
                for v in 0..<n { x[v] = max(0, x[v] * scale) }
                return (x, products)
            }

            // Thick restart: keep the best `keep` Ritz vectors, continue from the residual.
            for c in 0..<keep {
                let target = c * n, index = order[c]
                for v in 0..<n { kept[target + v] = 0 }
                for l in 0..<size {
                    let y = vectors[l * size + index], b = l * n
                    for v in 0..<n { kept[target + v] += y * basis[b + v] }
                }
            }
            for i in 0..<(keep * n) { basis[i] = kept[i] }
            for i in 0..<(k * k) { h[i] = 0 }
            for c in 0..<keep {
                h[c * k + c] = values[order[c]]
                let coupling = beta * vectors[(size - 1) * size + order[c]]
                h[c * k + keep] = coupling; h[keep * k + c] = coupling
            }
            let b = keep * n, scale = 1 / beta
            for v in 0..<n { basis[b + v] = w[v] * scale }
            expandFrom = keep
        }
    }
}

/// The eigenvalues and eigenvectors of a small symmetric matrix (row-major, `m` by `m`, destroyed)
/// by cyclic Jacobi rotations. Eigenvector `c` is column `c` of the returned row-major matrix.
///
/// - Complexity: O(m^3) per sweep, a handful of sweeps; O(m^2) space.
/// - Note: Jacobi, "Über ein leichtes Verfahren...", Crelle's Journal 30, 1846; the rotation as in
///   Press et al., Numerical Recipes, section 11.1.
func _symmetricEigen(_ a: inout [Double], _ m: Int) -> (values: [Double], vectors: [Double]) {
    var vectors = [Double](repeating: 0, count: m * m)
    for i in 0..<m { vectors[i * m + i] = 1 }
    for _ in 0..<100 {
        var off = 0.0, diagonal = 0.0
        for i in 0..<m {
            diagonal += a[i * m + i] * a[i * m + i]
            for j in (i + 1)..<max(i + 1, m) { off += a[i * m + j] * a[i * m + j] }
        }
        if off <= 1e-32 * diagonal || off == 0 { break }
        for p in 0..<m {
            for q in (p + 1)..<max(p + 1, m) {
                let apq = a[p * m + q]
                if apq == 0 { continue }
                let theta = (a[q * m + q] - a[p * m + p]) / (2 * apq)
                let t = abs(theta) > 1e150 ? 1 / (2 * theta)
                    : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for r in 0..<m {
                    let arp = a[r * m + p], arq = a[r * m + q]
                    a[r * m + p] = c * arp - s * arq; a[r * m + q] = s * arp + c * arq
                }
                for r in 0..<m {
                    let apr = a[p * m + r], aqr = a[q * m + r]
                    a[p * m + r] = c * apr - s * aqr; a[q * m + r] = s * apr + c * aqr
                }
                for r in 0..<m {
                    let vrp = vectors[r * m + p], vrq = vectors[r * m + q]
                    vectors[r * m + p] = c * vrp - s * vrq; vectors[r * m + q] = s * vrp + c * vrq
                }
            }
        }
    }
    return ((0..<m).map { a[$0 * m + $0] }, vectors)
}
