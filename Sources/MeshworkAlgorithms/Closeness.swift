import MeshworkCore

/// Closeness and harmonic centrality of every vertex, both from one shortest-path search per
/// vertex.
///
///     //  0 ── 1 ── 2
///     let graph = try EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
///     let scores = Closeness().run(graph)
///     scores.closeness   // [2/3, 1, 2/3]
///     scores.harmonic    // [1.5, 2, 1.5]
///     Closeness(vertices: [0]).run(graph).closeness   // [2/3]: one search
///
/// The numbers are NetworkX's `closeness_centrality` (with `wf_improved=True`, the
/// Wasserman–Faust scaling) and `harmonic_centrality`. For a vertex `v` reached from `r - 1`
/// other vertices at total distance `D`, closeness is `(r - 1) / D · (r - 1) / (n - 1)` (0 when
/// `D == 0` or `n == 1`), and harmonic centrality is the sum of `1 / d(u, v)` over the vertices
/// `u` that reach `v`. On a directed graph both use distances **to** `v` (NetworkX reverses the
/// graph for closeness, and its harmonic centrality adds `1 / d(u, v)` to `v` for every source
/// `u`), so each search walks the in-edges from `v`. With `weighted`, edge weights are lengths
/// (Dijkstra); otherwise every edge has length 1 (BFS).
///
/// Unweighted searches run 64 sources at a time as one bit-parallel BFS (each vertex holds a
/// 64-bit word of the sources that have reached it; one pass over an edge serves every source
/// whose frontier holds its tail), which on small-world graphs scans several times fewer edges
/// than 64 separate searches. On an undirected graph its dense levels are pulled: each vertex
/// still missing a source reads its neighbours' words and stops once it has them all (Beamer et
/// al., direction-optimizing BFS), which in a small-world graph reads a few entries of its row.
/// Weighted searches are Dijkstra's with a flat binary heap. Each
/// vertex's two values come from its own search alone (distance sums are exact integers
/// unweighted; inverse distances are summed level by level), so the result does not depend on
/// `threads` or on the batching; batches are handed out in fixed blocks as in ``Betweenness``.
/// The searches are iterative (flat frontier lists or heap), so long paths need no deep stack.
///
/// - Complexity: time O(V E) unweighted (O(V/64 · D · E) word operations for diameter `D`),
///   O(V E + V² log V) weighted; extra space per worker O(V) (3 words and 3 `Int32` per vertex
///   unweighted; plus O(E) for the weighted search's heap).
/// - Note: A. Bavelas, "Communication patterns in task-oriented groups", J. Acoust. Soc. Am. 22,
///   1950; S. Wasserman & K. Faust, *Social Network Analysis*, 1994; M. Marchiori & V. Latora,
///   "Harmony in the small-world", Physica A 285, 2000; P. Boldi & S. Vigna, "Axioms for
///   centrality", Internet Mathematics 10, 2014; M. Then et al., "The more the merrier: efficient
///   multi-source graph traversal", PVLDB 8(4), 2014 (the bit-parallel BFS); S. Beamer, K.
///   Asanović & D. Patterson, "Direction-optimizing breadth-first search", SC 2012 (the pulled
///   levels).
public struct Closeness: Sendable {
    /// Whether edge weights are used as lengths (ignored when the graph has no weights).
    public var weighted: Bool
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int
    /// Measure only these vertices (one search each), in this order: NetworkX
    /// `closeness_centrality(G, u=v)` for each `v`; `nil`: every vertex.
    public var vertices: [VertexID]?

    /// Creates the algorithm with its parameters.
    public init(weighted: Bool = false, threads: Int = Parallelism.defaultThreads, vertices: [VertexID]? = nil) {
        self.weighted = weighted
        self.threads = max(1, threads)
        self.vertices = vertices
    }

    /// Closeness and harmonic centrality, parallel to `vertices` (every vertex when `nil`).
    public struct Result: Sendable, Equatable {
        public var closeness: [Double]
        public var harmonic: [Double]
    }

    /// Closeness and harmonic centrality of every vertex of `graph` (of `vertices` when given),
    /// from one shortest-path search per vertex.
    ///
    /// - Complexity: O(k E) time unweighted, O(k E + k V log V) weighted, for `k` vertices.
    ///
    /// `progress`, when given, is told the share of the searches done (from the worker threads, in
    /// increasing order, at most once per whole percent).
    public func run(_ graph: CSRGraph, progress: (@Sendable (_ done: Double) -> Void)? = nil) -> Result {
        let (closeness, harmonic) = scores(graph, of: vertices ?? (0 ..< VertexID(graph.vertexCount)).map { $0 },
                                           progress: progress)
        return Result(closeness: closeness, harmonic: harmonic)
    }

