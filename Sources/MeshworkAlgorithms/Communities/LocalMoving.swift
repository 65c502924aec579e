import CPrefetch
import MeshworkCore

/// The queue-based local-moving phase shared by Louvain and Leiden: each vertex moves to the
/// neighbouring community with the largest quality gain; when a vertex moves, its neighbours
/// outside its new community are queued again. Visiting only the vertices whose neighbourhood
/// changed ("fast local move", Traag, Waltman & van Eck 2019; Ozaki et al. 2016 for Louvain)
/// reaches the same kind of local optimum as repeated full sweeps in a fraction of the visits.
///
/// The scratch is allocated once for the largest graph (the first level) and reused across
/// levels; call ``deallocate()`` when done.
///
/// Graphs of at least `schedule.minimumVertices` vertices run block-synchronously on the schedule's
/// threads (``_BlockSchedule``): sweeps over the active vertices in the seeded order, each block
/// evaluated in parallel against the state at its start, its moves applied in block order with
/// their gains corrected for the moves made earlier in the block, so each applied move is an
/// improving move on the exact current state. The vertices a move touches are active in the next
/// sweep. The result depends on the graph, the order and the seed, never on the thread count.
///
/// - Complexity: O(E) per round of visits; the number of visits is bounded by a safety cap of
///   `64 · (V + E)` so that floating-point ties can never cycle forever.
struct _LocalMoving {
    private let capacity: Int
    private let communityWeight: UnsafeMutablePointer<Double>
    private let communitySize: UnsafeMutablePointer<Int32>
    /// Per community: the weight from the vertex being visited, one set per worker (the
    /// sequential code uses the first).
    private let neighbourWeights: _WorkerSums<Double>
    private let queue: UnsafeMutablePointer<Int32>
    private let queued: UnsafeMutablePointer<Bool>
    private let emptyCommunities: UnsafeMutablePointer<Int32>
    private let schedule: _BlockSchedule
    /// The block-synchronous scratch, when the largest graph is large enough to use it.
    private let blocks: _BlockState?
    /// Per vertex, for the block-synchronous path: its community and its position in the current
    /// block side by side, so that the workers' per-tie look-up is one memory access, not two.
    private let communityAndSlot: UnsafeMutablePointer<_CommunityAndSlot>?

    /// Scratch for graphs of up to `capacity` vertices; `entries` (the largest graph's adjacency
    /// entries) and `schedule` say whether it needs the block-synchronous scratch.
    init(capacity: Int, entries: Int = 0, schedule: _BlockSchedule = _BlockSchedule(threads: 1)) {
        let n = max(1, capacity)
        self.capacity = n
        self.schedule = schedule
        blocks = schedule.isBlocked(n, entries: entries) ? _BlockState(capacity: n, schedule: schedule) : nil
        communityAndSlot = blocks == nil ? nil : .allocate(capacity: n)
        communityWeight = .allocate(capacity: n)
        communitySize = .allocate(capacity: n)
        neighbourWeights = _WorkerSums(workers: blocks?.workers ?? 1, capacity: n)
        queue = .allocate(capacity: n)
        queued = .allocate(capacity: n)
        emptyCommunities = .allocate(capacity: n)
    }

    func deallocate() {
        communityWeight.deallocate(); communitySize.deallocate(); neighbourWeights.deallocate()
        queue.deallocate(); queued.deallocate()
        emptyCommunities.deallocate()
        blocks?.deallocate()
        communityAndSlot?.deallocate()
    }

