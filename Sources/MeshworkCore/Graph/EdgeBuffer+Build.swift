extension EdgeBuffer {
    /// Builds the CSR graph: self-loops counted and dropped, duplicate edges merged (weights summed,
    /// in input order), rows sorted. Undirected graphs store `{u, v}` in both rows; directed graphs
    /// also get their transpose.
    ///
    /// Two stable counting sorts (by head, then by tail) give sorted rows without comparisons;
    /// duplicates are then adjacent and are merged. Each pass splits the vertices into `threads`
    /// ranges and a worker writes only the entries of its range, reading the input in order, so
    /// every entry lands where the one-thread build puts it: the graph (weights included, summed in
    /// input order) is bit-identical for any `threads`. An undirected graph is sorted and merged
    /// once, each edge `{u, v}` as `min -> max`, and then mirrored into both rows.
    ///
    /// - Complexity: O(V + E · threads) time (each worker reads every edge; the scattered writes,
    ///   the costly part, are shared); O(V + E) extra space during the build: 8 bytes per input
    ///   edge (16 more with weights) for the sorts, then the graph and, undirected, its upper half.
    public func build(vertexCount: Int, directed: Bool, threads: Int = Parallelism.defaultThreads) -> GraphBuild {
        sources.withUnsafeBufferPointer { sources in
        targets.withUnsafeBufferPointer { targets in
        weights.withUnsafeBufferPointer { weights in
            Self.build(sources: sources, targets: targets, weights: isWeighted ? weights : nil, vertexOf: nil,
                       vertexCount: vertexCount, directed: directed, threads: threads)
        }}}
    }

    /// ``build(vertexCount:directed:threads:)`` straight from edge columns held elsewhere (a
    /// dataset's interaction log), without copying them into a buffer first. With `vertexOf`, an
    /// endpoint `x` stands for the vertex `vertexOf[x]`, and an edge with an endpoint mapped to a
    /// negative value is left out (neither kept nor counted as a self-loop); `weights` is `nil`
    /// for an unweighted graph.
    ///
    /// - Complexity: as ``build(vertexCount:directed:threads:)``; no space for the input edges.
    package static func build(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
                              weights: UnsafeBufferPointer<Double>?, vertexOf: UnsafeBufferPointer<Int32>?,
                              vertexCount: Int, directed: Bool, threads: Int) -> GraphBuild {
        precondition(sources.count == targets.count && (weights.map { $0.count == sources.count } ?? true))
        return build(edges: _ColumnEdges(sources: sources, targets: targets, weights: weights), weighted: weights != nil,
                     vertexOf: vertexOf, vertexCount: vertexCount, directed: directed, threads: threads)
    }

    /// ``build(vertexCount:directed:threads:)`` from edges that `edges` gives in input order (read
    /// once per pass: see ``_EdgeInput``), with `vertexOf` as in
    /// ``build(sources:targets:weights:vertexOf:vertexCount:directed:threads:)``.
    /// - Complexity: as ``build(vertexCount:directed:threads:)``, reading the edges `2 + 2 · threads` times.
    package static func build<Input: _EdgeInput>(edges: Input, weighted isWeighted: Bool, vertexOf: UnsafeBufferPointer<Int32>?,
                                                 vertexCount: Int, directed: Bool, threads: Int) -> GraphBuild {
        precondition(vertexCount >= 0 && vertexCount < Int(Int32.max), "too many vertices")
        let n = vertexCount
        var selfLoops = 0, kept = 0
        if let vertexOf {
            edges.forEachEdge { source, target, _ in
                let u = vertexOf[Int(source)], v = vertexOf[Int(target)]
                if u < 0 || v < 0 { return }
                if u == v { selfLoops += 1 } else { kept += 1 }
            }
        } else {
            edges.forEachEdge { source, target, _ in
                if source == target { selfLoops += 1 } else { kept += 1 }
            }
        }
        let entryCount = kept
        precondition((directed ? kept : 2 * kept) < Int(Int32.max), "too many edges for 32-bit CSR offsets")
        let workers = max(1, min(threads, 16, n))

        var headStart = [Int32](repeating: 0, count: n + 1)
        var rowStart = [Int32](repeating: 0, count: n + 1)
        var rowLength = [Int32](repeating: 0, count: n)
        var byHeadTail = HugePages.array(repeating: Int32(0), count: entryCount)
        var byHeadWeight = [Double](repeating: 0, count: isWeighted ? entryCount : 0)
        var rowTargets = HugePages.array(repeating: Int32(0), count: entryCount)
        var rowWeights = [Double](repeating: 0, count: isWeighted ? entryCount : 0)
        headStart.withUnsafeMutableBufferPointer { headStart in
        rowStart.withUnsafeMutableBufferPointer { rowStart in
        rowLength.withUnsafeMutableBufferPointer { rowLength in
        byHeadTail.withUnsafeMutableBufferPointer { byHeadTail in
        byHeadWeight.withUnsafeMutableBufferPointer { byHeadWeight in
        rowTargets.withUnsafeMutableBufferPointer { rowTargets in
        rowWeights.withUnsafeMutableBufferPointer { rowWeights in
            let pass = _BuildPass(edges: edges, vertexOf: vertexOf, headStart: headStart,
                                  rowStart: rowStart, rowLength: rowLength, byHeadTail: byHeadTail,
                                  byHeadWeight: byHeadWeight, rowTargets: rowTargets, rowWeights: rowWeights,
                                  ordered: !directed, weighted: isWeighted)
            let even = (0...workers).map { $0 * n / workers }
            forEachWorker(workers) { pass.count(vertices: even[$0] ..< even[$0 + 1]) }
            for v in 0..<n {
                headStart[v + 1] &+= headStart[v]
                rowStart[v + 1] &+= rowStart[v]
            }
            let byHeads = _VertexRanges.balancedRanges(headStart, workers)
            forEachWorker(workers) { pass.bucketByHead(heads: byHeads[$0]) }
            let byTails = _VertexRanges.balancedRanges(rowStart, workers)
            forEachWorker(workers) { pass.scatterByTail(tails: byTails[$0]) }
            forEachWorker(workers) { pass.mergeDuplicates(tails: byTails[$0]) }
        }}}}}}}
        byHeadTail = []
        byHeadWeight = []

        var offsets = [Int32](repeating: 0, count: n + 1)
        for v in 0..<n { offsets[v + 1] = offsets[v] &+ rowLength[v] }
        let total = Int(offsets[n])
        let removedEntries = entryCount - total
        // Without duplicates the rows are already in place; otherwise gather the kept prefix of
        // each row, so the graph holds no slack.
        let outTargets = total == entryCount ? rowTargets : Self.gather(rowTargets, rowStart, offsets, workers)
        rowTargets = []
        let outWeights: [Double]? = !isWeighted ? nil
            : total == entryCount ? rowWeights : Self.gather(rowWeights, rowStart, offsets, workers)

        guard directed else {
            let full = Self.mirror(vertexCount: n, offsets: offsets, targets: outTargets, weights: outWeights)
            let graph = CSRGraph(isDirected: false, offsets: full.offsets, targets: full.targets, weights: full.weights)
            return GraphBuild(graph: graph, selfLoops: selfLoops, duplicateEdges: removedEntries)
        }
        let transpose = Self.transpose(vertexCount: n, offsets: offsets, targets: outTargets, weights: outWeights)
        let graph = CSRGraph(isDirected: true, offsets: offsets, targets: outTargets, weights: outWeights,
                             inOffsets: transpose.offsets, inSources: transpose.targets, inWeights: transpose.weights)
        return GraphBuild(graph: graph, selfLoops: selfLoops, duplicateEdges: removedEntries)
    }

    /// The undirected CSR whose upper half is `offsets`/`targets`/`weights` (row u holding its
    /// targets above u, sorted): row v is every u < v whose row holds v, in order of u, followed by
    /// v's own row, so it comes out sorted, and both entries of a tie carry its weight.
    /// - Complexity: O(V + E).
    static func mirror(vertexCount n: Int, offsets: [Int32], targets: [Int32], weights: [Double]?)
        -> (offsets: [Int32], targets: [Int32], weights: [Double]?) {
        var below = [Int32](repeating: 0, count: n)
        for t in targets { below[Int(t)] &+= 1 }
        var full = [Int32](repeating: 0, count: n + 1)
        for v in 0..<n { full[v + 1] = full[v] &+ below[v] &+ (offsets[v + 1] &- offsets[v]) }
        var outTargets = HugePages.array(repeating: Int32(0), count: 2 * targets.count)
        var outWeights = [Double](repeating: 0, count: weights == nil ? 0 : 2 * targets.count)
        var cursor = Array(full.dropLast())
        targets.withUnsafeBufferPointer { targets in
        outTargets.withUnsafeMutableBufferPointer { outTargets in
        outWeights.withUnsafeMutableBufferPointer { outWeights in
        cursor.withUnsafeMutableBufferPointer { cursor in
            for u in 0..<n {
                let start = Int(offsets[u]), own = Int(full[u] &+ below[u]) - start
                for p in start ..< Int(offsets[u + 1]) {
                    let t = Int(targets[p]), q = Int(cursor[t])
                    cursor[t] &+= 1
                    outTargets[own + p] = targets[p]
                    outTargets[q] = Int32(u)
                    if let weights {
                        outWeights[own + p] = weights[p]
                        outWeights[q] = weights[p]
                    }
                }
            }
        }}}}
        return (full, outTargets, weights == nil ? nil : outWeights)
    }

    /// `rows[from[v] ..< from[v] + (to[v + 1] - to[v])]` moved to `to[v] ..< to[v + 1]`, for every v.
    private static func gather<T: BitwiseCopyable>(_ rows: [T], _ from: [Int32], _ to: [Int32], _ workers: Int) -> [T] {
        let n = to.count - 1
        let total = Int(to[n])
        return [T](unsafeUninitializedCapacity: total) { out, initialized in
            rows.withUnsafeBufferPointer { rows in
            from.withUnsafeBufferPointer { from in
            to.withUnsafeBufferPointer { to in
                let ranges = _VertexRanges.balancedRanges(to, workers)
                forEachWorker(workers) { worker in
                    for v in ranges[worker] {
                        let start = Int(to[v]), length = Int(to[v + 1]) - start
                        (out.baseAddress! + start).initialize(from: rows.baseAddress! + Int(from[v]), count: length)
                    }
                }
            }}}
            initialized = total
        }
    }
}

