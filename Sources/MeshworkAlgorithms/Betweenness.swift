import Foundation
import MeshworkCore

/// Shortest-path betweenness of every vertex and every edge: how many shortest paths between other
/// pairs of vertices pass through it (Brandes's algorithm), exact or estimated from sampled sources.
///
///     //  0 ── 1 ── 2        a path: only the middle vertex lies between others
///     let graph = try EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
///     Betweenness().run(graph).scores         // [0, 1, 0]
///     EdgeBetweenness().run(graph).scores     // [2, 2, 2, 2]  (parallel to graph.targets)
///     Betweenness(weighted: true, threads: 8, samples: 2, seed: 42).run(graph).scores
///
/// The numbers are NetworkX's `betweenness_centrality(normalized=False)` and
/// `edge_betweenness_centrality(normalized=False)`: on an undirected graph each unordered pair
/// `{s, t}` is counted once (the ordered-pair sums are halved), on a directed graph each ordered
/// pair. With `weighted`, edge weights are lengths (Dijkstra); predecessors are the neighbours `u`
/// of `v` with `dist[u] + w(u, v) == dist[v]` under exact `Double` equality, as NetworkX decides
/// them. Without `weighted`, or on a graph without weights, every edge has length 1 (BFS).
///
/// Parallelism and determinism: the sources are split into a fixed number of contiguous blocks
/// (at most 64, at most one per source, and at most 512 MB of per-block partial arrays in total;
/// the count never depends on `threads`). Each block sums its sources' dependencies sequentially
/// into its own partial array; the partial arrays are added in block order at the end. The result
/// is therefore bit-identical for every value of `threads`. Unweighted vertex scores (exact and
/// sampled) search 16 sources at a time (`_BatchedBrandesScratch`; fewer on graphs of more than
/// 4M vertices, to keep 512 MB of path counts per worker); their blocks are made of whole batches
/// of consecutive sources, with at most 64 MB of partial arrays.
///
/// Kernel layout: CSR rows, `Int32` vertex ids and BFS distances, `Double` path counts (they
/// exceed `Int.max` quickly), one flat queue that is also the visit order, and per-worker scratch
/// allocated once and reset per source only where the search touched it. The dependency sweep is
/// the "successor" form of Brandes's recurrence: walking the visit order backwards,
/// `delta[v] = sigma[v] * sum over successors w of (1 + delta[w]) / sigma[w]`, so no predecessor
/// lists are stored and there is one division per vertex. The batched kernel runs the same
/// recurrence for 16 sources per scan of each row (per-vertex lane masks, interleaved per-lane
/// path counts) and adds the same dependencies as the sources searched one by one, in another
/// order per vertex (docs/betweenness-at-scale.md).
///
/// - Complexity: time O(V E) unweighted, O(V E + V² log V) weighted (O(k E) and
///   O(k E + k V log V) for `k` samples); extra space per worker O(V) (5 arrays of V; unweighted
///   vertex scores: about 170 bytes per vertex for the 16 lanes) plus O(E) for the weighted search's
///   heap, and O(blocks · V) (edges: O(blocks · E)) for the partial sums.
/// - Note: U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2),
///   2001; U. Brandes, "On variants of shortest-path betweenness centrality and their generic
///   computation", Social Networks 30(2), 2008 (edge betweenness, sampling); U. Brandes &
///   C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17(7), 2007;
///   J. Then et al., "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4),
///   2014 (the batched searches).
public struct Betweenness: Sendable {
    /// Whether edge weights are used as lengths (ignored when the graph has no weights).
    public var weighted: Bool
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int
    /// Estimate from this many sources drawn without replacement, scaled to the exact value's
    /// expectation as NetworkX 3.6's `betweenness_centrality(k=samples)` (error bound: see
    /// `sampledVertexScores`); `nil`: exact, from every vertex.
    public var samples: Int?
    /// The seed of the sample (used only with `samples`).
    public var seed: UInt64

    /// Creates the algorithm with its parameters.
    public init(weighted: Bool = false, threads: Int = Parallelism.defaultThreads, samples: Int? = nil,
                seed: UInt64 = 42) {
        self.weighted = weighted
        self.threads = max(1, threads)
        self.samples = samples
        self.seed = seed
    }

    /// The betweenness of every vertex.
    public struct Result: Sendable, Equatable {
        /// `scores[v]`: the betweenness of v, exact or estimated.
        public var scores: [Double]
        /// The sources searched: every vertex when exact, `min(samples, V)` (at least 0) when
        /// sampled.
        public var sources: Int
    }

