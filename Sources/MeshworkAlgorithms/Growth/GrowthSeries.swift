import MeshworkCore

/// One period of a growth series (see ``GrowthSeries``).
public struct GrowthRow: Sendable, Equatable {
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    /// Members present by the period's end.
    public var members: Int
    /// Ties in the period's network, and the changes from the previous period's network.
    public var ties: Int
    public var newTies: Int
    public var lostTies: Int
    /// Members in the largest component of the network among present members.
    public var largestComponent: Int
    /// Connected components among the present members (an isolated member is one).
    public var components: Int
    /// Per boundary level: ties inside one group and ties across two (both groups known).
    public var insideTies: [Int]
    public var acrossTies: [Int]
    /// Members with a tie record dated within the period itself.
    public var activeMembers: Int
    /// Members whose presence starts in this period.
    public var newcomers: Int

    /// 2 · ties / (members · (members − 1)); 0 when members < 2.
    public var density: Double {
        members < 2 ? 0 : 2 * Double(ties) / (Double(members) * Double(members - 1))
    }
    /// 2 · ties / members; 0 without members.
    public var meanDegree: Double { members == 0 ? 0 : 2 * Double(ties) / Double(members) }
    /// Largest component / members; 0 without members.
    public var largestComponentShare: Double { members == 0 ? 0 : Double(largestComponent) / Double(members) }
    /// Ties present in this period's network and in the previous one's.
    public var retainedTies: Int { ties - newTies }
    /// The share of ties (both groups known) that cross a boundary at level `l`; NaN without ties.
    public func crossShare(_ l: Int) -> Double {
        let total = insideTies[l] + acrossTies[l]
        return total == 0 ? .nan : Double(acrossTies[l]) / Double(total)
    }
    /// Krackhardt & Stern's E-I index over the same ties; NaN without ties.
    public func eiIndex(_ l: Int) -> Double {
        let total = insideTies[l] + acrossTies[l]
        return total == 0 ? .nan : Double(acrossTies[l] - insideTies[l]) / Double(total)
    }
}

/// How a community's network grows, period by period: the series that evaluators report.
///
/// The network of a period holds every member tie with a dated record (an interaction between two
/// members, or a shared event attendance) on or before the period's end, or, with `window` K, in
/// the last K periods up to it. A member is present from the earlier of its `joined` date and its
/// first tie. Periods run from the one holding the earliest dated record to the one holding the
/// latest (``Community/recordTimes``). Definitions of every column: docs/data-contract.md, "Growth".
///
/// The ``Method/incremental`` series adds each period's records to the previous network (and,
/// with a window, removes the records that fall out of it), keeping a record count per tie;
/// components come from a union-find in cumulative mode and from one search over the present ties
/// per period with a window. ``Method/rebuild`` builds every period's network from scratch with
/// ``Community/memberNetwork(from:through:weighted:directed:)``; the two give identical rows
/// (tested), and the second exists to check the first.
///
///     let series = GrowthSeries(period: .quarter).run(community, levels: [regions])
///     for row in series.rows { print(row.periodEnd, row.ties, row.crossShare(0)) }
///
/// With a ``cohort`` the series is the network among the cohort's members (see ``Result/weights``).
/// The result feeds ``GrowthBootstrap``, ``GrowthNetworkMeasures`` and ``NewcomerIntegration``;
/// ``EgoGrowth`` follows one member by the same rule.
///
/// - Complexity: ``Method/incremental``: O(R + P · L + M α(M)) cumulative, plus O(P (M + E)) with
///   a window, for R tie records, P periods, L levels and M members; memory O(M + R + E).
public struct GrowthSeries: Sendable {
    /// How the rows are computed.
    public enum Method: Sendable, Equatable {
        /// Each period's records added to the previous network (the default).
        case incremental
        /// Every period's network built from scratch: slower, for checking ``incremental``.
        case rebuild
    }

    /// The length of a period.
    public var period: PeriodLength
    /// K: each period's network holds the records of the last K periods (at least 1); `nil`: all
    /// records so far.
    public var window: Int?
    /// Follow only this cohort's members (``Method/incremental`` only); `nil`: everyone.
    public var cohort: Cohort?
    public var method: Method

