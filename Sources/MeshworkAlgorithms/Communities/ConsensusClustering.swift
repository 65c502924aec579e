import MeshworkCore

/// Consensus clustering and per-vertex stability over several runs of a randomised community
/// detection (Lancichinetti & Fortunato 2012), restricted to the graph's ties so that it stays
/// sparse.
///
///     let consensus = ConsensusClustering(runs: 10, threads: 2)
///     let result = consensus.run(graph, seed: 7) { graph, seed in
///         myDetection(graph, seed: seed)                 // any seeded detection returning a Partition
///     }
///     result.partition.group[v]   // the consensus community of v (0 = largest)
///     result.stability[v]         // in [0, 1]: 1 when every run kept v with all its co-members
///
/// **The runs.** Round 0 runs the detection `runs` (K) times on the input graph, run `k` with
/// seed `seed + k`. The K calls are independent, so they run on up to ``threads`` threads
/// (through the same fixed-block driver as betweenness); each result goes to its own slot and the
/// slots are read in seed order, so the output never depends on the thread count. The detection
/// must be deterministic for a given graph and seed, and safe to call concurrently.
///
/// **The consensus partition.** For each tie `{u, v}` of the graph (of its undirected view when it
/// is directed), `w(u, v)` is the fraction of the K runs that put `u` and `v` in the same
/// community. Ties with `w < τ` (``threshold``, default 0.5) are dropped. If every remaining tie
/// has `w = 1` (all runs agree), the consensus communities are the connected components of the
/// remaining ties. Otherwise the remaining ties, weighted by `w`, form the consensus graph; the
/// detection runs K times on it (round `r`, run `k` with seed `seed + r K + k`) and the procedure
/// repeats on the consensus graph's ties. After ``maximumRounds`` rounds without unanimity, the
/// consensus is the components of the last round's ties with `w ≥ τ`, and
/// ``Result/converged`` is false. This is Lancichinetti & Fortunato's procedure with the
/// consensus matrix restricted to existing ties (the full matrix would be dense); the consensus
/// communities are therefore always connected in the input graph.
///
/// **Stability.** For vertex `v` with consensus community `C` (|C| > 1), and the round-0 runs
/// `P_1 ... P_K`:
///
///     stability(v) = (1 / K) Σ_k |{u ∈ C \ {v} : P_k(u) = P_k(v)}| / (|C| - 1)
///
/// the average share of its consensus co-members that shared its community in a run. A vertex
/// alone in its consensus community scores the fraction of runs in which it was alone. A vertex
/// whose group in a run is unknown shares that run's community with nobody (and so counts as
/// alone in it).
///
/// - Complexity: per round, K detections plus O(K (V + E)) time and O(V + E) extra space for the
///   co-assignment counts (one `Int32` per stored tie), the consensus graph (built by
///   ``EdgeBuffer``'s counting sort) and its components; stability O(K V).
/// - Note: A. Lancichinetti, S. Fortunato, "Consensus clustering in complex networks",
///   Scientific Reports 2, 336 (2012).
public struct ConsensusClustering: Sendable {
    /// A seeded community detection: the partition of `graph` found with `seed`.
    public typealias Detection = @Sendable (_ graph: CSRGraph, _ seed: UInt64) -> Partition

    /// K: detection runs per round.
    public var runs: Int
    /// τ: ties placed together by fewer than this fraction of the runs are dropped.
    public var threshold: Double
    /// The most detection rounds (the first, on the input graph, included).
    public var maximumRounds: Int
    /// Threads for the K runs of a round; the results do not depend on it.
    public var threads: Int

    /// - Precondition: `runs >= 1`, `0 < threshold <= 1`, `maximumRounds >= 1`, `threads >= 1`.
    public init(runs: Int = 10, threshold: Double = 0.5, maximumRounds: Int = 10, threads: Int = Parallelism.defaultThreads) {
        precondition(runs >= 1, "at least one run")
        precondition(threshold > 0 && threshold <= 1, "threshold in (0, 1]")
        precondition(maximumRounds >= 1, "at least one round")
        precondition(threads >= 1, "at least one thread")
        self.runs = runs
        self.threshold = threshold
        self.maximumRounds = maximumRounds
        self.threads = threads
    }