/// Splits of the vertices among workers.
enum _VertexRanges {
    /// Contiguous vertex ranges holding about equal numbers of entries under the prefix sums `starts`.
    static func balancedRanges(_ starts: UnsafeBufferPointer<Int32>, _ workers: Int) -> [Range<Int>] {
        let n = starts.count - 1
        var bounds = [0]
        for w in 1..<workers {
            let goal = Int64(starts[n]) * Int64(w) / Int64(workers)
            var low = bounds[w - 1], high = n
            while low < high {
                let mid = (low + high) >> 1
                if Int64(starts[mid]) < goal { low = mid + 1 } else { high = mid }
            }
            bounds.append(low)
        }
        bounds.append(n)
        return (0..<workers).map { bounds[$0] ..< bounds[$0 + 1] }
    }

    static func balancedRanges(_ starts: UnsafeMutableBufferPointer<Int32>, _ workers: Int) -> [Range<Int>] {
        balancedRanges(UnsafeBufferPointer(starts), workers)
    }

    static func balancedRanges(_ starts: [Int32], _ workers: Int) -> [Range<Int>] {
        starts.withUnsafeBufferPointer { balancedRanges($0, workers) }
    }
}

/// The input edges of a build, given in input order once per pass of the build (the passes of
/// several workers at once: giving them must only read shared state).
package protocol _EdgeInput {
    /// Calls `body` with each edge's two endpoint ids and its weight (any value in an unweighted
    /// build), in input order.
    func forEachEdge(_ body: (Int32, Int32, Double) -> Void)
}

