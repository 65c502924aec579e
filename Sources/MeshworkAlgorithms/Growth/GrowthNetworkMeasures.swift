import MeshworkCore

/// Measures of each period's network of a growth series that need the network itself: average
/// clustering over the present members, mean shortest-path length, and the modularity of its
/// Leiden partition.
///
/// The network of every period is a subset of the network of all time, which is built once from
/// the series' records; each period's records are added to the previous period's network (and,
/// with a window, the records that fall out of it removed), as ``GrowthSeries`` does. Then:
///
/// - **Clustering** is exact: each member's degree and triangle count are updated by every tie
///   the period adds or removes (a tie `{u, v}` closes or opens one triangle per common neighbour
///   present at that moment, found by marking the present neighbours of one end and scanning the
///   other's), so the average is NetworkX's `average_clustering` of the period's network over the
///   present members, to the bit.
/// - **Mean path length** is exact (a search from every present member) up to `exactPathLimit`
///   present members. Beyond, the sources are a fixed seeded sample: the `sampledSources` present
///   members first in one seeded random order of all members, so a source stays a source in every
///   later period (a simple random sample of the present members in each period). The estimate is
///   the ratio `Σ distances / Σ pairs` over the sources' searches, and its standard error the
///   ratio estimator's, with the finite-population correction (Cochran, *Sampling Techniques*,
///   1977, §6.3): `sqrt((1 − n/N) / (n (n − 1)) · Σ (y_i − R x_i)²) / x̄`, for n sources of N
///   present members, `y_i` a source's distance sum and `x_i` its reached pairs.
/// - **Modularity** is that of a Leiden partition (`seed`) warm-started from the previous
///   period's partition (``Leiden/run(_:order:initial:frontier:)``; newcomers start alone) with
///   one iteration whose first local moving starts from the ends of the period's added and removed
///   ties (a dynamic frontier; the first period: from singletons, two iterations, as a cold run):
///   a heuristic, like the cold run it replaces, and close to it in quality
///   (docs/growth-at-scale.md). A period that adds or removes fewer than
///   ``refineMovedOnlyShare`` of its ties refines only the members its first local moving moved
///   (``Leiden/run(_:order:initial:initialIsConnected:frontier:refineMovedOnly:)``).
///
///     let series = GrowthSeries(period: .quarter).run(community)
///     let measures = GrowthNetworkMeasures(seed: 1).run(series)
///     measures.meanPathLength[p]
///
/// - Complexity: O(R log d + M + E) for the network of all time and the records' ties; per tie
///   added or removed, O(d_u + d_v)
///   all-time degrees; per period O(M + E) to copy its network, O(S · E) for the S sources'
///   searches, and a warm-started Leiden.
public struct GrowthNetworkMeasures: Sendable {
    /// The seed of the source sample and of Leiden.
    public var seed: UInt64
    /// Mean path lengths are exact from every present member up to this many members.
    public var exactPathLimit: Int
    /// Above `exactPathLimit` members, the sources sampled for the mean path length.
    public var sampledSources: Int
    /// Whether each period's Leiden starts from the previous period's partition (the default) or
    /// from singletons.
    public var warmStart: Bool
    /// Whether a warm-started Leiden first moves only the ends of the period's added and removed
    /// ties (a dynamic frontier, the default) or every member.
    public var dynamicFrontier: Bool
    /// The number of worker threads of the path searches and the per-period Leiden (at least 1). Does
    /// not change the result.
    public var threads: Int

    /// A warm-started period whose added and removed ties are fewer than this share of its ties
    /// refines only the members that moved (the others keep their communities as pieces).
    public static let refineMovedOnlyShare = 0.1

    public init(seed: UInt64, exactPathLimit: Int = 5000, sampledSources: Int = 128, warmStart: Bool = true,
                dynamicFrontier: Bool = true, threads: Int = Parallelism.defaultThreads) {
        self.seed = seed
        self.exactPathLimit = exactPathLimit
        self.sampledSources = max(2, sampledSources)
        self.warmStart = warmStart
        self.dynamicFrontier = dynamicFrontier
        self.threads = max(1, threads)
    }

