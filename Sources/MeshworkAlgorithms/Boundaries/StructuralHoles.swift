import MeshworkCore

/// Burt's structural-hole measures, constraint and effective size, as NetworkX's
/// `constraint(G, weight=)` and `effective_size(G, nodes=, weight=)` (see below for the one
/// difference, a NetworkX bug).
///
///     let holes = StructuralHoles().run(graph)              // both, one pass
///     holes.constraint[v]        // low: v's contacts are not tied to one another
///     holes.effectiveSize[v]     // high: many non-redundant contacts
///     StructuralHoles(weighted: true).run(graph).constraint  // with tie weights
///
/// Both measures work on **mutual weights**: `m_ij = w_ij + w_ji` (a tie missing in one direction
/// counts 0; an unweighted tie counts 1), so on a directed graph a reciprocated pair weighs 2 and a
/// one-way arc 1, and the neighbours `N(i)` of a vertex are its in- and out-neighbours together. On
/// an undirected graph `m_ij = 2 w_ij`; the factor cancels everywhere. With
/// `p_ij = m_ij / sum_k m_ik` (the proportion of i's ties invested in j):
///
/// - constraint: `c(i) = sum over j in N(i) of (p_ij + sum over k of p_ik p_kj)^2`;
/// - effective size: `e(i) = sum over j in N(i) of (1 - sum over k of p_ik m_jk / max_l m_jl)`;
///   on an undirected unweighted graph this equals Borgatti's `n - 2t / n` (n = degree, t = ties
///   among the neighbours), which is what is computed there.
///
/// A vertex with no neighbour (in or out) gets NaN for both (as NetworkX).
///
/// NetworkX 3.6's `effective_size(G, weight=)` without `nodes=` takes a sparse-matrix path that
/// divides `m_jk` by the largest mutual weight of k instead of j (open NetworkX PR #8906), so on
/// weighted or directed graphs it differs from its own per-node path and from UCINET and igraph.
/// ``measures(_:weighted:)`` returns both: `effectiveSize` follows the formula above (NetworkX's
/// per-node path, `effective_size(G, nodes=list(G), weight=)`, and its sparse path with the PR's
/// fix), `networkXEffectiveSize` what NetworkX's default call returns (docs/data-contract.md's contract);
/// on undirected unweighted graphs they agree.
///
/// The kernel scatters `p_ik` of the vertex's neighbours into a flat array indexed by vertex, then
/// walks each neighbour's row once: the inner sums run only over common neighbours of i and j,
/// found by that array rather than by hash lookups.
///
/// - Complexity: O(sum over vertices of the sum of their neighbours' degrees) = O(sum over v of
///   deg(v)^2) time, on the mutual (in + out) degrees; O(V + E) extra space (the mutual rows of a
///   directed graph, or the unit weights of an unweighted one, plus three per-vertex arrays).
/// - Note: Burt, *Structural Holes: The Social Structure of Competition*, Harvard University
///   Press, 1992; Burt, "Structural holes and good ideas", American Journal of Sociology 110(2),
///   349-399, 2004; Borgatti, "Structural holes: unpacking Burt's redundancy measures",
///   Connections 20(1), 35-38, 1997.
public struct StructuralHoles: Sendable {
    /// Use the graph's weights (ignored when it has none).
    public var weighted: Bool
    /// Workers over blocks of vertices (at least 1). Does not change the result.
    public var threads: Int

    public init(weighted: Bool = false, threads: Int = Parallelism.defaultThreads) {
        self.weighted = weighted
        self.threads = max(1, threads)
    }

    /// Burt's measures of every vertex.
    public struct Result: Sendable, Equatable {
        /// Burt's constraint (NetworkX `constraint`); NaN for a vertex without ties.
        public var constraint: [Double]
        /// Burt's effective size (NetworkX `effective_size` with `nodes=`, see the type's notes);
        /// NaN for a vertex without ties.
        public var effectiveSize: [Double]
        /// What NetworkX's default `effective_size` call returns (see the type's notes).
        public var networkXEffectiveSize: [Double]
    }

    /// Constraint and effective size of every vertex, computed together.
    ///
    ///     //  0 - 1 - 2   (a path)
    ///     StructuralHoles().run(path).effectiveSize   // [1, 2, 1]
    ///
    /// - Complexity: O(sum over v of deg(v)^2) time; O(V + E) extra space, plus O(V) per thread.
    ///
    /// `progress`, when given, is told the share of the work done (from the worker threads, in
    /// increasing order, at most once per whole percent).
    public func run(_ graph: CSRGraph, progress: (@Sendable (_ done: Double) -> Void)? = nil) -> Result {
        let m = Self.compute(graph, weighted: weighted, wantConstraint: true, wantEffectiveSize: true, threads: threads,
                             progress: progress)
        return Result(constraint: m.constraint, effectiveSize: m.effectiveSize, networkXEffectiveSize: m.networkXEffectiveSize)
    }