    /// Moves vertices of `graph` between the communities of `membership` (ids in `0..<V`) until no
    /// move improves the quality. `allowEmpty` also considers moving a vertex into an empty
    /// community of its own (Leiden). Returns the number of moves.
    ///
    /// With a `settledShare` above 0, a block-synchronous run from every vertex also ends after a
    /// sweep that moved fewer than that share of the vertices (Leiden:
    /// ``_BlockSchedule/minimumMovesShare``).
    ///
    /// With a `frontier` (one flag per vertex), only the marked vertices are queued at the start
    /// (a dynamic frontier: Sahu, "DF Leiden", 2024); the neighbours of the vertices that move are
    /// queued as usual, and a run from a partial frontier goes on until no move improves. The
    /// random order is drawn as without it, so a frontier marking every vertex gives the same moves
    /// as none.
    func run(_ graph: _CommunityGraph, membership: inout [Int32], scale: Double,
             allowEmpty: Bool, settledShare: Double = 0, frontier: [Bool]? = nil, rng: inout SplitMix64) -> Int {
        let n = graph.vertexCount
        guard n > 0 else { return 0 }
        precondition(n <= capacity, "scratch too small")
        precondition(frontier == nil || frontier!.count == n, "a frontier flag for every vertex")
        let order = _shuffledVertices(n, &rng)
        return graph.withView { g in
            membership.withUnsafeMutableBufferPointer { membership in
                if let blocks, let communityAndSlot, schedule.isBlocked(n, entries: graph.targets.count) {
                    return order.withUnsafeBufferPointer { order in
                        blockedMove(g, n: n, membership: membership, order: order, scale: scale,
                                    allowEmpty: allowEmpty, settledShare: settledShare,
                                    edgeCount: graph.targets.count, frontier: frontier,
                                    blocks: blocks, entry: communityAndSlot)
                    }
                }
                return move(g, n: n, membership: membership, order: order, scale: scale, allowEmpty: allowEmpty,
                     edgeCount: graph.targets.count, frontier: frontier)
            }
        }
    }

    private func move(_ g: _CommunityView, n: Int, membership: UnsafeMutableBufferPointer<Int32>, order: [Int32],
                      scale: Double, allowEmpty: Bool, edgeCount: Int, frontier: [Bool]?) -> Int {
        communityWeight.initialize(repeating: 0, count: n)
        communitySize.initialize(repeating: 0, count: n)
        queued.initialize(repeating: true, count: n)
        for v in 0..<n {
            let c = Int(membership[v])
            communityWeight[c] += g.nodeWeight[v]
            communitySize[c] += 1
        }
        var emptyCount = 0
        if allowEmpty {
            for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
                emptyCommunities[emptyCount] = Int32(c)
                emptyCount += 1
            }
        }
        var pending = 0
        for i in 0..<n {
            let v = order[i]
            if let frontier, !frontier[Int(v)] { queued[Int(v)] = false; continue }
            queue[pending] = v
            pending += 1
        }
        var head = 0
        var moves = 0
        var budget = 64 * (n + edgeCount)
        var neighbours = neighbourWeights[0]
        while pending > 0 && budget > 0 {
            let v = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            pending -= 1
            queued[v] = false
            let rowStart = Int(g.offsets[v]), rowEnd = Int(g.offsets[v + 1])
            budget -= 1 + rowEnd - rowStart

            let current = Int(membership[v])
            let kv = g.nodeWeight[v]
            for p in rowStart..<rowEnd {
                neighbours.add(g.weights.isEmpty ? 1 : g.weights[p], to: Int(membership[Int(g.targets[p])]))
            }
            communityWeight[current] -= kv
            communitySize[current] -= 1
            let factor = scale * kv
            var best = current
            var bestGain = neighbours[current] - factor * communityWeight[current]
            for i in 0..<neighbours.count {
                let c = Int(neighbours.touched[i])
                let gain = neighbours[c] - factor * communityWeight[c]
                if gain > bestGain && c != current { best = c; bestGain = gain }
            }
            neighbours.clear()
            if allowEmpty && bestGain < 0 && communitySize[current] > 0 {
                emptyCount -= 1
                best = Int(emptyCommunities[emptyCount])
            }
            communityWeight[best] += kv
            communitySize[best] += 1
            guard best != current else { continue }
            if allowEmpty && communitySize[current] == 0 {
                emptyCommunities[emptyCount] = Int32(current)
                emptyCount += 1
            }
            membership[v] = Int32(best)
            moves += 1
            for p in rowStart..<rowEnd {
                let t = Int(g.targets[p])
                if !queued[t] && Int(membership[t]) != best {
                    queued[t] = true
                    var slot = head + pending
                    if slot >= n { slot -= n }
                    queue[slot] = Int32(t)
                    pending += 1
                }
            }
        }
        return moves
    }
}