    /// The measures of every period of `series` (its cohort, if any, is ignored: every member
    /// counts); `order` is Leiden's vertex order (``Leiden/run(_:order:initial:frontier:)``).
    /// `network`, when the caller has it, is the undirected network of every tie of the series'
    /// community (the loaded member network, weights ignored): it is used as the network of all
    /// time instead of building that again from the records.
    /// `progress`, when given, is told the share of the periods done after each period.
    /// - Precondition: `network`, when given, is undirected, has a vertex per member and holds
    ///   every tie that a record of the series names.
    public func run(_ series: GrowthSeries.Result, order: [VertexID]? = nil, network allTime: CSRGraph? = nil,
                    progress: ((_ done: Double) -> Void)? = nil) -> Result {
        let records = series.records
        guard let periods = records.periods else {
            return Result(clustering: [], meanPathLength: [], meanPathLengthError: [], pathSources: [], modularity: [])
        }
        let m = records.community.memberCount
        // Each record's tie is looked up in its row (O(log d)) rather than stored (4 bytes a record).
        if let allTime { precondition(!allTime.isDirected && allTime.vertexCount == m, "a member network") }
        let graph = allTime ?? records.allTimeGraph()
        let presentFrom = records.presentFrom
        let starts = records.recordStarts
        var triangles = _TriangleCounts(graph)
        // With a window, each tie's records in it, and whether it is in `touched`; cumulative, a
        // tie is added at its first record (the counts at a period's end do not depend on the
        // order of the toggles).
        var count = records.window == nil ? [] : [Int32](repeating: 0, count: graph.targets.count)
        var queued = records.window == nil ? [] : [Bool](repeating: false, count: graph.targets.count)
        var touched: [(tie: Int32, u: Int32)] = []
        // A seeded random order of all members: each period's sources are the first present ones.
        var rng = SplitMix64(seed: seed)
        var sampleOrder = (0..<Int32(m)).map { $0 }
        sampleOrder.shuffle(using: &rng)
        // The previous period's Leiden groups, by member (unknown: no tie then).
        var previous: [Int32]?
        // The ends of the ties the period adds or removes (the warm Leiden's frontier).
        var frontier: [VertexID] = []
        var onFrontier = [Bool](repeating: false, count: m)
        // Whether the period removed a tie (else the previous communities are still connected).
        var removedTie = false
        func queue(_ u: VertexID, _ tie: Int) {
            let v = graph.targets[tie]
            if !onFrontier[Int(u)] { onFrontier[Int(u)] = true; frontier.append(u) }
            if !onFrontier[Int(v)] { onFrontier[Int(v)] = true; frontier.append(v) }
        }
        func toggle(_ u: VertexID, _ tie: Int) {
            if triangles.isPresent(tie) { removedTie = true }
            triangles.toggle(u, graph.targets[tie], entry: tie)
            queue(u, tie)
        }
        // Without a window a period only adds ties: their triangles are counted on the workers.
        let team = _WorkerTeam(size: threads)
        defer { team.stop() }
        var result = Result(clustering: [], meanPathLength: [], meanPathLengthError: [], pathSources: [], modularity: [])
        for p in 0..<periods.count {
            // The ties the period adds or removes.
            var changedTies = 0
            if records.window == nil {
                let ties = Self.ties(ofRecords: starts[p]..<starts[p + 1], of: records, in: graph, team: team)
                for (i, r) in (starts[p]..<starts[p + 1]).enumerated()
                where triangles.addPending(records.recordU[r], entry: Int(ties[i])) {
                    changedTies += 1
                    queue(records.recordU[r], Int(ties[i]))
                }
            } else {
                for r in starts[p]..<starts[p + 1] {
                    let tie = records.tie(ofRecord: r, in: graph)
                    count[tie] += 1
                    if !queued[tie] { queued[tie] = true; touched.append((Int32(tie), records.recordU[r])) }
                }
            }
            if let window = records.window, p >= window {
                for r in starts[p - window]..<starts[p - window + 1] {
                    let tie = records.tie(ofRecord: r, in: graph)
                    count[tie] -= 1
                    if !queued[tie] { queued[tie] = true; touched.append((Int32(tie), records.recordU[r])) }
                }
            }
            for (tie, u) in touched {
                queued[Int(tie)] = false
                let shouldBePresent = count[Int(tie)] > 0
                if shouldBePresent != triangles.isPresent(Int(tie)) {
                    changedTies += 1
                    toggle(u, Int(tie))
                }
            }
            touched.removeAll(keepingCapacity: true)
            triangles.closePending(team: team)

            result.clustering.append(triangles.averageClustering(presentFrom: presentFrom, period: p))
            // Members without a tie are left out of the searches and of Leiden: they reach no one
            // and stay alone, adding nothing to modularity.
            let (network, tied, compactID) = triangles.tiedNetwork()
            var present = 0
            for v in 0..<m where presentFrom[v] <= p { present += 1 }
            var sources: [VertexID]
            if present <= exactPathLimit {
                sources = (0..<Int32(m)).filter { presentFrom[Int($0)] <= p }
            } else {
                sources = []
                sources.reserveCapacity(sampledSources)
                for v in sampleOrder where presentFrom[Int(v)] <= p {
                    sources.append(v)
                    if sources.count == sampledSources { break }
                }
                sources.sort()
            }
            let totals = Self.pathTotals(network, compactID: compactID, sources: sources, threads: threads)
            let estimate = Self.meanPath(distanceSums: totals.distanceSum, reached: totals.reached, population: present)
            result.meanPathLength.append(estimate.mean)
            result.meanPathLengthError.append(estimate.standardError)
            result.pathSources.append(sources.count)
            // A warm start continues the previous period's iterations: one more is enough.
            let initial = warmStart ? previous.map { previous in
                Partition(groups: tied.map { previous[Int($0)] })
            } : nil
            // Members as vertices of `network` (members without a tie left out).
            func compacted(_ members: [VertexID]) -> [VertexID] {
                members.compactMap { compactID[Int($0)] >= 0 ? compactID[Int($0)] : nil }
            }
            let leiden = Leiden(seed: seed, iterations: initial == nil ? 2 : 1, threads: threads)
                .run(network, order: order.map(compacted), initial: initial, initialIsConnected: !removedTie,
                     frontier: initial != nil && dynamicFrontier ? compacted(frontier) : nil,
                     refineMovedOnly: Double(changedTies) < Self.refineMovedOnlyShare * Double(network.targets.count / 2))
            var groups = [Int32](repeating: Partition.unknown, count: m)
            for (i, v) in tied.enumerated() { groups[Int(v)] = leiden.partition.group[i] }
            previous = groups
            removedTie = false
            for v in frontier { onFrontier[Int(v)] = false }
            frontier.removeAll(keepingCapacity: true)
            result.modularity.append(leiden.quality)
            progress?(Double(p + 1) / Double(periods.count))
        }
        return result
    }

