import Foundation
import MeshworkCore

extension SyntheticCommunity {
    /// The logistic growth rate per year.
    static let growthRate = 0.6
    /// When growth is fastest, as a share of the generated period.
    static let growthMidpoint = 0.45

    /// Joining days for members in joining order: the founders on day 0, then the rest along a
    /// logistic curve (slow start, fastest growth mid-period, levelling off), with a little jitter
    /// that keeps the days non-decreasing.
    ///
    /// The curve is inverted in closed form: member `i` of the `g` growth members joins when the
    /// normalised logistic reaches `(i + u) / g`, `u` uniform in [0, 1).
    ///
    /// - Complexity: O(members) time, O(members) space for the result.
    static func joiningDays(_ configuration: CommunityGenerator.Configuration, totalDays: Int,
                            _ rng: inout SplitMix64) -> [Int32] {
        let n = configuration.members
        let founders = min(configuration.foundingMembers, n)
        var joined = [Int32](repeating: 0, count: n)
        let growth = n - founders
        guard growth > 0, totalDays > 1 else { return joined }
        let years = Double(configuration.years)
        let k = growthRate
        let midpoint = growthMidpoint * years
        func logistic(_ t: Double) -> Double { 1 / (1 + exp(-k * (t - midpoint))) }
        let low = logistic(0)
        let high = logistic(years)
        var previous: Int32 = 1
        for i in 0..<growth {
            let fraction = (Double(i) + rng.unit()) / Double(growth)
            let level = low + fraction * (high - low)
            let t = midpoint - log(1 / level - 1) / k
            var day = Int32(1 + (t / years * Double(totalDays - 1)).rounded(.down))
            day = min(max(day, previous), Int32(totalDays - 1))
            joined[founders + i] = day
            previous = day
        }
        return joined
    }

    /// `presence[d]` = the number of members who joined on or before day `d`.
    ///
    /// - Complexity: O(members + days).
    static func presence(_ joined: [Int32], totalDays: Int) -> [Int32] {
        var counts = [Int32](repeating: 0, count: totalDays)
        for day in joined { counts[Int(day)] += 1 }
        var running: Int32 = 0
        for d in 0..<totalDays {
            running += counts[d]
            counts[d] = running
        }
        return counts
    }
}