    /// The betweenness of every vertex of `graph`: exact, or estimated from `samples` sources.
    ///
    /// - Complexity: O(V E) time unweighted, O(V E + V² log V) weighted (O(k E) and
    ///   O(k E + k V log V) for `k` samples).
    ///
    /// `progress`, when given, is told the share of the searches done (from the worker threads, in
    /// increasing order, at most once per whole percent).
    public func run(_ graph: CSRGraph, progress: (@Sendable (_ done: Double) -> Void)? = nil) -> Result {
        guard let samples else { return Result(scores: vertexScores(graph, progress: progress), sources: graph.vertexCount) }
        return Result(scores: sampledVertexScores(graph, samples: samples, seed: seed, progress: progress),
                      sources: max(0, min(samples, graph.vertexCount)))
    }

    /// Exact betweenness of every vertex (NetworkX `betweenness_centrality(normalized=False)`).
    ///
    /// - Complexity: O(V E) time unweighted, O(V E + V² log V) weighted.
    func vertexScores(_ graph: CSRGraph, progress: (@Sendable (_ done: Double) -> Void)? = nil) -> [Double] {
        let n = graph.vertexCount
        var scores: [Double]
        if !graph.isDirected && !(weighted && graph.weights != nil) {
            // Twins share their dependencies: one search per class, counted once per member.
            let twins = _TwinClasses(graph)
            scores = _dependencies(graph, sources: twins.representatives, edges: false, multiplicity: twins.sizes,
                                   progress: progress)
            if !twins.leafParents.isEmpty {
                // A leaf's search is its neighbour's, plus the neighbour's dependency on it: every
                // other vertex of the component.
                let components = ConnectedComponents().run(graph)
                for (u, leaves) in twins.leafParents {
                    let size = components.sizes[Int(components.partition.group[Int(u)])]
                    scores[Int(u)] += leaves * Double(size - 2)
                }
            }
        } else {
            scores = _dependencies(graph, sources: (0 ..< Int32(n)).map { $0 }, edges: false, progress: progress)
        }
        let scale = graph.isDirected ? 1.0 : 0.5
        for v in scores.indices { scores[v] *= scale }
        return scores
    }

    /// Betweenness of every vertex estimated from `samples` sources drawn without replacement
    /// (partial Fisher–Yates with `SplitMix64(seed:)`), scaled as NetworkX 3.6 does for
    /// `betweenness_centrality(k=samples, normalized=False, endpoints=False)`: with
    /// `N = n - 1` and `c = 2` undirected (`1` directed), a sampled vertex's sum is scaled by
    /// `N / ((k - 1) c)` (its own search cannot pass through it) and any other vertex's by
    /// `N / (k c)`. Both are unbiased: conditioned on whether `v` was drawn, the other sources are
    /// a uniform sample of the `N` vertices other than `v`.
    ///
    /// `samples >= n` gives the exact scores; `samples <= 0` gives zeros. With one sample the
    /// sampled vertex gets 0 (NetworkX gives NaN).
    ///
    /// Error bound (Hoeffding, as in Brandes & Pich 2007; it holds for sampling without
    /// replacement too): the estimate is the mean of `k` draws (`k - 1` for a sampled vertex) of
    /// `N · delta_s(v) / c`, each in `[0, N (n - 2) / c]`, so with probability at least
    /// `1 - 2 exp(-2 k ε²)` it is within `ε · N (n - 2) / c` of the exact score; at failure
    /// probability `p`, `ε = sqrt(ln(2 / p) / (2 k))` (e.g. `k = 1000`, `p = 0.05`: `ε ≈ 0.043`
    /// of the largest possible score).
    /// The same seed gives the same sample and, whatever `threads` is, the same bits.
    ///
    /// - Complexity: O(k E) time unweighted, O(k E + k V log V) weighted; O(n) for the draw.
    func sampledVertexScores(_ graph: CSRGraph, samples: Int, seed: UInt64,
                             progress: (@Sendable (_ done: Double) -> Void)? = nil) -> [Double] {
        let n = graph.vertexCount
        let k = min(samples, n)
        guard k > 0 else { return [Double](repeating: 0, count: n) }
        if k == n { return vertexScores(graph, progress: progress) }  // every source: the exact scores
        var pool = (0 ..< Int32(n)).map { $0 }
        var rng = SplitMix64(seed: seed)
        for i in 0 ..< k {
            let j = i + rng.below(n - i)
            pool.swapAt(i, j)
        }
        var sources = Array(pool[0 ..< k])
        sources.sort()
        var scores = _dependencies(graph, sources: sources, edges: false, progress: progress)
        let bigN = n - 1
        guard bigN >= 2 else { return scores }
        let correction = graph.isDirected ? 1 : 2
        let scaleSource = k > 1 ? Double(bigN) / Double((k - 1) * correction) : 0
        let scaleOther = Double(bigN) / Double(k * correction)
        var isSource = [Bool](repeating: false, count: n)
        for s in sources { isSource[Int(s)] = true }
        for v in 0 ..< n { scores[v] *= isSource[v] ? scaleSource : scaleOther }
        return scores
    }

