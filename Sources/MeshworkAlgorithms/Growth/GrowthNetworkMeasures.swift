import MeshworkCore

/// Measures of each period's network of a growth series that need the network itself: average
/// clustering over the present members, mean shortest-path length, and the modularity of its
/// Leiden partition.
///
/// Each period's network is built from its records
/// (``Community/memberNetwork(from:through:weighted:directed:)``), by the series' rule.
///
///     let series = GrowthSeries(period: .quarter).run(community)
///     let measures = GrowthNetworkMeasures(seed: 1).run(series)
///     measures.meanPathLength[p]
///
/// - Complexity: per period O(R + E) to build the network, plus triangle counting, the searches
///   (O(S · E) for S sources) and Leiden.
public struct GrowthNetworkMeasures: Sendable {
    /// The seed of the source sample and of Leiden.
    public var seed: UInt64
    /// Mean path lengths are exact from every present member up to this many members.
    public var exactPathLimit: Int
    /// Above `exactPathLimit` members, the sources sampled for the mean path length.
    public var sampledSources: Int
    /// The number of worker threads of the path searches (at least 1). Does not change the result.
    public var threads: Int

    public init(seed: UInt64, exactPathLimit: Int = 5000, sampledSources: Int = 500,
                threads: Int = Parallelism.defaultThreads) {
        self.seed = seed
        self.exactPathLimit = exactPathLimit
        self.sampledSources = sampledSources
        self.threads = max(1, threads)
    }

    /// The measures of every period of `series` (its cohort, if any, is ignored: every member
    /// counts); `order` is Leiden's vertex order (``Leiden/run(_:order:)``).
    public func run(_ series: GrowthSeries.Result, order: [VertexID]? = nil) -> Result {
        let records = series.records
        guard let periods = records.periods else { return Result(clustering: [], meanPathLength: [], modularity: []) }
        var clustering: [Double] = [], meanPath: [Double] = [], modularity: [Double] = []
        var rng = SplitMix64(seed: seed)
        for p in 0..<periods.count {
            let from = records.window.map { periods.startTime(max(0, p - $0 + 1)) }
            let graph = records.community.memberNetwork(from: from, through: periods.endTime(p), weighted: false).graph
            let present = (0..<graph.vertexCount).filter { records.presentFrom[$0] <= p }.map { VertexID($0) }
            let local = Clustering.local(graph, weighted: false)
            clustering.append(present.isEmpty ? .nan : present.reduce(0.0) { $0 + local[Int($1)] } / Double(present.count))
            var sources = present
            if sources.count > exactPathLimit {
                sources.shuffle(using: &rng)
                sources = Array(sources.prefix(sampledSources)).sorted()
            }
            let totals = Closeness(threads: threads).totals(graph, of: sources)
            let pairs = totals.reached.reduce(0) { $0 + $1 - 1 }
            meanPath.append(pairs == 0 ? .nan : totals.distanceSum.reduce(0, +) / Double(pairs))
            modularity.append(Leiden(seed: seed).run(graph, order: order).quality)
        }
        return Result(clustering: clustering, meanPathLength: meanPath, modularity: modularity)
    }
}

extension GrowthNetworkMeasures {
    /// The measures, one value per period.
    public struct Result: Sendable, Equatable {
        /// NetworkX `average_clustering` over the present members (isolated ones count 0); NaN
        /// without members.
        public var clustering: [Double]
        /// Mean hops over ordered pairs of present members joined by a path: exact from every
        /// present member up to `exactPathLimit` members, else estimated from `sampledSources`
        /// sampled sources; NaN without such a pair.
        public var meanPathLength: [Double]
        /// Modularity (resolution 1) of the Leiden partition (`seed`) of the period's network.
        public var modularity: [Double]
    }
}