    public init(period: PeriodLength, window: Int? = nil, cohort: Cohort? = nil, method: Method = .incremental) {
        self.period = period
        self.window = window
        self.cohort = cohort
        self.method = method
    }

    /// The series of `community` with, per boundary level, each member's group (or unknown).
    /// - Precondition: `window` is at least 1; every level has a group for every member; no
    ///   cohort with ``Method/rebuild``.
    public func run(_ community: Community, levels: [Partition] = []) -> Result {
        precondition(cohort == nil || method == .incremental, "a cohort's series is computed incrementally")
        let records = _GrowthRecords(community, period: period, window: window, levels: levels)
        let weights = cohort.map { records.weights(of: $0) }
        let rows = method == .incremental ? records.rows(weights: weights) : records.rebuiltRows()
        return Result(rows: rows, weights: weights, records: records)
    }

    /// The period length for `community`'s series when none is asked for:
    /// ``PeriodLength/automatic(from:through:)`` over the days of its first and last dated record
    /// (month when it has none: the series is then empty whatever the length).
    public static func automaticPeriod(_ community: Community) -> PeriodLength {
        guard let times = community.recordTimes else { return .month }
        return .automatic(from: CalendarPeriods.day(of: times.lowerBound), through: CalendarPeriods.day(of: times.upperBound))
    }
}

extension GrowthSeries {
    /// A community's growth series.
    public struct Result: Sendable {
        /// One row per period, in time order.
        public let rows: [GrowthRow]
        /// The cohort's weights (1 for its members, 0 for the others); `nil` without a cohort.
        public let weights: [Int]?
        /// The series' tie records and member presence, for the measures that take a series.
        let records: _GrowthRecords

        public var community: Community { records.community }
        /// The periods; `nil` when the community has no dated record.
        public var periods: CalendarPeriods? { records.periods }
        public var window: Int? { records.window }
        public var levels: [Partition] { records.levels }
        /// The number of periods.
        public var count: Int { records.count }
    }
}

/// The tie records of a community in time order, with their period, and when each member becomes
/// present: what every growth measure reads (``GrowthSeries``, ``EgoGrowth``, ``GrowthBootstrap``,
/// ``GrowthNetworkMeasures``, ``NewcomerIntegration``).
struct _GrowthRecords: Sendable {
    let community: Community
    let periods: CalendarPeriods?
    let window: Int?
    /// Boundary levels: each member's group (or unknown).
    let levels: [Partition]

    /// Tie records (member pairs, u < v, self-pairs dropped) in time order.
    let recordU: [Int32]
    let recordV: [Int32]
    /// The first record of each period, and the end: `recordStarts[p] ..< recordStarts[p + 1]`
    /// (records are in time order, so each period's are contiguous; no period is kept per record).
    let recordStarts: [Int]
    /// The period in which each member becomes present, or `Int.max` when never.
    let presentFrom: [Int]
    /// The day of each member's first tie record, if any.
    let firstTieDay: [CivilDate?]

    init(_ community: Community, period: PeriodLength, window: Int?, levels: [Partition]) {
        precondition(window.map { $0 >= 1 } ?? true, "a window of at least one period")
        for level in levels { precondition(level.vertexCount == community.memberCount, "a group for every member") }
        self.community = community
        self.window = window
        self.levels = levels
        let periods = community.recordTimes.map {
            CalendarPeriods(period, from: CalendarPeriods.day(of: $0.lowerBound),
                            through: CalendarPeriods.day(of: $0.upperBound))
        }
        self.periods = periods
        var recordU: [Int32] = [], recordV: [Int32] = []
        recordU.reserveCapacity(community.recordCount)
        recordV.reserveCapacity(community.recordCount)
        var starts = [Int](repeating: 0, count: (periods?.count ?? 0) + 1)
        var firstTie = [Int](repeating: Int.max, count: community.memberCount)
        var firstTieDay = [CivilDate?](repeating: nil, count: community.memberCount)
        community.forEachRecord { source, target, time, _ in
            let u = community.memberIndex[Int(source)], v = community.memberIndex[Int(target)]
            guard u >= 0, v >= 0, u != v, let periods else { return }
            let p = periods.index(ofTime: time)
            recordU.append(min(u, v))
            recordV.append(max(u, v))
            starts[p + 1] += 1
            // Records are in time order: a member's first record is its first tie.
            if firstTie[Int(u)] == Int.max { firstTie[Int(u)] = p; firstTieDay[Int(u)] = CalendarPeriods.day(of: time) }
            if firstTie[Int(v)] == Int.max { firstTie[Int(v)] = p; firstTieDay[Int(v)] = CalendarPeriods.day(of: time) }
        }
        self.recordU = recordU
        self.recordV = recordV
        for p in stride(from: 1, to: starts.count, by: 1) { starts[p] += starts[p - 1] }
        self.recordStarts = starts
        self.firstTieDay = firstTieDay
        presentFrom = (0..<community.memberCount).map { m in
            let joined = community.joined[Int(community.members[m])]
            var from = firstTie[m]
            if joined != Int32.min, let periods {
                from = min(from, max(0, periods.index(ofDay: CivilDate(daysSinceEpoch: joined))))
            }
            return from
        }
    }