    /// Runs the detection K times on `graph` (seeds `seed`, `seed + 1`, ...), then builds the
    /// consensus partition and the stability scores.
    /// - Complexity: see ``ConsensusClustering``.
    public func run(_ graph: CSRGraph, seed: UInt64, detect: Detection) -> Result {
        let first = detectRuns(graph, seed: seed, detect: detect)
        return consensus(graph, runs: first, seed: seed, detect: detect)
    }

    /// The consensus of `runs`, K partitions of `graph` already computed (seeds `seed`,
    /// `seed + 1`, ... by convention); further rounds, if needed, call `detect` with seeds from
    /// `seed + K` on.
    /// - Precondition: `runs.count == self.runs` and every run covers every vertex of `graph`.
    /// - Complexity: see ``ConsensusClustering``.
    public func consensus(_ graph: CSRGraph, runs first: [Partition], seed: UInt64,
                          detect: Detection) -> Result {
        precondition(first.count == runs, "one partition per run")
        let n = graph.vertexCount
        for p in first { precondition(p.vertexCount == n, "every run covers every vertex") }
        var current = graph.undirectedView()
        var partitions = first
        var round = 0
        var consensusGraph: CSRGraph
        var unanimous: Bool
        while true {
            let counts = Self.coassignmentCounts(current, partitions)
            var kept = EdgeBuffer(weighted: true)
            unanimous = true
            let k = Double(runs)
            for u in 0..<n {
                for p in current.row(VertexID(u)) {
                    let v = current.targets[p]
                    if Int(v) <= u { continue }  // each tie once
                    let together = counts[p]
                    let w = Double(together) / k
                    if w >= threshold {
                        kept.append(VertexID(u), v, weight: w)
                        if Int(together) != runs { unanimous = false }
                    }
                }
            }
            round += 1
            consensusGraph = kept.build(vertexCount: n, directed: false).graph
            if unanimous || round >= maximumRounds { break }
            current = consensusGraph
            partitions = detectRuns(current, seed: seed &+ UInt64(round) &* UInt64(runs), detect: detect)
            for p in partitions { precondition(p.vertexCount == n, "every run covers every vertex") }
        }
        let partition = ConnectedComponents().run(consensusGraph).partition
        return Result(partition: partition,
                               stability: Self.stability(runs: first, consensus: partition),
                               runs: first, rounds: round, converged: unanimous)
    }

