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

    /// Reserves room for `count` interactions in every column.
    public mutating func reserveCapacity(_ count: Int) {
        sources.reserveCapacity(count)
        targets.reserveCapacity(count)
        times.reserveCapacity(count)
        kinds.reserveCapacity(count)
        weights.reserveCapacity(count)
    }

    /// Appends every interaction of `other`, its kind `k` becoming `kindIDs[k]`.
    public mutating func append(contentsOf other: InteractionLog, kinds kindIDs: [Int32]) {
        sources.append(contentsOf: other.sources)
        targets.append(contentsOf: other.targets)
        times.append(contentsOf: other.times)
        kinds.append(contentsOf: other.kinds.lazy.map { kindIDs[Int($0)] })
        weights.append(contentsOf: other.weights)
    }

    /// Sorts the interactions by time, keeping input order among equal times (a stable sort), so
    /// every later computation is independent of how the sort was done. The columns are permuted
    /// in place through one scratch buffer.
    /// - Complexity: O(n) when already sorted or made of two sorted runs (a log of interactions
    ///   followed by co-attendance ties), O(n log n) otherwise; 12 bytes per interaction of scratch.
    public mutating func sortByTime() {
        guard let order = stableTimeOrder() else { return }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: 8 * count, alignment: 8)
        defer { scratch.deallocate() }
        Self.permute(&sources, order, scratch)
        Self.permute(&targets, order, scratch)
        Self.permute(&times, order, scratch)
        Self.permute(&kinds, order, scratch)
        Self.permute(&weights, order, scratch)
    }

    /// Whether the interactions are in time order.
    /// - Complexity: O(n).
    public var isSortedByTime: Bool {
        times.withUnsafeBufferPointer { times in
            var k = 1
            while k < times.count && times[k] >= times[k - 1] { k += 1 }
            return k >= times.count
        }
    }

    /// Adds `count` interactions of one kind and weight to this log, which must be in time order,
    /// where ``sortByTime()`` of the log followed by them would put them: `lastToFirst` calls its
    /// argument with each one's source, target and time, from the last to the first, and read
    /// first to last they must be in time order. The columns grow once and are merged from the
    /// back, so neither a sort nor a second copy of any column is needed.
    /// - Complexity: O(n + count).
    public mutating func mergeInTimeOrder(count added: Int, kind: Int32, weight: Double,
                                          lastToFirst: ((_ source: Int32, _ target: Int32, _ time: Int64) -> Void) -> Void) {
        let kept = count
        sources.append(contentsOf: repeatElement(0, count: added))
        targets.append(contentsOf: repeatElement(0, count: added))
        times.append(contentsOf: repeatElement(0, count: added))
        kinds.append(contentsOf: repeatElement(0, count: added))
        weights.append(contentsOf: repeatElement(0, count: added))
        var read = kept - 1, write = kept + added - 1, given = 0
        sources.withUnsafeMutableBufferPointer { sources in
        targets.withUnsafeMutableBufferPointer { targets in
        times.withUnsafeMutableBufferPointer { times in
        kinds.withUnsafeMutableBufferPointer { kinds in
        weights.withUnsafeMutableBufferPointer { weights in
            lastToFirst { source, target, time in
                precondition(given < added && (write + 1 == kept + added || time <= times[write + 1]),
                             "interactions given out of time order, or more than counted")
                // Later logged interactions go after it; those at the same time stay before it.
                while read >= 0 && times[read] > time {
                    sources[write] = sources[read]; targets[write] = targets[read]; times[write] = times[read]
                    kinds[write] = kinds[read]; weights[write] = weights[read]
                    read -= 1; write -= 1
                }
                sources[write] = source; targets[write] = target; times[write] = time
                kinds[write] = kind; weights[write] = weight
                write -= 1; given += 1
            }
        }}}}}
        precondition(given == added, "fewer interactions given than counted")
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