/// Edges held as columns.
struct _ColumnEdges: _EdgeInput {
    let sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>
    /// `nil`: unweighted.
    let weights: UnsafeBufferPointer<Double>?

    @inline(__always)
    func forEachEdge(_ body: (Int32, Int32, Double) -> Void) {
        if let weights {
            for i in 0..<sources.count { body(sources[i], targets[i], weights[i]) }
        } else {
            for i in 0..<sources.count { body(sources[i], targets[i], 1) }
        }
    }
}

/// The buffers of one build, shared by its workers; each pass writes only its workers' vertex
/// ranges, which is what makes sharing them safe.
struct _BuildPass<Input: _EdgeInput> {
    let edges: Input
    /// The vertex of each endpoint id (negative: the edge is left out), or `nil`: ids are vertices.
    let vertexOf: UnsafeBufferPointer<Int32>?
    let headStart: UnsafeMutableBufferPointer<Int32>, rowStart: UnsafeMutableBufferPointer<Int32>
    let rowLength: UnsafeMutableBufferPointer<Int32>
    let byHeadTail: UnsafeMutableBufferPointer<Int32>, byHeadWeight: UnsafeMutableBufferPointer<Double>
    let rowTargets: UnsafeMutableBufferPointer<Int32>, rowWeights: UnsafeMutableBufferPointer<Double>
    /// Each edge taken as `min -> max` (an undirected graph's upper half); otherwise as given.
    let ordered: Bool, weighted: Bool