    /// Burt's constraint of every vertex (NetworkX `constraint`); NaN for a vertex without ties.
    ///
    ///     //  a star: the centre's constraint is 1 / (number of leaves), each leaf's is 1
    ///
    /// - Complexity: O(sum over v of deg(v)^2) time; O(V + E) extra space.
    static func constraint(_ graph: CSRGraph, weighted: Bool = false, threads: Int = Parallelism.defaultThreads) -> [Double] {
        compute(graph, weighted: weighted, wantConstraint: true, wantEffectiveSize: false, threads: threads).constraint
    }

    /// Burt's effective size of every vertex (NetworkX `effective_size` with `nodes=`, see the type's
    /// notes); NaN for a vertex without ties.
    ///
    ///     //  a triangle: every vertex has effective size 2 - 2 * 1 / 2 = 1
    ///
    /// - Complexity: O(sum over v of deg(v)^2) time; O(V + E) extra space.
    static func effectiveSize(_ graph: CSRGraph, weighted: Bool = false, threads: Int = Parallelism.defaultThreads) -> [Double] {
        compute(graph, weighted: weighted, wantConstraint: false, wantEffectiveSize: true, threads: threads).effectiveSize
    }

    /// Burt's effective size of `vertices` only, in their order: ``Result/effectiveSize``'s
    /// values, to the bit, for a table of a few members without the pass over every vertex.
    ///
    ///     StructuralHoles().effectiveSize(graph, of: [3, 1])   // [e(3), e(1)]
    ///
    /// On an undirected graph without weights (Borgatti's `n - 2t / n`) each vertex costs the
    /// degrees of its neighbours; otherwise every vertex is computed and the asked ones picked.
    /// - Complexity: undirected and unweighted, O(V + sum over the asked v of the sum of their
    ///   neighbours' degrees) time and O(V) extra space; otherwise ``run(_:)``'s.
    public func effectiveSize(_ graph: CSRGraph, of vertices: [VertexID]) -> [Double] {
        guard graph.isDirected || (weighted && graph.weights != nil) else {
            // What the kernel's Borgatti branch computes: `closed` counts the ordered pairs of
            // adjacent neighbours of i.
            var neighbour = [Bool](repeating: false, count: graph.vertexCount)
            return vertices.map { i in
                let row = graph.row(i)
                if row.isEmpty { return .nan }
                for p in row { neighbour[Int(graph.targets[p])] = true }
                var closed = 0
                for p in row {
                    for q in graph.row(graph.targets[p]) where neighbour[Int(graph.targets[q])] { closed += 1 }
                }
                for p in row { neighbour[Int(graph.targets[p])] = false }
                let d = Double(row.count)
                return d - Double(closed) / d
            }
        }
        let all = Self.compute(graph, weighted: weighted, wantConstraint: false, wantEffectiveSize: true, threads: threads).effectiveSize
        return vertices.map { all[Int($0)] }
    }

    // MARK: - Kernel

    /// The symmetric rows of mutual weights `m_ij = w_ij + w_ji` (up to a common factor): an
    /// undirected graph's own rows (unit weights when unweighted), or the merged out- and in-rows of
    /// a directed one.
    static func mutualRows(_ graph: CSRGraph, weighted: Bool)
        -> (offsets: [Int32], targets: [Int32], weights: [Double]) {
        let weights = weighted ? graph.weights : nil
        if !graph.isDirected {
            return (graph.offsets, graph.targets, weights ?? [Double](repeating: 1, count: graph.targets.count))
        }
        let n = graph.vertexCount
        let inWeights = weighted ? graph.inWeights : nil
        let (outOffsets, outTargets) = (graph.offsets, graph.targets)
        let (inOffsets, inSources) = (graph.inOffsets, graph.inSources)
        var offsets = [Int32](repeating: 0, count: n + 1)
        var targets: [Int32] = []
        var mutual: [Double] = []
        targets.reserveCapacity(outTargets.count + inSources.count)
        mutual.reserveCapacity(outTargets.count + inSources.count)
        for v in 0..<n {
            // Merge the sorted out-row and in-row; a vertex in both gets the sum of the two weights.
            var p = Int(outOffsets[v]), q = Int(inOffsets[v])
            let pEnd = Int(outOffsets[v + 1]), qEnd = Int(inOffsets[v + 1])
            while p < pEnd || q < qEnd {
                let a = p < pEnd ? outTargets[p] : Int32.max
                let b = q < qEnd ? inSources[q] : Int32.max
                if a <= b {
                    var m = weights?[p] ?? 1
                    if a == b { m += inWeights?[q] ?? 1; q += 1 }
                    targets.append(a); mutual.append(m); p += 1
                } else {
                    targets.append(b); mutual.append(inWeights?[q] ?? 1); q += 1
                }
            }
            offsets[v + 1] = Int32(targets.count)
        }
        return (offsets, targets, mutual)
    }

