import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `suggest` command: introductions worth making. Pairs of members not yet tied, ranked by
/// resource allocation (Zhou, Lü & Zhang 2009: shared contacts, each counting more when it has
/// fewer ties), a pair across two groups of a boundary level counting 1 + `strength` times
/// (``LinkPrediction/BoundaryWeighting``), each with its reason in words.
///
///     let loaded = try GraphLoader.load("fixtures/example-community", options: LoadOptions())
///     let introductions = try IntroductionSuggestions(loaded, .init(member: "M0001", top: 5))
///     try introductions.write(to: nil)   // source,target,score,shared_contacts,...,reason
///
/// - Complexity: O(Σ deg²) for the whole network (O(Σ over the focus of deg × deg of neighbours)
///   for one member or group), plus the level's partition.
public struct IntroductionSuggestions: AnalysisOutput, Sendable {
    public struct Configuration: Sendable {
        /// The boundary level whose groups an introduction should cross; `nil`:
        /// organisation for a dataset, none for other inputs.
        public var level: BoundaryLevel?
        /// Only this member's introductions (an id of the input).
        public var member: String?
        /// Only introductions of this group's members (a group of `level`, by id or name).
        public var group: String?
        public var top: Int
        /// How much more a pair across two groups counts: its score times 1 + `strength`.
        public var strength: Double
        /// Weigh shared contacts by how lately each tie was seen, halving every this many days
        /// before the latest record (datasets only); `nil`: no recency weighting.
        public var halfLife: Double?
        public var seed: UInt64
        public var threads: Int

        public init(level: BoundaryLevel? = nil, member: String? = nil, group: String? = nil,
                    top: Int = 20, strength: Double = 0.1, halfLife: Double? = nil, seed: UInt64 = 42,
                    threads: Int = Parallelism.defaultThreads) {
            self.level = level
            self.member = member
            self.group = group
            self.top = top
            self.strength = strength
            self.halfLife = halfLife
            self.seed = seed
            self.threads = threads
        }
    }

    public let ranking: LinkPrediction.Result
    /// Common neighbours of each suggested pair.
    public let sharedContacts: [Int]
    /// The group (display name) of each end, empty when unknown or without a level.
    public let groupsOfSources: [String], groupsOfTargets: [String]
    /// Ties today between the two groups of each pair; `nil` inside one group or without groups.
    public let tiesBetweenGroups: [Int?]
    public let labels: LabelTable
    public let level: BoundaryLevel?

    /// - Throws: ``BoundaryLevelError`` for a level the input does not have;
    ///   ``AnalysisInputError`` (usage) for an unknown member or group.
    public init(_ loaded: LoadedGraph, _ configuration: Configuration) throws {
        let graph = loaded.graph.isDirected ? loaded.graph.undirectedView() : loaded.graph
        labels = loaded.labels
        let level = configuration.level ?? (loaded.community != nil ? .hierarchy(.organisation) : nil)
        self.level = level
        let partition = try level.map { try loaded.partitions([$0], seed: configuration.seed)[0] }
        let names = zip(level.map { [$0] } ?? [], partition.map { [$0] } ?? []).map { loaded.displayNames(of: $1, at: $0) }.first ?? []
        var focus: [VertexID]?
        if let member = configuration.member {
            guard let label = loaded.label(forGiven: member), let vertex = loaded.labels.id(of: label) else {
                throw AnalysisInputError(.usage) { input in "\(input) has no member \(member)" }
            }
            focus = [vertex]
        }
        if let group = configuration.group {
            guard let partition, let index = partition.names.indices.first(where: { partition.names[$0] == group || names[$0] == group }) else {
                throw AnalysisInputError(.usage) { input in
                    "\(input) has no group \(group)" + (level.map { " at level \($0)" } ?? " (give --level)")
                }
            }
            focus = (0 ..< graph.vertexCount).filter { partition.group[$0] == Int32(index) }.map { VertexID($0) }
        }
        var recency: [Double]?
        if let halfLife = configuration.halfLife, let community = loaded.community, !loaded.graph.isDirected,
           let times = community.recordTimes {
            recency = LinkPrediction.recencyWeights(lastDays: community.tieLastDays(in: graph),
                                                    today: CivilDate.day(ofSeconds: times.upperBound), halfLife: halfLife)
        }
        let prediction = LinkPrediction(index: .resourceAllocation, top: configuration.top,
                                        boundary: partition.map { .init(partition: $0, strength: configuration.strength) },
                                        focus: focus, recency: recency, threads: configuration.threads)
        let ranking = prediction.run(graph)
        self.ranking = ranking
        let pairs = (0 ..< ranking.count).map { (ranking.sources[$0], ranking.targets[$0]) }
        sharedContacts = LinkPrediction(index: .commonNeighbours, top: 0).scores(graph, pairs: pairs).map { Int($0) }
        func name(_ v: VertexID) -> String {
            guard let partition, partition.group[Int(v)] >= 0 else { return "" }
            return names[Int(partition.group[Int(v)])]
        }
        groupsOfSources = pairs.map { name($0.0) }
        groupsOfTargets = pairs.map { name($0.1) }
        let between = partition.map { GroupTies(graph, partition: $0) }
        tiesBetweenGroups = pairs.map { between?.ties($0.0, $0.1) }
    }