    /// The number of periods.
    var count: Int { periods?.count ?? 0 }

    /// Every tie of all time, once (the network of any period is a subset of it), built straight
    /// from the record columns, and each record's tie: its entry in its smaller member's row
    /// (4 bytes per record).
    /// - Complexity: O(R + M + E) for R records, M members and E ties.
    func tieGraph() -> (graph: CSRGraph, tieOf: [Int32]) {
        let graph = allTimeGraph()
        return (graph, recordU.indices.map { Int32(tie(ofRecord: $0, in: graph)) })
    }

    /// Record `r`'s tie: its entry in its smaller member's row of `graph` (``allTimeGraph()``).
    /// - Complexity: O(log d) for that member's degree d.
    @inline(__always) func tie(ofRecord r: Int, in graph: CSRGraph) -> Int {
        graph.edgeIndex(recordU[r], recordV[r])!
    }

    /// The network of every tie with a record (``tieGraph()`` without the record-to-tie index).
    func allTimeGraph() -> CSRGraph {
        recordU.withUnsafeBufferPointer { us in
            recordV.withUnsafeBufferPointer { vs in
                EdgeBuffer.build(sources: us, targets: vs, weights: nil, vertexOf: nil, vertexCount: community.memberCount,
                                 directed: false, threads: Parallelism.defaultThreads)
            }
        }.graph
    }

    /// Members present by the end of each period, and newcomers of each period, each member
    /// counted `weights[m]` times (once when `weights` is nil).
    private func presence(_ weights: [Int]?) -> (members: [Int], newcomers: [Int]) {
        var newcomers = [Int](repeating: 0, count: count)
        for (m, from) in presentFrom.enumerated() where from < count { newcomers[from] += weights?[m] ?? 1 }
        var members = newcomers
        for p in stride(from: 1, to: count, by: 1) { members[p] += members[p - 1] }
        return (members, newcomers)
    }

