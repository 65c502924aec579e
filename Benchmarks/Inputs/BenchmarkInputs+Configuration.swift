import Benchmark

extension BenchmarkInputs {
    /// The metrics every Meshwork benchmark records. `throughput` is iterations per second (so it
    /// shows no row for inputs that take over a second per iteration).
    public static let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .throughput]

    /// Tolerances for `baseline check` / `thresholds check`, all at the 90th percentile because this
    /// machine is noisy (2 shared cores). package-benchmark checks a relative and an absolute
    /// tolerance independently (either one exceeded is a regression), so each metric gets one kind:
    /// - wall clock and throughput: 10 % relative;
    /// - CPU time: 10 % relative when `checkCPU`, otherwise none. Linux reports process CPU time in
    ///   10 ms ticks, so on kernels shorter than about 100 ms it flips between 0 and 10 ms;
    /// - malloc count: at most `mallocSlack` more allocations (absolute).
    public static func thresholds(mallocSlack: Int, checkCPU: Bool) -> [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: .init(relative: [.p90: 10.0]),
            .throughput: .init(relative: [.p90: 10.0]),
            // An explicit empty threshold: without an entry the tool falls back to its 5 % defaults.
            .cpuTotal: checkCPU ? .init(relative: [.p90: 10.0]) : .init(),
            .mallocCountTotal: .init(absolute: [.p90: mallocSlack]),
        ]
    }

    /// The configuration for an input of `members` members: fewer iterations on bigger inputs so a
    /// whole suite stays within a few minutes. `checkCPU` defaults to inputs of 100,000 members or
    /// more (kernels that run for at least about 100 ms there: load, read, build).
    public static func configuration(members: Int, mallocSlack: Int = 16, checkCPU: Bool? = nil) -> Benchmark.Configuration {
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
            thresholds: thresholds(mallocSlack: mallocSlack, checkCPU: checkCPU ?? (members >= 100_000))
        )
    }
}
