import Benchmark

extension BenchmarkInputs {
    /// The metrics every Meshwork benchmark records. `throughput` is iterations per second (so it
    /// shows no row for inputs that take over a second per iteration). Peak memory is measured by
    /// the benchmark's `_memory` twin (see ``register(_:configuration:_:setup:)``), never here: its
    /// sampling thread allocates about every 10 ms, which would make the malloc count depend on
    /// the wall time.
    public static let metrics: [BenchmarkMetric] = [
        .wallClock, .cpuTotal, .mallocCountTotal, .throughput,
    ]

    /// Registers the benchmark `name` (`kernel.genN`) with `configuration`, and its twin
    /// `kernel_memory.genN` that runs the same closure on the same setup for the process's peak
    /// resident memory alone (``memoryConfiguration``).
    ///
    /// Why two: package-benchmark measures `peakMemoryResident` with a thread that reads
    /// `/proc/self/stat` about every 10 ms and allocates on each read; the malloc interposer counts
    /// every thread's allocations, so with both metrics in one benchmark the malloc count grew with
    /// the wall time (the first CI runs, 2026-12-03, load 5-9: +164 on brokerage_organisation.gen10k,
    /// +136 on biconnected.gen100k, +8,000 on exact betweenness, none of it the kernel's).
    public static func register<Input>(_ name: String, configuration: Benchmark.Configuration,
                                       _ closure: @escaping (Benchmark, Input) -> Void,
                                       setup: @escaping () throws -> Input) {
        Benchmark(name, configuration: configuration, closure: closure, setup: setup)
        let twin = name.firstIndex(of: ".").map { "\(name[..<$0])_memory\(name[$0...])" } ?? "\(name)_memory"
        Benchmark(twin, configuration: memoryConfiguration, closure: closure, setup: setup)
    }

    /// The `_memory` twins' configuration: the peak resident memory of the process (the input
    /// included), sampled, over at most 3 iterations or 1 second after one warm-up; 35 % relative
    /// tolerance (the allocator may or may not have returned the setup's memory; moved by up to
    /// 26 % between two runs on 2026-12-03).
    public static var memoryConfiguration: Benchmark.Configuration {
        .init(metrics: [.peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(1), maxIterations: 3,
              thresholds: [.peakMemoryResident: .init(relative: [.p90: 35.0])])
    }

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
    /// - malloc count: at most `mallocSlack` (default 16) more allocations (absolute). With peak
    ///   memory measured apart (the `_memory` twins) the counts are the kernels' own: two runs on
    ///   2026-12-04 (load 4-7) differed by at most 2 on every benchmark, two-worker kernels included
    ///   (where the sampler had made them differ by up to +164, and +8,000 on betweenness); a
    ///   per-vertex or per-edge allocation (10,000 or more) exceeds it by far;
    /// - iterations (custom metric): exact;
    /// - peak resident memory: in the `_memory` twins (``memoryConfiguration``);
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
            iterations: .init(absolute: [.p90: 0]),
        ]
    }

    /// The configuration for an input of `members` members: fewer iterations on bigger inputs so a
    /// whole suite stays within a few minutes. `checkCPU` defaults to inputs of 100,000 members or
    /// more (kernels that run for at least about 100 ms there: load, read, build). `iterative`
    /// benchmarks also record `iterations`.
    public static func configuration(members: Int, mallocSlack: Int = 16, checkCPU: Bool? = nil,
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
