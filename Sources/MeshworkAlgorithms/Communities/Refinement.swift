#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MeshworkCore

/// Leiden's refinement phase: within each community, singleton vertices that are well connected to
/// it merge, in random order, into well-connected pieces of the same community, chosen at random
/// with probability proportional to `exp(gain / randomness)` among the pieces with a non-negative
/// gain (staying alone gains 0). Pieces are therefore connected.
///
/// The scratch is allocated once for the largest graph and reused across levels and iterations;
/// call ``deallocate()`` when done. A candidate whose weight `exp((gain − best) / randomness)` is
/// below e⁻⁴⁰ (about 4 · 10⁻¹⁸ of the best's) is given weight 0 without calling `exp`.
///
/// Graphs of at least `schedule.minimumVertices` vertices are refined block-synchronously on the
/// schedule's threads (``_BlockSchedule``): the workers choose each block's merges against the
/// pieces at the block's start (vertex `v`'s draw from its own stream, split by `v`), and the
/// calling thread applies them in block order, each only if `v` is still alone and the chosen piece,
/// with the contact weight corrected for the merges made earlier in the block, is still touched,
/// well connected and of non-negative gain; otherwise `v` stays alone. Pieces stay connected and
/// the result does not depend on the thread count.
///
/// - Complexity: O(V + E) per call.
/// - Note: Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing well-connected
///   communities", Sci. Rep. 9:5233, 2019 (Algorithm A.2, RefinePartition and MergeNodesSubset).
struct _Refinement {
    private let capacity: Int
    private let pieceWeight: UnsafeMutablePointer<Double>
    private let pieceExternal: UnsafeMutablePointer<Double>
    private let communityWeight: UnsafeMutablePointer<Double>
    private let isSingleton: UnsafeMutablePointer<Bool>
    /// Per piece: the weight from the vertex being visited, one set per worker (the sequential
    /// code uses the first).
    private let neighbourWeights: _WorkerSums<Double>
    private let chance: UnsafeMutablePointer<Double>
    private let schedule: _BlockSchedule
    /// The block-synchronous scratch, when the largest graph is large enough to use it.
    private let blocks: _BlockState?
    /// Per vertex, for the block-synchronous path: its community, its piece and its position in the
    /// current block together, so that the workers' per-tie look-up is one memory access.
    private let entries: UnsafeMutablePointer<_RefinementEntry>?

    /// Scratch for graphs of up to `capacity` vertices; `entries` (the largest graph's adjacency
    /// entries) and `schedule` say whether it needs the block-synchronous scratch.
    init(capacity: Int, entries: Int = 0, schedule: _BlockSchedule = _BlockSchedule(threads: 1)) {
        let n = max(1, capacity)
        self.capacity = n
        self.schedule = schedule
        blocks = schedule.isBlocked(n, entries: entries) ? _BlockState(capacity: n, schedule: schedule) : nil
        self.entries = blocks == nil ? nil : .allocate(capacity: n)
        pieceWeight = .allocate(capacity: n)
        pieceExternal = .allocate(capacity: n)
        communityWeight = .allocate(capacity: n)
        isSingleton = .allocate(capacity: n)
        neighbourWeights = _WorkerSums(workers: blocks?.workers ?? 1, capacity: n)
        chance = .allocate(capacity: n)
    }

    func deallocate() {
        pieceWeight.deallocate(); pieceExternal.deallocate(); communityWeight.deallocate()
        isSingleton.deallocate(); neighbourWeights.deallocate(); chance.deallocate()
        blocks?.deallocate()
        entries?.deallocate()
    }

    /// Returns the refined membership: piece ids are vertex ids (a non-empty piece contains the
    /// vertex whose id it has).
    ///
    /// With `kept`, a vertex `v` with `kept[v] >= 0` starts in the piece named `kept[v]` (a vertex
    /// of the same community in that piece) and stays there; only the vertices marked -1 are
    /// refined, as singletons that may join a kept piece of their community or each other. A kept
    /// piece should be connected. The random order is drawn as without it.
    func run(_ graph: _CommunityGraph, membership: [Int32], scale: Double, randomness: Double,
             kept: [Int32]? = nil, rng: inout SplitMix64) -> [Int32] {
        let n = graph.vertexCount
        precondition(n <= capacity, "scratch too small")
        precondition(kept == nil || kept!.count == n, "a piece or -1 for every vertex")
        var refined = kept.map { kept in (0..<Int32(n)).map { kept[Int($0)] >= 0 ? kept[Int($0)] : $0 } }
            ?? (0..<Int32(n)).map { $0 }
        let order = _shuffledVertices(n, &rng)
        graph.withView { g in
            membership.withUnsafeBufferPointer { membership in
                refined.withUnsafeMutableBufferPointer { refined in
                    if let blocks, let entries, schedule.isBlocked(n, entries: graph.targets.count) {
                        blockedRefine(g, n: n, membership: membership, refined: refined, order: order, scale: scale,
                                      randomness: randomness, kept: kept, draws: rng.split(UInt64(n)),
                                      blocks: blocks, entry: entries)
                        return
                    }
                    refine(g, n: n, membership: membership, refined: refined, order: order, scale: scale,
                           randomness: randomness, kept: kept, rng: &rng)
                }
            }
        }
        return refined
    }

