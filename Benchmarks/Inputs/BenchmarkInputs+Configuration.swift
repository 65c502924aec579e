import Benchmark

extension BenchmarkInputs {
    /// The metrics every Meshwork benchmark records. `throughput` is iterations per second (so it
    /// shows no row for inputs that take over a second per iteration); `peakMemoryResident` is the
    /// process's peak resident memory, the input graph included.
    public static let metrics: [BenchmarkMetric] = [
        .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput,
    ]

    /// The algorithm's own iteration count (PageRank steps, Louvain rounds), recorded with
    /// `benchmark.measurement(BenchmarkInputs.iterations, n)` by the benchmarks of iterative kernels:
    /// it is deterministic, so any change is a change of the algorithm.
    public static let iterations = BenchmarkMetric.custom("iterations")

    /// Tolerances for `thresholds check` (the CI stage, `Benchmarks/ci-bench`, against the p90 values
    /// committed in `Benchmarks/Thresholds/`) and `baseline check`. package-benchmark checks a
    /// relative and an absolute tolerance independently (either one exceeded is a regression), so
    /// each metric gets one kind. Deterministic metrics are tight, time is wide, because the committed
    /// figures and the CI run are taken at different moments on a machine shared with other builds
    /// (the first two CI runs, 2026-12-03, 1-minute load 5-9 on 2 cores with builds running: kernels
    /// of 1-5 ms came out 2.6-8x their committed p90; malloc counts moved by up to +76 on one-thread
    /// kernels, +312 on read.gen100k and +8,000 on betweenness; peak memory by up to 26 %):
    /// - malloc count: at most `mallocSlack` more allocations (absolute), sized per suite for the
    ///   variation that threads bring; a per-vertex or per-edge allocation still exceeds it;
    /// - iterations (custom metric): exact;
    /// - peak resident memory: 35 % relative (sampled; the allocator may or may not have returned the
    ///   setup's memory);
    /// - wall clock: 1,000 % relative, i.e. a failure means the 90th percentile took more than 11 times
    ///   the committed one: an order-of-magnitude regression (the side-by-side ratios of
    ///   `compare.py --gate` are the finer time check);
    /// - CPU time: 1,000 % relative when `checkCPU`, otherwise none: Linux reports process CPU time in
    ///   10 ms ticks, so on kernels shorter than about 100 ms it flips between 0 and 10 ms;
    /// - throughput: none (the inverse of the wall clock, checked already).
    public static func thresholds(mallocSlack: Int, checkCPU: Bool) -> [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: .init(relative: [.p90: 1_000.0]),
            // An explicit empty threshold: without an entry the tool falls back to its 5 % defaults.
            .throughput: .init(),
            .cpuTotal: checkCPU ? .init(relative: [.p90: 1_000.0]) : .init(),
            .mallocCountTotal: .init(absolute: [.p90: mallocSlack]),
            .peakMemoryResident: .init(relative: [.p90: 35.0]),
            iterations: .init(absolute: [.p90: 0]),
        ]
    }

    /// The configuration for an input of `members` members: fewer iterations on bigger inputs so a
    /// whole suite stays within a few minutes. `checkCPU` defaults to inputs of 100,000 members or
    /// more (kernels that run for at least about 100 ms there: load, read, build). `iterative`
    /// benchmarks also record `iterations`.
    public static func configuration(members: Int, mallocSlack: Int = 128, checkCPU: Bool? = nil,
                                     iterative: Bool = false) -> Benchmark.Configuration {
        let (iterations, seconds): (Int, Int64) = switch members {
        case ..<50_000: (50, 3)
        case ..<500_000: (15, 5)
        default: (5, 10)
        }
        return .init(
            metrics: iterative ? metrics + [BenchmarkInputs.iterations] : metrics,
            warmupIterations: 1,
            maxDuration: .seconds(seconds),
            maxIterations: iterations,
            thresholds: thresholds(mallocSlack: mallocSlack, checkCPU: checkCPU ?? (members >= 100_000))
        )
    }
}