    /// Exact betweenness of every edge, parallel to `graph.targets`: entry `p` of row `u` holds
    /// the value of the edge `u -> targets[p]`; an undirected edge has the same value in both of
    /// its rows (NetworkX `edge_betweenness_centrality(normalized=False)`).
    ///
    /// - Complexity: O(V E) time unweighted, O(V E + V² log V) weighted; O(blocks · E) extra space.
    func edgeScores(_ graph: CSRGraph) -> [Double] {
        let n = graph.vertexCount
        let raw = _dependencies(graph, sources: (0 ..< Int32(n)).map { $0 }, edges: true)
        guard !graph.isDirected else { return raw }
        // Both directions of an undirected edge accumulate separately; NetworkX sums them into
        // one key and halves the sum.
        var scores = raw
        graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
                for u in 0 ..< n {
                    for p in Int(offsets[u]) ..< Int(offsets[u + 1]) {
                        let v = Int(targets[p])
                        guard u < v else { continue }
                        // The reverse entry, by binary search in v's sorted row.
                        var low = Int(offsets[v]), high = Int(offsets[v + 1])
                        while low < high {
                            let mid = (low + high) >> 1
                            if Int(targets[mid]) < u { low = mid + 1 } else { high = mid }
                        }
                        assert(low < Int(offsets[v + 1]) && Int(targets[low]) == u, "asymmetric CSR")
                        let value = (raw[p] + raw[low]) * 0.5
                        scores[p] = value
                        scores[low] = value
                    }
                }
            }
        }
        return scores
    }

    /// Graphs with at least this many vertices are renumbered for locality before vertex searches
    /// from at least `_renumberSources` sources (see `_dependencies`).
    static let _renumberVertices = 1 << 16
    /// See `_renumberVertices`: below this, the renumbering costs more than it saves.
    static let _renumberSources = 32

    /// Sum over `sources` of the dependencies (per vertex, or per CSR entry when `edges`), before
    /// any scaling, merged in block order; with `multiplicity` (parallel to `sources`, vertex
    /// dependencies only), source `i`'s dependencies count `multiplicity[i]` times.
    ///
    /// Locality: for vertex scores on a graph of `renumberFrom` vertices or more (by default
    /// `_renumberVertices`; `nil`: never), from `_renumberSources` sources or more, the searches run on a copy of the rows
    /// renumbered so that communities are numbered together (`_LocalityOrder.communityOrder`), and
    /// the sums are mapped back. Each renumbered row keeps its entries in their original order and
    /// the sources keep their order (every block holds the same sources), so each search visits the
    /// same vertices in the same order and adds the same numbers in the same order: the result is
    /// bit-identical to the search on the original numbering. The copy costs 4 bytes per adjacency
    /// entry (12 weighted) during the call.
    func _dependencies(_ graph: CSRGraph, sources: [Int32], edges: Bool,
                       renumberFrom: Int? = Betweenness._renumberVertices, multiplicity: [Double]? = nil,
                       batch: Int? = nil, batched: Bool? = nil,
                       progress: (@Sendable (_ done: Double) -> Void)? = nil) -> [Double] {
        let n = graph.vertexCount
        let length = edges ? graph.targets.count : n
        guard length > 0, !sources.isEmpty else { return [Double](repeating: 0, count: length) }
        let useWeights = weighted && graph.weights != nil
        if let renumberFrom, !edges && n >= renumberFrom && sources.count >= Self._renumberSources {
            let newID = _LocalityOrder.communityOrder(graph)
            let rows = graph.permutedRowsKeepingOrder(newID: newID)
            let renumberedSources = sources.map { newID[Int($0)] }
            let weightArray: [Double] = useWeights ? (rows.weights ?? []) : []
            let renumbered = rows.offsets.withUnsafeBufferPointer { offsets in
                rows.targets.withUnsafeBufferPointer { targets in
                    weightArray.withUnsafeBufferPointer { weights in
                        _sum(_Adjacency(offsets: offsets, targets: targets, weights: weights), vertexCount: n,
                             sources: renumberedSources, length: n, edges: false, useWeights: useWeights,
                             multiplicity: multiplicity, batch: batch, batched: batched, progress: progress)
                    }
                }
            }
            return [Double](unsafeUninitializedCapacity: n) { buffer, count in
                for v in 0..<n { buffer[v] = renumbered[Int(newID[v])] }
                count = n
            }
        }
        return graph._withAdjacency(reversed: false, weighted: useWeights) { adjacency in
            _sum(adjacency, vertexCount: n, sources: sources, length: length, edges: edges, useWeights: useWeights,
                 multiplicity: multiplicity, batch: batch, batched: batched, progress: progress)
        }
    }

    /// Sources per batch of the batched kernel (`_BatchedBrandesScratch`) for unweighted vertex
    /// dependencies on a graph of `n` vertices: 16, fewer when 16 lanes of path counts would take
    /// more than `_batchedLaneBudget` per worker (8 bytes per vertex and lane: 16 lanes up to
    /// 4M vertices); 1 (one source per search, the single-source kernel) from 32M vertices on.
    /// Depends on the graph only, never on the thread count.
    static func _batchLanes(vertexCount n: Int) -> Int {
        max(1, min(16, _batchedLaneBudget / max(1, 8 * n)))
    }
    /// See `_batchLanes(vertexCount:)`.
    static let _batchedLaneBudget = 512 << 20
    /// At most this many bytes of per-block partial sums on the batched path (the batched scratch
    /// takes 8 bytes per vertex and lane per worker besides).
    static let _batchedPartialBudget = 64 << 20

    /// `_dependencies` on one adjacency: the parallel blocks and their merge in block order.
    ///
    /// Unweighted vertex dependencies run `batch` sources per search with the batched kernel
    /// (`batched`; by default `_batchLanes(vertexCount:)`), the others one source per search. The
    /// blocks are made of whole batches (`batch` consecutive sources, the last one shorter), so with the same
    /// `batch` both kernels add the same dependencies to the same partial array, the batched one in
    /// another order per vertex (about 1e-15 relative; see `_BatchedBrandesScratch`).
    func _sum(_ adjacency: _Adjacency, vertexCount n: Int, sources: [Int32], length: Int, edges: Bool,
              useWeights: Bool, multiplicity: [Double]? = nil, batch: Int? = nil, batched: Bool? = nil,
              progress: (@Sendable (_ done: Double) -> Void)? = nil) -> [Double] {
        precondition(multiplicity == nil || (!edges && !useWeights && multiplicity!.count == sources.count),
                     "multiplicity: unweighted vertex dependencies only, one per source")
        let canBatch = !edges && !useWeights
        let batch = max(1, batch ?? (canBatch ? Self._batchLanes(vertexCount: n) : 1))
        let batched = canBatch && (batched ?? (batch > 1))
        precondition(!batched || batch <= 16, "at most 16 sources per batch")
        let heapCapacity = useWeights ? adjacency.targets.count + 1 : 0
        let batches = (sources.count + batch - 1) / batch
        let blocks = _ParallelSources.blockCount(sources: batches, bytesPerBlock: length * 8,
                                                 budget: canBatch && batch > 1 ? Self._batchedPartialBudget
                                                                               : _ParallelSources.partialBudget)
        var partial = [Double](repeating: 0, count: blocks * length)
        let searched = _WorkProgress.tracking(total: sources.count, report: progress)
        partial.withUnsafeMutableBufferPointer { partialBuffer in
            let shared = _SharedPointer(base: partialBuffer.baseAddress!)
            sources.withUnsafeBufferPointer { sourceList in
            (multiplicity ?? []).withUnsafeBufferPointer { times in
                _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                    if batched {
                        var scratch = _BatchedBrandesScratch(vertexCount: n, lanes: batch)
                        defer { scratch.deallocate() }
                        while let block = nextBlock() {
                            let out = shared.base + block * length
                            for b in _ParallelSources.range(of: block, blocks: blocks, sources: batches) {
                                let range = b * batch ..< min((b + 1) * batch, sourceList.count)
                                scratch.search(adjacency, sources: UnsafeBufferPointer(rebasing: sourceList[range]))
                                scratch.dependencies(adjacency, times: multiplicity == nil ? nil
                                                         : UnsafeBufferPointer(rebasing: times[range]), into: out)
                                scratch.reset()
                                searched?.advance(by: range.count)
                            }
                        }
                        return
                    }
                    var scratch = _BrandesScratch(vertexCount: n, heapCapacity: heapCapacity)
                    defer { scratch.deallocate() }
                    while let block = nextBlock() {
                        let out = shared.base + block * length
                        let batchRange = _ParallelSources.range(of: block, blocks: blocks, sources: batches)
                        for i in batchRange.lowerBound * batch ..< min(batchRange.upperBound * batch, sourceList.count) {
                            let s = sourceList[i]
                            if useWeights {
                                var (count, finite) = scratch.dijkstra(adjacency, from: s, logCounts: false)
                                if !finite {
                                    // More shortest paths than a Double counts: again, with log2 counts.
                                    scratch.resetWeighted(count: count)
                                    count = scratch.dijkstra(adjacency, from: s, logCounts: true).count
                                    scratch.accumulateWeightedLog(adjacency, count: count, edges: edges, into: out)
                                } else if edges {
                                    scratch.accumulateEdgesWeighted(adjacency, count: count, into: out)
                                } else {
                                    scratch.accumulateVerticesWeighted(adjacency, count: count, into: out)
                                }
                                scratch.resetWeighted(count: count)
                            } else {
                                let count = scratch.bfs(adjacency, from: s)
                                if edges {
                                    scratch.accumulateEdges(adjacency, count: count, into: out)
                                } else {
                                    scratch.accumulateVertices(adjacency, count: count,
                                                               times: multiplicity == nil ? 1 : times[i], into: out)
                                }
                                scratch.reset(count: count)
                            }
                            searched?.advance(by: 1)
                        }
                    }
                }
            }
            }
        }
        if blocks == 1 { return partial }
        var result = [Double](repeating: 0, count: length)
        result.withUnsafeMutableBufferPointer { result in
            partial.withUnsafeBufferPointer { partial in
                for block in 0 ..< blocks {
                    let base = block * length
                    for j in 0 ..< length { result[j] += partial[base + j] }
                }
            }
        }
        return result
    }
}

