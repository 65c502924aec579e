import MeshworkCore

/// Label propagation: every vertex starts with a label of its own and repeatedly adopts the label
/// carried by the largest weight of its neighbours, until every vertex holds such a label. The
/// communities are the labels' vertex sets.
///
/// As NetworkX's `asyn_lpa_communities`: each sweep visits the vertices in a fresh random order
/// and updates in place; a vertex keeps its label when it is among the best, otherwise it takes one
/// of the best at random. Vertices without neighbours keep their own label.
///
///     let result = LabelPropagation(seed: 42).run(graph, order: labels.labelOrder())
///
/// A vertex is evaluated again only after one of its neighbours changed label (otherwise it would
/// keep its own label, which is among the best, without drawing a random number), so later sweeps
/// cost far less than E while the labels, the sweep count and the random draws stay those of the
/// full sweeps.
///
/// Graphs of 50,000 vertices or 2^20 adjacency entries or more run block-synchronously on `threads`
/// workers (``_BlockSchedule``): each sweep shuffles its active vertices (a fresh random order of the
/// active ones only, so the many short late sweeps cost little) and takes them in blocks; the
/// workers choose each block's labels from the labels at the block's start (the random tie break
/// of vertex `v` drawn from its own stream, split from the sweep's generator by `v`), then the
/// labels are written in block order and the changed vertices' neighbours are active in the next
/// sweep. The labels are the same for any thread count, though not the sequential code's.
///
/// - Complexity: O(E) per sweep at most; the sweep count is small in practice and capped by
///   `maximumSweeps` (the result then records that cap as its iteration count).
/// - Note: Raghavan, Albert & Kumara, "Near linear time algorithm to detect community structures
///   in large-scale networks", Phys. Rev. E 76:036106, 2007.
public struct LabelPropagation: Sendable {
    /// The seed of the visiting orders and of the tie breaks.
    public var seed: UInt64
    /// A safety cap on sweeps.
    public var maximumSweeps: Int
    /// Worker threads for graphs of 50,000 vertices or 2^20 adjacency entries or more; the result is
    /// the same for any count.
    public var threads: Int
    /// Graphs with at least this many vertices run block-synchronously (tests lower it), as do
    /// graphs of 2^20 adjacency entries or more.
    var minimumBlockedVertices = _BlockSchedule.defaultMinimumVertices

    public init(seed: UInt64 = 0, maximumSweeps: Int = 1000, threads: Int = Parallelism.defaultThreads) {
        self.seed = seed
        self.maximumSweeps = maximumSweeps
        self.threads = threads
    }

    /// The communities, their quality and the run's counts (shared by every detection method).
    public typealias Result = CommunityResult

    /// Runs label propagation on an undirected graph (weights, when present, are tie strengths).
    public func run(_ graph: CSRGraph, order: [VertexID]? = nil) -> Result {
        let order = order ?? (0..<Int32(graph.vertexCount)).map { $0 }
        let work = _CommunityGraph(graph, order: order, quality: .cpm)
        let n = work.vertexCount
        let schedule = _BlockSchedule(threads: threads, minimumVertices: minimumBlockedVertices)
        var label = (0..<Int32(n)).map { $0 }
        let (sweeps, moves) = switch (schedule.isBlocked(n, entries: work.targets.count), work.unitWeights) {
        case (false, true): sweepSequentially(work, label: &label, counting: UInt32.self)
        case (false, false): sweepSequentially(work, label: &label, counting: Double.self)
        case (true, true): sweepBlocked(work, label: &label, schedule: schedule, counting: UInt32.self)
        case (true, false): sweepBlocked(work, label: &label, schedule: schedule, counting: Double.self)
        }
        let partition = _partition(membership: label, order: order)
        return CommunityResult(partition: partition, quality: Modularity().run(graph, partition: partition).quality,
                               levels: 0, iterations: sweeps, moves: moves)
    }
}

extension LabelPropagation {
    /// The sequential sweeps (see the type's summary), summing ties per label as `Value`: `UInt32`
    /// counts on an unweighted graph, `Double` weights otherwise. Returns the sweeps and moves.
    private func sweepSequentially<Value: _TieValue>(_ work: _CommunityGraph, label: inout [Int32],
                                                     counting: Value.Type) -> (sweeps: Int, moves: Int) {
        let n = work.vertexCount
        let neighbourSums = _NeighbourSums<Value>(capacity: n)
        defer { neighbourSums.deallocate() }
        // A vertex whose neighbours kept their labels since its last visit would keep its label
        // again (it holds one of the best labels) without drawing a random number: it is skipped.
        // Every vertex starts active; a move re-activates the mover's neighbours.
        var active = [Bool](repeating: true, count: n)
        var rng = SplitMix64(seed: seed)
        var sweeps = 0
        var moves = 0
        var changed = true
        work.offsets.withUnsafeBufferPointer { offsets in
        work.targets.withUnsafeBufferPointer { targets in
        work.weights.withUnsafeBufferPointer { weights in
        label.withUnsafeMutableBufferPointer { label in
        active.withUnsafeMutableBufferPointer { active in
            var neighbours = neighbourSums
            while changed && sweeps < maximumSweeps {
                changed = false
                sweeps += 1
                for v32 in _shuffledVertices(n, &rng) {
                    let v = Int(v32)
                    guard active[v] else { continue }
                    active[v] = false
                    let rowStart = Int(offsets[v]), rowEnd = Int(offsets[v + 1])
                    guard rowStart < rowEnd else { continue }
                    var best = Value.zero
                    for p in rowStart..<rowEnd {
                        best = max(best, neighbours.add(.tie(at: p, weights: weights), to: Int(label[Int(targets[p])])))
                    }
                    let own = label[v]
                    if neighbours[Int(own)] == best { neighbours.clear(); continue }
                    // A uniform choice among the best labels, by reservoir sampling in contact order.
                    var ties = 0
                    var chosen = own
                    for i in 0..<neighbours.count where neighbours[Int(neighbours.touched[i])] == best {
                        ties += 1
                        if rng.below(ties) == 0 { chosen = neighbours.touched[i] }
                    }
                    neighbours.clear()
                    label[v] = chosen
                    for p in rowStart..<rowEnd { active[Int(targets[p])] = true }
                    moves += 1
                    changed = true
                }
            }
        }}}}}
        return (sweeps, moves)
    }