    /// The K results of `detect` on `graph` with seeds `seed`, `seed + 1`, ..., `seed + K - 1`, in
    /// seed order, computed on up to ``threads`` threads: the partitions of the first round (or
    /// whole ``CommunityResult``s, whose partitions ``consensus(_:runs:seed:detect:)`` then takes).
    /// - Complexity: K detections; O(K) synchronisation.
    public func detectRuns<Result: Sendable>(_ graph: CSRGraph, seed: UInt64,
                                             detect: @Sendable (_ graph: CSRGraph, _ seed: UInt64) -> Result) -> [Result] {
        var results = [Result?](repeating: nil, count: runs)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = _SharedPointer(base: slots.baseAddress!)
            // One block per run: each worker writes only the slots of the runs it took, and the
            // slots are read in seed order afterwards.
            _ParallelSources.run(blocks: runs, threads: threads) { nextBlock in
                while let k = nextBlock() {
                    shared.base[k] = detect(graph, seed &+ UInt64(k))
                }
            }
        }
        return results.map { $0! }
    }

    /// The fraction of `runs` that put the two ends of each tie in the same group, parallel to
    /// `graph.targets` (both stored directions of an undirected tie get the same value). A vertex
    /// whose group is unknown in a run is with nobody in that run.
    ///
    ///     //  0 - 1 - 2   runs [0,0,1] and [0,0,0]:  w(0,1) = 1, w(1,2) = 0.5
    ///
    /// - Complexity: O(K (V + E)) time; O(E) extra space.
    public static func coassignment(_ graph: CSRGraph, runs: [Partition]) -> [Double] {
        for p in runs { precondition(p.vertexCount == graph.vertexCount, "every run covers every vertex") }
        let k = Double(runs.count)
        return coassignmentCounts(graph, runs).map { Double($0) / k }
    }

    /// How many runs put the two ends of each stored tie together.
    static func coassignmentCounts(_ graph: CSRGraph, _ runs: [Partition]) -> [Int32] {
        var counts = [Int32](repeating: 0, count: graph.targets.count)
        let n = graph.vertexCount
        counts.withUnsafeMutableBufferPointer { counts in
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
            for run in runs {
                run.group.withUnsafeBufferPointer { group in
                    for u in 0..<n {
                        let g = group[u]
                        if g < 0 { continue }
                        for p in Int(offsets[u]) ..< Int(offsets[u + 1]) where group[Int(targets[p])] == g {
                            counts[p] &+= 1
                        }
                    }
                }
            }
        }}}
        return counts
    }

    /// The stability of every vertex of `consensus` over `runs` (see ``ConsensusClustering``):
    /// the average share of its consensus co-members that shared its community in a run, or,
    /// for a vertex alone in its consensus community, the fraction of runs in which it was alone.
    /// NaN for a vertex whose consensus group is unknown.
    ///
    ///     // consensus [0,0,0,1], runs [0,0,1,2] and [0,0,0,1]:
    ///     // vertex 0: (1/2 + 2/2) / 2 = 0.75; vertex 2: (0 + 1) / 2 = 0.5; vertex 3: 1
    ///
    /// - Complexity: O(K (V + G)) time, G the largest group count; O(V + G) extra space.
    public static func stability(runs: [Partition], consensus: Partition) -> [Double] {
        let n = consensus.vertexCount
        precondition(!runs.isEmpty, "at least one run")
        for p in runs { precondition(p.vertexCount == n, "every run covers every vertex") }
        var consensusSizes = [Int](repeating: 0, count: Int((consensus.group.max() ?? -1) + 1))
        for g in consensus.group where g >= 0 { consensusSizes[Int(g)] += 1 }
        var total = [Double](repeating: 0, count: n)
        for run in runs {
            // Cells of the (consensus, run) contingency table: a vertex's cell holds it and the
            // consensus co-members that shared its community in this run.
            let table = _ContingencyTable(consensus.group, run.group)
            var runSizes = [Int](repeating: 0, count: table.columnSums.count)
            for g in run.group where g >= 0 { runSizes[Int(g)] += 1 }
            for c in 0..<table.cellCount {
                let cell = table.cellEnds[c] ..< table.cellEnds[c + 1]
                let size = consensusSizes[Int(table.cellRows[c])]
                let share: Double
                if size > 1 {
                    share = Double(cell.count - 1) / Double(size - 1)
                } else {
                    share = runSizes[Int(table.cellColumns[c])] == 1 ? 1 : 0
                }
                for i in cell { total[Int(table.order[i])] += share }
            }
            // Known in the consensus, unknown in this run: shares with nobody (alone).
            for v in 0..<n where consensus.group[v] >= 0 && run.group[v] < 0 && consensusSizes[Int(consensus.group[v])] == 1 {
                total[v] += 1
            }
        }
        let k = Double(runs.count)
        var stability = [Double](repeating: .nan, count: n)
        for v in 0..<n where consensus.group[v] >= 0 { stability[v] = total[v] / k }
        return stability
    }
}

extension ConsensusClustering {
    /// The result of ``ConsensusClustering/run(_:seed:detect:)``.
    public struct Result: Sendable {
        /// The consensus communities, numbered by decreasing size (ties: smallest vertex first).
        public let partition: Partition
        /// The stability of each vertex, in `[0, 1]`.
        public let stability: [Double]
        /// The K partitions of the input graph (round 0), in seed order.
        public let runs: [Partition]
        /// Detection rounds done (1 when the first K runs already agree on every kept tie).
        public let rounds: Int
        /// Whether the last round was unanimous; false when ``ConsensusClustering/maximumRounds``
        /// stopped it (the consensus is then the components of the last round's ties with `w ≥ τ`).
        public let converged: Bool
    }
}
