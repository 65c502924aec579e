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
    /// split into its connected pieces in `graph` (unless `initialIsConnected` says they are
    /// connected already: the previous Leiden communities of a network that has only gained ties),
    /// a vertex without a group alone. Then, as in Sahu's dynamic Leiden (arXiv:2405.11658, 2024),
    /// the first refinement refines only the communities that the first local moving changed
    /// (gained or lost a vertex); every other community stays one piece. With `refineMovedOnly` it
    /// refines only the vertices that the first local moving moved: the others keep their starting
    /// community as one piece (or, where the vertices that left disconnected it, its connected
    /// pieces), which the moved ones may join. That is cheaper still, and the first level's pieces
    /// are larger, so the aggregated graph is smaller; but a community can then split only vertex
    /// by vertex, so it suits a network that changed little since `initial`, and it applies only to
    /// a block-synchronous graph (on small ones it lost up to 0.02 of modularity for little time).
    /// And the run stops at the first block-synchronous aggregated level (``_BlockSchedule``) whose
    /// local moving moves fewer than 1% of its vertices with a tie
    /// (``_BlockSchedule/minimumMovesShare``): its communities, split into connected pieces, stand,
    /// instead of being refined and merged back level after level. Every community returned is
    /// connected, as from singletons.
    ///
    /// With a `frontier` as well (a dynamic frontier: Sahu, "DF Leiden", 2024), the first local
    /// moving of the first iteration queues only the frontier's vertices, e.g. the ends of the ties
    /// added or removed since `initial` was found; a vertex that moves queues its neighbours
    /// outside its new community, as always. With an empty frontier (no tie changed), the starting
    /// partition (the connected pieces of `initial`) is returned as it is. A frontier of every
    /// vertex gives the same result as none.
    /// - Precondition: `initial`, when given, has a group (or unknown) for every vertex; a frontier
    ///   needs an `initial` partition.
    public func run(_ graph: CSRGraph, order: [VertexID]? = nil, initial: Partition? = nil,
                    initialIsConnected: Bool = false, frontier: [VertexID]? = nil,
                    refineMovedOnly: Bool = false) -> Result {
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
        if let initial {
            membership = Self.startingMembership(graph, initial: initial, order: order, split: !initialIsConnected)
        }
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
            // The pieces' count once a warm start has settled (see below).
            var settledCount: Int? = nil
            while true {
                let levelFrontier = levels == 0 && iteration == 1 ? frontierFlags : nil
                let warmStart = initial != nil && levels == 0 && iteration == 1
                let starting = warmStart ? levelMembership : []
                let moved = mover.run(level, membership: &levelMembership, scale: scale, allowEmpty: true,
                                      settledShare: _BlockSchedule.minimumMovesShare, frontier: levelFrontier, rng: &rng)
                iterationMoves += moved
                // A warm start refines only what the local moving changed (below).
                let kept = warmStart
                    ? Self.keptPieces(level, from: starting, to: levelMembership,
                                      movedOnly: refineMovedOnly && schedule.isBlocked(level.vertexCount, entries: level.targets.count))
                    : nil
                let count = _renumber(&levelMembership, scratch: &scratch)
                if count == level.vertexCount { break }
                if initial != nil && iteration == 1 && levels > 0
                    && schedule.isBlocked(level.vertexCount, entries: level.targets.count)
                    && Double(moved) < _BlockSchedule.minimumMovesShare * Double(level.tiedVertexCount) {
                    // A warm start that has settled on a large level: its communities (split into
                    // connected pieces) stand without the last levels' refinements, which would
                    // merge them back. (On small graphs those levels still gain: up to 0.014 on a
                    // 200-member contact network.)
                    let pieces = Self.connectedPieces(offsets: level.offsets, targets: level.targets,
                                                      group: levelMembership, order: nil)
                    levelMembership = pieces.piece
                    settledCount = pieces.count
                    break
                }
                if levelFrontier != nil && frontier?.isEmpty == true {
                    // No tie changed: the starting partition stands.
                    vertexOf = levelMembership
                    level = level.aggregated(membership: levelMembership, count: count, schedule: schedule)
                    levelMembership = (0..<Int32(count)).map { $0 }
                    break
                }
                var refined = refiner.run(level, membership: levelMembership, scale: scale,
                                          randomness: randomness, kept: kept, rng: &rng)
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
            // The last graph has one vertex per community, so its own quality is the partition's
            // (unless a warm start settled first).
            value = settledCount.map {
                level.quality(quality, of: levelMembership, count: $0, resolution: resolution, totalWeight: totalWeight)
            } ?? level.ownQuality(quality, resolution: resolution, totalWeight: totalWeight)
            moves += iterationMoves
            if iterationMoves == 0 { break }
        }
        return CommunityResult(partition: _partition(membership: membership, order: order), quality: value,
                               levels: levels, iterations: iteration, moves: moves)
    }

    /// Per vertex of a warm start's first level, the piece it keeps in the first refinement, or -1
    /// for a vertex refined alone; `before` and `after` are the memberships before and after the
    /// first local moving (the same community ids). With `movedOnly`, the vertices that moved are
    /// refined, and the ones that stayed in their starting community (connected) keep it as one
    /// piece, or, in a community that lost a vertex, its connected pieces among them. Without, a
    /// community that gained or lost a vertex is refined whole and every other one kept. A piece
    /// is named by its first vertex.
    /// - Complexity: O(V), plus with `movedOnly` the rows of the vertices that stayed in a
    ///   community that lost one.
    static func keptPieces(_ level: _CommunityGraph, from before: [Int32], to after: [Int32],
                           movedOnly: Bool) -> [Int32] {
        let n = before.count
        var lost = [Bool](repeating: false, count: n)
        var gained = [Bool](repeating: false, count: n)
        for v in 0..<n where before[v] != after[v] { lost[Int(before[v])] = true; gained[Int(after[v])] = true }
        var kept = [Int32](repeating: -1, count: n)
        var first = [Int32](repeating: -1, count: n)
        var split = [Int32](repeating: -1, count: n)
        var splitting = false
        for v in 0..<n where before[v] == after[v] {
            let c = Int(after[v])
            if !movedOnly && (lost[c] || gained[c]) { continue }
            if lost[c] { split[v] = Int32(c); splitting = true; continue }
            if first[c] < 0 { first[c] = Int32(v) }
            kept[v] = first[c]
        }
        guard splitting else { return kept }
        // A piece is named by its first vertex, the one its search started from.
        let pieces = connectedPieces(offsets: level.offsets, targets: level.targets, group: split, order: nil)
        var root = [Int32](repeating: -1, count: pieces.count)
        for v in 0..<n where split[v] >= 0 {
            let piece = Int(pieces.piece[v])
            if root[piece] < 0 { root[piece] = Int32(v) }
            kept[v] = root[piece]
        }
        return kept
    }

    /// The membership (by position in `order`) of the connected pieces of `initial`'s groups in
    /// `graph` (``connectedPieces(offsets:targets:group:order:)``), or without `split`, of its
    /// groups as they are; a vertex without a group alone. Numbered by first appearance in `order`.
    /// - Complexity: O(V + E), O(V) without `split`.
    private static func startingMembership(_ graph: CSRGraph, initial: Partition, order: [VertexID],
                                           split: Bool) -> [Int32] {
        precondition(initial.vertexCount == graph.vertexCount, "an initial group for every vertex")
        if split {
            let piece = connectedPieces(offsets: graph.offsets, targets: graph.targets, group: initial.group,
                                        order: order).piece
            return order.map { piece[Int($0)] }
        }
        var number = [Int32](repeating: -1, count: initial.groupCount)
        var count: Int32 = 0
        return order.map { v in
            let g = Int(initial.group[Int(v)])
            if g < 0 { count += 1; return count - 1 }
            if number[g] < 0 { number[g] = count; count += 1 }
            return number[g]
        }
    }

    /// Each vertex's connected piece of its group (`group[v]`, negative: alone), by one
    /// breadth-first search per piece over the ties inside a group, and the number of pieces.
    /// Pieces are numbered by first appearance in `order` (`nil`: `0..<V`).
    /// - Complexity: O(V + E).
    static func connectedPieces(offsets: [Int32], targets: [Int32], group: [Int32], order: [Int32]?)
        -> (piece: [Int32], count: Int) {
        let n = group.count
        var piece = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        // Each vertex's group until a search finds it (then -1), so each tie costs one look-up.
        var unfound = group
        var count: Int32 = 0
        for position in 0..<n {
            let s = order?[position] ?? Int32(position)
            guard piece[Int(s)] < 0 else { continue }
            piece[Int(s)] = count
            let g = unfound[Int(s)]
            unfound[Int(s)] = -1
            if g >= 0 {
                queue[0] = s
                var head = 0, tail = 1
                while head < tail {
                    let u = Int(queue[head]); head += 1
                    for q in Int(offsets[u])..<Int(offsets[u + 1]) {
                        let v = Int(targets[q])
                        guard unfound[v] == g else { continue }
                        unfound[v] = -1
                        piece[v] = count
                        queue[tail] = Int32(v); tail += 1
                    }
                }
            }
            count += 1
        }
        return (piece, Int(count))
    }
}
