/// The attendance rows of a community's events, kept as rows instead of expanded into their
/// co-attendance ties: every two rows of one event whose members differ make a tie (kind `event`,
/// weight 1), dated by the later of the two rows' times. A tie is computed from its two rows when
/// it is needed (a member network, a growth series), so an event of k attendees costs k rows
/// here, not k(k - 1) / 2 records.
///
/// The ties are ordered as the expanded list sorted stably by date would be: by date, then by
/// event (in order of first appearance in the file), then by the first and the second of the two
/// rows in file order. For that the ties are grouped in *blocks*, the ties of one event dated one
/// time, sorted by (time, event); a date range is a contiguous run of blocks.
///
///     let co = CoAttendance(events: [0, 0, 1], members: [4, 7, 4], times: [t, t, t])
///     co.tieCount                                  // 1: members 4 and 7 at event 0
///     co.forEachTie { first, second, time in ... } // (4, 7, t)
///
/// - Complexity: 12 bytes per row, and 24 + 4 per row of a block per block (at most one block per
///   row); O(k²) per event of k rows to build (counting its ties), O(1) per tie to enumerate.
public struct CoAttendance: Sendable {
    /// The member node of each row, rows grouped by event (events in order of first appearance,
    /// the rows of an event in file order).
    public private(set) var members: [Int32] = []
    /// The time of each row (seconds since 1970-01-01T00:00:00Z), parallel to ``members``.
    public private(set) var times: [Int64] = []
    /// The rows of event `e` are `eventStarts[e] ..< eventStarts[e + 1]`.
    public private(set) var eventStarts: [Int32] = [0]
    /// The date of each block, ascending; blocks of equal date in event order.
    public private(set) var blockTimes: [Int64] = []
    /// The event of each block.
    private(set) var blockEvents: [Int32] = []
    /// The rows of block `k`, the event's rows dated `blockTimes[k]`, ascending:
    /// `blockRows[blockStarts[k] ..< blockStarts[k + 1]]`.
    private(set) var blockRows: [Int32] = []
    private(set) var blockStarts: [Int32] = [0]
    /// The number of ties of each block (at least 1: blocks without a tie are left out).
    private(set) var blockTieCounts: [Int] = []
    /// The number of co-attendance ties (of the blocks kept).
    public private(set) var tieCount = 0

    /// No attendance.
    public init() {}

    /// The rows of an attendance file, in file order: row `i` is member node `members[i]` at
    /// event `events[i]` (events numbered `0..<eventCount`) at `times[i]`.
    /// - Complexity: O(n + E) plus O(k²) per event of k rows (counting its ties).
    public init(events: [Int32], members rowMembers: [Int32], times rowTimes: [Int64], eventCount: Int) {
        precondition(events.count == rowMembers.count && events.count == rowTimes.count, "one event, member and time per row")
        precondition(events.count < Int(Int32.max), "too many attendance rows")
        var starts = [Int32](repeating: 0, count: eventCount + 1)
        for e in events { starts[Int(e) + 1] += 1 }
        for e in 0..<eventCount { starts[e + 1] += starts[e] }
        var cursor = starts
        var members = [Int32](repeating: 0, count: events.count)
        var times = [Int64](repeating: 0, count: events.count)
        for (i, e) in events.enumerated() {
            let p = Int(cursor[Int(e)])
            cursor[Int(e)] += 1
            members[p] = rowMembers[i]
            times[p] = rowTimes[i]
        }
        self.members = members
        self.times = times
        self.eventStarts = starts
        makeBlocks()
    }

