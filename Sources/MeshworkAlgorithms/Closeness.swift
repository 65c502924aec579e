import MeshworkCore

/// Closeness and harmonic centrality of every vertex, both from one shortest-path search per
/// vertex.
///
///     //  0 ── 1 ── 2
///     let graph = try EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
///     let (closeness, harmonic) = Closeness().scores(graph)
///     closeness   // [2/3, 1, 2/3]
///     harmonic    // [1.5, 2, 1.5]
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
/// Each vertex's two values come from its own search alone, so the result does not depend on
/// `threads`; the vertices are still handed out in the same fixed blocks as ``Betweenness``.
/// The searches are iterative (flat queue or heap), so long paths need no deep stack.
///
/// - Complexity: time O(V E) unweighted, O(V E + V² log V) weighted; extra space per worker O(V)
///   (plus O(E) for the weighted search's heap).
/// - Note: A. Bavelas, "Communication patterns in task-oriented groups", J. Acoust. Soc. Am. 22,
///   1950; S. Wasserman & K. Faust, *Social Network Analysis*, 1994; M. Marchiori & V. Latora,
///   "Harmony in the small-world", Physica A 285, 2000; P. Boldi & S. Vigna, "Axioms for
///   centrality", Internet Mathematics 10, 2014.
public struct Closeness: Sendable {
    /// Whether edge weights are used as lengths (ignored when the graph has no weights).
    public var weighted: Bool
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int

    /// Creates the algorithm with its parameters.
    public init(weighted: Bool = false, threads: Int = 2) {
        self.weighted = weighted
        self.threads = max(1, threads)
    }

    /// Closeness and harmonic centrality of every vertex, from one all-sources pass.
    ///
    ///     let (closeness, harmonic) = Closeness(weighted: true).scores(graph)
    ///
    /// - Complexity: O(V E) time unweighted, O(V E + V² log V) weighted.
    public func scores(_ graph: CSRGraph) -> (closeness: [Double], harmonic: [Double]) {
        scores(graph, of: (0 ..< Int32(graph.vertexCount)).map { $0 })
    }

    /// Closeness and harmonic centrality of the given vertices only (one search each), in the
    /// order given: NetworkX `closeness_centrality(G, u=v)` for each `v`.
    ///
    ///     let (closeness, harmonic) = Closeness().scores(graph, of: [0, 17])
    ///
    /// - Complexity: O(k E) time unweighted, O(k E + k V log V) weighted, for `k` vertices.
    public func scores(_ graph: CSRGraph, of vertices: [VertexID]) -> (closeness: [Double], harmonic: [Double]) {
        let n = graph.vertexCount
        let k = vertices.count
        var closeness = [Double](repeating: 0, count: k)
        var harmonic = [Double](repeating: 0, count: k)
        guard k > 0 else { return (closeness, harmonic) }
        precondition(vertices.allSatisfy { $0 >= 0 && Int($0) < n }, "vertex out of range")
        let useWeights = weighted && graph.weights != nil
        let heapCapacity = useWeights ? max(graph.targets.count, graph.inSources.count) + 1 : 0
        let blocks = _ParallelSources.blockCount(sources: k, bytesPerBlock: 0)
        let others = Double(n - 1)
        closeness.withUnsafeMutableBufferPointer { closenessBuffer in
            harmonic.withUnsafeMutableBufferPointer { harmonicBuffer in
                let closenessOut = _SharedPointer(base: closenessBuffer.baseAddress!)
                let harmonicOut = _SharedPointer(base: harmonicBuffer.baseAddress!)
                graph._withAdjacency(reversed: true, weighted: useWeights) { adjacency in
                    vertices.withUnsafeBufferPointer { vertexList in
                    _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                        var scratch = _ClosenessScratch(vertexCount: n, heapCapacity: heapCapacity)
                        defer { scratch.deallocate() }
                        while let block = nextBlock() {
                            for i in _ParallelSources.range(of: block, blocks: blocks, sources: k) {
                                let v = vertexList[i]
                                let (reached, total, inverseSum) = useWeights
                                    ? scratch.dijkstra(adjacency, from: v)
                                    : scratch.bfs(adjacency, from: v)
                                var c = 0.0
                                if total > 0 && n > 1 {
                                    // NetworkX's order of operations, for the same bits.
                                    c = (Double(reached) - 1) / total
                                    c *= (Double(reached) - 1) / others
                                }
                                closenessOut.base[i] = c
                                harmonicOut.base[i] = inverseSum
                            }
                        }
                    }
                    }
                }
            }
        }
        return (closeness, harmonic)
    }
}

/// One worker's scratch for closeness searches, allocated once and reset per source only where
/// the search touched it.
struct _ClosenessScratch {
    let dist: UnsafeMutablePointer<Int32>
    let distance: UnsafeMutablePointer<Double>
    let order: UnsafeMutablePointer<Int32>
    var heap: _DistanceHeap

    init(vertexCount n: Int, heapCapacity: Int) {
        dist = .allocate(capacity: max(1, n))
        dist.initialize(repeating: -1, count: n)
        distance = .allocate(capacity: max(1, n))
        distance.initialize(repeating: .infinity, count: n)
        order = .allocate(capacity: max(1, n))
        heap = _DistanceHeap(capacity: heapCapacity)
    }

    func deallocate() {
        dist.deallocate(); distance.deallocate(); order.deallocate(); heap.deallocate()
    }

    /// BFS from `s`: the number of vertices reached (with `s`), the sum of their distances and the
    /// sum of their inverse distances (summed level by level: `count_d / d`).
    @inline(__always)
    func bfs(_ graph: _Adjacency, from s: Int32) -> (reached: Int, total: Double, inverseSum: Double) {
        let offsets = graph.offsets, targets = graph.targets
        dist[Int(s)] = 0
        order[0] = s
        var head = 0, tail = 1
        while head < tail {
            let v = Int(order[head])
            head &+= 1
            let next = dist[v] &+ 1
            for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                let w = Int(targets[p])
                if dist[w] < 0 {
                    dist[w] = next
                    order[tail] = Int32(truncatingIfNeeded: w)
                    tail &+= 1
                }
            }
        }
        // The visit order is sorted by level: sum per level, and reset while walking it.
        var total = 0
        var inverseSum = 0.0
        var level: Int32 = 0
        var inLevel = 0
        dist[Int(s)] = -1
        for i in 1 ..< max(1, tail) {
            let v = Int(order[i])
            let d = dist[v]
            dist[v] = -1
            total &+= Int(d)
            if d != level {
                if inLevel > 0 { inverseSum += Double(inLevel) / Double(level) }
                level = d
                inLevel = 0
            }
            inLevel &+= 1
        }
        if inLevel > 0 { inverseSum += Double(inLevel) / Double(level) }
        return (tail, Double(total), inverseSum)
    }

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