    /// The rows, incrementally: each period's records are added to the previous network.
    ///
    /// With `weights`, member m counts `weights[m]` times (0: left out), as in a node bootstrap
    /// (Snijders & Borgatti 1999) or a cohort: members, newcomers and active members sum the
    /// weights, a tie counts `w_u · w_v` (ties between two copies of one member do not exist), the
    /// largest component sums its members' weights (an isolated member's copies are separate
    /// components of one), and `components` counts distinct members. Weights of 1 give the plain
    /// series.
    func rows(weights: [Int]?) -> [GrowthRow] {
        guard let periods else { return [] }
        let m = community.memberCount
        precondition(weights.map { $0.count == m } ?? true, "a weight for every member")
        // Per tie entry below: 1 byte for presence; with a window, 4 for the record count, 1 for the
        // touched flag and 4 for the twin. Cumulative, a tie is present from its first record on:
        // a record of an absent tie adds it at once (which also keeps it out of `touched` twice).
        let (graph, tieOf) = tieGraph()
        // With a window, components search both directions of a tie: its entry in the larger
        // end's row is flagged along with the tie's own.
        var twin: [Int32] = []
        if window != nil {
            twin = [Int32](repeating: -1, count: graph.targets.count)
            for u in 0..<m {
                for q in graph.row(VertexID(u)) where u < Int(graph.targets[q]) {
                    let back = graph.edgeIndex(graph.targets[q], VertexID(u))!
                    twin[q] = Int32(back)
                    twin[back] = Int32(q)
                }
            }
        }
        let weight = weights ?? [Int](repeating: 1, count: m)
        let groups = levels.map(\.group)
        let starts = recordStarts
        let (membersByPeriod, newcomers) = presence(weights)
        var distinctPresent = [Int](repeating: 0, count: periods.count)
        for (member, from) in presentFrom.enumerated() where from < periods.count && weight[member] > 0 {
            distinctPresent[from] += 1
        }
        for p in stride(from: 1, to: periods.count, by: 1) { distinctPresent[p] += distinctPresent[p - 1] }
        var count = window == nil ? [] : [Int32](repeating: 0, count: graph.targets.count)
        var present = [Bool](repeating: false, count: graph.targets.count)
        var queued = window == nil ? [] : [Bool](repeating: false, count: graph.targets.count)
        var activeStamp = [Int32](repeating: -1, count: m)
        // The ties whose record count changed this period, each once, with their smaller member.
        var touched: [(tie: Int32, u: Int32)] = []
        var unionFind = _UnionFind(weights: weight)
        var ties = 0
        var inside = [Int](repeating: 0, count: levels.count), across = inside
        var rows: [GrowthRow] = []
        rows.reserveCapacity(periods.count)
        for p in 0..<periods.count {
            var active = 0
            let mark = Int32(p)
            for r in starts[p]..<starts[p + 1] {
                let tie = Int(tieOf[r])
                if window == nil {
                    if !present[tie] { present[tie] = true; touched.append((tieOf[r], recordU[r])) }
                } else {
                    count[tie] += 1
                    if !queued[tie] { queued[tie] = true; touched.append((tieOf[r], recordU[r])) }
                }
                let u = Int(recordU[r]), v = Int(recordV[r])
                if activeStamp[u] != mark { activeStamp[u] = mark; active += weight[u] }
                if activeStamp[v] != mark { activeStamp[v] = mark; active += weight[v] }
            }
            if let window, p >= window {
                for r in starts[p - window]..<starts[p - window + 1] {
                    let tie = Int(tieOf[r])
                    count[tie] -= 1
                    if !queued[tie] { queued[tie] = true; touched.append((tieOf[r], recordU[r])) }
                }
            }
            var newTies = 0, lostTies = 0
            for (entry, smaller) in touched {
                let tie = Int(entry)
                if window != nil {
                    queued[tie] = false
                    guard (count[tie] > 0) != present[tie] else { continue }
                    present[tie].toggle()
                    present[Int(twin[tie])] = present[tie]
                }
                let u = Int(smaller), v = Int(graph.targets[tie])  // u < v
                let copies = weight[u] * weight[v]
                guard copies > 0 else { continue }
                let change = present[tie] ? copies : -copies
                if present[tie] { newTies += copies } else { lostTies += copies }
                for l in 0..<groups.count {
                    let gu = groups[l][u], gv = groups[l][v]
                    guard gu >= 0 && gv >= 0 else { continue }
                    if gu == gv { inside[l] += change } else { across[l] += change }
                }
                if window == nil { unionFind.union(Int32(u), Int32(v)) }
            }
            touched.removeAll(keepingCapacity: true)
            ties += newTies - lostTies
            let members = membersByPeriod[p]
            var largest = 0, components = 0
            if window == nil {
                largest = members == 0 ? 0 : max(1, unionFind.largest)
                components = distinctPresent[p] - unionFind.unions
            } else {
                (largest, components) = Self.componentsOfPresent(graph, present: present, weight: weight,
                                                                 presentFrom: presentFrom, period: p)
            }
            rows.append(GrowthRow(periodStart: periods.start(p), periodEnd: periods.end(p), members: members,
                                  ties: ties, newTies: newTies, lostTies: lostTies, largestComponent: largest,
                                  components: components, insideTies: inside, acrossTies: across,
                                  activeMembers: active, newcomers: newcomers[p]))
        }
        return rows
    }