/// One worker's scratch for Brandes's searches, allocated once and reset per source only where
/// the search touched it (the visit order lists exactly those vertices).
struct _BrandesScratch {
    /// BFS distance, -1 when unvisited.
    let dist: UnsafeMutablePointer<Int32>
    /// Dijkstra distance, +infinity when unvisited (weighted searches only).
    let distance: UnsafeMutablePointer<Double>
    /// Number of shortest paths from the source.
    let sigma: UnsafeMutablePointer<Double>
    /// `(1 + delta[v]) / sigma[v]`, filled by the backward sweep.
    let coefficient: UnsafeMutablePointer<Double>
    /// Visit order (the BFS queue; the Dijkstra settle order).
    let order: UnsafeMutablePointer<Int32>
    var heap: _DistanceHeap

    init(vertexCount n: Int, heapCapacity: Int) {
        dist = .allocate(capacity: max(1, n))
        dist.initialize(repeating: -1, count: n)
        distance = .allocate(capacity: max(1, n))
        distance.initialize(repeating: .infinity, count: n)
        sigma = .allocate(capacity: max(1, n))
        sigma.initialize(repeating: 0, count: n)
        coefficient = .allocate(capacity: max(1, n))
        coefficient.initialize(repeating: 0, count: n)
        order = .allocate(capacity: max(1, n))
        heap = _DistanceHeap(capacity: heapCapacity)
    }

