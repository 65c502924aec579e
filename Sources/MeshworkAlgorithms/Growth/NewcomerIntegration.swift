import MeshworkCore

/// Newcomer integration: for each period of a growth series and each boundary level, the share of
/// the period's newcomers (whose group at the level is known) who made a tie across the level's
/// boundary within `within` periods of becoming present (their first period included); NaN
/// without such newcomers. Near the end of the series fewer than `within` periods can be observed.
///
///     let series = GrowthSeries(period: .quarter).run(community, levels: [regions])
///     NewcomerIntegration(within: 4).run(series).shares[0][p]
///
/// - Complexity: O(L · (R + M)) for L levels, R tie records and M members.
public struct NewcomerIntegration: Sendable {
    /// The periods a newcomer has to cross a boundary, its first included (at least 1).
    public var within: Int

    public init(within: Int) {
        self.within = within
    }

    /// The shares at every level of `series`.
    public func run(_ series: GrowthSeries.Result) -> Result {
        let records = series.records
        let count = records.count
        return Result(shares: records.levels.map { level in
            let groups = level.group
            var firstCross = [Int](repeating: Int.max, count: records.community.memberCount)
            let starts = records.recordStarts
            for p in 0..<count {
                for r in starts[p] ..< starts[p + 1] {
                    let u = Int(records.recordU[r]), v = Int(records.recordV[r])
                    guard groups[u] >= 0, groups[v] >= 0, groups[u] != groups[v] else { continue }
                    firstCross[u] = min(firstCross[u], p)
                    firstCross[v] = min(firstCross[v], p)
                }
            }
            var newcomers = [Int](repeating: 0, count: count), integrated = newcomers
            for m in 0..<records.community.memberCount where records.presentFrom[m] < count && groups[m] >= 0 {
                let from = records.presentFrom[m]
                newcomers[from] += 1
                if firstCross[m] != Int.max && firstCross[m] - from < within { integrated[from] += 1 }
            }
            return (0..<count).map { newcomers[$0] == 0 ? .nan : Double(integrated[$0]) / Double(newcomers[$0]) }
        })
    }
}

extension NewcomerIntegration {
    /// The shares of integrated newcomers.
    public struct Result: Sendable, Equatable {
        /// `shares[level][period]`.
        public var shares: [[Double]]
    }
}
