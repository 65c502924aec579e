import MeshworkCore

/// One member's growth: its ties period by period, and how many boundaries they cross.
///
/// The member's network in a period follows ``GrowthSeries``' rule (cumulative, or the last K
/// periods with a window). Per period: whether the member is present, its degree, the ties it gained and
/// lost since the previous period, and per boundary level the share of its ties (to members whose
/// group, and its own, are known) that cross the level's boundary and the number of distinct
/// groups among its contacts.
///
///     let series = GrowthSeries(period: .quarter).run(community, levels: [regions])
///     let ego = EgoGrowth(member: 17).run(series)
///     ego.degree[p]; ego.groupsReached[0][p]
///
/// - Complexity: O(R + P · (L · d)) for R tie records, P periods, L levels and degree d.
public struct EgoGrowth: Sendable {
    /// The member: its index in ``Community/members`` (its vertex id in the member network).
    public var member: VertexID

    public init(member: VertexID) {
        self.member = member
    }

    /// The member's growth through `series`' periods (its cohort, if any, is ignored).
    /// - Precondition: `member` is a member of `series.community`.
    public func run(_ series: GrowthSeries.Result) -> Result {
        Result(series.records, member: Int(member))
    }
}

extension EgoGrowth {
    /// One member's figures, per period.
    public struct Result: Sendable {
        public let member: VertexID
        public var present: [Bool] = []
        public var degree: [Int] = []
        public var newTies: [Int] = []
        public var lostTies: [Int] = []
        /// `crossShare[level][period]`, NaN when the member's group is unknown or it has no tie to a
        /// member with a known group.
        public var crossShare: [[Double]] = []
        /// `groupsReached[level][period]`: distinct known groups among its contacts.
        public var groupsReached: [[Int]] = []

        init(_ series: _GrowthRecords, member: Int) {
            self.member = VertexID(member)
            let periods = series.count
            let m = series.community.memberCount
            let starts = series.recordStarts
            var count = [Int32](repeating: 0, count: m)
            var stamp = [Int32](repeating: -1, count: m)
            var before = [Bool](repeating: false, count: m)
            var touched: [Int32] = []
            var contacts: [Int32] = []       // current contacts, in order of (re)contact
            crossShare = series.levels.map { _ in [] }
            groupsReached = series.levels.map { _ in [] }
            for p in 0..<periods {
                func adjust(_ records: Range<Int>, _ delta: Int32) {
                    for r in records {
                        let u = Int(series.recordU[r]), v = Int(series.recordV[r])
                        guard u == member || v == member else { continue }
                        let other = u == member ? v : u
                        if stamp[other] != Int32(p) {
                            stamp[other] = Int32(p)
                            before[other] = count[other] > 0
                            touched.append(Int32(other))
                        }
                        count[other] += delta
                    }
                }
                adjust(starts[p]..<starts[p + 1], 1)
                if let window = series.window, p >= window { adjust(starts[p - window]..<starts[p - window + 1], -1) }
                var gained = 0, lost = 0
                for other in touched where (count[Int(other)] > 0) != before[Int(other)] {
                    if count[Int(other)] > 0 { gained += 1; contacts.append(other) } else { lost += 1 }
                }
                touched.removeAll(keepingCapacity: true)
                if lost > 0 { contacts.removeAll { count[Int($0)] == 0 } }
                present.append(series.presentFrom[member] <= p)
                degree.append(contacts.count)
                newTies.append(gained)
                lostTies.append(lost)
                for (l, level) in series.levels.enumerated() {
                    let own = level.group[member]
                    var known = 0, across = 0
                    var seen = Set<Int32>()
                    for c in contacts where level.group[Int(c)] >= 0 {
                        known += 1
                        if own >= 0 && level.group[Int(c)] != own { across += 1 }
                        seen.insert(level.group[Int(c)])
                    }
                    crossShare[l].append(own < 0 || known == 0 ? .nan : Double(across) / Double(known))
                    groupsReached[l].append(seen.count)
                }
            }
        }
    }
}