    func deallocate() {
        dist.deallocate(); distance.deallocate(); sigma.deallocate()
        coefficient.deallocate(); order.deallocate(); heap.deallocate()
    }

    // MARK: Unweighted

    /// Breadth-first search from `s`: distances, path counts and the visit order. Returns the
    /// number of vertices reached.
    @inline(__always)
    func bfs(_ graph: _Adjacency, from s: Int32) -> Int {
        let offsets = graph.offsets, targets = graph.targets
        dist[Int(s)] = 0
        sigma[Int(s)] = 1
        order[0] = s
        var head = 0, tail = 1
        while head < tail {
            let v = Int(order[head])
            head &+= 1
            let next = dist[v] &+ 1
            let sv = sigma[v]
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                let dw = dist[w]
                if dw < 0 {
                    dist[w] = next
                    sigma[w] = sv
                    order[tail] = Int32(truncatingIfNeeded: w)
                    tail &+= 1
                } else if dw == next {
                    sigma[w] += sv
                }
            }
        }
        return tail
    }

    /// Adds every reached vertex's dependency (except the source's), times `times`, to `out`.
    @inline(__always)
    func accumulateVertices(_ graph: _Adjacency, count: Int, times: Double,
                            into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets
        var i = count &- 1
        while i > 0 {
            let v = Int(order[i])
            let next = dist[v] &+ 1
            var sum = 0.0
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dist[w] == next { sum += coefficient[w] }
            }
            let sv = sigma[v]
            let delta = sv * sum
            out[v] += times * delta
            coefficient[v] = (1 + delta) / sv
            i &-= 1
        }
    }

    /// Adds every tree edge's share `sigma[v] / sigma[w] * (1 + delta[w])` to `out[p]`.
    @inline(__always)
    func accumulateEdges(_ graph: _Adjacency, count: Int, into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets
        var i = count &- 1
        while i >= 0 {
            let v = Int(order[i])
            let next = dist[v] &+ 1
            let sv = sigma[v]
            var delta = 0.0
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dist[w] == next {
                    let c = sv * coefficient[w]
                    out[p] += c
                    delta += c
                }
            }
            coefficient[v] = (1 + delta) / sv
            i &-= 1
        }
    }

    @inline(__always)
    func reset(count: Int) {
        for i in 0 ..< count { dist[Int(order[i])] = -1 }
    }

    // MARK: Weighted

    /// Dijkstra's search from `s` with a lazy binary heap: distances, path counts (their base-2
    /// logarithms with `logCounts`), the settle order, and each settled vertex's position in it
    /// in `dist`. Returns the number of vertices settled and whether every count is finite.
    ///
    /// A vertex already settled is never a successor: when `d + w(v, u)` rounds to `d` (a weight
    /// below `d` / 2^53, common when weights span many orders of magnitude) the tie `v - u` has
    /// zero length in floating point both ways, and counting it both ways would make a cycle of
    /// "shortest" paths. Without such rounding a settled vertex is never at `d + w`, so this
    /// changes nothing there.
    @inline(__always)
    mutating func dijkstra(_ graph: _Adjacency, from s: Int32, logCounts: Bool) -> (count: Int, finite: Bool) {
        let offsets = graph.offsets, targets = graph.targets, weights = graph.weights
        distance[Int(s)] = 0
        sigma[Int(s)] = logCounts ? 0 : 1
        heap.count = 0
        heap.push(0, s)
        var settled = 0
        var finite = true
        while heap.count > 0 {
            let (d, vertex) = heap.pop()
            let v = Int(vertex)
            if d > distance[v] || dist[v] >= 0 { continue }  // stale entry, or already settled
            order[settled] = vertex
            dist[v] = Int32(truncatingIfNeeded: settled)
            settled &+= 1
            let sv = sigma[v]
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                let candidate = d + weights[p]
                let dw = distance[w]
                if candidate < dw {
                    distance[w] = candidate
                    sigma[w] = sv
                    heap.push(candidate, Int32(truncatingIfNeeded: w))
                } else if candidate == dw && dist[w] < 0 {
                    if logCounts {
                        let (high, low) = (max(sigma[w], sv), min(sigma[w], sv))
                        sigma[w] = high + log2(1 + exp2(low - high))
                    } else {
                        sigma[w] += sv
                        finite = finite && sigma[w] < .infinity
                    }
                }
            }
        }
        return (settled, finite)
    }

    @inline(__always)
    func accumulateVerticesWeighted(_ graph: _Adjacency, count: Int, into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets, weights = graph.weights
        var i = count &- 1
        while i > 0 {
            let v = Int(order[i])
            let dv = distance[v]
            var sum = 0.0
            let position = dist[v]
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dv + weights[p] == distance[w] && dist[w] > position { sum += coefficient[w] }
            }
            let sv = sigma[v]
            let delta = sv * sum
            out[v] += delta
            coefficient[v] = (1 + delta) / sv
            i &-= 1
        }
    }

    @inline(__always)
    func accumulateEdgesWeighted(_ graph: _Adjacency, count: Int, into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets, weights = graph.weights
        var i = count &- 1
        while i >= 0 {
            let v = Int(order[i])
            let dv = distance[v]
            let sv = sigma[v]
            var delta = 0.0
            let position = dist[v]
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dv + weights[p] == distance[w] && dist[w] > position {
                    let c = sv * coefficient[w]
                    out[p] += c
                    delta += c
                }
            }
            coefficient[v] = (1 + delta) / sv
            i &-= 1
        }
    }

    /// Both sweeps over a search run with `logCounts` (`sigma` holds log2 of the path counts):
    /// each successor's share is `2^(log sigma[v] - log sigma[w]) * (1 + delta[w])`, a ratio at
    /// most 1, so nothing overflows however many shortest paths there are. Adds vertex
    /// dependencies (except the source's), or with `edges` every tree edge's share, to `out`.
    func accumulateWeightedLog(_ graph: _Adjacency, count: Int, edges: Bool, into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets, weights = graph.weights
        var i = count &- 1
        while i >= 0 {
            let v = Int(order[i])
            let dv = distance[v], position = dist[v], lv = sigma[v]
            var delta = 0.0
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dv + weights[p] == distance[w] && dist[w] > position {
                    let c = exp2(lv - sigma[w]) * coefficient[w]
                    if edges { out[p] += c }
                    delta += c
                }
            }
            if !edges && i > 0 { out[v] += delta }
            coefficient[v] = 1 + delta  // here: 1 + delta[v], not divided by sigma[v]
            i &-= 1
        }
    }

    @inline(__always)
    func resetWeighted(count: Int) {
        for i in 0 ..< count {
            distance[Int(order[i])] = .infinity
            dist[Int(order[i])] = -1
        }
    }
}

