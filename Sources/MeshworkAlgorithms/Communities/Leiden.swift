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

    public init(resolution: Double = 1, seed: UInt64 = 0, quality: CommunityQuality = .modularity,
                iterations: Int = 2, randomness: Double = 0.01) {
        self.resolution = resolution
        self.seed = seed
        self.quality = quality
        self.iterations = iterations
        self.randomness = randomness
    }

    /// Runs Leiden on an undirected graph (weights, when present, are tie strengths).
    public func run(_ graph: CSRGraph, order: [Int32]? = nil) -> CommunityResult {
        let order = order ?? (0..<Int32(graph.vertexCount)).map { $0 }
        let base = _CommunityGraph(graph, order: order, quality: quality)
        let totalWeight = base.totalWeight
        let scale = _qualityScale(quality, resolution: resolution, totalWeight: totalWeight)
        var value = base.ownQuality(quality, resolution: resolution, totalWeight: totalWeight)
        var rng = SplitMix64(seed: seed)
        let mover = _LocalMoving(capacity: graph.vertexCount)
        defer { mover.deallocate() }
        var refiner = _Refinement()
        var membership = (0..<Int32(base.vertexCount)).map { $0 }
        var scratch: [Int32] = []
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
                iterationMoves += mover.run(level, membership: &levelMembership, scale: scale,
                                            allowEmpty: true, rng: &rng)
                let count = _renumber(&levelMembership, scratch: &scratch)
                if count == level.vertexCount { break }
                var refined = refiner.run(level, membership: levelMembership, communityCount: count,
                                          scale: scale, randomness: randomness, rng: &rng)
                var refinedCount = _renumber(&refined, scratch: &scratch)
                if refinedCount == level.vertexCount {
                    // The refinement merged nothing: aggregate by the communities themselves.
                    refined = levelMembership
                    refinedCount = count
                }
                var next = [Int32](repeating: 0, count: refinedCount)
                for v in 0..<level.vertexCount { next[Int(refined[v])] = levelMembership[v] }
                for i in 0..<vertexOf.count { vertexOf[i] = refined[Int(vertexOf[i])] }
                level = level.aggregated(membership: refined, count: refinedCount)
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
}

/// Leiden's refinement phase: within each community, singleton vertices that are well connected to
/// it merge, in random order, into well-connected pieces of the same community, chosen at random
/// with probability growing with the quality gain. Pieces are therefore connected.
///
/// - Complexity: O(V + E) per call; scratch allocated once and reused.
struct _Refinement {
    private var pieceWeight: [Double] = []
    private var pieceExternal: [Double] = []
    private var communityWeight: [Double] = []
    private var isSingleton: [Bool] = []
    private var neighbourWeight: [Double] = []
    private var stamp: [Int32] = []
    private var touched: [Int32] = []
    private var chance: [Double] = []

    /// Returns the refined membership: piece ids are vertex ids (a non-empty piece contains the
    /// vertex whose id it has).
    mutating func run(_ graph: _CommunityGraph, membership: [Int32], communityCount: Int, scale: Double,
                      randomness: Double, rng: inout SplitMix64) -> [Int32] {
        let n = graph.vertexCount
        var refined = (0..<Int32(n)).map { $0 }
        if stamp.count < n {
            pieceWeight = [Double](repeating: 0, count: n)
            pieceExternal = [Double](repeating: 0, count: n)
            communityWeight = [Double](repeating: 0, count: n)
            isSingleton = [Bool](repeating: true, count: n)
            neighbourWeight = [Double](repeating: 0, count: n)
            stamp = [Int32](repeating: -1, count: n)
        }
        for v in 0..<n {
            communityWeight[v] = 0
            isSingleton[v] = true
            stamp[v] = -1
        }
        for v in 0..<n {
            pieceWeight[v] = graph.nodeWeight[v]
            communityWeight[Int(membership[v])] += graph.nodeWeight[v]
            var external = 0.0
            for p in Int(graph.offsets[v])..<Int(graph.offsets[v + 1])
            where membership[Int(graph.targets[p])] == membership[v] {
                external += graph.weights[p]
            }
            pieceExternal[v] = external
        }
        let order = _shuffledVertices(n, &rng)
        for v32 in order {
            let v = Int(v32)
            guard isSingleton[v] else { continue }
            let community = membership[v]
            let kv = graph.nodeWeight[v]
            let total = communityWeight[Int(community)]
            // v itself must be well connected to the rest of its community.
            guard pieceExternal[v] >= scale * kv * (total - kv) else { continue }
            for p in Int(graph.offsets[v])..<Int(graph.offsets[v + 1]) {
                let t = Int(graph.targets[p])
                guard membership[t] == community else { continue }
                let piece = Int(refined[t])
                if stamp[piece] != Int32(v) {
                    stamp[piece] = Int32(v)
                    neighbourWeight[piece] = 0
                    touched.append(Int32(piece))
                }
                neighbourWeight[piece] += graph.weights[p]
            }
            // Candidates: well-connected pieces with a non-negative gain; staying alone gains 0.
            var bestGain = 0.0
            chance.removeAll(keepingCapacity: true)
            var candidates = 0
            for i in 0..<touched.count {
                let piece = touched[i]
                let c = Int(piece)
                let gain = neighbourWeight[c] - scale * kv * pieceWeight[c]
                let wellConnected = pieceExternal[c] >= scale * pieceWeight[c] * (total - pieceWeight[c])
                if gain >= 0 && wellConnected {
                    touched[candidates] = piece
                    chance.append(gain)
                    candidates += 1
                    bestGain = max(bestGain, gain)
                }
            }
            touched.removeSubrange(candidates...)
            // Staying alone (gain 0) is a candidate too, with the last slot.
            var sum = exp((0 - bestGain) / randomness)
            for i in 0..<candidates {
                chance[i] = exp((chance[i] - bestGain) / randomness)
                sum += chance[i]
            }
            var draw = rng.unit() * sum
            var chosen = v
            for i in 0..<candidates {
                draw -= chance[i]
                if draw < 0 { chosen = Int(touched[i]); break }
            }
            if chosen != v {
                refined[v] = Int32(chosen)
                pieceWeight[chosen] += kv
                pieceExternal[chosen] += pieceExternal[v] - 2 * neighbourWeight[chosen]
                pieceWeight[v] = 0
                isSingleton[v] = false
                isSingleton[chosen] = false
            }
            touched.removeAll(keepingCapacity: true)
        }
        return refined
    }
}
