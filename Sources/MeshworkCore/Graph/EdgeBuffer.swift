/// Edges gathered column-wise before they become a ``CSRGraph``.
///
/// Readers append edges as vertex-index pairs (and weights, for weighted graphs), then call
/// ``build(vertexCount:directed:)``:
///
///     var edges = EdgeBuffer(weighted: false)
///     edges.append(0, 1)
///     edges.append(1, 0)          // a duplicate of {0, 1} when undirected
///     edges.append(2, 2)          // a self-loop: counted and dropped
///     let built = edges.build(vertexCount: 3, directed: false)
///     built.graph.edgeCount        // 1
///     built.selfLoops              // 1
///
/// - Complexity: O(1) amortised per appended edge; 8 bytes per edge (16 with weights).
public struct EdgeBuffer: Sendable {
    /// Edge tails (or first endpoints).
    public var sources: [Int32] = []
    /// Edge heads (or second endpoints).
    public var targets: [Int32] = []
    /// Weights parallel to the edges; empty when the buffer is unweighted.
    public var weights: [Double] = []
    /// Whether ``weights`` is kept.
    public let isWeighted: Bool

    public init(weighted: Bool = false, capacity: Int = 0) {
        isWeighted = weighted
        sources.reserveCapacity(capacity)
        targets.reserveCapacity(capacity)
        if weighted { weights.reserveCapacity(capacity) }
    }

    /// An unweighted buffer holding `edges`.
    public init(edges: [(Int32, Int32)]) {
        self.init(weighted: false, capacity: edges.count)
        for (u, v) in edges { append(u, v) }
    }

    /// A weighted buffer holding `edges`.
    public init(weightedEdges: [(Int32, Int32, Double)]) {
        self.init(weighted: true, capacity: weightedEdges.count)
        for (u, v, w) in weightedEdges { append(u, v, weight: w) }
    }

    /// The number of edges appended (self-loops and duplicates included).
    @inlinable public var count: Int { sources.count }

    /// Appends the edge `u -> v` (or `{u, v}`), with weight `weight` if the buffer is weighted.
    @inlinable
    public mutating func append(_ u: Int32, _ v: Int32, weight: Double = 1) {
        sources.append(u)
        targets.append(v)
        if isWeighted { weights.append(weight) }
    }