/// Shortest-path betweenness of every edge (Brandes's algorithm), as NetworkX's
/// `edge_betweenness_centrality(normalized=False)`: the edge counterpart of ``Betweenness``, with
/// the same conventions (pairs counted once on undirected graphs, weights as lengths with
/// `weighted`) and the same determinism whatever `threads` is.
///
///     let scores = EdgeBetweenness().run(graph).scores
///     scores[graph.edgeIndex(u, v)!]
///
/// - Complexity: O(V E) time unweighted, O(V E + V² log V) weighted; O(blocks · E) extra space.
/// - Note: U. Brandes, "On variants of shortest-path betweenness centrality and their generic
///   computation", Social Networks 30(2), 2008.
public struct EdgeBetweenness: Sendable {
    /// Whether edge weights are used as lengths (ignored when the graph has no weights).
    public var weighted: Bool
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int

    /// Creates the algorithm with its parameters.
    public init(weighted: Bool = false, threads: Int = Parallelism.defaultThreads) {
        self.weighted = weighted
        self.threads = max(1, threads)
    }

    /// The betweenness of every edge.
    public struct Result: Sendable, Equatable {
        /// Parallel to `graph.targets`: entry `p` of row `u` holds the value of the edge
        /// `u -> targets[p]`; an undirected edge has the same value in both of its rows.
        public var scores: [Double]
    }

