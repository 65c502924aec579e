import MeshworkCore

/// The block-synchronous scheme that runs local moving (Louvain, Leiden) and label propagation on
/// `threads` workers with the same result for any thread count.
///
/// A sweep takes the active vertices in the seeded order, in fixed-size blocks whose size depends on
/// the graph's vertex and tie counts only (``blockSize(_:entries:)``). Within a block the workers evaluate every vertex against the state frozen
/// at the block's start, each with its own scratch (allocated once); then the calling thread applies
/// the block's decisions one by one in block order, correcting each against the moves made earlier in
/// the same block, so that every applied move is judged on the exact current state. The vertices a
/// move touches are activated for the next sweep; the workers collect them during the next block's
/// evaluation and the calling thread merges them. Nothing a worker computes depends on which worker
/// ran it or on how many there are, so the partition is bit-identical on 1, 2 or 64 threads.
///
/// Graphs below ``minimumVertices`` vertices and ``minimumEntries`` adjacency entries keep the
/// sequential queue-based code (and its results).
///
/// Leiden's local moving stops when a sweep moves fewer than ``minimumMovesShare`` of the graph's
/// vertices (or none), except from a partial dynamic frontier: the last sweeps of a large graph
/// move a few hundred vertices each by small gains, about a quarter of the local moving's work on
/// gen100k, and the next level and Leiden's next iteration still make most of those moves. The same
/// kind of stopping rule as NetworKit's PLP (fewer updated vertices than a threshold) and
/// GVE-Leiden's tolerance. Louvain's rounds go on until a round moves nothing (each round starts
/// again from every vertex, so stopping a round early only moves its work to the next).
///
/// - Note: in the spirit of Grappolo (Lu, Halappanavar & Kalyanaraman, "Parallel heuristics for
///   scalable community detection", Parallel Computing 47, 2015), NetworKit's PLM (Staudt &
///   Meyerhenke, "Engineering parallel algorithms for community detection in massive networks",
///   IEEE TPDS 27, 2016) and GVE-Leiden (Sahu, 2023), made deterministic by the frozen blocks.
struct _BlockSchedule: Sendable {
    /// Worker threads (at least 1); never changes a result.
    var threads: Int
    /// Graphs with fewer vertices than this (and fewer entries than ``minimumEntries``) run the
    /// sequential kernels.
    var minimumVertices: Int

    /// The default size threshold: below about 50,000 vertices a level takes a few milliseconds and
    /// the sequential kernels' results (the goldens, the demo) stay as they were.
    static let defaultMinimumVertices = 50_000

    /// Graphs with at least this many adjacency entries run block-synchronously whatever their
    /// vertex count: an aggregated level can have few vertices and many ties (gen100k's second
    /// Leiden level: 19,294 vertices, 1.2 million entries, 18 ms of sequential local moving).
    static let minimumEntries = 1 << 20

    /// Leiden's local moving stops once a sweep moves fewer than this share of the vertices (see
    /// the type's summary). On gen100k, seeds 1-6 (2026-12-04): Leiden 16-20% faster, mean
    /// modularity 0.73070 against 0.73092.
    static let minimumMovesShare = 0.01

    init(threads: Int, minimumVertices: Int = defaultMinimumVertices) {
        self.threads = max(1, threads)
        self.minimumVertices = max(1, minimumVertices)
    }

    /// Whether a graph of `n` vertices and `entries` adjacency entries runs block-synchronously (a
    /// function of the graph only).
    func isBlocked(_ n: Int, entries: Int) -> Bool { n >= minimumVertices || entries >= Self.minimumEntries }

    /// How many contiguous ranges of communities ``_CommunityGraph/aggregated(membership:count:schedule:)``
    /// builds in parallel for a graph of `n` vertices and `entries` adjacency entries collapsed into
    /// `count` communities: about 64 communities per range, at most 64 ranges; 1 for the graphs
    /// that run the sequential kernels.
    func aggregationRanges(vertices n: Int, entries: Int, communities count: Int) -> Int {
        guard isBlocked(n, entries: entries) else { return 1 }
        return max(1, min(64, count / 64))
    }