    static func compute(_ graph: CSRGraph, weighted: Bool, wantConstraint: Bool, wantEffectiveSize: Bool, threads: Int,
                        progress: (@Sendable (_ done: Double) -> Void)? = nil)
        -> (constraint: [Double], effectiveSize: [Double], networkXEffectiveSize: [Double]) {
        let n = graph.vertexCount
        guard n > 0 else { return ([], [], []) }
        let useWeights = weighted && graph.weights != nil
        let borgatti = !graph.isDirected && !useWeights
        let (offsets, targets, m) = mutualRows(graph, weighted: useWeights)

        // Row sums and row maxima of the mutual weights.
        var sum = [Double](repeating: 0, count: n)
        var largest = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 0.0, l = 0.0
            for p in Int(offsets[v]) ..< Int(offsets[v + 1]) { s += m[p]; l = max(l, m[p]) }
            sum[v] = s
            largest[v] = l
        }

        var constraint = [Double](repeating: .nan, count: n)
        var effective = [Double](repeating: .nan, count: n)
        var networkX = effective
        let blocks = offsets.withUnsafeBufferPointer { _ParallelSources.vertexBlocks(offsets: $0) }
        constraint.withUnsafeMutableBufferPointer { constraintSlots in
        effective.withUnsafeMutableBufferPointer { effectiveSlots in
        networkX.withUnsafeMutableBufferPointer { networkXSlots in
            // Each vertex's figures are summed in the same order by whichever worker takes its
            // block, and written to its own slots: the same bits for any number of threads.
            let out = (constraint: _SharedPointer(base: constraintSlots.baseAddress!),
                       effective: _SharedPointer(base: effectiveSlots.baseAddress!),
                       networkX: _SharedPointer(base: networkXSlots.baseAddress!))
            _ParallelSources.run(blocks: blocks.count - 1, threads: threads, progress: progress) { nextBlock in
                // share[k] = p_ik for the neighbours k of the current vertex i, 0 elsewhere.
                var share = [Double](repeating: 0, count: n)
                while let block = nextBlock() {
                    for i in blocks[block] ..< blocks[block + 1] {
                        let row = Int(offsets[i]) ..< Int(offsets[i + 1])
                        if row.isEmpty { continue }
                        let si = sum[i]
                        for p in row { share[Int(targets[p])] = m[p] / si }
                        var c = 0.0, e = 0.0, eNetworkX = 0.0
                        var closed = 0          // Borgatti: ordered pairs of adjacent neighbours (2t)
                        for p in row {
                            let j = Int(targets[p])
                            var indirect = 0.0, redundancy = 0.0, redundancyNetworkX = 0.0
                            for q in Int(offsets[j]) ..< Int(offsets[j + 1]) {
                                let k = Int(targets[q])
                                let pik = share[k]
                                if pik == 0 { continue }       // k is not a neighbour of i (or is i itself)
                                indirect += pik * (m[q] / sum[k])
                                redundancy += pik * m[q]
                                redundancyNetworkX += pik * m[q] / largest[k]  // NetworkX's sparse path (PR #8906)
                                closed += 1
                            }
                            c += (share[j] + indirect) * (share[j] + indirect)
                            e += 1 - redundancy / largest[j]
                            eNetworkX += 1 - redundancyNetworkX
                        }
                        out.constraint.base[i] = c
                        if borgatti {
                            let d = Double(row.count)
                            out.effective.base[i] = d - Double(closed) / d
                            out.networkX.base[i] = out.effective.base[i]
                        } else {
                            out.effective.base[i] = e
                            out.networkX.base[i] = eNetworkX
                        }
                        for p in row { share[Int(targets[p])] = 0 }
                    }
                }
            }
        }}}
        if !wantConstraint { constraint = [] }
        if !wantEffectiveSize { effective = []; networkX = [] }
        return (constraint, effective, networkX)
    }
}