    /// The rows rebuilt from scratch for every period, for checking ``rows(weights:)``.
    func rebuiltRows() -> [GrowthRow] {
        guard let periods else { return [] }
        let starts = recordStarts
        let (membersByPeriod, newcomers) = presence(nil)
        var previous: Set<Int64> = []
        return (0..<periods.count).map { p in
            let from = window.map { periods.startTime(max(0, p - $0 + 1)) }
            let graph = community.memberNetwork(from: from, through: periods.endTime(p), weighted: false).graph
            var current: Set<Int64> = []
            var inside = [Int](repeating: 0, count: levels.count), across = inside
            for u in 0..<graph.vertexCount {
                for q in graph.row(VertexID(u)) where Int(graph.targets[q]) > u {
                    let v = Int(graph.targets[q])
                    current.insert(Int64(u) << 32 | Int64(v))
                    for (l, level) in levels.enumerated() where level.group[u] >= 0 && level.group[v] >= 0 {
                        if level.group[u] == level.group[v] { inside[l] += 1 } else { across[l] += 1 }
                    }
                }
            }
            let components = ConnectedComponents().run(graph)
            var sizes = [Int](repeating: 0, count: components.count)
            for v in 0..<graph.vertexCount where presentFrom[v] <= p { sizes[Int(components.partition.group[v])] += 1 }
            let active = Set((starts[p]..<starts[p + 1]).flatMap { [recordU[$0], recordV[$0]] }).count
            defer { previous = current }
            return GrowthRow(periodStart: periods.start(p), periodEnd: periods.end(p), members: membersByPeriod[p],
                             ties: current.count, newTies: current.subtracting(previous).count,
                             lostTies: previous.subtracting(current).count,
                             largestComponent: sizes.max() ?? 0, components: sizes.filter { $0 > 0 }.count,
                             insideTies: inside, acrossTies: across, activeMembers: active, newcomers: newcomers[p])
        }
    }

    /// The largest component (summing member weights; an isolated member counts 1) and the number
    /// of components among the members present in `period` (`presentFrom[v] <= period`) of positive
    /// weight, over the present ties (`present` flags both entries of a tie): one breadth-first
    /// search per component.
    private static func componentsOfPresent(_ graph: CSRGraph, present: [Bool], weight: [Int],
                                            presentFrom: [Int], period: Int) -> (largest: Int, components: Int) {
        let n = graph.vertexCount
        var seen = [Bool](repeating: false, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var largest = 0, components = 0
        for s in 0..<n where !seen[s] && weight[s] > 0 && presentFrom[s] <= period {
            seen[s] = true
            queue[0] = Int32(s)
            var head = 0, tail = 1, size = 0
            while head < tail {
                let u = Int(queue[head]); head += 1
                size += weight[u]
                for q in graph.row(VertexID(u)) {
                    let v = Int(graph.targets[q])
                    if present[q] && !seen[v] && weight[v] > 0 { seen[v] = true; queue[tail] = Int32(v); tail += 1 }
                }
            }
            components += 1
            largest = max(largest, tail == 1 ? 1 : size)
        }
        return (largest, components)
    }
}

/// Union-find with union by size and path halving; tracks the heaviest set formed by a union
/// (sets sum their members' weights) and the number of unions made.
/// - Complexity: O(α(n)) amortised per operation.
struct _UnionFind {
    var parent: [Int32]
    var size: [Int]
    private(set) var largest = 0
    private(set) var unions = 0

    init(weights: [Int]) {
        parent = (0..<Int32(weights.count)).map { $0 }
        size = weights
    }

    mutating func find(_ x: Int32) -> Int32 {
        var x = x
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return x
    }

    mutating func union(_ a: Int32, _ b: Int32) {
        var ra = find(a), rb = find(b)
        guard ra != rb else { return }
        if size[Int(ra)] < size[Int(rb)] { swap(&ra, &rb) }
        parent[Int(rb)] = ra
        size[Int(ra)] += size[Int(rb)]
        largest = max(largest, size[Int(ra)])
        unions += 1
    }
}