extension _LocalMoving {
    /// The block-synchronous local moving (see the type's summary and ``_BlockSchedule``).
    private func blockedMove(_ g: _CommunityView, n: Int, membership: UnsafeMutableBufferPointer<Int32>,
                             order: UnsafeBufferPointer<Int32>, scale: Double, allowEmpty: Bool,
                             settledShare: Double, edgeCount: Int,
                             frontier: [Bool]?, blocks: _BlockState,
                             entry: UnsafeMutablePointer<_CommunityAndSlot>) -> Int {
        communityWeight.initialize(repeating: 0, count: n)
        communitySize.initialize(repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(membership[v])
            communityWeight[c] += g.nodeWeight[v]
            communitySize[c] += 1
            entry[v] = _CommunityAndSlot(community: membership[v], slot: -1)
        }
        var emptyCount = 0
        if allowEmpty {
            for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
                emptyCommunities[emptyCount] = Int32(c)
                emptyCount += 1
            }
        }
        let blockSize = _BlockSchedule.blockSize(n, entries: edgeCount)
        let chunk = _BlockSchedule.chunk
        let membershipBase = membership.baseAddress!
        let communityWeight = self.communityWeight, communitySize = self.communitySize
        let list = blocks.list, scratch = blocks.scratch, pending = blocks.pending
        let target = blocks.target, targetWeight = blocks.targetWeight, ownWeight = blocks.ownWeight
        let startCommunity = blocks.startCommunity, vertexWeight = blocks.vertexWeight, rowLength = blocks.rowLength
        let recordWorker = blocks.recordWorker, recordStart = blocks.recordStart, recordCount = blocks.recordCount
        let movedFrom = blocks.movedFrom, movers = blocks.movers
        var moverCount = 0
        var moves = 0
        var budget = 64 * (n + edgeCount)
        var first = true
        var startedFromAll = true
        // How many positions ahead the calling thread's application prefetches.
        let applyAhead = 8