    private func scores(_ graph: CSRGraph, of vertices: [VertexID],
                        progress: (@Sendable (_ done: Double) -> Void)?) -> (closeness: [Double], harmonic: [Double]) {
        let searches = totals(graph, of: vertices, progress: progress)
        let n = graph.vertexCount
        let others = Double(n - 1)
        let closeness = vertices.indices.map { i -> Double in
            let reached = Double(searches.reached[i]), total = searches.distanceSum[i]
            guard total > 0 && n > 1 else { return 0 }
            // NetworkX's order of operations, for the same bits.
            var c = (reached - 1) / total
            c *= (reached - 1) / others
            return c
        }
        return (closeness, searches.inverseSum)
    }

    /// What one shortest-path search from each given vertex finds (to it, on a directed graph):
    /// the vertices reached (itself included), the sum of their distances and of their inverse
    /// distances. The mean shortest-path length over the pairs that a set of sources reach is
    /// `Σ distanceSum / Σ (reached - 1)`.
    ///
    /// - Complexity: O(k E) time unweighted, O(k E + k V log V) weighted, for `k` vertices.
    func totals(_ graph: CSRGraph, of vertices: [VertexID], progress: (@Sendable (_ done: Double) -> Void)? = nil)
        -> (reached: [Int], distanceSum: [Double], inverseSum: [Double]) {
        let n = graph.vertexCount
        let k = vertices.count
        var reachedCounts = [Int](repeating: 0, count: k)
        var distanceSums = [Double](repeating: 0, count: k)
        var inverseSums = [Double](repeating: 0, count: k)
        guard k > 0 else { return (reachedCounts, distanceSums, inverseSums) }
        precondition(vertices.allSatisfy { $0 >= 0 && Int($0) < n }, "vertex out of range")
        let useWeights = weighted && graph.weights != nil
        let heapCapacity = useWeights ? max(graph.targets.count, graph.inSources.count) + 1 : 0
        // Unweighted searches run 64 sources at a time (one bit each); weighted ones one by one.
        let batch = useWeights ? 1 : 64
        let units = (k + batch - 1) / batch
        let blocks = _ParallelSources.blockCount(sources: units, bytesPerBlock: 0)
        let searched = _WorkProgress.tracking(total: k, report: progress)
        reachedCounts.withUnsafeMutableBufferPointer { reachedBuffer in
        distanceSums.withUnsafeMutableBufferPointer { distanceBuffer in
        inverseSums.withUnsafeMutableBufferPointer { inverseBuffer in
            let reachedOut = _SharedPointer(base: reachedBuffer.baseAddress!)
            let distanceOut = _SharedPointer(base: distanceBuffer.baseAddress!)
            let inverseOut = _SharedPointer(base: inverseBuffer.baseAddress!)
            graph._withAdjacency(reversed: true, weighted: useWeights) { adjacency in
                vertices.withUnsafeBufferPointer { vertexList in
                    _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                        var scratch = _ClosenessScratch(vertexCount: n, heapCapacity: heapCapacity,
                                                        bitParallel: !useWeights)
                        defer { scratch.deallocate() }
                        @inline(__always)
                        func record(_ i: Int, _ reached: Int, _ total: Double, _ inverseSum: Double) {
                            reachedOut.base[i] = reached
                            distanceOut.base[i] = total
                            inverseOut.base[i] = inverseSum
                        }
                        while let block = nextBlock() {
                            for unit in _ParallelSources.range(of: block, blocks: blocks, sources: units) {
                                let start = unit * batch, end = min(k, start + batch)
                                if useWeights {
                                    for i in start ..< end {
                                        let (reached, total, inverseSum) = scratch.dijkstra(adjacency, from: vertexList[i])
                                        record(i, reached, total, inverseSum)
                                    }
                                } else {
                                    scratch.multiSourceBFS(adjacency, sources: UnsafeBufferPointer(rebasing: vertexList[start ..< end]),
                                                           pullShare: graph.isDirected ? .infinity : _ClosenessScratch.pullShare)
                                    for i in start ..< end {
                                        let bit = i - start
                                        record(i, scratch.reached[bit], Double(scratch.total[bit]), scratch.inverseSum[bit])
                                    }
                                }
                                searched?.advance(by: end - start)
                            }
                        }
                    }
                }
            }
        }}}
        return (reachedCounts, distanceSums, inverseSums)
    }
}

