/// Timestamped, weighted interactions stored column-wise and sorted by time, so that the network of
/// any date range is a contiguous slice. The free-text `kind` of `interactions.csv` is read and not
/// kept: no analysis uses it (4 bytes per interaction, 35 MB on a million members).
///
///     let slice = log.range(from: start, through: end)   // binary search
///     for i in slice { log.sources[i]; log.targets[i]; log.weights[i] }
///
/// - Complexity: 24 bytes per interaction; O(log n) to find a date range.
public struct InteractionLog: Sendable {
    /// First node of each interaction (a node index of the dataset).
    public var sources: [Int32] = []
    /// Second node of each interaction.
    public var targets: [Int32] = []
    /// Seconds since 1970-01-01T00:00:00Z.
    public var times: [Int64] = []
    /// Weight (> 0).
    public var weights: [Double] = []

    public init() {}

    /// The number of interactions.
    public var count: Int { times.count }

    /// Appends one interaction (call ``sortByTime()`` when done).
    public mutating func append(source: Int32, target: Int32, time: Int64, weight: Double) {
        sources.append(source)
        targets.append(target)
        times.append(time)
        weights.append(weight)
    }

    /// Reserves room for `count` interactions in every column.
    public mutating func reserveCapacity(_ count: Int) {
        sources.reserveCapacity(count)
        targets.reserveCapacity(count)
        times.reserveCapacity(count)
        weights.reserveCapacity(count)
    }

    /// Appends every interaction of `other`.
    public mutating func append(contentsOf other: InteractionLog) {
        sources.append(contentsOf: other.sources)
        targets.append(contentsOf: other.targets)
        times.append(contentsOf: other.times)
        weights.append(contentsOf: other.weights)
    }

    /// Sorts the interactions by time, keeping input order among equal times (a stable sort), so
    /// every later computation is independent of how the sort was done. The columns are permuted
    /// in place through one scratch buffer.
    /// - Complexity: O(n) when already sorted or made of two sorted runs, O(n log n) otherwise;
    ///   12 bytes per interaction of scratch.
    public mutating func sortByTime() {
        guard let order = stableTimeOrder() else { return }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 8 * count, alignment: 8)
        defer { scratch.deallocate() }
        Self.permute(&sources, order, scratch)
        Self.permute(&targets, order, scratch)
        Self.permute(&times, order, scratch)
        Self.permute(&weights, order, scratch)
    }

    /// The positions in time order (ties in input order), or `nil` when already sorted.
    private func stableTimeOrder() -> [Int32]? {
        precondition(count < Int(Int32.max), "too many interactions")
        return times.withUnsafeBufferPointer { times -> [Int32]? in
            let n = times.count
            var split = 1
            while split < n && times[split] >= times[split - 1] { split += 1 }
            if split >= n { return nil }
            var tail = split + 1
            while tail < n && times[tail] >= times[tail - 1] { tail += 1 }
            if tail < n {
                var order = (0..<Int32(n)).map { $0 }
                order.sort { times[Int($0)] != times[Int($1)] ? times[Int($0)] < times[Int($1)] : $0 < $1 }
                return order
            }
            // Two sorted runs: merge them, the first run winning ties.
            return [Int32](unsafeUninitializedCapacity: n) { order, initialized in
                var a = 0, b = split
                for k in 0..<n {
                    if b == n || (a < split && times[a] <= times[b]) {
                        order[k] = Int32(a); a += 1
                    } else {
                        order[k] = Int32(b); b += 1
                    }
                }
                initialized = n
            }
        }
    }

    /// `column = order.map { column[$0] }`, gathered into `scratch` and copied back.
    private static func permute<T: BitwiseCopyable>(_ column: inout [T], _ order: [Int32], _ scratch: UnsafeMutableRawPointer) {
        let gathered = scratch.bindMemory(to: T.self, capacity: column.count)
        column.withUnsafeMutableBufferPointer { values in
            for (k, i) in order.enumerated() { gathered[k] = values[Int(i)] }
            values.baseAddress!.update(from: gathered, count: values.count)
        }
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