    /// The entry of each record's tie in its smaller end's row (O(log d) each), on `team`'s workers.
    static func ties(ofRecords range: Range<Int>, of records: _GrowthRecords, in graph: CSRGraph,
                     team: _WorkerTeam) -> [Int32] {
        var ties = [Int32](repeating: 0, count: range.count)
        let chunk = 4096
        ties.withUnsafeMutableBufferPointer { buffer in
            let ties = buffer
            let body = { (_: Int, task: Int) in
                for i in (task * chunk)..<min(range.count, (task + 1) * chunk) {
                    ties[i] = Int32(records.tie(ofRecord: range.lowerBound + i, in: graph))
                }
            }
            let tasks = (range.count + chunk - 1) / chunk
            team.run(tasks: tasks, body)
        }
        return ties
    }

    /// Per source: the members it reaches (itself included) and the sum of their distances, in
    /// `network`, whose vertex `compactID[v]` is member `v` (-1: a member without a tie, which
    /// reaches only itself).
    static func pathTotals(_ network: CSRGraph, compactID: [Int32], sources: [VertexID], threads: Int)
        -> (reached: [Int], distanceSum: [Double]) {
        let searched = sources.compactMap { compactID[Int($0)] >= 0 ? compactID[Int($0)] : nil }
        let totals = Closeness(threads: threads).totals(network, of: searched)
        var reached = [Int](repeating: 1, count: sources.count)
        var distanceSum = [Double](repeating: 0, count: sources.count)
        var next = 0
        for (i, s) in sources.enumerated() where compactID[Int(s)] >= 0 {
            reached[i] = totals.reached[next]
            distanceSum[i] = totals.distanceSum[next]
            next += 1
        }
        return (reached, distanceSum)
    }

    /// The mean path length over the sources' reached pairs, `Σ distanceSums / Σ (reached − 1)`
    /// (NaN without a pair), and its standard error as a ratio estimator of a simple random sample
    /// of the sources from `population` members: 0 when every member is a source, NaN with fewer
    /// than two sources.
    static func meanPath(distanceSums: [Double], reached: [Int], population: Int)
        -> (mean: Double, standardError: Double) {
        let pairs = reached.reduce(0) { $0 + $1 - 1 }
        let mean = pairs == 0 ? .nan : distanceSums.reduce(0, +) / Double(pairs)
        let n = distanceSums.count
        guard pairs > 0, n < population else { return (mean, pairs == 0 ? .nan : 0) }
        guard n >= 2 else { return (mean, .nan) }
        var squares = 0.0
        for i in 0..<n {
            let residual = distanceSums[i] - mean * Double(reached[i] - 1)
            squares += residual * residual
        }
        let meanPairs = Double(pairs) / Double(n)
        let fraction = Double(n) / Double(population)
        return (mean, (((1 - fraction) * squares / (Double(n) * Double(n - 1))).squareRoot()) / meanPairs)
    }
}

extension GrowthNetworkMeasures {
    /// The measures, one value per period.
    public struct Result: Sendable, Equatable {
        /// NetworkX `average_clustering` over the present members (isolated ones count 0); NaN
        /// without members. Exact.
        public var clustering: [Double]
        /// Mean hops over ordered pairs of present members joined by a path: exact from every
        /// present member up to `exactPathLimit` members, else estimated from the sampled
        /// sources; NaN without such a pair.
        public var meanPathLength: [Double]
        /// The standard error of ``meanPathLength``: 0 where it is exact; NaN where undefined.
        public var meanPathLengthError: [Double]
        /// The number of sources searched for ``meanPathLength``.
        public var pathSources: [Int]
        /// Modularity (resolution 1) of the Leiden partition (`seed`) of the period's network.
        public var modularity: [Double]
    }
}
