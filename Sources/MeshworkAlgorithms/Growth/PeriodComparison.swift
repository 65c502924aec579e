import MeshworkCore

/// Two spans of a community side by side: the first question an evaluation of a programme asks
/// ("did people connect more across boundaries this year than last?").
///
/// Each span's network is the member network of the ties with at least one dated record in the
/// span (``Community/memberNetwork(from:through:weighted:directed:threads:)``), over the members
/// present by the span's last day (``Community/presenceDays``: the earlier of `joined` and the
/// first tie). For each span it gives the members, ties, density and largest component; between
/// the spans, the ties gained (in the later span's network only), lost (in the earlier one's only)
/// and kept (in both), and the members who joined (present by the later span's end and not by the
/// earlier span's). Per boundary level it gives each span's cross-boundary share and E-I index
/// (``GroupMixing``, members whose group is known and who are present), the new ties that cross
/// a boundary, and the brokers: members who broker at least one pair of members across a boundary
/// (a Gould & Fernandez itinerant, representative, gatekeeper or liaison count above zero,
/// ``Brokerage``), with who became one and who stopped being one. With `permutations` K > 0,
/// each span's level figures also carry the two-sided label-permutation p-value of its E-I index
/// and cross-boundary share against random assignment of the present members to groups of the
/// same sizes (``MixingPermutationTest``, seeded by `seed`; one p-value serves both, since both
/// are linear in the ties inside groups).
///
///     let spans = PeriodComparison(before: DateSpan(from: jan2023, until: dec2023),
///                                  after: DateSpan(from: jan2024, until: dec2024))
///     let result = spans.run(community, levels: [regions])
///     result.levels[0].after.crossShare - result.levels[0].before.crossShare
///
/// - Complexity: O(M + R + E) for M members, R interactions and E ties of the two networks, plus
///   per level O(M + E) for the mixing and the brokerage of ``Brokerage``.
/// - Note: Krackhardt & Stern, Social Psychology Quarterly 51(2), 1988 (E-I); Gould & Fernandez,
///   Sociological Methodology 19, 1989 (brokerage roles).
public struct PeriodComparison: Sendable {
    /// The earlier and the later span (days inclusive, UTC).
    public var before: DateSpan
    public var after: DateSpan
    /// Label permutations per span and level for the p-values (0: none), and their seed.
    public var permutations: Int
    public var seed: UInt64
    /// Worker threads for the network builds, brokerage counts and permutations; results do not
    /// depend on it.
    public var threads: Int

    public init(before: DateSpan, after: DateSpan, permutations: Int = 0, seed: UInt64 = 42, threads: Int = Parallelism.defaultThreads) {
        self.before = before
        self.after = after
        self.permutations = permutations
        self.seed = seed
        self.threads = threads
    }

    /// The figures of one span.
    public struct SpanFigures: Sendable, Equatable {
        /// Members present by the span's last day, and ties with a record in the span.
        public var members: Int
        public var ties: Int
        /// Members in the largest component of the span's network among present members.
        public var largestComponent: Int
        /// 2 · ties / (members · (members − 1)); 0 when members < 2.
        public var density: Double {
            members < 2 ? 0 : 2 * Double(ties) / (Double(members) * Double(members - 1))
        }
        /// Largest component / members; 0 without members.
        public var largestComponentShare: Double { members == 0 ? 0 : Double(largestComponent) / Double(members) }
    }

    /// One level's figures in one span.
    public struct LevelFigures: Sendable, Equatable {
        /// Ties with both members' groups known: inside one group, and across two.
        public var insideTies: Int
        public var acrossTies: Int
        /// Members who broker a pair across a boundary.
        public var brokers: Int
        /// The permutation p-value of the E-I index and cross share; NaN when not asked for or
        /// undefined (no tie between members whose group is known).
        public var pValue: Double
        /// The share of ties that cross a boundary; NaN without ties.
        public var crossShare: Double {
            insideTies + acrossTies == 0 ? .nan : Double(acrossTies) / Double(insideTies + acrossTies)
        }
        /// Krackhardt & Stern's E-I index of the level; NaN without ties.
        public var eiIndex: Double {
            insideTies + acrossTies == 0 ? .nan : Double(acrossTies - insideTies) / Double(insideTies + acrossTies)
        }
    }

    /// How one level changed.
    public struct LevelChange: Sendable, Equatable {
        public var before: LevelFigures
        public var after: LevelFigures
        /// Gained ties whose two members are in different known groups.
        public var newCrossTies: Int
        /// Members (indices into ``Community/members``) who broker in the later span and not in the
        /// earlier one, and the reverse; ascending.
        public var becameBrokers: [VertexID]
        public var stoppedBrokers: [VertexID]
    }