    /// The two vertices of the input edge `source -> target`, or `nil` when it is left out (a
    /// self-loop, or an endpoint that is not a vertex).
    @inline(__always)
    func ends(_ source: Int32, _ target: Int32) -> (Int32, Int32)? {
        var u = source, v = target
        if let vertexOf {
            u = vertexOf[Int(u)]; v = vertexOf[Int(v)]
            if u < 0 || v < 0 { return nil }
        }
        return u == v ? nil : ordered && v < u ? (v, u) : (u, v)
    }

    /// Entries per head (`headStart[v + 1]`) and per tail row (`rowStart[v + 1]`) for `vertices`.
    func count(vertices: Range<Int>) {
        let low = Int32(vertices.lowerBound), width = UInt32(vertices.count)
        edges.forEachEdge { source, target, _ in
            guard let (u, v) = ends(source, target) else { return }
            if UInt32(bitPattern: v &- low) < width { headStart[Int(v) + 1] &+= 1 }
            if UInt32(bitPattern: u &- low) < width { rowStart[Int(u) + 1] &+= 1 }
        }
    }

    /// Pass 1: each entry (tail, head) with its head in `heads` into its head's bucket, in input order.
    func bucketByHead(heads: Range<Int>) {
        guard !heads.isEmpty else { return }
        let low = Int32(heads.lowerBound), width = UInt32(heads.count)
        var cursor = Array(headStart[heads.lowerBound ..< heads.upperBound])
        cursor.withUnsafeMutableBufferPointer { cursor in
            edges.forEachEdge { source, target, weight in
                guard let (u, v) = ends(source, target) else { return }
                if UInt32(bitPattern: v &- low) < width {
                    let slot = Int(v &- low), p = Int(cursor[slot])
                    cursor[slot] &+= 1
                    byHeadTail[p] = u
                    if weighted { byHeadWeight[p] = weight }
                }
            }
        }
    }

    /// Pass 2: entries with their tail in `tails` into the tail rows, heads visited in ascending
    /// order, so each row comes out sorted (equal heads in input order).
    func scatterByTail(tails: Range<Int>) {
        guard !tails.isEmpty else { return }
        let low = Int32(tails.lowerBound), width = UInt32(tails.count)
        var cursor = Array(rowStart[tails.lowerBound ..< tails.upperBound])
        let n = headStart.count - 1
        cursor.withUnsafeMutableBufferPointer { cursor in
            for head in 0..<n {
                for p in Int(headStart[head]) ..< Int(headStart[head + 1]) {
                    let tail = byHeadTail[p]
                    guard UInt32(bitPattern: tail &- low) < width else { continue }
                    let slot = Int(tail &- low), q = Int(cursor[slot])
                    cursor[slot] &+= 1
                    rowTargets[q] = Int32(head)
                    if weighted { rowWeights[q] = byHeadWeight[p] }
                }
            }
        }
    }

    /// Pass 3: adjacent duplicates of each row in `tails` merged (weights summed in order) at the
    /// row's start; `rowLength[v]` is what is kept.
    func mergeDuplicates(tails: Range<Int>) {
        for v in tails {
            let start = Int(rowStart[v]), end = Int(rowStart[v + 1])
            var write = start
            var p = start
            while p < end {
                let t = rowTargets[p]
                var w = weighted ? rowWeights[p] : 0
                p += 1
                while p < end && rowTargets[p] == t {
                    if weighted { w += rowWeights[p] }
                    p += 1
                }
                rowTargets[write] = t
                if weighted { rowWeights[write] = w }
                write += 1
            }
            rowLength[v] = Int32(write - start)
        }
    }
}
