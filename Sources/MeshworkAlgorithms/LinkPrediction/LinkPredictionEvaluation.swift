import MeshworkCore

/// A dated network cut at a day: the member network of the records up to it, over the members
/// present by then, and the ties among those members that first formed after it. What a ranking of
/// untied pairs made on the earlier network should have foreseen.
public struct HeldOutSplit: Sendable {
    /// The member network up to `until` (the growth series' cumulative network of that day).
    public var before: CSRGraph
    /// Vertex `i` of ``before`` is vertex `vertices[i]` of the whole member network.
    public var vertices: [VertexID]
    /// Ties first recorded after `until` between members of ``before``, `u < v`, in increasing order.
    public var formed: [(VertexID, VertexID)]
    /// The cut: the last day (days since the epoch) whose records ``before`` holds.
    public var cut: Int32

    /// Splits `community`'s member network (`network`, from ``Community/memberNetwork(from:through:weighted:directed:threads:)``)
    /// at the end of `until` (UTC).
    /// - Complexity: O(R log d + V + E) for R interaction records.
    public init(_ community: Community, network: CSRGraph, until: CivilDate) {
        let starts = community.tieStartDays(in: network)
        let presence = community.presenceDays
        let day = until.daysSinceEpoch
        cut = day
        var index = [VertexID](repeating: -1, count: network.vertexCount)
        vertices = []
        for v in 0 ..< network.vertexCount where presence[v] <= day {
            index[v] = VertexID(vertices.count)
            vertices.append(VertexID(v))
        }
        var edges = EdgeBuffer(weighted: false, capacity: network.targets.count / 2)
        formed = []
        for u in 0 ..< network.vertexCount where index[u] >= 0 {
            for slot in network.row(VertexID(u)) {
                let v = Int(network.targets[slot])
                guard v > u, index[v] >= 0 else { continue }
                if starts[slot] <= day {
                    edges.append(index[u], index[v], weight: 1)
                } else {
                    formed.append((index[u], index[v]))
                }
            }
        }
        before = edges.build(vertexCount: vertices.count, directed: false, threads: 1).graph
    }

    /// Recency weights of ``before``'s ties (``LinkPrediction/recencyWeights(lastDays:today:halfLife:)``):
    /// each tie's age is the days from its latest record on or before the cut to the cut.
    /// `community` and `network` are those the split was made from.
    /// - Complexity: O(R log d + E).
    public func recency(_ community: Community, network: CSRGraph, halfLife: Double) -> [Double] {
        let last = community.tieLastDays(in: network, through: cut)
        var days = [Int32](repeating: Int32.min, count: before.targets.count)
        for u in 0 ..< before.vertexCount {
            for slot in before.row(VertexID(u)) {
                let v = before.targets[slot]
                if let whole = network.edgeIndex(vertices[u], vertices[Int(v)]) { days[slot] = last[whole] }
            }
        }
        return LinkPrediction.recencyWeights(lastDays: days, today: cut, halfLife: halfLife)
    }

    /// `partition` (of the whole member network) over the vertices of ``before``.
    public func restricted(_ partition: Partition) -> Partition {
        Partition(groups: vertices.map { partition.group[Int($0)] }, names: partition.names)
    }
}

/// How well rankings of untied pairs foresaw the ties that formed later (Lü & Zhou 2011, "Link
/// prediction in complex networks: a survey"): for each index of ``LinkPrediction`` and a random
/// ranking, the hits among its `top` pairs, precision (hits / `top`), recall (hits / ties
/// formed), and the area under the ROC curve: the chance that a tie that formed scores above a
/// pair that stayed untied (ties in score count half), estimated from `samples` random such
/// couples drawn with `seed`, the same couples for every index. Given the groups of a boundary
/// level, each row also counts its hits that cross a boundary, and the boundary-aware rankings
/// (``LinkPrediction/BoundaryWeighting`` on Adamic-Adar and resource allocation) join the table,
/// named `adamic_adar+boundary` and `resource_allocation+boundary`; given recency weights of the
/// ties, resource allocation weighted by them joins as `resource_allocation+recency`.
///
///     let split = HeldOutSplit(community, network: graph, until: cutoff)
///     let table = LinkPredictionEvaluation(top: 100).run(split.before, formed: split.formed)
///
/// - Complexity: the rankings' cost (O(Σ deg²) each) plus O(samples × (deg u + deg v)) for the
///   AUC; O(V + formed) extra space.
public struct LinkPredictionEvaluation: Sendable {
    /// One ranking's figures; `recall` and `auc` are NaN when no tie formed.
    public struct Row: Sendable, Equatable {
        public var ranking: String
        public var hits: Int
        /// Hits whose two members sit in different known groups (0 without groups).
        public var crossHits: Int
        public var precision: Double
        public var recall: Double
        public var auc: Double
    }

    public struct Result: Sendable {
        public var rows: [Row]
        /// Ties that formed after the cut.
        public var formed: Int
        /// Of them, ties across a boundary (0 without groups).
        public var formedAcross: Int
        /// Untied pairs of the earlier network: the candidates.
        public var candidates: Int
    }

    public var top: Int
    public var samples: Int
    public var seed: UInt64
    /// The boundary-aware rankings' strength (``LinkPrediction/BoundaryWeighting/strength``).
    public var strength: Double
    public var threads: Int

