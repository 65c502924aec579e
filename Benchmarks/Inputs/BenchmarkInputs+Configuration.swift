import Benchmark

extension BenchmarkInputs {
    /// The metrics every Meshwork benchmark records. `throughput` is iterations per second (so it
    /// shows no row for inputs that take over a second per iteration).
    public static let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]

    /// Tolerances for `baseline check` / `thresholds check`, at the 90th percentile as this machine is
    /// noisy (2 shared cores): time and throughput may regress 10 % (relative, in percent), the malloc
    /// count 5 % plus `mallocSlack` allocations.
    public static func thresholds(mallocSlack: Int = 16) -> [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: .init(relative: [.p90: 10.0]),
            .cpuTotal: .init(relative: [.p90: 10.0]),
            .throughput: .init(relative: [.p90: 10.0]),
            .mallocCountTotal: .init(relative: [.p90: 5.0], absolute: [.p90: mallocSlack]),
        ]
    }

    /// The configuration for an input of `members` members: fewer iterations on bigger inputs so a
    /// whole suite stays within a few minutes.
    public static func configuration(members: Int, mallocSlack: Int = 16) -> Benchmark.Configuration {
        let (iterations, seconds): (Int, Int64) = switch members {
        case ..<50_000: (50, 3)
        case ..<500_000: (15, 5)
        default: (5, 10)
        }
        return .init(
            metrics: metrics,
            warmupIterations: 1,
            maxDuration: .seconds(seconds),
            maxIterations: iterations,
            thresholds: thresholds(mallocSlack: mallocSlack)
        )
    }
}
