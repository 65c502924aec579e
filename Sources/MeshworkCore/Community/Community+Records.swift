extension Community {
    /// The number of dated records: interactions and co-attendance ties.
    public var recordCount: Int { interactions.count + coAttendance.tieCount }

    /// The earliest and latest time of a dated record (an interaction or a co-attendance tie), or
    /// `nil` when there is none. Unlike ``recordTimes``, an attendance row that makes no tie does
    /// not count.
    /// - Complexity: O(1).
    public var recordBounds: ClosedRange<Int64>? {
        let times = interactions.times, ties = coAttendance.blockTimes
        guard let first = [times.first, ties.first].compactMap({ $0 }).min(),
              let last = [times.last, ties.last].compactMap({ $0 }).max() else { return nil }
        return first...last
    }

    /// Calls `body` with each dated record with `from <= time <= through` (either bound
    /// optional): its two nodes, time and weight, in date order. The order is that of the
    /// interactions followed by the co-attendance ties (``CoAttendance``), sorted stably by time:
    /// among equal times the interactions come first, in file order.
    ///
    ///     community.forEachRecord { source, target, time, weight in ... }
    ///
    /// - Complexity: O(k + log R) for k records in the range, plus the rows of their events.
    public func forEachRecord(from: Int64? = nil, through: Int64? = nil,
                              _ body: (_ source: Int32, _ target: Int32, _ time: Int64, _ weight: Double) -> Void) {
        withRecords(from: from, through: through) { $0.forEachRecord(body) }
    }

    /// Calls `body` with the records with `from <= time <= through` as one date-ordered input.
    func withRecords<R>(from: Int64?, through: Int64?, _ body: (_RecordEdges) -> R) -> R {
        let range = interactions.range(from: from, through: through)
        let blocks = coAttendance.blocks(from: from, through: through)
        return interactions.sources.withUnsafeBufferPointer { sources in
        interactions.targets.withUnsafeBufferPointer { targets in
        interactions.times.withUnsafeBufferPointer { times in
        interactions.weights.withUnsafeBufferPointer { weights in
        coAttendance.withRows { rows in
            body(_RecordEdges(sources: UnsafeBufferPointer(rebasing: sources[range]),
                              targets: UnsafeBufferPointer(rebasing: targets[range]),
                              times: UnsafeBufferPointer(rebasing: times[range]),
                              weights: UnsafeBufferPointer(rebasing: weights[range]), rows: rows, blocks: blocks))
        }}}}}
    }
}

/// A community's dated records in a date range, as one date-ordered input: the interactions
/// merged with the co-attendance ties of `blocks`, interactions first among equal times.
struct _RecordEdges: _EdgeInput {
    let sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>
    let times: UnsafeBufferPointer<Int64>, weights: UnsafeBufferPointer<Double>
    let rows: CoAttendance.Rows
    let blocks: Range<Int>

    @inline(__always)
    func forEachRecord(_ body: (Int32, Int32, Int64, Double) -> Void) {
        var i = 0
        for k in blocks {
            let time = rows.time(ofBlock: k)
            while i < times.count && times[i] <= time {
                body(sources[i], targets[i], times[i], weights[i])
                i += 1
            }
            rows.forEachTie(inBlock: k) { body($0, $1, time, 1) }
        }
        while i < times.count {
            body(sources[i], targets[i], times[i], weights[i])
            i += 1
        }
    }

    @inline(__always)
    func forEachEdge(_ body: (Int32, Int32, Double) -> Void) {
        forEachRecord { source, target, _, weight in body(source, target, weight) }
    }
}
