import Foundation
import MeshworkCore

/// Local clustering coefficients and transitivity, as NetworkX's `clustering` and `transitivity`.
///
///     let c = Clustering().run(graph)
///     c.local                                          // per vertex, in [0, 1]
///     c.transitivity                                   // 3 * triangles / connected triples
///     Clustering(weighted: true).run(graph).local      // Onnela et al.'s weighted variant
///
/// - Undirected, unweighted: `c(v) = 2 T(v) / (d(v) (d(v) - 1))`, with `T(v)` the triangles
///   through v (Watts & Strogatz).
/// - Undirected, weighted: each triangle counts with the geometric mean of its three edge weights,
///   each weight first divided by the largest weight in the graph (Onnela et al.).
/// - Directed: Fagiolo's coefficient, `c(v) = t(v) / (2 (d_tot(v) (d_tot(v) - 1) - 2 d_bi(v)))`,
///   where `t(v) = ((A + A^T)^3)_vv` counts every directed triangle through v, `d_tot` is the
///   in-degree plus the out-degree and `d_bi` the number of reciprocated pairs; weighted, `A` holds
///   the cube roots of the normalised weights.
///
/// Vertices of degree below 2, and vertices on no triangle, get 0.
///
/// Undirected triangles are listed once each by orienting every edge from the endpoint of lower
/// (degree, id) to the higher one and intersecting forward rows with a flat stamp array; this visits
/// each triangle once and bounds every forward row by O(sqrt(E)). Without weights the count runs
/// over blocks of vertices on `threads` workers, each with its own stamp array and counts, added
/// at the end: the counts are whole numbers, exact in a `Double`, so the result is the same bits
/// for any thread count. Directed coefficients stamp the
/// vertex's in- and out-rows and walk both rows of each neighbour.
///
/// - Complexity: undirected O(E * sqrt(E)) time (at most O(E * d_max)); directed O(sum over edges
///   of the endpoints' degrees), at most O(E * d_max); O(V + E) extra space.
/// - Note: Watts & Strogatz, "Collective dynamics of 'small-world' networks", Nature 393, 1998;
///   Onnela, Saramäki, Kertész & Kaski, "Intensity and coherence of motifs in weighted complex
///   networks", Physical Review E 71, 065103, 2005; Fagiolo, "Clustering in complex directed
///   networks", Physical Review E 76, 026107, 2007; Schank & Wagner, "Finding, counting and listing
///   all triangles in large graphs", WEA 2005 (the orientation).
public struct Clustering: Sendable {
    /// Onnela et al.'s weighted coefficients (ignored when the graph has no weights).
    public var weighted: Bool
    /// Whether to measure the transitivity too (free on an undirected unweighted graph, whose
    /// triangle counts serve both; one more triangle count otherwise).
    public var computesTransitivity: Bool
    /// The number of worker threads (at least 1) for the undirected unweighted triangle count.
    /// Does not change the result.
    public var threads: Int

    public init(weighted: Bool = false, computesTransitivity: Bool = true,
                threads: Int = Parallelism.defaultThreads) {
        self.weighted = weighted
        self.computesTransitivity = computesTransitivity
        self.threads = max(1, threads)
    }

    /// The local coefficients and the transitivity of a graph.
    public struct Result: Sendable, Equatable {
        /// `local[v]`: the clustering coefficient of v (NetworkX `clustering`).
        public var local: [Double]
        /// The graph's transitivity (NetworkX `transitivity`, always unweighted); `nil` unless
        /// `computesTransitivity`.
        public var transitivity: Double?
    }

    /// The local coefficients of `graph`, and its transitivity when `computesTransitivity`.
    ///
    /// - Complexity: O(E * sqrt(E)) time undirected, O(E * d_max) directed; O(V + E) extra space.
    public func run(_ graph: CSRGraph) -> Result {
        guard computesTransitivity else {
            return Result(local: Self.local(graph, weighted: weighted, threads: threads))
        }
        let both = Self.localAndTransitivity(graph, weighted: weighted, threads: threads)
        return Result(local: both.local, transitivity: both.transitivity)
    }