/// One worker's scratch for closeness searches, allocated once and reset after each search only
/// where the search touched it.
struct _ClosenessScratch {
    // Bit-parallel BFS (bit i of a word stands for source i of the batch).
    /// Sources that have reached each vertex.
    let seen: UnsafeMutablePointer<UInt64>
    /// Sources whose frontier holds each vertex at the current level.
    let visit: UnsafeMutablePointer<UInt64>
    /// Sources that reach each vertex through the current level's edges.
    let next: UnsafeMutablePointer<UInt64>
    /// Vertices with a non-zero `visit` word, vertices with a non-zero `next` word, and every
    /// vertex with a non-zero `seen` word (to reset).
    let active: UnsafeMutablePointer<Int32>
    let touched: UnsafeMutablePointer<Int32>
    let reachedList: UnsafeMutablePointer<Int32>
    /// Per source of the batch: vertices reached (itself included), distance sum, sum of 1/d.
    let reached: UnsafeMutablePointer<Int>
    let total: UnsafeMutablePointer<Int>
    let inverseSum: UnsafeMutablePointer<Double>
    let levelCount: UnsafeMutablePointer<Int>

    // Dijkstra.
    let distance: UnsafeMutablePointer<Double>
    let order: UnsafeMutablePointer<Int32>
    var heap: _DistanceHeap

    init(vertexCount n: Int, heapCapacity: Int, bitParallel: Bool) {
        let words = bitParallel ? max(1, n) : 1
        seen = .allocate(capacity: words); seen.initialize(repeating: 0, count: words)
        visit = .allocate(capacity: words); visit.initialize(repeating: 0, count: words)
        next = .allocate(capacity: words); next.initialize(repeating: 0, count: words)
        active = .allocate(capacity: words)
        touched = .allocate(capacity: words)
        reachedList = .allocate(capacity: words)
        reached = .allocate(capacity: 64)
        total = .allocate(capacity: 64)
        inverseSum = .allocate(capacity: 64)
        levelCount = .allocate(capacity: 64); levelCount.initialize(repeating: 0, count: 64)
        let vertices = bitParallel ? 1 : max(1, n)
        distance = .allocate(capacity: vertices)
        distance.initialize(repeating: .infinity, count: bitParallel ? 0 : n)
        order = .allocate(capacity: vertices)
        heap = _DistanceHeap(capacity: heapCapacity)
    }

    func deallocate() {
        seen.deallocate(); visit.deallocate(); next.deallocate()
        active.deallocate(); touched.deallocate(); reachedList.deallocate()
        reached.deallocate(); total.deallocate(); inverseSum.deallocate(); levelCount.deallocate()
        distance.deallocate(); order.deallocate(); heap.deallocate()
    }

