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
/// - Complexity: O(E) per sweep at most; the sweep count is small in practice and capped by
///   `maximumSweeps` (the result then records that cap as its iteration count).
/// - Note: Raghavan, Albert & Kumara, "Near linear time algorithm to detect community structures
///   in large-scale networks", Phys. Rev. E 76:036106, 2007.
public struct LabelPropagation: Sendable {
    /// The seed of the visiting orders and of the tie breaks.
    public var seed: UInt64
    /// A safety cap on sweeps.
    public var maximumSweeps: Int

    public init(seed: UInt64 = 0, maximumSweeps: Int = 1000) {
        self.seed = seed
        self.maximumSweeps = maximumSweeps
    }

    /// The communities, their quality and the run's counts (shared by every detection method).
    public typealias Result = CommunityResult

    /// Runs label propagation on an undirected graph (weights, when present, are tie strengths).
    public func run(_ graph: CSRGraph, order: [VertexID]? = nil) -> Result {
        let order = order ?? (0..<Int32(graph.vertexCount)).map { $0 }
        let work = _CommunityGraph(graph, order: order, quality: .cpm)
        let n = work.vertexCount
        var label = (0..<Int32(n)).map { $0 }
        var labelWeight = [Double](repeating: 0, count: n)
        var stamp = [Int](repeating: -1, count: n)
        // A vertex whose neighbours kept their labels since its last visit would keep its label
        // again (it holds one of the best labels) without drawing a random number: it is skipped.
        // Every vertex starts active; a move re-activates the mover's neighbours.
        var active = [Bool](repeating: true, count: n)
        var touched = [Int32](repeating: 0, count: n)
        var rng = SplitMix64(seed: seed)
        var sweeps = 0
        var moves = 0
        var changed = true
        let unitWeights = work.unitWeights
        work.offsets.withUnsafeBufferPointer { offsets in
        work.targets.withUnsafeBufferPointer { targets in
        work.weights.withUnsafeBufferPointer { weights in
        label.withUnsafeMutableBufferPointer { label in
        labelWeight.withUnsafeMutableBufferPointer { labelWeight in
        stamp.withUnsafeMutableBufferPointer { stamp in
        active.withUnsafeMutableBufferPointer { active in
        touched.withUnsafeMutableBufferPointer { touched in
            var visit = 0  // the stamp of this visit: every evaluation gets a new one
            while changed && sweeps < maximumSweeps {
                changed = false
                sweeps += 1
                for v32 in _shuffledVertices(n, &rng) {
                    let v = Int(v32)
                    guard active[v] else { continue }
                    active[v] = false
                    let rowStart = Int(offsets[v]), rowEnd = Int(offsets[v + 1])
                    guard rowStart < rowEnd else { continue }
                    visit += 1
                    var best = 0.0
                    var touchedCount = 0
                    for p in rowStart..<rowEnd {
                        let l = Int(label[Int(targets[p])])
                        if stamp[l] != visit {
                            stamp[l] = visit
                            labelWeight[l] = 0
                            touched[touchedCount] = Int32(l)
                            touchedCount += 1
                        }
                        labelWeight[l] += unitWeights ? 1 : weights[p]
                        best = max(best, labelWeight[l])
                    }
                    let own = label[v]
                    if stamp[Int(own)] == visit && labelWeight[Int(own)] == best { continue }
                    // A uniform choice among the best labels, by reservoir sampling in contact order.
                    var ties = 0
                    var chosen = own
                    for i in 0..<touchedCount where labelWeight[Int(touched[i])] == best {
                        ties += 1
                        if rng.below(ties) == 0 { chosen = touched[i] }
                    }
                    label[v] = chosen
                    for p in rowStart..<rowEnd { active[Int(targets[p])] = true }
                    moves += 1
                    changed = true
                }
            }
        }}}}}}}}
        let partition = _partition(membership: label, order: order)
        return CommunityResult(partition: partition, quality: Modularity().run(graph, partition: partition).quality,
                               levels: 0, iterations: sweeps, moves: moves)
    }
}