    /// The betweenness of every edge of `graph`.
    public func run(_ graph: CSRGraph) -> Result {
        Result(scores: Betweenness(weighted: weighted, threads: threads).edgeScores(graph))
    }
}

/// The twin classes of an undirected graph's vertices, for exact betweenness: vertices with the
/// same closed neighbourhood (`N[u] == N[v]`, adjacent "true twins") or the same open one
/// (`N(u) == N(v)`, non-adjacent "false twins", e.g. the leaves of one vertex).
///
/// Twins `s`, `s'` have the same dependencies `delta_s(v) == delta_s'(v)` for every other vertex
/// `v`: the searches from both reach the same first level (the shared neighbours), the other twin
/// is a dead end on it or on the next level (all its neighbours are on the first), and from the
/// first level on they find the same shortest paths; and `delta_s(s') == delta_s'(s) == 0`. So
/// Brandes's sum needs one search per class, its dependencies counted once per member. A vertex
/// is in at most one non-trivial class of either kind (a true twin of `a` and a false twin of `b`
/// would make `b` adjacent to it). In collaboration networks, where each paper is a clique, many
/// members are twins: ca-GrQc's 5,242 vertices form 4,104 closed-neighbourhood classes, and the
/// two kinds together leave 78 % of the all-pairs search work.
///
/// Leaves go further: a leaf `s` whose neighbour `u` has other neighbours has `delta_s(v) ==
/// delta_u(v)` for every `v` other than `s` and `u` (its paths are `u`'s, one step longer), and
/// `delta_s(u)` is the number of other vertices in the component. So a class of leaves joins the
/// class of its neighbour (adding its members to that class's count), and `leafParents` lists the
/// neighbours with their leaf counts, whose `delta_s(u)` the caller adds. On ca-GrQc the search work
/// drops to 66 % of the search from every vertex.
///
/// Vertices with a self-loop, and isolated vertices, stay alone. Each class is represented by its
/// smallest vertex; `representatives` ascend.
///
/// - Complexity: O(V log V + E) expected (neighbourhood hashes sorted, then one comparison of two
///   rows per candidate twin); O(V) space in a few flat arrays.
/// - Note: the shared-dependency argument is the twin reduction of Puzis, Zilberman, Elovici,
///   Dolev & Brandes, "Heuristics for speeding up betweenness centrality computation", SocialCom
///   2012 (structural equivalence), used for exact scores.
struct _TwinClasses {
    /// One vertex per class, ascending.
    var representatives: [Int32] = []
    /// `sizes[i]`: the members of `representatives[i]`'s class, as a `Double` multiplier.
    var sizes: [Double] = []
    /// Vertices with leaves folded into their class, and how many, ascending by vertex.
    var leafParents: [(vertex: Int32, leaves: Double)] = []