    /// Vertices per block for a graph of `n` vertices and `entries` adjacency entries (a function
    /// of the graph only): `n / (2 · mean degree)` within `[256, 4096]`. A vertex then has about a
    /// quarter of a neighbour earlier in its block on average, so its choice is made on nearly the
    /// state the sequential code would see, and the workers are woken a quarter as often as with
    /// blocks of `n / (8 · mean degree)` (measured on gen100k, 2 threads, 2026-12-04: Louvain's local
    /// moving about 10% faster, mean modularity over 6 seeds 0.7224 against 0.7215); 256 vertices
    /// (about 256 · mean degree entries) still outweigh waking the workers.
    static func blockSize(_ n: Int, entries: Int) -> Int {
        guard entries > 0 else { return maximumBlock }
        return max(256, min(maximumBlock, n * n / (2 * entries)))
    }

    /// The largest block of any graph (the per-block arrays' size).
    static let maximumBlock = 4096

    /// Vertices per task inside a block (the unit the workers take from the shared counter).
    static let chunk = 64
}

/// A neighbour of a block's vertex placed earlier in the same block: its position and the weight
/// of the tie, so that the vertex's contact weights can be corrected if it moved first.
struct _EarlierNeighbour {
    var position: Int32
    var weight: Double
}

/// One worker's scratch for the block-synchronous kernels: two growable lists (earlier-in-block
/// neighbours, vertices to activate). Each kernel keeps its own per-worker sums (``_WorkerSums``).
struct _WorkerScratch {
    var earlier: UnsafeMutablePointer<_EarlierNeighbour>
    var earlierCapacity: Int
    var earlierCount = 0
    var activate: UnsafeMutablePointer<Int32>
    var activateCapacity: Int
    var activateCount = 0

    init() {
        earlierCapacity = 1024
        earlier = .allocate(capacity: earlierCapacity)
        activateCapacity = 1024
        activate = .allocate(capacity: activateCapacity)
    }

    func deallocate() {
        earlier.deallocate(); activate.deallocate()
    }

    /// Makes room for `extra` more earlier-neighbour records.
    mutating func reserveEarlier(_ extra: Int) {
        guard earlierCount + extra > earlierCapacity else { return }
        let grown = max(2 * earlierCapacity, earlierCount + extra)
        let bigger = UnsafeMutablePointer<_EarlierNeighbour>.allocate(capacity: grown)
        bigger.moveInitialize(from: earlier, count: earlierCount)
        earlier.deallocate()
        earlier = bigger
        earlierCapacity = grown
    }

    /// Makes room for `extra` more vertices to activate.
    mutating func reserveActivate(_ extra: Int) {
        guard activateCount + extra > activateCapacity else { return }
        let grown = max(2 * activateCapacity, activateCount + extra)
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: grown)
        bigger.moveInitialize(from: activate, count: activateCount)
        activate.deallocate()
        activate = bigger
        activateCapacity = grown
    }
}

/// The per-worker scratch sets and the per-block arrays of one block-synchronous kernel, allocated
/// once for the largest graph; call ``deallocate()`` when done.
struct _BlockState {
    let workers: Int
    let blockCapacity: Int
    /// One scratch per worker.
    let scratch: UnsafeMutablePointer<_WorkerScratch>
    /// Per vertex: whether it is active in the next sweep.
    let activeNext: UnsafeMutablePointer<Bool>
    /// Per vertex: whether it is still to be applied in the current sweep (cleared by the calling
    /// thread as it applies each block, so stable while the workers run). A pending vertex is
    /// evaluated after every move the workers see, so it needs no activation.
    let pending: UnsafeMutablePointer<Bool>
    /// The active vertices of the current sweep, in order.
    let list: UnsafeMutablePointer<Int32>
    /// Per block position: the evaluation's proposal and contact weights.
    let target: UnsafeMutablePointer<Int32>
    let targetWeight: UnsafeMutablePointer<Double>
    let ownWeight: UnsafeMutablePointer<Double>
    /// Per block position, as the workers read them: the vertex's community at the block's start,
    /// its weight and its row's length, so that the calling thread applies the block from these
    /// sequential arrays rather than from per-vertex ones at random places.
    let startCommunity: UnsafeMutablePointer<Int32>
    let vertexWeight: UnsafeMutablePointer<Double>
    let rowLength: UnsafeMutablePointer<Int32>
    /// Per block position: the worker, first index and count of its earlier-neighbour records.
    let recordWorker: UnsafeMutablePointer<Int32>
    let recordStart: UnsafeMutablePointer<Int32>
    let recordCount: UnsafeMutablePointer<Int32>
    /// Per block position: the community it left when it moved in this block, else -1.
    let movedFrom: UnsafeMutablePointer<Int32>
    /// The vertices that moved in the previous block (their neighbours are activated).
    let movers: UnsafeMutablePointer<Int32>
    /// The persistent workers that evaluate the blocks (one round per block).
    let team: _WorkerTeam