    /// Why pair `i` is suggested, in words.
    public func reason(_ i: Int) -> String {
        let shared = sharedContacts[i] == 1 ? "1 shared contact" : "\(sharedContacts[i]) shared contacts"
        let a = groupsOfSources[i], b = groupsOfTargets[i]
        guard level != nil, !a.isEmpty, !b.isEmpty else { return shared }
        if a == b { return "\(shared); both in \(a)" }
        switch tiesBetweenGroups[i] ?? 0 {
        case 0: return "\(shared); would be the first tie between \(a) and \(b)"
        case 1: return "\(shared); \(a) and \(b) have 1 tie"
        case let t: return "\(shared); \(a) and \(b) have \(t) ties"
        }
    }

    public var statistics: [(String, JSONValue)] {
        [("suggestions", .int(ranking.count)), ("level", level.map { .string($0.description) } ?? .null)]
    }

    /// Writes `source,target,score,shared_contacts,group_source,group_target,ties_between_groups,reason`,
    /// best first.
    public func write(to path: String?) throws {
        let edges = (0 ..< ranking.count).map { (ranking.sources[$0], ranking.targets[$0]) }
        try EdgeTableWriter.write(labels: labels, edges: edges, columns: [
            .doubles(name: "score", values: ranking.scores),
            .integers(name: "shared_contacts", values: sharedContacts.map { Int32(clamping: $0) }),
            .strings(name: "group_source", values: groupsOfSources),
            .strings(name: "group_target", values: groupsOfTargets),
            .strings(name: "ties_between_groups", values: tiesBetweenGroups.map { $0.map(String.init) ?? "" }),
            .strings(name: "reason", values: (0 ..< ranking.count).map(reason)),
        ], to: path)
    }
}

/// `suggest --evaluate-at DATE`: the proof on history. Hides every record after DATE, ranks the
/// untied pairs of the earlier network by each index (and by the boundary-aware rankings when a
/// level is given), and scores them on the ties that formed later among the members present by
/// DATE (``LinkPredictionEvaluation``).
///
///     let table = try IntroductionEvaluation(loaded, .init(cut: CivilDate(year: 2015, month: 6, day: 5)!))
///     try table.write(to: nil)   // ranking,hits,cross_hits,precision,recall,auc
///
/// - Complexity: one ranking per index (O(Σ deg²) each), the AUC's samples, and the split
///   (O(R log d) for R records).
public struct IntroductionEvaluation: AnalysisOutput, Sendable {
    public struct Configuration: Sendable {
        public var cut: CivilDate
        /// The level for the cross-boundary counts and rankings (`nil`: organisation).
        public var level: BoundaryLevel?
        public var top: Int
        public var samples: Int
        public var seed: UInt64
        /// The boundary-aware rankings' strength (``LinkPrediction/BoundaryWeighting/strength``).
        public var strength: Double
        /// The half-life in days of the recency-weighted ranking; `nil`: a quarter of the days from
        /// the first record to the cut (at least 1).
        public var halfLife: Double?
        public var threads: Int