    /// Builds the CSR graph: self-loops counted and dropped, duplicate edges merged (weights summed,
    /// in input order), rows sorted. Undirected graphs store `{u, v}` in both rows; directed graphs
    /// also get their transpose.
    ///
    /// Two stable counting sorts (by head, then by tail) give sorted rows without comparisons;
    /// duplicates are then adjacent and are merged in place.
    ///
    /// - Complexity: O(V + E) time; O(V + E) extra space during the build.
    public func build(vertexCount: Int, directed: Bool) -> GraphBuild {
        precondition(vertexCount >= 0 && vertexCount < Int(Int32.max), "too many vertices")
        let n = vertexCount
        var selfLoops = 0
        for i in 0..<count where sources[i] == targets[i] { selfLoops += 1 }
        let kept = count - selfLoops
        let entryCount = directed ? kept : 2 * kept
        precondition(entryCount < Int(Int32.max), "too many edges for 32-bit CSR offsets")

        // Pass 1: bucket each entry (tail, head) by its head, keeping input order.
        var headStart = [Int32](repeating: 0, count: n + 1)
        var rowStart = [Int32](repeating: 0, count: n + 1)
        var byHeadTail = HugePages.array(repeating: Int32(0), count: entryCount)
        var byHeadWeight = [Double](repeating: 0, count: isWeighted ? entryCount : 0)
        let weighted = isWeighted
        sources.withUnsafeBufferPointer { sources in
        targets.withUnsafeBufferPointer { targets in
        weights.withUnsafeBufferPointer { weights in
        headStart.withUnsafeMutableBufferPointer { headStart in
        rowStart.withUnsafeMutableBufferPointer { rowStart in
        byHeadTail.withUnsafeMutableBufferPointer { byHeadTail in
        byHeadWeight.withUnsafeMutableBufferPointer { byHeadWeight in
            for i in 0..<sources.count {
                let u = Int(sources[i]), v = Int(targets[i])
                if u == v { continue }
                headStart[v + 1] &+= 1
                rowStart[u + 1] &+= 1
                if !directed {
                    headStart[u + 1] &+= 1
                    rowStart[v + 1] &+= 1
                }
            }
            for v in 0..<n {
                headStart[v + 1] &+= headStart[v]
                rowStart[v + 1] &+= rowStart[v]
            }
            var cursor = Array(headStart)
            cursor.withUnsafeMutableBufferPointer { cursor in
                for i in 0..<sources.count {
                    let u = sources[i], v = targets[i]
                    if u == v { continue }
                    let p = Int(cursor[Int(v)]); cursor[Int(v)] &+= 1
                    byHeadTail[p] = u
                    if weighted { byHeadWeight[p] = weights[i] }
                    if !directed {
                        let q = Int(cursor[Int(u)]); cursor[Int(u)] &+= 1
                        byHeadTail[q] = v
                        if weighted { byHeadWeight[q] = weights[i] }
                    }
                }
            }
        }}}}}}}

        // Pass 2: scatter into tail rows, visiting heads in ascending order, so rows come out sorted.
        var rowTargets = HugePages.array(repeating: Int32(0), count: entryCount)
        var rowWeights = [Double](repeating: 0, count: isWeighted ? entryCount : 0)
        var offsets = [Int32](repeating: 0, count: n + 1)
        var write = 0
        headStart.withUnsafeBufferPointer { headStart in
        rowStart.withUnsafeBufferPointer { rowStart in
        byHeadTail.withUnsafeBufferPointer { byHeadTail in
        byHeadWeight.withUnsafeBufferPointer { byHeadWeight in
        rowTargets.withUnsafeMutableBufferPointer { rowTargets in
        rowWeights.withUnsafeMutableBufferPointer { rowWeights in
        offsets.withUnsafeMutableBufferPointer { offsets in
            var cursor = Array(rowStart)
            cursor.withUnsafeMutableBufferPointer { cursor in
                for head in 0..<n {
                    for p in Int(headStart[head]) ..< Int(headStart[head + 1]) {
                        let tail = Int(byHeadTail[p])
                        let q = Int(cursor[tail]); cursor[tail] &+= 1
                        rowTargets[q] = Int32(head)
                        if weighted { rowWeights[q] = byHeadWeight[p] }
                    }
                }
            }
            // Pass 3: merge adjacent duplicates in place and compact.
            for v in 0..<n {
                let end = Int(rowStart[v + 1])
                var p = Int(rowStart[v])
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
                offsets[v + 1] = Int32(write)
            }
        }}}}}}}
        byHeadTail = []
        byHeadWeight = []
        let removedEntries = entryCount - write
        // Without duplicates the arrays are already exact; otherwise copy the kept prefix, so the
        // graph holds no slack.
        let outTargets = write == entryCount ? rowTargets : Array(rowTargets[0..<write])
        rowTargets = []
        let outWeights: [Double]? = !isWeighted ? nil : write == entryCount ? rowWeights : Array(rowWeights[0..<write])

        guard directed else {
            let graph = CSRGraph(isDirected: false, offsets: offsets, targets: outTargets, weights: outWeights)
            return GraphBuild(graph: graph, selfLoops: selfLoops, duplicateEdges: removedEntries / 2)
        }
        let transpose = Self.transpose(vertexCount: n, offsets: offsets, targets: outTargets, weights: outWeights)
        let graph = CSRGraph(isDirected: true, offsets: offsets, targets: outTargets, weights: outWeights,
                             inOffsets: transpose.offsets, inSources: transpose.targets, inWeights: transpose.weights)
        return GraphBuild(graph: graph, selfLoops: selfLoops, duplicateEdges: removedEntries)
    }

    /// The transpose of sorted CSR rows; its rows come out sorted because tails are visited in order.
    /// - Complexity: O(V + E).
    static func transpose(vertexCount n: Int, offsets: [Int32], targets: [Int32], weights: [Double]?)
        -> (offsets: [Int32], targets: [Int32], weights: [Double]?) {
        var inOffsets = [Int32](repeating: 0, count: n + 1)
        for t in targets { inOffsets[Int(t) + 1] &+= 1 }
        for v in 0..<n { inOffsets[v + 1] &+= inOffsets[v] }
        var cursor = inOffsets
        var inSources = [Int32](repeating: 0, count: targets.count)
        var inWeights: [Double]? = weights.map { [Double](repeating: 0, count: $0.count) }
        for u in 0..<n {
            for p in Int(offsets[u]) ..< Int(offsets[u + 1]) {
                let t = Int(targets[p])
                let q = Int(cursor[t]); cursor[t] &+= 1
                inSources[q] = Int32(u)
                if let weights { inWeights![q] = weights[p] }
            }
        }
        return (inOffsets, inSources, inWeights)
    }
}

/// The result of ``EdgeBuffer/build(vertexCount:directed:)``.
public struct GraphBuild: Sendable {
    /// The simple graph.
    public var graph: CSRGraph
    /// Self-loops dropped from the input.
    public var selfLoops: Int
    /// Input edges merged into an earlier copy of the same edge.
    public var duplicateEdges: Int
}