    /// The local clustering coefficient of each vertex (NetworkX `clustering`); with `weighted`, the
    /// weighted coefficient (ignored when the graph has no weights).
    ///
    /// - Complexity: O(E * sqrt(E)) time undirected, O(E * d_max) directed; O(V + E) extra space.
    static func local(_ graph: CSRGraph, weighted: Bool = false, threads: Int = 1) -> [Double] {
        let n = graph.vertexCount
        guard n > 0 else { return [] }
        let weights = weighted ? graph.weights : nil
        if graph.isDirected { return directedLocal(graph, weights: weights) }

        let cubeRoots = weights.map(normalisedCubeRoots)
        let triangles = triangleSums(vertexCount: n, offsets: graph.offsets, targets: graph.targets,
                                     cubeRoots: cubeRoots, threads: threads)
        var result = [Double](repeating: 0, count: n)
        for v in 0..<n where triangles[v] != 0 {
            let d = Double(graph.offsets[v + 1] &- graph.offsets[v])
            result[v] = 2 * triangles[v] / (d * (d - 1))
        }
        return result
    }

    /// The local coefficients and the transitivity together; an undirected unweighted graph is
    /// counted once for both (the `centrality --measure clustering` path, which reports both).
    ///
    /// - Complexity: as ``local(_:weighted:)`` plus ``transitivity(_:)``, or just one of them when
    ///   the triangle counts can be shared.
    static func localAndTransitivity(_ graph: CSRGraph, weighted: Bool = false, threads: Int = 1)
        -> (local: [Double], transitivity: Double) {
        let n = graph.vertexCount
        guard !graph.isDirected, !(weighted && graph.weights != nil), n > 0 else {
            return (local(graph, weighted: weighted, threads: threads), transitivity(graph, threads: threads))
        }
        let triangles = triangleSums(vertexCount: n, offsets: graph.offsets, targets: graph.targets, cubeRoots: nil,
                                     threads: threads)
        var result = [Double](repeating: 0, count: n)
        var closed = 0.0, triples = 0.0
        for v in 0..<n {
            let d = Double(graph.offsets[v + 1] &- graph.offsets[v])
            if triangles[v] != 0 { result[v] = 2 * triangles[v] / (d * (d - 1)) }
            closed += triangles[v]
            triples += d * (d - 1) / 2
        }
        return (result, closed == 0 ? 0 : closed / triples)
    }

    /// The graph's transitivity, `3 * triangles / connected triples` (NetworkX `transitivity`),
    /// unweighted; 0 when there is no connected triple. A directed graph is measured on its
    /// undirected view (each pair joined by an arc either way is one edge), since NetworkX does not
    /// define transitivity for directed graphs.
    ///
    /// - Complexity: O(E * sqrt(E)) time; O(V + E) extra space.
    static func transitivity(_ graph: CSRGraph, threads: Int = 1) -> Double {
        let n = graph.vertexCount
        guard n > 0 else { return 0 }
        let view = graph.undirectedView()
        let (offsets, targets) = (view.offsets, view.targets)
        let triangles = triangleSums(vertexCount: n, offsets: offsets, targets: targets, cubeRoots: nil,
                                     threads: threads)
        var closed = 0.0, triples = 0.0
        for v in 0..<n {
            closed += triangles[v]
            let d = Double(offsets[v + 1] &- offsets[v])
            triples += d * (d - 1) / 2
        }
        return closed == 0 ? 0 : closed / triples
    }

    // MARK: - Kernels

    /// Cube roots of the weights divided by the largest weight.
    static func normalisedCubeRoots(_ weights: [Double]) -> [Double] {
        guard let largest = weights.max(), largest > 0 else { return weights }
        return weights.map { cbrt($0 / largest) }
    }