        public init(cut: CivilDate, level: BoundaryLevel? = nil, top: Int = 100, samples: Int = 10_000,
                    seed: UInt64 = 42, strength: Double = 0.1, halfLife: Double? = nil,
                    threads: Int = Parallelism.defaultThreads) {
            self.cut = cut
            self.level = level
            self.top = top
            self.samples = samples
            self.seed = seed
            self.strength = strength
            self.halfLife = halfLife
            self.threads = threads
        }
    }

    public let result: LinkPredictionEvaluation.Result
    public let configuration: Configuration
    /// Members present by the cut.
    public let members: Int
    /// The recency ranking's half-life in days.
    public let halfLife: Double

    /// - Throws: ``AnalysisInputError`` (usage) without a dataset's dates; ``BoundaryLevelError``.
    public init(_ loaded: LoadedGraph, _ configuration: Configuration) throws {
        guard let community = loaded.community else {
            throw AnalysisInputError(.usage) { input in "--evaluate-at needs a dataset directory (dated interactions), not \(input)" }
        }
        self.configuration = configuration
        let split = HeldOutSplit(community, network: loaded.graph, until: configuration.cut)
        members = split.vertices.count
        let level = configuration.level ?? .hierarchy(.organisation)
        // Communities come from the earlier network only: the later ties must not leak in.
        let groups = level == .communities ? Leiden(seed: configuration.seed).run(split.before).partition
                                           : split.restricted(try loaded.partitions([level], seed: configuration.seed)[0])
        let firstDay = community.recordTimes.map { CivilDate.day(ofSeconds: $0.lowerBound) } ?? split.cut
        halfLife = configuration.halfLife ?? max(1, Double(Int(split.cut) - Int(firstDay)) / 4)
        result = LinkPredictionEvaluation(top: configuration.top, samples: configuration.samples, seed: configuration.seed,
                                          strength: configuration.strength, threads: configuration.threads)
            .run(split.before, formed: split.formed, groups: groups,
                 recency: split.recency(community, network: loaded.graph, halfLife: halfLife))
    }

    public var statistics: [(String, JSONValue)] {
        [("cut", .string(configuration.cut.description)), ("members_at_cut", .int(members)),
         ("ties_formed", .int(result.formed)), ("ties_formed_across", .int(result.formedAcross)),
         ("candidates", .int(result.candidates)), ("top", .int(configuration.top)),
         ("auc_samples", .int(configuration.samples)), ("strength", .double(configuration.strength)),
         ("half_life_days", .double(halfLife)), ("seed", .int(Int(truncatingIfNeeded: configuration.seed))),
         ("level", .string((configuration.level ?? .hierarchy(.organisation)).description))]
    }

    /// Writes `ranking,hits,cross_hits,precision,recall,auc`, one row per ranking.
    public func write(to path: String?) throws {
        var buffer = ByteBuffer()
        buffer.append("ranking,hits,cross_hits,precision,recall,auc\n")
        for row in result.rows {
            buffer.append(row.ranking)
            // Undefined figures (no tie formed) are empty cells.
            func cell(_ value: Double) -> String { value.isNaN ? "" : NumberFormatting.shortest(value) }
            for value in [String(row.hits), String(row.crossHits), cell(row.precision), cell(row.recall), cell(row.auc)] {
                buffer.append(",")
                buffer.append(value)
            }
            buffer.appendNewline()
        }
        try writeAtomically(&buffer, to: path)
    }
}