    /// The comparison.
    public struct Result: Sendable, Equatable {
        public var before: SpanFigures
        public var after: SpanFigures
        public var tiesGained: Int
        public var tiesLost: Int
        public var tiesKept: Int
        /// Members present by the later span's end and not by the earlier span's; ascending.
        public var joined: [VertexID]
        /// One entry per level, in the order given.
        public var levels: [LevelChange]
    }

    /// Compares the two spans of `community` at each of `levels` (partitions of its members).
    /// - Precondition: every partition covers the community's members.
    public func run(_ community: Community, levels: [Partition]) -> Result {
        let presence = community.presenceDays
        let earlier = SpanNetwork(community, span: before, presence: presence, threads: threads)
        let later = SpanNetwork(community, span: after, presence: presence, threads: threads)
        let n = community.memberCount
        var joined: [Int32] = []
        for m in 0..<n where later.present[m] && !earlier.present[m] { joined.append(Int32(m)) }

        // Ties of both networks, compared row by row with a stamp per neighbour.
        var stamp = [Int32](repeating: -1, count: n)
        var kept = 0
        var gained: [(Int32, Int32)] = []
        for u in 0..<n {
            for v in earlier.graph.neighbours(of: Int32(u)) where Int(v) > u { stamp[Int(v)] = Int32(u) }
            for v in later.graph.neighbours(of: Int32(u)) where Int(v) > u {
                if stamp[Int(v)] == Int32(u) { kept += 1 } else { gained.append((Int32(u), v)) }
            }
        }
        let changes = levels.map { partition -> LevelChange in
            precondition(partition.vertexCount == n, "a group (or unknown) for every member")
            let first = earlier.figures(partition, permutations: permutations, seed: seed, threads: threads)
            let second = later.figures(partition, permutations: permutations, seed: seed, threads: threads)
            let group = partition.group
            let newCross = gained.reduce(0) { count, tie in
                let (a, b) = (group[Int(tie.0)], group[Int(tie.1)])
                return count + (a >= 0 && b >= 0 && a != b ? 1 : 0)
            }
            var became: [Int32] = [], stopped: [Int32] = []
            for m in 0..<n where first.isBroker[m] != second.isBroker[m] {
                if second.isBroker[m] { became.append(Int32(m)) } else { stopped.append(Int32(m)) }
            }
            return LevelChange(before: first.figures, after: second.figures, newCrossTies: newCross,
                               becameBrokers: became, stoppedBrokers: stopped)
        }
        return Result(before: earlier.spanFigures, after: later.spanFigures, tiesGained: gained.count,
                      tiesLost: earlier.graph.edgeCount - kept, tiesKept: kept, joined: joined, levels: changes)
    }
}

/// One span's member network and who is present by its end.
private struct SpanNetwork {
    let graph: CSRGraph
    let present: [Bool]

    init(_ community: Community, span: DateSpan, presence: [Int32], threads: Int) {
        graph = community.memberNetwork(from: span.firstTime, through: span.lastTime, weighted: false,
                                        threads: threads).graph
        let lastDay = span.until?.daysSinceEpoch ?? Int32.max - 1
        present = presence.map { $0 <= lastDay }
    }

    var spanFigures: PeriodComparison.SpanFigures {
        let members = present.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Absent members have no tie in the span, so they are singletons of their own: the largest
        // component among present members is the largest component, or 1 without any tie.
        let components = ConnectedComponents().run(graph)
        let largest = members == 0 ? 0 : (graph.edgeCount == 0 ? 1 : components.sizes[0])
        return .init(members: members, ties: graph.edgeCount, largestComponent: largest)
    }

    /// The level's figures over present members, and who brokers across its boundaries.
    func figures(_ partition: Partition, permutations: Int, seed: UInt64,
                 threads: Int) -> (figures: PeriodComparison.LevelFigures, isBroker: [Bool]) {
        var groups = partition.group
        for m in groups.indices where !present[m] { groups[m] = Partition.unknown }
        let known = Partition(groups: groups, names: partition.names)
        let mixing = GroupMixing().run(graph, partitions: [known])[0]
        let roles = Brokerage(threads: threads).run(graph, partition: known)
        let isBroker = groups.indices.map {
            roles.itinerant[$0] + roles.representative[$0] + roles.gatekeeper[$0] + roles.liaison[$0] > 0
        }
        let pValue = permutations > 0
            ? MixingPermutationTest(permutations: permutations, seed: seed, threads: threads).run(graph, partition: known).levelPValue
            : .nan
        let figures = PeriodComparison.LevelFigures(insideTies: mixing.totalInternal, acrossTies: mixing.totalExternal,
                                                    brokers: isBroker.reduce(0) { $0 + ($1 ? 1 : 0) }, pValue: pValue)
        return (figures, isBroker)
    }
}
