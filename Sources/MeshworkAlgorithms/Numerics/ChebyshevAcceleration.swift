import Foundation
import MeshworkCore

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
