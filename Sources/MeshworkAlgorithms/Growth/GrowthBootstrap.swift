import MeshworkCore

/// Percentile intervals for a growth series by resampling members (a node bootstrap).
///
/// Each of B replicates draws as many members as the community has, uniformly with replacement,
/// and recomputes the whole series with every member counted as often as it was drawn
/// (as a cohort's series is, ``GrowthSeries/cohort``: a tie between two drawn members counts once per pair of
/// copies; copies of one member are not tied to each other). The interval of a measure in a period
/// is the 2.5th to 97.5th percentile of its B replicate values (linear interpolation between order
/// statistics, as numpy's default); undefined replicate values (no tie, no member) are left out.
///
/// What it captures: how much the figures depend on which members happened to take part, which is
/// the uncertainty evaluators face when a network is observed through the people who joined or
/// answered (Snijders & Borgatti 1999). Its limits: members are not independent in a network, so
/// node resampling tends to overstate the variability of tie-based measures in dense groups and
/// understate it for measures driven by a few hubs; it says nothing about ties that were never
/// recorded; and the measures are not recomputed for a different set of periods. Treat the
/// intervals as a sensitivity band, not as exact confidence intervals.
///
///     let series = GrowthSeries(period: .quarter).run(community, levels: [regions])
///     let bands = GrowthBootstrap(replicates: 200, seed: 7).run(series, levelNames: ["region"])
///     bands.low[0][p]   // density, 2.5th percentile
///
/// The replicates run in parallel over fixed blocks and are merged in replicate order, so the
/// intervals depend on the seed only, not on `threads`.
///
/// - Complexity: B times the incremental series' cost (``GrowthSeries``) plus O(B · M) draws.
/// - Note: Snijders & Borgatti, "Non-parametric standard errors and tests for network statistics",
///   Connections 22(2), 1999; Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993.
public struct GrowthBootstrap: Sendable {
    /// B: the replicates (at least 1).
    public var replicates: Int
    /// The seed of the draws: the intervals depend on it only, never on `threads`.
    public var seed: UInt64
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int

    public init(replicates: Int, seed: UInt64, threads: Int = Parallelism.defaultThreads) {
        self.replicates = replicates
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// The intervals of `series`' measures; a cohort's series resamples within the cohort.
    /// - Parameter levelNames: names for the series' levels, used in `names` (`cross_share_<name>`).
    public func run(_ series: GrowthSeries.Result, levelNames: [String]) -> Result {
        Result(series.records, levelNames: levelNames, replicates: replicates, seed: seed, threads: threads,
               weights: series.weights)
    }

    /// The `q` quantile of sorted values by linear interpolation (numpy's default); NaN when empty.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * q
        let lower = Int(h.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}

extension GrowthBootstrap {
    /// Percentile intervals of a series' measures.
    public struct Result: Sendable {
        /// The measures given intervals: the whole-network ones, then `cross_share` per level.
        public let names: [String]
        /// `low[measure][period]` and `high[measure][period]`; NaN when no replicate defines it.
        public let low: [[Double]]
        public let high: [[Double]]
        public let replicates: Int

        init(_ series: _GrowthRecords, levelNames: [String], replicates: Int, seed: UInt64, threads: Int,
             weights base: [Int]?) {
            precondition(replicates >= 1, "at least one replicate")
            let m = series.community.memberCount
            let periods = series.count
            let levels = series.levels.count
            names = ["density", "mean_degree", "largest_component_share"] + levelNames.map { "cross_share_\($0)" }
            let measureCount = names.count
            // values[b][measure * periods + p]
            var values = [[Double]](repeating: [], count: replicates)
            let root = SplitMix64(seed: seed)
            values.withUnsafeMutableBufferPointer { slots in
                let out = _SharedPointer(base: slots.baseAddress!)
                _ParallelSources.run(blocks: replicates, threads: threads) { nextBlock in
                    while let b = nextBlock() {
                        var rng = root.split(UInt64(b))
                        var weights = [Int](repeating: 0, count: m)
                        if let base {
                            // Resample within the members the base weights keep (a cohort).
                            let kept = (0..<m).filter { base[$0] > 0 }
                            for _ in 0..<kept.count { weights[kept[rng.below(kept.count)]] += 1 }
                        } else {
                            for _ in 0..<m { weights[rng.below(m)] += 1 }
                        }
                        let rows = series.rows(weights: weights)
                        var flat = [Double](repeating: .nan, count: measureCount * periods)
                        for (p, row) in rows.enumerated() {
                            flat[p] = row.density
                            flat[periods + p] = row.meanDegree
                            flat[2 * periods + p] = row.largestComponentShare
                            for l in 0..<levels { flat[(3 + l) * periods + p] = row.crossShare(l) }
                        }
                        out.base[b] = flat
                    }
                }
            }
            var low = [[Double]](repeating: [Double](repeating: .nan, count: periods), count: measureCount)
            var high = low
            for measure in 0..<measureCount {
                for p in 0..<periods {
                    let sample = values.map { $0[measure * periods + p] }.filter { !$0.isNaN }.sorted()
                    low[measure][p] = GrowthBootstrap.percentile(sample, 0.025)
                    high[measure][p] = GrowthBootstrap.percentile(sample, 0.975)
                }
            }
            self.low = low
            self.high = high
            self.replicates = replicates
        }
    }
}