    /// Groups each event's rows by time into blocks, keeps those with a tie, and sorts them by
    /// (time, event). An event whose rows share one date (the usual case) is one block and needs
    /// no sort; the arrays grow geometrically, so the number of allocations does not grow with
    /// the number of events.
    private mutating func makeBlocks() {
        var dates: [Int64] = [], events: [Int32] = [], rows: [Int32] = [], starts: [Int32] = [0], counts: [Int] = []
        var byTime: [Int] = []
        for e in 0..<(eventStarts.count - 1) {
            let first = Int(eventStarts[e]), end = Int(eventStarts[e + 1])
            byTime.removeAll(keepingCapacity: true)
            byTime.append(contentsOf: first..<end)
            if times[first..<end].contains(where: { $0 != times[first] }) {
                byTime.sort { times[$0] != times[$1] ? times[$0] < times[$1] : $0 < $1 }
            }
            var k = 0
            while k < byTime.count {
                let time = times[byTime[k]]
                let blockStart = rows.count
                while k < byTime.count && times[byTime[k]] == time { rows.append(Int32(byTime[k])); k += 1 }
                var ties = 0
                Self.forEachTie(time: time, first: first, end: end, blockRows: rows[blockStart...], members: members,
                                times: times) { _, _ in ties += 1 }
                guard ties > 0 else { rows.removeSubrange(blockStart...); continue }
                dates.append(time)
                events.append(Int32(e))
                starts.append(Int32(rows.count))
                counts.append(ties)
            }
        }
        let order = dates.indices.sorted { dates[$0] != dates[$1] ? dates[$0] < dates[$1] : events[$0] < events[$1] }
        blockTimes = order.map { dates[$0] }
        blockEvents = order.map { events[$0] }
        blockTieCounts = order.map { counts[$0] }
        blockRows = []
        blockRows.reserveCapacity(rows.count)
        blockStarts = [0]
        blockStarts.reserveCapacity(order.count + 1)
        for k in order {
            blockRows.append(contentsOf: rows[Int(starts[k]) ..< Int(starts[k + 1])])
            blockStarts.append(Int32(blockRows.count))
        }
        tieCount = blockTieCounts.reduce(0, +)
    }

    /// The number of attendance rows.
    public var rowCount: Int { members.count }

    /// The blocks whose ties are dated `from <= time <= through` (either bound optional).
    /// - Complexity: O(log blocks).
    public func blocks(from: Int64? = nil, through: Int64? = nil) -> Range<Int> {
        let lower = from.map { firstBlock(notBefore: $0) } ?? 0
        let upper = through.map { $0 == .max ? blockTimes.count : firstBlock(notBefore: $0 + 1) } ?? blockTimes.count
        return lower ..< max(lower, upper)
    }