    /// The kept pieces' weights (every piece's, 0 for a vertex refined alone) and, in each
    /// community with a vertex to refine, their weight to the rest of the community
    /// (`pieceExternal`, 0 elsewhere), on `blocks`' workers when given. `refined` names each kept
    /// vertex's piece and each other vertex itself.
    /// - Complexity: O(V) plus the rows of the kept vertices in communities with a vertex to refine.
    private func startKeptPieces(_ g: _CommunityView, n: Int, membership: UnsafeBufferPointer<Int32>,
                                 refined: UnsafeMutableBufferPointer<Int32>, kept: [Int32], blocks: _BlockState?) {
        pieceWeight.initialize(repeating: 0, count: n)
        pieceExternal.initialize(repeating: 0, count: n)
        // Per community: whether it has a vertex to refine.
        var open = [Bool](repeating: false, count: n)
        for v in 0..<n {
            pieceWeight[Int(refined[v])] += g.nodeWeight[v]
            if kept[v] < 0 { open[Int(membership[v])] = true }
        }
        var external = [Double](repeating: 0, count: n)
        external.withUnsafeMutableBufferPointer { buffer in
            let external = buffer
            open.withUnsafeBufferPointer { open in
            kept.withUnsafeBufferPointer { kept in
                let body = { (_: Int, task: Int) in
                    for v in (task * 1024)..<min(n, (task + 1) * 1024) where kept[v] >= 0 {
                        let community = membership[v]
                        guard open[Int(community)] else { continue }
                        let piece = refined[v]
                        var sum = 0.0
                        for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) {
                            let t = Int(g.targets[p])
                            if membership[t] == community && refined[t] != piece { sum += g.weights.isEmpty ? 1 : g.weights[p] }
                        }
                        external[v] = sum
                    }
                }
                let tasks = (n + 1023) / 1024
                if let blocks { blocks.parallel(tasks: tasks, body) } else { for task in 0..<tasks { body(0, task) } }
            }}
            for v in 0..<n where external[v] != 0 { pieceExternal[Int(refined[v])] += external[v] }
        }
    }

    private func refine(_ g: _CommunityView, n: Int, membership: UnsafeBufferPointer<Int32>,
                        refined: UnsafeMutableBufferPointer<Int32>, order: [Int32], scale: Double,
                        randomness: Double, kept: [Int32]?, rng: inout SplitMix64) {
        communityWeight.initialize(repeating: 0, count: n)
        isSingleton.initialize(repeating: true, count: n)
        if let kept { startKeptPieces(g, n: n, membership: membership, refined: refined, kept: kept, blocks: nil) }
        for v in 0..<n {
            communityWeight[Int(membership[v])] += g.nodeWeight[v]
            if let kept, kept[v] >= 0 { isSingleton[v] = false; continue }
            pieceWeight[v] = g.nodeWeight[v]
            var external = 0.0
            for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) where membership[Int(g.targets[p])] == membership[v] {
                external += g.weights.isEmpty ? 1 : g.weights[p]
            }
            pieceExternal[v] = external
        }
        var neighbours = neighbourWeights[0]
        let touched = neighbours.touched
        for v32 in order {
            let v = Int(v32)
            guard isSingleton[v] else { continue }
            let community = membership[v]
            let kv = g.nodeWeight[v]
            let total = communityWeight[Int(community)]
            // v itself must be well connected to the rest of its community.
            guard pieceExternal[v] >= scale * kv * (total - kv) else { continue }
            for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) {
                let t = Int(g.targets[p])
                guard membership[t] == community else { continue }
                neighbours.add(g.weights.isEmpty ? 1 : g.weights[p], to: Int(refined[t]))
            }
            // Candidates: well-connected pieces with a non-negative gain; staying alone gains 0.
            // They are moved to the front of the touched list, in contact order.
            var best = 0.0
            var candidates = 0
            for i in 0..<neighbours.count {
                let piece = Int(touched[i])
                let gain = neighbours[piece] - scale * kv * pieceWeight[piece]
                let wellConnected = pieceExternal[piece] >= scale * pieceWeight[piece] * (total - pieceWeight[piece])
                if gain >= 0 && wellConnected {
                    neighbours.swapTouched(i, candidates)
                    chance[candidates] = gain
                    candidates += 1
                    best = max(best, gain)
                }
            }
            guard candidates > 0 else { neighbours.clear(); continue }
            // Staying alone (gain 0) is a candidate too, in the last slot.
            func weight(_ gain: Double) -> Double {
                let exponent = (gain - best) / randomness
                return exponent < -40 ? 0 : exp(exponent)
            }
            var sum = weight(0)
            for i in 0..<candidates {
                chance[i] = weight(chance[i])
                sum += chance[i]
            }
            var draw = rng.unit() * sum
            var chosen = v
            for i in 0..<candidates {
                draw -= chance[i]
                if draw < 0 { chosen = Int(touched[i]); break }
            }
            let chosenWeight = neighbours[chosen]
            neighbours.clear()
            guard chosen != v else { continue }
            refined[v] = Int32(chosen)
            pieceWeight[chosen] += kv
            pieceExternal[chosen] += pieceExternal[v] - 2 * chosenWeight
            pieceWeight[v] = 0
            isSingleton[v] = false
            isSingleton[chosen] = false
        }
    }
}

