#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MeshworkCore

/// Leiden community detection: fast local moving, then a refinement that splits each community
/// into well-connected pieces, then aggregation of the refined pieces (the communities of the
/// aggregated graph start from the unrefined ones). Every community it returns is connected.
///
///     let result = Leiden(resolution: 1, seed: 42).run(graph, order: labels.labelOrder())
///
/// One iteration runs the phases until the aggregated graph stops shrinking; further iterations
/// start again from the partition found (`iterations: 2` is igraph's default; a negative value
/// iterates until an iteration changes nothing). In the refinement a vertex joins a piece `T` of
/// its community with probability proportional to `exp(gain / randomness)`, gains measured in
/// units of edge weight as in igraph (`randomness` = leidenalg's and igraph's β = 0.01).
///
/// Graphs of 50,000 vertices or 2^20 adjacency entries or more (each level's graph is judged by its
/// own size) move vertices block-synchronously on `threads` workers (``_LocalMoving``; a sweep that
/// moves under 1% of the vertices ends the local moving) and aggregate in parallel: the partition is
/// the same for any thread count, though not the one the sequential code would find.
///
/// - Complexity: O(E) per level and iteration in practice; O(V + E) memory.
/// - Note: Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing well-connected
///   communities", Sci. Rep. 9:5233, 2019.
public struct Leiden: Sendable {
    /// γ: higher values give more, smaller communities.
    public var resolution: Double
    /// The seed of the visiting orders and of the refinement's random choices.
    public var seed: UInt64
    /// The quality function optimised.
    public var quality: CommunityQuality
    /// Iterations; negative means until an iteration changes nothing.
    public var iterations: Int
    /// β of the refinement's random merges.
    public var randomness: Double
    /// Worker threads for graphs of 50,000 vertices or 2^20 adjacency entries or more; the result is
    /// the same for any count.
    public var threads: Int
    /// Graphs with at least this many vertices run block-synchronously (tests lower it), as do
    /// graphs of 2^20 adjacency entries or more.
    var minimumBlockedVertices = _BlockSchedule.defaultMinimumVertices

    public init(resolution: Double = 1, seed: UInt64 = 0, quality: CommunityQuality = .modularity,
                iterations: Int = 2, randomness: Double = 0.01, threads: Int = Parallelism.defaultThreads) {
        self.resolution = resolution
        self.seed = seed
        self.quality = quality
        self.iterations = iterations
        self.randomness = randomness
        self.threads = threads
    }

    /// The communities, their quality and the run's counts (shared by every detection method).
    public typealias Result = CommunityResult