    /// Breadth-first searches from up to 64 sources at once, one bit per source (multi-source BFS,
    /// Then et al., "The more the merrier: efficient multi-source graph traversal", VLDB 2014):
    /// each edge is scanned once per level for all the sources whose frontier contains its tail.
    /// Fills `reached`, `total` and `inverseSum` for bits `0 ..< sources.count`; the inverse
    /// distances are summed level by level (`count_d / d`), as a single-source search would.
    ///
    /// A level whose frontier's rows hold more entries than `pullShare` of the rows of the vertices
    /// not yet reached by every source is pulled instead of pushed (Beamer, Asanović & Patterson,
    /// "Direction-optimizing breadth-first search", SC 2012): each such vertex ORs its neighbours'
    /// frontier words, stopping once it has every source it lacked, and reads instead of writing.
    /// Both directions find the same levels. Pulling reads a vertex's own row as its in-edges, so it
    /// needs a symmetric adjacency (an undirected graph); `.infinity`, the default, never pulls.
    ///
    /// - Complexity: O(levels · E) word operations for the batch, plus O(reached pairs) bit counts.
    @inline(__always)
    func multiSourceBFS(_ graph: _Adjacency, sources: UnsafeBufferPointer<Int32>, pullShare: Double = .infinity) {
        let offsets = graph.offsets, targets = graph.targets
        let n = offsets.count - 1
        let batch = sources.count
        let full: UInt64 = batch == 64 ? ~0 : (1 &<< UInt64(batch)) &- 1
        var activeCount = 0, reachedCount = 0
        // Entries in the frontier's rows, and in the rows of the vertices some source has not reached.
        var frontierEntries = 0
        var openEntries = targets.count
        @inline(__always) func degree(_ v: Int) -> Int { Int(offsets[v &+ 1]) &- Int(offsets[v]) }
        for bit in 0 ..< batch {
            let s = Int(sources[bit])
            let mask: UInt64 = 1 &<< UInt64(bit)
            if seen[s] == 0 { reachedList[reachedCount] = Int32(s); reachedCount &+= 1 }
            if visit[s] == 0 { active[activeCount] = Int32(s); activeCount &+= 1; frontierEntries &+= degree(s) }
            seen[s] |= mask
            if seen[s] == full { openEntries &-= degree(s) }
            visit[s] |= mask
            reached[bit] = 1
            total[bit] = 0
            inverseSum[bit] = 0
        }
        var level = 0
        while activeCount > 0 {
            level &+= 1
            var any: UInt64 = 0
            @inline(__always) func count(_ fresh: UInt64) {
                any |= fresh
                var bits = fresh
                while bits != 0 {
                    levelCount[bits.trailingZeroBitCount] &+= 1
                    bits &= bits &- 1
                }
            }
            if Double(frontierEntries) > pullShare * Double(openEntries) {
                // Pull: every vertex still missing a source ORs its neighbours' frontier words.
                var freshCount = 0
                frontierEntries = 0
                for w in 0 ..< n {
                    let seenBefore = seen[w]
                    guard seenBefore != full else { continue }
                    let missing = full & ~seenBefore
                    var found: UInt64 = 0
                    for p in Int(offsets[w]) ..< Int(offsets[w &+ 1]) {
                        found |= visit[Int(targets[p])]
                        if found & missing == missing { break }
                    }
                    let fresh = found & missing
                    guard fresh != 0 else { continue }
                    if seenBefore == 0 { reachedList[reachedCount] = Int32(truncatingIfNeeded: w); reachedCount &+= 1 }
                    seen[w] = seenBefore | fresh
                    if seenBefore | fresh == full { openEntries &-= degree(w) }
                    next[w] = fresh
                    touched[freshCount] = Int32(truncatingIfNeeded: w)
                    freshCount &+= 1
                    frontierEntries &+= degree(w)
                    count(fresh)
                }
                for a in 0 ..< activeCount { visit[Int(active[a])] = 0 }
                for i in 0 ..< freshCount {
                    let w = Int(touched[i])
                    visit[w] = next[w]
                    next[w] = 0
                    active[i] = Int32(truncatingIfNeeded: w)
                }
                activeCount = freshCount
            } else {
                // Push every frontier word along its vertex's edges.
                var touchedCount = 0
                for a in 0 ..< activeCount {
                    let v = Int(active[a])
                    let bits = visit[v]
                    visit[v] = 0
                    for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                        let w = Int(targets[p])
                        let old = next[w]
                        if old == 0 { touched[touchedCount] = Int32(truncatingIfNeeded: w); touchedCount &+= 1 }
                        next[w] = old | bits
                    }
                }
                // Keep the sources that reach a vertex for the first time: the next frontier.
                activeCount = 0
                frontierEntries = 0
                for t in 0 ..< touchedCount {
                    let w = Int(touched[t])
                    let seenBefore = seen[w]
                    let fresh = next[w] & ~seenBefore
                    next[w] = 0
                    guard fresh != 0 else { continue }
                    if seenBefore == 0 { reachedList[reachedCount] = Int32(truncatingIfNeeded: w); reachedCount &+= 1 }
                    seen[w] = seenBefore | fresh
                    visit[w] = fresh
                    active[activeCount] = Int32(truncatingIfNeeded: w)
                    activeCount &+= 1
                    if pullShare.isFinite {
                        frontierEntries &+= degree(w)
                        if seenBefore | fresh == full { openEntries &-= degree(w) }
                    }
                    count(fresh)
                }
            }
            // Per source: this level's count, at distance `level`.
            let inverseLevel = Double(level)
            while any != 0 {
                let bit = any.trailingZeroBitCount
                any &= any &- 1
                let count = levelCount[bit]
                levelCount[bit] = 0
                reached[bit] &+= count
                total[bit] &+= count &* level
                inverseSum[bit] += Double(count) / inverseLevel
            }
        }
        for r in 0 ..< reachedCount { seen[Int(reachedList[r])] = 0 }
    }

    /// On undirected graphs, a level is pulled when its frontier's rows hold more than this share
    /// of the entries of the vertices not yet reached by every source. Chosen, not tuned: with it
    /// the 1M growth's searches took 6.2 s instead of 26.3 s (docs/growth-at-scale.md).
    static let pullShare = 0.25

    /// Dijkstra from `s` with a lazy binary heap: as ``bfs(_:from:)``, with weighted lengths.
    @inline(__always)
    mutating func dijkstra(_ graph: _Adjacency, from s: Int32) -> (reached: Int, total: Double, inverseSum: Double) {
        let offsets = graph.offsets, targets = graph.targets, weights = graph.weights
        distance[Int(s)] = 0
        heap.count = 0
        heap.push(0, s)
        var settled = 0
        var total = 0.0
        var inverseSum = 0.0
        while heap.count > 0 {
            let (d, vertex) = heap.pop()
            let v = Int(vertex)
            if d > distance[v] { continue }  // stale entry
            order[settled] = vertex
            settled &+= 1
            total += d
            if d != 0 { inverseSum += 1 / d }
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                let candidate = d + weights[p]
                if candidate < distance[w] {
                    distance[w] = candidate
                    heap.push(candidate, Int32(truncatingIfNeeded: w))
                }
            }
        }
        for i in 0 ..< settled { distance[Int(order[i])] = .infinity }
        return (settled, total, inverseSum)
    }
}