    /// For each vertex, the sum over the triangles through it of the product of the three edges'
    /// `cubeRoots` (1 each when `nil`, so the triangle count) of a symmetric CSR graph. Counts
    /// (`cubeRoots == nil`) run in ``parallelTriangleCounts`` on up to `threads` workers, with the
    /// same result for any number.
    static func triangleSums(vertexCount n: Int, offsets: [Int32], targets: [Int32],
                             cubeRoots: [Double]?, threads: Int = 1) -> [Double] {
        // Orient each edge towards the endpoint of larger (degree, id).
        @inline(__always) func precedes(_ u: Int, _ v: Int) -> Bool {
            let du = offsets[u + 1] &- offsets[u], dv = offsets[v + 1] &- offsets[v]
            return du < dv || (du == dv && u < v)
        }
        var forwardOffsets = [Int32](repeating: 0, count: n + 1)
        for u in 0..<n {
            var count: Int32 = 0
            for p in Int(offsets[u]) ..< Int(offsets[u + 1]) where precedes(u, Int(targets[p])) { count &+= 1 }
            forwardOffsets[u + 1] = forwardOffsets[u] &+ count
        }
        let forwardCount = Int(forwardOffsets[n])
        var forwardTargets = [Int32](repeating: 0, count: forwardCount)
        var forwardWeights = [Double](repeating: 1, count: cubeRoots == nil ? 0 : forwardCount)
        for u in 0..<n {
            var q = Int(forwardOffsets[u])
            for p in Int(offsets[u]) ..< Int(offsets[u + 1]) where precedes(u, Int(targets[p])) {
                forwardTargets[q] = targets[p]
                if let cubeRoots { forwardWeights[q] = cubeRoots[p] }
                q += 1
            }
        }

        if cubeRoots == nil && n > 0 {
            return parallelTriangleCounts(vertexCount: n, forwardOffsets: forwardOffsets,
                                          forwardTargets: forwardTargets, threads: threads)
        }
        // Weighted: the sum of the triangles' products, one thread.
        var sums = [Double](repeating: 0, count: n)
        var stamp = [Int32](repeating: -1, count: n)
        var mark = [Double](repeating: 0, count: n)
        forwardOffsets.withUnsafeBufferPointer { fOffsets in
        forwardTargets.withUnsafeBufferPointer { fTargets in
        forwardWeights.withUnsafeBufferPointer { fWeights in
        sums.withUnsafeMutableBufferPointer { sums in
        stamp.withUnsafeMutableBufferPointer { stamp in
        mark.withUnsafeMutableBufferPointer { mark in
            for u in 0..<n {
                let rowU = Int(fOffsets[u]) ..< Int(fOffsets[u + 1])
                for p in rowU { let w = Int(fTargets[p]); stamp[w] = Int32(u); mark[w] = fWeights[p] }
                var atU = 0.0
                for p in rowU {
                    let v = Int(fTargets[p])
                    let uv = fWeights[p]
                    var atV = 0.0
                    for q in Int(fOffsets[v]) ..< Int(fOffsets[v + 1]) {
                        let w = Int(fTargets[q])
                        if stamp[w] == Int32(u) {
                            let t = uv * fWeights[q] * mark[w]
                            atV += t; sums[w] += t
                        }
                    }
                    sums[v] += atV
                    atU += atV
                }
                sums[u] += atU
            }
        }}}}}}
        return sums
    }

    /// The triangle count of every vertex from the forward rows (see ``triangleSums``), over the
    /// vertex blocks of `_ParallelSources.vertexBlocks` on up to `threads` workers. Each worker
    /// counts into its own array with its own stamp array; the arrays are added at the end. Every
    /// count is a whole number below 2^53, so any order of the additions gives the same bits.
    ///
    /// - Complexity: as the sequential count; O(workers · V) extra space.
    static func parallelTriangleCounts(vertexCount n: Int, forwardOffsets: [Int32], forwardTargets: [Int32],
                                       threads: Int) -> [Double] {
        forwardOffsets.withUnsafeBufferPointer { fOffsets in
        forwardTargets.withUnsafeBufferPointer { fTargets in
            let starts = _ParallelSources.vertexBlocks(offsets: fOffsets)
            let blocks = starts.count - 1
            let workers = max(1, min(threads, blocks))
            var counts = [Double](repeating: 0, count: workers * n)
            counts.withUnsafeMutableBufferPointer { counts in
                let shared = _SharedPointer(base: counts.baseAddress!)
                let counter = _BlockCounter(limit: blocks)
                forEachWorker(workers) { worker in
                    let sums = shared.base + worker * n
                    let stamp = UnsafeMutablePointer<Int32>.allocate(capacity: n)
                    stamp.initialize(repeating: -1, count: n)
                    defer { stamp.deallocate() }
                    while let block = counter.take() {
                        for u in starts[block] ..< starts[block + 1] {
                            let rowU = Int(fOffsets[u]) ..< Int(fOffsets[u + 1])
                            for p in rowU { stamp[Int(fTargets[p])] = Int32(u) }
                            var atU = 0.0
                            for p in rowU {
                                let v = Int(fTargets[p])
                                var atV = 0.0
                                for q in Int(fOffsets[v]) ..< Int(fOffsets[v + 1]) {
                                    let w = Int(fTargets[q])
                                    if stamp[w] == Int32(u) { atV += 1; sums[w] += 1 }
                                }
                                sums[v] += atV
                                atU += atV
                            }
                            sums[u] += atU
                        }
                    }
                }
                for worker in 1 ..< workers {
                    let base = worker * n
                    for v in 0 ..< n { counts[v] += counts[base + v] }
                }
            }
            return Array(counts[0 ..< n])
        }}
    }