    private func firstBlock(notBefore time: Int64) -> Int {
        var low = 0, high = blockTimes.count
        while low < high {
            let mid = (low + high) >> 1
            if blockTimes[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Calls `body` with each tie of `blocks` (its first and second member node in file order, and
    /// its time), in the order described above.
    /// - Complexity: O(ties + rows of their events).
    public func forEachTie(blocks: Range<Int>? = nil, _ body: (Int32, Int32, Int64) -> Void) {
        withRows { rows in
            for k in blocks ?? 0..<blockTimes.count {
                let time = blockTimes[k]
                rows.forEachTie(inBlock: k) { body($0, $1, time) }
            }
        }
    }

    /// The attendance of the kept members seen up to `through`, with only the ties dated from
    /// `from` on: row member nodes become `newIndex[node]` and rows whose member maps to a negative
    /// value, or dated after `through`, are dropped (no tie dated by `through` involves them, and
    /// a tie's date depends only on its own two rows); then the blocks dated before `from` are
    /// dropped (their rows stay, as partners of later ties).
    /// - Complexity: as ``init(events:members:times:eventCount:)``.
    public func restricted(newIndex: [Int32], from: Int64?, through: Int64?) -> CoAttendance {
        var events: [Int32] = [], keptMembers: [Int32] = [], keptTimes: [Int64] = []
        let eventCount = eventStarts.count - 1
        for e in 0..<eventCount {
            for row in Int(eventStarts[e]) ..< Int(eventStarts[e + 1]) {
                let member = newIndex[Int(members[row])]
                guard member >= 0, times[row] <= through ?? .max else { continue }
                events.append(Int32(e))
                keptMembers.append(member)
                keptTimes.append(times[row])
            }
        }
        var kept = CoAttendance(events: events, members: keptMembers, times: keptTimes, eventCount: eventCount)
        let dropped = from.map { kept.firstBlock(notBefore: $0) } ?? 0
        if dropped > 0 {
            let shift = kept.blockStarts[dropped]
            kept.blockTimes.removeFirst(dropped)
            kept.blockEvents.removeFirst(dropped)
            kept.blockRows.removeFirst(Int(shift))
            kept.blockStarts = kept.blockStarts[dropped...].map { $0 - shift }
            kept.tieCount -= kept.blockTieCounts[..<dropped].reduce(0, +)
            kept.blockTieCounts.removeFirst(dropped)
        }
        return kept
    }

    /// Calls `body` with a view of the rows and blocks through unsafe pointers, for the tight loops
    /// of a network build.
    public func withRows<R>(_ body: (Rows) -> R) -> R {
        members.withUnsafeBufferPointer { members in
        times.withUnsafeBufferPointer { times in
        eventStarts.withUnsafeBufferPointer { eventStarts in
        blockTimes.withUnsafeBufferPointer { blockTimes in
        blockEvents.withUnsafeBufferPointer { blockEvents in
        blockRows.withUnsafeBufferPointer { blockRows in
        blockStarts.withUnsafeBufferPointer { blockStarts in
            body(Rows(members: members, times: times, eventStarts: eventStarts, blockTimes: blockTimes,
                      blockEvents: blockEvents, blockRows: blockRows, blockStarts: blockStarts))
        }}}}}}}
    }

    /// The arrays of a ``CoAttendance`` seen through pointers (valid inside ``withRows(_:)``).
    public struct Rows {
        let members: UnsafeBufferPointer<Int32>, times: UnsafeBufferPointer<Int64>
        let eventStarts: UnsafeBufferPointer<Int32>
        let blockTimes: UnsafeBufferPointer<Int64>, blockEvents: UnsafeBufferPointer<Int32>
        let blockRows: UnsafeBufferPointer<Int32>, blockStarts: UnsafeBufferPointer<Int32>

        /// The date of block `k`.
        @inline(__always) public func time(ofBlock k: Int) -> Int64 { blockTimes[k] }

        /// Calls `body` with each tie of block `k`: its first and second member node in file order.
        @inline(__always)
        public func forEachTie(inBlock k: Int, _ body: (Int32, Int32) -> Void) {
            let e = Int(blockEvents[k])
            CoAttendance.forEachTie(time: blockTimes[k], first: Int(eventStarts[e]), end: Int(eventStarts[e + 1]),
                                    blockRows: blockRows[Int(blockStarts[k]) ..< Int(blockStarts[k + 1])],
                                    members: members, times: times, body)
        }
    }

    /// Calls `body` with the ties of one event dated `time`: the pairs of the event's rows
    /// `a < b` (within `first ..< end`) whose later time is `time` and whose members differ, by `a`
    /// then `b`. `blockRows` are the event's rows dated `time`, ascending. A row `a` dated `time`
    /// pairs with every later row dated up to `time`; an earlier row `a` pairs with the rows of
    /// `blockRows` after it.
    /// - Complexity: O(end - first + ties).
    @inline(__always)
    static func forEachTie<M: RandomAccessCollection<Int32>, T: RandomAccessCollection<Int64>, R: RandomAccessCollection<Int32>>(
        time: Int64, first: Int, end: Int, blockRows: R, members: M, times: T, _ body: (Int32, Int32) -> Void)
    where M.Index == Int, T.Index == Int, R.Index == Int {
        if blockRows.count == end - first {
            // Every row of the event is dated `time`: every pair.
            for a in first ..< end {
                let ma = members[a]
                for b in (a + 1) ..< max(a + 1, end) where members[b] != ma { body(ma, members[b]) }
            }
            return
        }
        var next = blockRows.startIndex  // the first of the block's rows after `a`
        for a in first ..< end {
            let ta = times[a]
            if ta > time { continue }
            while next < blockRows.endIndex && Int(blockRows[next]) <= a { next += 1 }
            let ma = members[a]
            if ta == time {
                for b in (a + 1) ..< max(a + 1, end) where times[b] <= time && members[b] != ma { body(ma, members[b]) }
            } else {
                for q in next ..< blockRows.endIndex {
                    let b = Int(blockRows[q])
                    if members[b] != ma { body(ma, members[b]) }
                }
            }
        }
    }
}