    /// State for graphs of up to `capacity` vertices.
    init(capacity: Int, schedule: _BlockSchedule) {
        let n = max(1, capacity)
        let block = _BlockSchedule.maximumBlock
        blockCapacity = block
        workers = max(1, min(schedule.threads, (block + _BlockSchedule.chunk - 1) / _BlockSchedule.chunk))
        scratch = .allocate(capacity: workers)
        for w in 0..<workers { (scratch + w).initialize(to: _WorkerScratch()) }
        activeNext = .allocate(capacity: n)
        pending = .allocate(capacity: n)
        list = .allocate(capacity: n)
        target = .allocate(capacity: block)
        targetWeight = .allocate(capacity: block)
        ownWeight = .allocate(capacity: block)
        startCommunity = .allocate(capacity: block)
        vertexWeight = .allocate(capacity: block)
        rowLength = .allocate(capacity: block)
        recordWorker = .allocate(capacity: block)
        recordStart = .allocate(capacity: block)
        recordCount = .allocate(capacity: block)
        movedFrom = .allocate(capacity: block)
        movers = .allocate(capacity: block)
        team = _WorkerTeam(size: workers)
    }

    func deallocate() {
        team.stop()
        for w in 0..<workers { scratch[w].deallocate() }
        scratch.deinitialize(count: workers)
        scratch.deallocate()
        activeNext.deallocate(); pending.deallocate(); list.deallocate()
        target.deallocate(); targetWeight.deallocate(); ownWeight.deallocate()
        startCommunity.deallocate(); vertexWeight.deallocate(); rowLength.deallocate()
        recordWorker.deallocate(); recordStart.deallocate(); recordCount.deallocate()
        movedFrom.deallocate(); movers.deallocate()
    }

    /// Runs `tasks` tasks on the team's ``workers``, taken from a shared counter:
    /// `body(worker, task)`. A task may only write its worker's scratch and its own slots.
    func parallel(tasks: Int, _ body: (_ worker: Int, _ task: Int) -> Void) {
        team.run(tasks: tasks, body)
    }

    /// Marks every vertex the workers collected as active in the next sweep; clears the lists.
    func mergeActivations() {
        for w in 0..<workers {
            let list = scratch[w].activate
            for i in 0..<scratch[w].activateCount { activeNext[Int(list[i])] = true }
            scratch[w].activateCount = 0
        }
    }

    /// Fills ``list`` with the active vertices (all `n` of them on the first sweep) in a fresh random
    /// order: the active vertices in id order, shuffled by Fisher-Yates with `rng` (on the first
    /// sweep exactly `_shuffledVertices(n, &rng)`). A sweep with few active vertices draws only as
    /// many random numbers as it has vertices, where shuffling all `n` cost more than the sweep.
    /// Clears ``activeNext``, marks the listed vertices pending and returns the count.
    func nextShuffledSweep(vertexCount n: Int, first: Bool, rng: inout SplitMix64) -> Int {
        var count = 0
        for v in 0..<n where first || activeNext[v] { list[count] = Int32(truncatingIfNeeded: v); count += 1 }
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = rng.below(i + 1)
                let v = list[i]
                list[i] = list[j]
                list[j] = v
            }
        }
        activeNext.initialize(repeating: false, count: n)
        pending.initialize(repeating: false, count: n)
        for i in 0..<count { pending[Int(list[i])] = true }
        return count
    }

    /// Fills ``list`` with the vertices of `order` that are active (on the first sweep all of them,
    /// or those marked in `frontier`), clears ``activeNext`` and returns the count.
    func nextSweep(order: UnsafeBufferPointer<Int32>, first: Bool, frontier: UnsafeBufferPointer<Bool>? = nil) -> Int {
        var count = 0
        if first, let frontier {
            for v in order where frontier[Int(v)] { list[count] = v; count += 1 }
        } else if first {
            for v in order { list[count] = v; count += 1 }
        } else {
            for v in order where activeNext[Int(v)] { list[count] = v; count += 1 }
        }
        activeNext.initialize(repeating: false, count: order.count)
        pending.initialize(repeating: false, count: order.count)
        for i in 0..<count { pending[Int(list[i])] = true }
        return count
    }
}