    /// Runs Leiden on an undirected graph (weights, when present, are tie strengths).
    ///
    /// With `initial`, the first local moving starts from that partition instead of singletons
    /// (a warm start, e.g. from the previous period's partition of a growing network): each group
    /// split into its connected pieces in `graph`, a vertex without a group alone. The phases are
    /// otherwise the same, so every community returned is connected, as from singletons.
    ///
    /// With a `frontier` as well (a dynamic frontier: Sahu, "DF Leiden", 2024), the first local
    /// moving of the first iteration queues only the frontier's vertices, e.g. the ends of the ties
    /// added or removed since `initial` was found; a vertex that moves queues its neighbours
    /// outside its new community, as always. Refinement and aggregation are Leiden's, so every
    /// community stays connected. With an empty frontier (no tie changed), the starting partition
    /// (the connected pieces of `initial`) is returned as it is. A frontier of every vertex gives
    /// the same result as none.
    /// - Precondition: `initial`, when given, has a group (or unknown) for every vertex; a frontier
    ///   needs an `initial` partition.
    public func run(_ graph: CSRGraph, order: [VertexID]? = nil, initial: Partition? = nil,
                    frontier: [VertexID]? = nil) -> Result {
        precondition(frontier == nil || initial != nil, "a frontier continues from an initial partition")
        let order = order ?? (0..<Int32(graph.vertexCount)).map { $0 }
        let base = _CommunityGraph(graph, order: order, quality: quality)
        let totalWeight = base.totalWeight
        let scale = _qualityScale(quality, resolution: resolution, totalWeight: totalWeight)
        var value = base.ownQuality(quality, resolution: resolution, totalWeight: totalWeight)
        var rng = SplitMix64(seed: seed)
        let schedule = _BlockSchedule(threads: threads, minimumVertices: minimumBlockedVertices)
        let mover = _LocalMoving(capacity: graph.vertexCount, entries: graph.targets.count, schedule: schedule)
        defer { mover.deallocate() }
        let refiner = _Refinement(capacity: graph.vertexCount, entries: graph.targets.count, schedule: schedule)
        defer { refiner.deallocate() }
        var membership = (0..<Int32(base.vertexCount)).map { $0 }
        var scratch: [Int32] = []
        if let initial { membership = Self.startingMembership(graph, initial: initial, order: order) }
        // The frontier by position in `order` (the base graph's numbering).
        var frontierFlags: [Bool]? = nil
        if let frontier {
            var marked = [Bool](repeating: false, count: graph.vertexCount)
            for v in frontier { marked[Int(v)] = true }
            frontierFlags = order.map { marked[Int($0)] }
        }
        var levels = 0
        var moves = 0
        var iteration = 0
        while iterations < 0 || iteration < iterations {
            iteration += 1
            var level = base
            var levelMembership = membership
            var vertexOf = (0..<Int32(base.vertexCount)).map { $0 }  // base vertex -> level vertex
            var iterationMoves = 0
            while true {
                let levelFrontier = levels == 0 && iteration == 1 ? frontierFlags : nil
                let moved = mover.run(level, membership: &levelMembership, scale: scale, allowEmpty: true,
                                      settledShare: _BlockSchedule.minimumMovesShare, frontier: levelFrontier, rng: &rng)
                iterationMoves += moved
                let count = _renumber(&levelMembership, scratch: &scratch)
                if count == level.vertexCount { break }
                if levelFrontier != nil && frontier?.isEmpty == true {
                    // No tie changed: the starting partition stands.
                    vertexOf = levelMembership
                    level = level.aggregated(membership: levelMembership, count: count, schedule: schedule)
                    levelMembership = (0..<Int32(count)).map { $0 }
                    break
                }
                var refined = refiner.run(level, membership: levelMembership, scale: scale,
                                          randomness: randomness, rng: &rng)
                var refinedCount = _renumber(&refined, scratch: &scratch)
                if refinedCount == level.vertexCount {
                    // The refinement merged nothing: aggregate by the communities themselves.
                    refined = levelMembership
                    refinedCount = count
                }
                var next = [Int32](repeating: 0, count: refinedCount)
                for v in 0..<level.vertexCount { next[Int(refined[v])] = levelMembership[v] }
                for i in 0..<vertexOf.count { vertexOf[i] = refined[Int(vertexOf[i])] }
                level = level.aggregated(membership: refined, count: refinedCount, schedule: schedule)
                levelMembership = next
                levels += 1
            }
            for i in 0..<membership.count { membership[i] = levelMembership[Int(vertexOf[i])] }
            // The last graph has one vertex per community, so its own quality is the partition's.
            value = level.ownQuality(quality, resolution: resolution, totalWeight: totalWeight)
            moves += iterationMoves
            if iterationMoves == 0 { break }
        }
        return CommunityResult(partition: _partition(membership: membership, order: order), quality: value,
                               levels: levels, iterations: iteration, moves: moves)
    }

    /// The membership (by position in `order`) of the connected pieces of `initial`'s groups:
    /// one breadth-first search per piece over the ties inside a group; a vertex without a group
    /// is a piece alone. Pieces are numbered by first appearance in `order`.
    /// - Complexity: O(V + E).
    private static func startingMembership(_ graph: CSRGraph, initial: Partition, order: [VertexID]) -> [Int32] {
        let n = graph.vertexCount
        precondition(initial.vertexCount == n, "an initial group for every vertex")
        var piece = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var count: Int32 = 0
        for s in order where piece[Int(s)] < 0 {
            piece[Int(s)] = count
            let g = initial.group[Int(s)]
            if g >= 0 {
                queue[0] = s
                var head = 0, tail = 1
                while head < tail {
                    let u = queue[head]; head += 1
                    for q in graph.row(u) {
                        let v = graph.targets[q]
                        if piece[Int(v)] < 0 && initial.group[Int(v)] == g { piece[Int(v)] = count; queue[tail] = v; tail += 1 }
                    }
                }
            }
            count += 1
        }
        return order.map { piece[Int($0)] }
    }
}
