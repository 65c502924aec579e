/// Timestamped, typed, weighted interactions stored column-wise and sorted by time, so that the
/// network of any date range is a contiguous slice.
///
///     let slice = log.range(from: start, through: end)   // binary search
///     for i in slice { log.sources[i]; log.targets[i]; log.weights[i] }
///
/// - Complexity: 28 bytes per interaction; O(log n) to find a date range.
public struct InteractionLog: Sendable {
    /// First node of each interaction (a node index of the dataset).
    public var sources: [Int32] = []
    /// Second node of each interaction.
    public var targets: [Int32] = []
    /// Seconds since 1970-01-01T00:00:00Z.
    public var times: [Int64] = []
    /// Index into ``kindNames``.
    public var kinds: [Int32] = []
    /// Weight (> 0).
    public var weights: [Double] = []
    /// The distinct interaction kinds, in order of first appearance.
    public var kindNames: [String] = []

    public init() {}

    /// The number of interactions.
    public var count: Int { times.count }

    /// Appends one interaction (call ``sortByTime()`` when done).
    public mutating func append(source: Int32, target: Int32, time: Int64, kind: Int32, weight: Double) {
        sources.append(source)
        targets.append(target)
        times.append(time)
        kinds.append(kind)
        weights.append(weight)
    }

    /// Sorts the interactions by time, keeping input order among equal times (a stable sort), so
    /// every later computation is independent of how the sort was done.
    /// - Complexity: O(n) when already sorted, O(n log n) otherwise.
    public mutating func sortByTime() {
        var sorted = true
        for i in 1..<max(count, 1) where times[i] < times[i - 1] { sorted = false; break }
        if sorted { return }
        let order = (0..<count).sorted { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
        sources = order.map { sources[$0] }
        targets = order.map { targets[$0] }
        times = order.map { times[$0] }
        kinds = order.map { kinds[$0] }
        weights = order.map { weights[$0] }
    }

    /// The indices of interactions with `from <= time <= through` (either bound may be omitted).
    /// - Complexity: O(log n).
    public func range(from: Int64? = nil, through: Int64? = nil) -> Range<Int> {
        let lower = from.map { firstIndex(notBefore: $0) } ?? 0
        let upper = through.map { $0 == .max ? count : firstIndex(notBefore: $0 + 1) } ?? count
        return lower ..< max(lower, upper)
    }

    private func firstIndex(notBefore time: Int64) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) >> 1
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