    /// Fagiolo's directed clustering of every vertex.
    static func directedLocal(_ graph: CSRGraph, weights: [Double]?) -> [Double] {
        let n = graph.vertexCount
        // Edge values: cube roots of normalised weights, or 1. In-values use the same normalisation.
        let outValues: [Double]
        let inValues: [Double]
        if let weights, let inWeights = graph.inWeights, let largest = weights.max(), largest > 0 {
            outValues = weights.map { cbrt($0 / largest) }
            inValues = inWeights.map { cbrt($0 / largest) }
        } else {
            outValues = [Double](repeating: 1, count: graph.targets.count)
            inValues = [Double](repeating: 1, count: graph.inSources.count)
        }
        var result = [Double](repeating: 0, count: n)
        var markOut = [Double](repeating: 0, count: n)   // a(v, k) for the current v
        var markIn = [Double](repeating: 0, count: n)    // a(k, v) for the current v
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        graph.inOffsets.withUnsafeBufferPointer { inOffsets in
        graph.inSources.withUnsafeBufferPointer { inSources in
        outValues.withUnsafeBufferPointer { outValues in
        inValues.withUnsafeBufferPointer { inValues in
        markOut.withUnsafeMutableBufferPointer { markOut in
        markIn.withUnsafeMutableBufferPointer { markIn in
        result.withUnsafeMutableBufferPointer { result in
            // sum over k of (a(j, k) + a(k, j)) * (a(v, k) + a(k, v)), with v's rows marked.
            @inline(__always) func closing(_ j: Int) -> Double {
                var s = 0.0
                for q in Int(offsets[j]) ..< Int(offsets[j + 1]) {
                    let k = Int(targets[q]); s += outValues[q] * (markOut[k] + markIn[k])
                }
                for q in Int(inOffsets[j]) ..< Int(inOffsets[j + 1]) {
                    let k = Int(inSources[q]); s += inValues[q] * (markOut[k] + markIn[k])
                }
                return s
            }
            for v in 0..<n {
                let outRow = Int(offsets[v]) ..< Int(offsets[v + 1])
                let inRow = Int(inOffsets[v]) ..< Int(inOffsets[v + 1])
                let total = outRow.count + inRow.count
                guard total >= 2 else { continue }
                for p in outRow { markOut[Int(targets[p])] = outValues[p] }
                for p in inRow { markIn[Int(inSources[p])] = inValues[p] }
                var t = 0.0
                var reciprocated = 0
                for p in outRow {
                    let j = Int(targets[p])
                    t += (markOut[j] + markIn[j]) * closing(j)
                }
                for p in inRow {
                    let j = Int(inSources[p])
                    if markOut[j] != 0 { reciprocated += 1; continue }   // already counted above
                    t += markIn[j] * closing(j)
                }
                for p in outRow { markOut[Int(targets[p])] = 0 }
                for p in inRow { markIn[Int(inSources[p])] = 0 }
                if t != 0 {
                    let d = Double(total)
                    result[v] = t / (2 * (d * (d - 1) - 2 * Double(reciprocated)))
                }
            }
        }}}}}}}}}
        return result
    }
}