    public init(top: Int, samples: Int = 10_000, seed: UInt64 = 42, strength: Double = 0.1,
                threads: Int = Parallelism.defaultThreads) {
        self.top = top
        self.samples = samples
        self.seed = seed
        self.strength = strength
        self.threads = threads
    }

    /// - Parameter groups: the members' groups at a boundary level, for the cross-boundary counts
    ///   and the boundary-aware rankings.
    /// - Parameter recency: recency weights of `graph`'s ties (``HeldOutSplit/recency(_:network:halfLife:)``),
    ///   for the ranking `resource_allocation+recency`.
    public func run(_ graph: CSRGraph, formed: [(VertexID, VertexID)], groups: Partition? = nil,
                    recency: [Double]? = nil) -> Result {
        func crosses(_ key: UInt64) -> Bool {
            guard let groups else { return false }
            let g = groups.group[Int(key >> 32)], h = groups.group[Int(key & 0xFFFF_FFFF)]
            return g >= 0 && h >= 0 && g != h
        }
        let n = graph.vertexCount
        let keys = formed.map { Self.key($0.0, $0.1) }.sorted()
        let candidates = n * (n - 1) / 2 - graph.edgeCount
        var random = SplitMix64(seed: seed)
        // The couples behind the AUC: a formed tie and a pair that stayed untied.
        var couples: [(formed: (VertexID, VertexID), untied: (VertexID, VertexID))] = []
        if !formed.isEmpty, candidates > formed.count {
            for _ in 0 ..< samples {
                couples.append((formed[random.below(formed.count)], Self.untiedPair(graph, avoiding: keys, &random)))
            }
        }
        var rankings = LinkPrediction.Index.allCases.map { (name: $0.rawValue, prediction: LinkPrediction(index: $0, top: top, threads: threads)) }
        if let groups {
            for index in [LinkPrediction.Index.adamicAdar, .resourceAllocation] {
                rankings.append((index.rawValue + "+boundary",
                                 LinkPrediction(index: index, top: top, boundary: .init(partition: groups, strength: strength),
                                                threads: threads)))
            }
        }
        if let recency {
            rankings.append(("resource_allocation+recency",
                             LinkPrediction(index: .resourceAllocation, top: top, recency: recency, threads: threads)))
        }
        var rows: [Row] = []
        for (name, prediction) in rankings {
            let ranking = prediction.run(graph)
            let hits = (0 ..< ranking.count).map { Self.key(ranking.sources[$0], ranking.targets[$0]) }.filter { Self.contains(keys, $0) }
            let formedScores = prediction.scores(graph, pairs: couples.map(\.formed))
            let untiedScores = prediction.scores(graph, pairs: couples.map(\.untied))
            rows.append(row(name, hits: hits.count, crossHits: hits.filter(crosses).count, formed: formed.count,
                            auc: Self.auc(formedScores, untiedScores)))
        }
        // The random ranking: `top` distinct untied pairs, and a fresh uniform score per pair.
        var chosen = Set<UInt64>()
        while chosen.count < min(top, candidates) {
            let pair = Self.untiedPair(graph, avoiding: [], &random)
            chosen.insert(Self.key(pair.0, pair.1))
        }
        let hits = chosen.sorted().filter { Self.contains(keys, $0) }
        let auc = Self.auc(couples.map { _ in random.unit() }, couples.map { _ in random.unit() })
        rows.append(row("random", hits: hits.count, crossHits: hits.filter(crosses).count, formed: formed.count, auc: auc))
        return Result(rows: rows, formed: formed.count, formedAcross: keys.filter(crosses).count, candidates: candidates)
    }

    private func row(_ name: String, hits: Int, crossHits: Int, formed: Int, auc: Double) -> Row {
        Row(ranking: name, hits: hits, crossHits: crossHits, precision: top > 0 ? Double(hits) / Double(top) : .nan,
            recall: formed > 0 ? Double(hits) / Double(formed) : .nan, auc: auc)
    }

    private static func auc(_ formed: [Double], _ untied: [Double]) -> Double {
        guard !formed.isEmpty else { return .nan }
        var wins = 0.0
        for (a, b) in zip(formed, untied) { wins += a > b ? 1 : (a == b ? 0.5 : 0) }
        return wins / Double(formed.count)
    }

    /// A uniformly drawn pair `u < v` that is not tied and whose key is not in `avoiding`.
    private static func untiedPair(_ graph: CSRGraph, avoiding keys: [UInt64],
                                   _ random: inout SplitMix64) -> (VertexID, VertexID) {
        let n = graph.vertexCount
        while true {
            let a = VertexID(random.below(n)), b = VertexID(random.below(n))
            guard a != b else { continue }
            let u = min(a, b), v = max(a, b)
            if !graph.hasEdge(u, v) && !contains(keys, key(u, v)) { return (u, v) }
        }
    }

    private static func key(_ u: VertexID, _ v: VertexID) -> UInt64 {
        UInt64(UInt32(min(u, v))) << 32 | UInt64(UInt32(max(u, v)))
    }

    private static func contains(_ sorted: [UInt64], _ key: UInt64) -> Bool {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) >> 1
            if sorted[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count && sorted[low] == key
    }
}