extension _Refinement {
    /// The block-synchronous refinement (see the type's summary).
    private func blockedRefine(_ g: _CommunityView, n: Int, membership: UnsafeBufferPointer<Int32>,
                               refined: UnsafeMutableBufferPointer<Int32>, order: [Int32], scale: Double,
                               randomness: Double, kept: [Int32]?, draws: SplitMix64, blocks: _BlockState,
                               entry: UnsafeMutablePointer<_RefinementEntry>) {
        let chunk = _BlockSchedule.chunk
        let pieceWeight = self.pieceWeight, pieceExternal = self.pieceExternal
        let communityWeight = self.communityWeight, isSingleton = self.isSingleton
        let refinedBase = refined.baseAddress!
        communityWeight.initialize(repeating: 0, count: n)
        isSingleton.initialize(repeating: true, count: n)
        if let kept { startKeptPieces(g, n: n, membership: membership, refined: refined, kept: kept, blocks: blocks) }
        for v in 0..<n {
            communityWeight[Int(membership[v])] += g.nodeWeight[v]
            entry[v] = _RefinementEntry(community: membership[v], piece: refinedBase[v], slot: -1)
            if let kept, kept[v] >= 0 { isSingleton[v] = false } else { pieceWeight[v] = g.nodeWeight[v] }
        }
        // Each vertex's weight to the rest of its community, on the workers (one slot each); the
        // 4-byte memberships are a quarter of the entries' cache footprint.
        blocks.parallel(tasks: (n + 1023) / 1024) { _, task in
            for v in (task * 1024)..<min(n, (task + 1) * 1024) where isSingleton[v] {
                var external = 0.0
                let community = membership[v]
                for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) where membership[Int(g.targets[p])] == community {
                    external += g.weights.isEmpty ? 1 : g.weights[p]
                }
                pieceExternal[v] = external
            }
        }
        let list = blocks.list, scratch = blocks.scratch
        let target = blocks.target, targetWeight = blocks.targetWeight
        let recordWorker = blocks.recordWorker, recordStart = blocks.recordStart, recordCount = blocks.recordCount
        let movedFrom = blocks.movedFrom
        let count = order.withUnsafeBufferPointer { order in
            blocks.nextSweep(order: order, first: true,
                             frontier: kept == nil ? nil : UnsafeBufferPointer(start: isSingleton, count: n))
        }
        let blockSize = _BlockSchedule.blockSize(n, entries: g.targets.count)
        var start = 0
        while start < count {
            let size = min(blockSize, count - start)
            for i in 0..<size { entry[Int(list[start + i])].slot = Int32(i) }
            blocks.parallel(tasks: (size + chunk - 1) / chunk) { worker, task in
                let own = scratch + worker
                var neighbours = neighbourWeights[worker]
                let touched = neighbours.touched
                let taskEnd = min(size, (task + 1) * chunk)
                for i in (task * chunk)..<taskEnd {
                    let v = Int(list[start + i])
                    g.prefetchAhead(list + start, i, end: taskEnd, entries: entry, sums: neighbours.weight,
                                    groupWeight: pieceWeight, groupExternal: pieceExternal)
                    target[i] = Int32(v)
                    recordCount[i] = 0
                    guard isSingleton[v] else { continue }
                    let community = membership[v]
                    let kv = g.nodeWeight[v]
                    let total = communityWeight[Int(community)]
                    guard pieceExternal[v] >= scale * kv * (total - kv) else { continue }
                    let rowStart = Int(g.offsets[v]), rowEnd = Int(g.offsets[v + 1])
                    own.pointee.reserveEarlier(rowEnd - rowStart)
                    let earlier = own.pointee.earlier
                    let firstRecord = own.pointee.earlierCount
                    var records = firstRecord
                    let position = Int32(i)
                    for p in rowStart..<rowEnd {
                        let t = Int(g.targets[p])
                        let neighbour = entry[t]
                        guard neighbour.community == community else { continue }
                        let w = g.weights.isEmpty ? 1 : g.weights[p]
                        neighbours.add(w, to: Int(neighbour.piece))
                        let s = neighbour.slot
                        if s >= 0 && s < position {
                            earlier[records] = _EarlierNeighbour(position: s, weight: w)
                            records += 1
                        }
                    }
                    own.pointee.earlierCount = records
                    recordWorker[i] = Int32(worker)
                    recordStart[i] = Int32(firstRecord)
                    recordCount[i] = Int32(records - firstRecord)
                    // Candidates: well-connected pieces with a non-negative gain; staying alone gains 0.
                    // They are moved to the front of the touched list, in contact order.
                    var best = 0.0
                    var candidates = 0
                    for j in 0..<neighbours.count {
                        let piece = Int(touched[j])
                        let gain = neighbours[piece] - scale * kv * pieceWeight[piece]
                        let wellConnected = pieceExternal[piece] >= scale * pieceWeight[piece] * (total - pieceWeight[piece])
                        if gain >= 0 && wellConnected {
                            neighbours.swapTouched(j, candidates)
                            candidates += 1
                            best = max(best, gain)
                        }
                    }
                    defer { neighbours.clear() }
                    guard candidates > 0 else { continue }
                    // exp((gain - best) / randomness), 0 below e^-40; staying alone (gain 0) last.
                    let alone = -best / randomness
                    var sum = alone < -40 ? 0 : exp(alone)
                    for j in 0..<candidates {
                        let piece = Int(touched[j])
                        let exponent = (neighbours[piece] - scale * kv * pieceWeight[piece] - best) / randomness
                        sum += exponent < -40 ? 0 : exp(exponent)
                    }
                    var random = draws.split(UInt64(v))
                    var draw = random.unit() * sum
                    for j in 0..<candidates {
                        let piece = Int(touched[j])
                        let exponent = (neighbours[piece] - scale * kv * pieceWeight[piece] - best) / randomness
                        draw -= exponent < -40 ? 0 : exp(exponent)
                        if draw < 0 {
                            target[i] = Int32(piece)
                            targetWeight[i] = neighbours[piece]
                            break
                        }
                    }
                }
            }
            var mergedInBlock = 0
            for i in 0..<size {
                let v = Int(list[start + i])
                movedFrom[i] = -1
                let chosen = Int(target[i])
                guard chosen != v && isSingleton[v] else { continue }
                var w = targetWeight[i]
                if mergedInBlock > 0 {
                    // Correct the contact weight for the earlier neighbours that merged first.
                    let records = scratch[Int(recordWorker[i])].earlier + Int(recordStart[i])
                    for r in 0..<Int(recordCount[i]) {
                        let position = Int(records[r].position)
                        let from = Int(movedFrom[position])
                        guard from >= 0 else { continue }
                        let to = Int(refinedBase[Int(list[start + position])])
                        if from == chosen { w -= records[r].weight }
                        if to == chosen { w += records[r].weight }
                    }
                }
                let kv = g.nodeWeight[v]
                let total = communityWeight[Int(membership[v])]
                let weight = pieceWeight[chosen]
                guard w > 0 && weight > 0 && w - scale * kv * weight >= 0
                        && pieceExternal[chosen] >= scale * weight * (total - weight) else { continue }
                refinedBase[v] = Int32(chosen)
                entry[v].piece = Int32(chosen)
                pieceWeight[chosen] += kv
                pieceExternal[chosen] += pieceExternal[v] - 2 * w
                pieceWeight[v] = 0
                isSingleton[v] = false
                isSingleton[chosen] = false
                movedFrom[i] = Int32(v)
                mergedInBlock += 1
            }
            for i in 0..<size { entry[Int(list[start + i])].slot = -1 }
            for w in 0..<blocks.workers { scratch[w].earlierCount = 0 }
            start += size
        }
    }
}

/// A vertex's community, its piece and its position in the current block (-1 outside it),
/// together; the fourth word pads the entry to 16 bytes so that it never straddles a cache line.
struct _RefinementEntry: _GroupEntry {
    var community: Int32
    var piece: Int32
    var slot: Int32
    private var padding: Int32 = 0

    init(community: Int32, piece: Int32, slot: Int32) {
        self.community = community
        self.piece = piece
        self.slot = slot
    }

    /// A tie to this vertex is summed into its piece.
    var group: Int32 { piece }
}