    init(_ graph: CSRGraph) {
        let n = graph.vertexCount
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
            @inline(__always) func row(_ v: Int) -> Range<Int> { Int(offsets[v]) ..< Int(offsets[v + 1]) }
            @inline(__always) func mix(_ x: Int) -> UInt64 {
                var z = UInt64(truncatingIfNeeded: x) &+ 0x9E37_79B9_7F4A_7C15
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            // Whether the rows of u and v are equal once `skipU` is left out of u's row and
            // `skipV` out of v's (-1: nothing left out).
            func sameRows(_ u: Int, skipping skipU: Int, _ v: Int, skipping skipV: Int) -> Bool {
                var p = row(u).lowerBound, q = row(v).lowerBound
                let pEnd = row(u).upperBound, qEnd = row(v).upperBound
                while true {
                    if p < pEnd && Int(targets[p]) == skipU { p += 1 }
                    if q < qEnd && Int(targets[q]) == skipV { q += 1 }
                    if p == pEnd || q == qEnd { return p == pEnd && q == qEnd }
                    if targets[p] != targets[q] { return false }
                    p += 1; q += 1
                }
            }
            var eligible = [Bool](repeating: false, count: n)
            var openHash = [UInt64](repeating: 0, count: n)
            for v in 0 ..< n where !row(v).isEmpty {
                var h: UInt64 = 0
                var loop = false
                for p in row(v) {
                    let w = Int(targets[p])
                    if w == v { loop = true }
                    h &+= mix(w)
                }
                eligible[v] = !loop
                openHash[v] = h
            }
            // Candidates sorted by (hash, vertex); within a run of equal hashes each vertex joins
            // the first earlier vertex it is `same` as (so every class's owner is its smallest
            // vertex). A few flat arrays: no allocation per vertex or per class.
            func group(_ vs: [Int], keys: [UInt64], same: (Int, Int) -> Bool, into owner: inout [Int32]) {
                let sorted = vs.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : vs[$0] < vs[$1] }
                var runOwners: [Int] = []
                var i = 0
                while i < sorted.count {
                    var j = i
                    while j < sorted.count && keys[sorted[j]] == keys[sorted[i]] { j += 1 }
                    runOwners.removeAll(keepingCapacity: true)
                    for t in i ..< j {
                        let v = vs[sorted[t]]
                        if let r = runOwners.first(where: { same(v, $0) }) { owner[v] = Int32(r) } else { runOwners.append(v) }
                    }
                    i = j
                }
            }
            // Closed neighbourhoods: N[v] hashes as N(v) plus v itself; true twins are adjacent
            // and N(v) \ {r} == N(r) \ {v}.
            let candidates = (0 ..< n).filter { eligible[$0] }
            var closedOwner = [Int32](repeating: -1, count: n)
            group(candidates, keys: candidates.map { openHash[$0] &+ mix($0) }, same: { v, r in
                graph.hasEdge(Int32(v), Int32(r)) && sameRows(v, skipping: r, r, skipping: v)
            }, into: &closedOwner)
            var single = eligible
            for v in 0 ..< n where closedOwner[v] >= 0 { single[v] = false; single[Int(closedOwner[v])] = false }
            // Open neighbourhoods, among the vertices still alone.
            let singles = (0 ..< n).filter { single[$0] }
            var merged = [Int32](repeating: -1, count: n)   // a false twin's owner
            group(singles, keys: singles.map { openHash[$0] &+ UInt64(row($0).count) }, same: { v, r in
                row(v).count == row(r).count && sameRows(v, skipping: -1, r, skipping: -1)
            }, into: &merged)
            @inline(__always) func owner(_ v: Int) -> Int {
                merged[v] >= 0 ? Int(merged[v]) : closedOwner[v] >= 0 ? Int(closedOwner[v]) : v
            }
            // The classes, smallest vertex first.
            var index = [Int32](repeating: -1, count: n)
            var reps: [Int32] = [], counts: [Double] = []
            for v in 0 ..< n {
                let o = owner(v)
                if o == v {
                    index[v] = Int32(reps.count)
                    reps.append(Int32(v))
                    counts.append(1)
                } else {
                    counts[Int(index[o])] += 1
                }
            }
            // Leaf classes join their neighbour's class.
            var keep = [Bool](repeating: true, count: reps.count)
            var leavesOf: [Int: Double] = [:]
            for (i, r) in reps.enumerated() where eligible[Int(r)] && row(Int(r)).count == 1 {
                let u = Int(targets[row(Int(r)).lowerBound])
                guard row(u).count > 1 else { continue }   // a two-vertex component
                counts[Int(index[owner(u)])] += counts[i]
                leavesOf[u, default: 0] += counts[i]
                keep[i] = false
            }
            representatives = reps.indices.filter { keep[$0] }.map { reps[$0] }
            sizes = counts.indices.filter { keep[$0] }.map { counts[$0] }
            leafParents = leavesOf.keys.sorted().map { (Int32($0), leavesOf[$0]!) }
        }}
    }
}