    /// The block-synchronous sweeps (see the type's summary), summing ties per label as `Value`
    /// (as ``sweepSequentially(_:label:counting:)``), one sum scratch per worker. Returns the sweeps
    /// and moves.
    private func sweepBlocked<Value: _TieValue>(_ work: _CommunityGraph, label: inout [Int32], schedule: _BlockSchedule,
                                                counting: Value.Type) -> (sweeps: Int, moves: Int) {
        let n = work.vertexCount
        let blocks = _BlockState(capacity: n, schedule: schedule)
        let sums = _WorkerSums<Value>(workers: blocks.workers, capacity: n)
        defer {
            sums.deallocate()
            blocks.deallocate()
        }
        var rng = SplitMix64(seed: seed)
        var sweeps = 0
        var moves = 0
        var changed = true
        let blockSize = _BlockSchedule.blockSize(n, entries: work.targets.count)
        let chunk = _BlockSchedule.chunk
        let list = blocks.list, scratch = blocks.scratch, target = blocks.target, movers = blocks.movers
        let pending = blocks.pending
        work.withView { g in
        label.withUnsafeMutableBufferPointer { labels in
            let label = labels.baseAddress!
            var moverCount = 0
            // The workers' part: choose the labels of positions `start + i` from the labels at the
            // block's start, and collect the neighbours of the previous block's movers that are not
            // still pending in this sweep.
            func parallelPart(start: Int, size: Int, moverCount: Int, draws: SplitMix64) {
                let evaluateTasks = (size + chunk - 1) / chunk
                let tasks = evaluateTasks + (moverCount + chunk - 1) / chunk
                blocks.parallel(tasks: tasks) { worker, task in
                    let own = scratch + worker
                    if task >= evaluateTasks {
                        let base = (task - evaluateTasks) * chunk
                        for m in base..<min(moverCount, base + chunk) {
                            let u = Int(movers[m])
                            let rowStart = Int(g.offsets[u]), rowEnd = Int(g.offsets[u + 1])
                            own.pointee.reserveActivate(rowEnd - rowStart)
                            let activate = own.pointee.activate
                            var count = own.pointee.activateCount
                            for p in rowStart..<rowEnd where !pending[Int(g.targets[p])] {
                                activate[count] = g.targets[p]
                                count += 1
                            }
                            own.pointee.activateCount = count
                        }
                        return
                    }
                    var neighbours = sums[worker]
                    let taskEnd = min(size, (task + 1) * chunk)
                    for i in (task * chunk)..<taskEnd {
                        let v = Int(list[start + i])
                        if i + 2 < taskEnd { g.prefetchRow(Int(list[start + i + 2])) }
                        let own32 = label[v]
                        target[i] = own32
                        let rowStart = Int(g.offsets[v]), rowEnd = Int(g.offsets[v + 1])
                        guard rowStart < rowEnd else { continue }
                        var best = Value.zero
                        for p in rowStart..<rowEnd {
                            best = max(best, neighbours.add(.tie(at: p, weights: g.weights), to: Int(label[Int(g.targets[p])])))
                        }
                        if neighbours[Int(own32)] == best { neighbours.clear(); continue }
                        // A uniform choice among the best labels, by reservoir sampling in contact order.
                        var random = draws.split(UInt64(v))
                        var ties = 0
                        var chosen = own32
                        for j in 0..<neighbours.count where neighbours[Int(neighbours.touched[j])] == best {
                            ties += 1
                            if random.below(ties) == 0 { chosen = neighbours.touched[j] }
                        }
                        neighbours.clear()
                        target[i] = chosen
                    }
                }
                blocks.mergeActivations()
            }
            while changed && sweeps < maximumSweeps {
                changed = false
                sweeps += 1
                let count = blocks.nextShuffledSweep(vertexCount: n, first: sweeps == 1, rng: &rng)
                let draws = rng.split(UInt64(sweeps))
                var start = 0
                while start < count {
                    let size = min(blockSize, count - start)
                    parallelPart(start: start, size: size, moverCount: moverCount, draws: draws)
                    moverCount = 0
                    for i in 0..<size {
                        let v = Int(list[start + i])
                        pending[v] = false
                        guard target[i] != label[v] else { continue }
                        label[v] = target[i]
                        movers[moverCount] = Int32(v)
                        moverCount += 1
                    }
                    moves += moverCount
                    if moverCount > 0 { changed = true }
                    start += size
                }
                // The last block's movers activate their neighbours before the next sweep.
                parallelPart(start: 0, size: 0, moverCount: moverCount, draws: draws)
                moverCount = 0
            }
        }}
        return (sweeps, moves)
    }
}
