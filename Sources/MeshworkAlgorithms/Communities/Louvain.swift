import MeshworkCore

/// Louvain community detection: local moving, then aggregation of each community into one vertex,
/// repeated on the aggregated graph until no vertex moves.
///
///     let result = Louvain(resolution: 1, seed: 42).run(graph, order: labels.labelOrder())
///     result.partition.group[v]   // v's community
///     result.quality              // its modularity
///
/// Vertices are visited in a random order drawn from `seed` over `order` (default: id order), and
/// the local moves use a queue of the vertices whose neighbourhood changed. The queue alone can stop
/// short of a local optimum (a vertex is not revisited when a community it touches changes weight
/// through vertices that are not its neighbours), so each level repeats rounds of queued moving,
/// each starting from every vertex in a fresh random order, until a round moves nothing: the
/// stopping rule of Blondel et al.'s repeated sweeps (and igraph's and NetworkX's). Given the same
/// graph as seen in `order` and the same seed, the partition is the same on every run and machine:
/// pass the label order to make it independent of the input's line order.
///
/// Graphs of 50,000 vertices or 2^20 adjacency entries or more (each level's graph is judged by its
/// own size) move vertices block-synchronously on `threads` workers (``_LocalMoving``): the
/// partition is the same for any thread count, though not the one the sequential code would find.
///
/// - Complexity: O(E) per round in practice (each vertex is revisited only when a neighbour moves),
///   a few rounds per level; O(V + E) memory.
/// - Note: Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of communities in large
///   networks", J. Stat. Mech. P10008, 2008; the queue follows Traag, Waltman & van Eck, "From
///   Louvain to Leiden", Sci. Rep. 9:5233, 2019 (and Ozaki, Tezuka & Inaba 2016).
public struct Louvain: Sendable {
    /// γ: higher values give more, smaller communities.
    public var resolution: Double
    /// The seed of the visiting order.
    public var seed: UInt64
    /// The quality function optimised.
    public var quality: CommunityQuality
    /// Worker threads for graphs of 50,000 vertices or 2^20 adjacency entries or more; the result is
    /// the same for any count.
    public var threads: Int
    /// Graphs with at least this many vertices run block-synchronously (tests lower it), as do
    /// graphs of 2^20 adjacency entries or more.
    var minimumBlockedVertices = _BlockSchedule.defaultMinimumVertices

    public init(resolution: Double = 1, seed: UInt64 = 0, quality: CommunityQuality = .modularity,
                threads: Int = Parallelism.defaultThreads) {
        self.resolution = resolution
        self.seed = seed
        self.quality = quality
        self.threads = threads
    }

    /// At most this many rounds of local moving per level (each round strictly raises the quality;
    /// the cap only guards against floating-point ties cycling).
    static let maximumRounds = 64

    /// The communities, their quality and the run's counts (shared by every detection method).
    public typealias Result = CommunityResult

    /// Runs Louvain on an undirected graph (weights, when present, are tie strengths).
    public func run(_ graph: CSRGraph, order: [VertexID]? = nil) -> Result {
        let order = order ?? (0..<Int32(graph.vertexCount)).map { $0 }
        var level = _CommunityGraph(graph, order: order, quality: quality)
        let totalWeight = level.totalWeight
        let scale = _qualityScale(quality, resolution: resolution, totalWeight: totalWeight)
        var rng = SplitMix64(seed: seed)
        let schedule = _BlockSchedule(threads: threads, minimumVertices: minimumBlockedVertices)
        let mover = _LocalMoving(capacity: graph.vertexCount, entries: graph.targets.count, schedule: schedule)
        defer { mover.deallocate() }
        var final = (0..<Int32(level.vertexCount)).map { $0 }
        var scratch: [Int32] = []
        var levels = 0
        var moves = 0
        var rounds = 0
        while level.vertexCount > 1 {
            var membership = (0..<Int32(level.vertexCount)).map { $0 }
            let (moved, levelRounds) = Self.moveUntilStable(level, membership: &membership, scale: scale,
                                                            mover: mover, rng: &rng)
            rounds += levelRounds
            guard moved > 0 else { break }
            moves += moved
            let count = _renumber(&membership, scratch: &scratch)
            guard count < level.vertexCount else { break }
            levels += 1
            for i in 0..<final.count { final[i] = membership[Int(final[i])] }
            level = level.aggregated(membership: membership, count: count, schedule: schedule)
        }
        // The last graph has one vertex per community, so its own quality is the partition's.
        return CommunityResult(partition: _partition(membership: final, order: order),
                               quality: level.ownQuality(quality, resolution: resolution, totalWeight: totalWeight),
                               levels: levels, iterations: rounds, moves: moves)
    }
}

extension Louvain {
    /// One level's local moving: rounds of queued moves, each from every vertex, until a round
    /// moves none. The queue only revisits vertices whose neighbours moved, so a vertex can be
    /// left with a gainful move after a community it touches changed weight through others; the
    /// round that moves nothing certifies a local optimum for every single move, as Blondel et
    /// al.'s repeated sweeps do. Returns the moves and the rounds.
    static func moveUntilStable(_ level: _CommunityGraph, membership: inout [Int32], scale: Double,
                                mover: _LocalMoving, rng: inout SplitMix64) -> (moves: Int, rounds: Int) {
        var moves = 0
        for round in 1...maximumRounds {
            let moved = mover.run(level, membership: &membership, scale: scale, allowEmpty: false, rng: &rng)
            moves += moved
            if moved == 0 { return (moves, round) }
        }
        return (moves, maximumRounds)
    }
}

/// The factor of `k_v · K_C` in the move gain: γ / 2m for modularity, γ for CPM.
func _qualityScale(_ quality: CommunityQuality, resolution: Double, totalWeight: Double) -> Double {
    switch quality {
    case .modularity: return totalWeight > 0 ? resolution / (2 * totalWeight) : 0
    case .cpm: return resolution
    }
}