        // The workers' part: evaluate the block's positions `start + i` against the frozen state,
        // and collect the neighbours of the previous block's movers that lie outside their community
        // and are not still pending in this sweep.
        func parallelPart(start: Int, size: Int, moverCount: Int) {
            let evaluateTasks = (size + chunk - 1) / chunk
            let tasks = evaluateTasks + (moverCount + chunk - 1) / chunk
            blocks.parallel(tasks: tasks) { worker, task in
                let own = scratch + worker
                if task >= evaluateTasks {
                    let base = (task - evaluateTasks) * chunk
                    let end = min(moverCount, base + chunk)
                    for m in base..<end {
                        let u = Int(movers[m])
                        g.prefetchNeighbours(movers, m, end: end, own: membershipBase, first: pending, second: entry)
                        let rowStart = Int(g.offsets[u]), rowEnd = Int(g.offsets[u + 1])
                        own.pointee.reserveActivate(rowEnd - rowStart)
                        let activate = own.pointee.activate
                        var count = own.pointee.activateCount
                        let community = membershipBase[u]
                        for p in rowStart..<rowEnd {
                            let t = g.targets[p]
                            if !pending[Int(t)] && entry[Int(t)].community != community { activate[count] = t; count += 1 }
                        }
                        own.pointee.activateCount = count
                    }
                    return
                }
                var neighbours = neighbourWeights[worker]
                let taskEnd = min(size, (task + 1) * chunk)
                for i in (task * chunk)..<taskEnd {
                    let v = Int(list[start + i])
                    g.prefetchAhead(list + start, i, end: taskEnd, entries: entry, sums: neighbours.weight,
                                    groupWeight: communityWeight)
                    let rowStart = Int(g.offsets[v]), rowEnd = Int(g.offsets[v + 1])
                    own.pointee.reserveEarlier(rowEnd - rowStart)
                    let earlier = own.pointee.earlier
                    let firstRecord = own.pointee.earlierCount
                    var records = firstRecord
                    let position = Int32(i)
                    for p in rowStart..<rowEnd {
                        let t = Int(g.targets[p])
                        let w = g.weights.isEmpty ? 1 : g.weights[p]
                        let neighbour = entry[t]
                        neighbours.add(w, to: Int(neighbour.community))
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
                    // Its community from its entry (prefetched two vertices ahead; the same as membership[v]).
                    let current = Int(entry[v].community)
                    let kv = g.nodeWeight[v]
                    let factor = scale * kv
                    let wOwn = neighbours[current]
                    var best = current
                    var bestGain = wOwn - factor * (communityWeight[current] - kv)
                    for j in 0..<neighbours.count {
                        let c = Int(neighbours.touched[j])
                        let gain = neighbours[c] - factor * communityWeight[c]
                        if gain > bestGain && c != current { best = c; bestGain = gain }
                    }
                    target[i] = Int32(best)
                    targetWeight[i] = best == current ? wOwn : neighbours[best]
                    ownWeight[i] = wOwn
                    startCommunity[i] = Int32(current)
                    vertexWeight[i] = kv
                    rowLength[i] = Int32(rowEnd - rowStart)
                    neighbours.clear()
                }
            }
            blocks.mergeActivations()
        }

        while budget > 0 {
            let count = frontier.withOptionalBuffer { blocks.nextSweep(order: order, first: first, frontier: $0) }
            if first { startedFromAll = count == n }
            first = false
            guard count > 0 else { break }
            let movesBefore = moves
            var start = 0
            while start < count && budget > 0 {
                let size = min(blockSize, count - start)
                for i in 0..<size { entry[Int(list[start + i])].slot = Int32(i) }
                parallelPart(start: start, size: size, moverCount: moverCount)
                moverCount = 0
                var movedInBlock = 0
                for i in 0..<size {
                    let v = Int(list[start + i])
                    if i + applyAhead < size {
                        // The communities a few positions ahead, at random places (hints only).
                        let ahead = i + applyAhead
                        meshwork_prefetch(pending + Int(list[start + ahead]))
                        meshwork_prefetch(communityWeight + Int(startCommunity[ahead]))
                        meshwork_prefetch(communitySize + Int(startCommunity[ahead]))
                        meshwork_prefetch(communityWeight + Int(target[ahead]))
                        meshwork_prefetch(communitySize + Int(target[ahead]))
                    }
                    movedFrom[i] = -1
                    pending[v] = false
                    budget -= 1 + Int(rowLength[i])
                    // Only v's own move changes its community, so it is still the one at the block's start.
                    let current = Int(startCommunity[i])
                    let proposed = Int(target[i])
                    var wOwn = ownWeight[i], wTarget = targetWeight[i]
                    if movedInBlock > 0 {
                        // Correct the contact weights for the earlier neighbours that moved first.
                        let records = scratch[Int(recordWorker[i])].earlier + Int(recordStart[i])
                        for r in 0..<Int(recordCount[i]) {
                            let position = Int(records[r].position)
                            let from = Int(movedFrom[position])
                            guard from >= 0 else { continue }
                            let to = Int(membershipBase[Int(list[start + position])])
                            let w = records[r].weight
                            if from == current { wOwn -= w }
                            if to == current { wOwn += w }
                            if from == proposed { wTarget -= w }
                            if to == proposed { wTarget += w }
                        }
                    }
                    let kv = vertexWeight[i]
                    let factor = scale * kv
                    communityWeight[current] -= kv
                    communitySize[current] -= 1
                    var best = current
                    var bestGain = wOwn - factor * communityWeight[current]
                    if proposed != current && communitySize[proposed] > 0 {
                        let gain = wTarget - factor * communityWeight[proposed]
                        if gain > bestGain { best = proposed; bestGain = gain }
                    }
                    if allowEmpty && bestGain < 0 && communitySize[current] > 0 {
                        emptyCount -= 1
                        best = Int(emptyCommunities[emptyCount])
                    }
                    communityWeight[best] += kv
                    communitySize[best] += 1
                    guard best != current else { continue }
                    if allowEmpty && communitySize[current] == 0 {
                        emptyCommunities[emptyCount] = Int32(current)
                        emptyCount += 1
                    }
                    membershipBase[v] = Int32(best)
                    entry[v].community = Int32(best)
                    movedFrom[i] = Int32(current)
                    movedInBlock += 1
                    moves += 1
                    movers[moverCount] = Int32(v)
                    moverCount += 1
                }
                for i in 0..<size { entry[Int(list[start + i])].slot = -1 }
                for w in 0..<blocks.workers { scratch[w].earlierCount = 0 }
                start += size
            }
            // The last block's movers activate their neighbours before the next sweep.
            parallelPart(start: 0, size: 0, moverCount: moverCount)
            moverCount = 0
            // Settled: the sweep moved under `settledShare` of the vertices (a run from a partial
            // frontier goes on: its first sweeps may move few).
            if startedFromAll && Double(moves - movesBefore) < settledShare * Double(n) { break }
        }
        return moves
    }
}

fileprivate extension Optional where Wrapped == [Bool] {
    /// `body` with the array's buffer, or with nil.
    func withOptionalBuffer<R>(_ body: (UnsafeBufferPointer<Bool>?) -> R) -> R {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0) }
    }
}

/// A vertex's community and its position in the current block (-1 outside it), side by side.
struct _CommunityAndSlot: _GroupEntry {
    var community: Int32
    var slot: Int32

    var group: Int32 { community }
}
