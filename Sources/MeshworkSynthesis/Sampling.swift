import Foundation
import MeshworkCore

/// Small deterministic sampling helpers shared by the generator's phases.
///
/// All of them draw only from the `SplitMix64` they are given and never iterate a hash container,
/// so their results depend on the seed alone.
enum Sampling {
    /// Splits `total` into integer shares proportional to `weights` (Hamilton's largest-remainder
    /// method); every entry with a positive weight gets at least `minimum` when that is possible.
    /// Ties go to the lower index.
    ///
    /// - Complexity: O(k log k) time and O(k) extra space for k weights.
    static func largestRemainder(_ weights: [Double], total: Int, minimum: Int) -> [Int] {
        var shares = [Int](repeating: 0, count: weights.count)
        let positive = weights.indices.filter { weights[$0] > 0 }
        guard !positive.isEmpty, total > 0 else { return shares }
        let floor = positive.count * minimum <= total ? minimum : 0
        for index in positive { shares[index] = floor }
        let rest = total - floor * positive.count
        let sum = positive.reduce(0.0) { $0 + weights[$1] }
        var remainders: [(fraction: Double, index: Int)] = []
        var assigned = 0
        for index in positive {
            let quota = weights[index] / sum * Double(rest)
            let whole = Int(quota.rounded(.down))
            shares[index] += whole
            assigned += whole
            remainders.append((quota - Double(whole), index))
        }
        remainders.sort { $0.fraction != $1.fraction ? $0.fraction > $1.fraction : $0.index < $1.index }
        var k = 0
        while assigned < rest {
            shares[remainders[k % remainders.count].index] += 1
            assigned += 1
            k += 1
        }
        return shares
    }

    /// Shuffles `array[range]` in place (Fisher-Yates).
    ///
    /// - Complexity: O(range.count) time, O(1) extra space.
    static func shuffle(_ array: inout [Int32], _ range: Range<Int>, _ rng: inout SplitMix64) {
        var i = range.upperBound - 1
        while i > range.lowerBound {
            let j = range.lowerBound + rng.below(i - range.lowerBound + 1)
            array.swapAt(i, j)
            i -= 1
        }
    }

    /// A draw from the exponential distribution with mean 1.
    @inline(__always)
    static func exponential(_ rng: inout SplitMix64) -> Double {
        -log(1 - rng.unit())
    }

    /// `x` rounded down or up at random so that the expected result is `x`.
    @inline(__always)
    static func stochasticRound(_ x: Double, _ rng: inout SplitMix64) -> Int {
        let whole = x.rounded(.down)
        return Int(whole) + (rng.unit() < x - whole ? 1 : 0)
    }

    /// The number of entries of `list[range]` whose `joined` day is at most `day`, when the entries
    /// are sorted by joining day (binary search).
    ///
    /// - Complexity: O(log range.count).
    @inline(__always)
    static func joinedCount(_ list: [Int32], _ range: Range<Int>, joined: [Int32], onOrBefore day: Int32) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let mid = (low + high) >> 1
            if joined[Int(list[mid])] <= day { low = mid + 1 } else { high = mid }
        }
        return low - range.lowerBound
    }
}

/// Draws days with probability proportional to how many members are present on them, so that
/// events and labs follow the community's growth.
///
/// - Complexity: O(days) to build; O(log days) per draw.
struct DaySampler {
    /// `cumulative[d]` = sum of present members over days `0...d`.
    private let cumulative: [Double]

    init(presentByDay: [Int32]) {
        var running = 0.0
        cumulative = presentByDay.map { running += Double($0); return running }
    }

    /// A day in `range`, weighted by presence; `range.lowerBound` when the range holds no one.
    func sample(in range: Range<Int>, _ rng: inout SplitMix64) -> Int32 {
        guard !range.isEmpty else { return Int32(range.lowerBound) }
        let before = range.lowerBound > 0 ? cumulative[range.lowerBound - 1] : 0
        let span = cumulative[range.upperBound - 1] - before
        guard span > 0 else { return Int32(range.lowerBound + rng.below(range.count)) }
        let target = before + rng.unit() * span
        var low = range.lowerBound
        var high = range.upperBound - 1
        while low < high {
            let mid = (low + high) >> 1
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return Int32(low)
    }
}
