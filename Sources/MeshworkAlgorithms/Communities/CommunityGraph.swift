import CPrefetch
import MeshworkCore

/// The quality function that community detection optimises.
public enum CommunityQuality: String, Sendable, CaseIterable {
    /// Newman-Girvan modularity with a resolution parameter γ (Reichardt & Bornholdt 2006):
    /// Q = Σ_c [ L_c / m − γ (d_c / 2m)² ], L_c the weight inside c, d_c the sum of its strengths.
    case modularity
    /// The constant Potts model (Traag, Van Dooren & Nesterov 2011): H = Σ_c [ L_c − γ n_c (n_c − 1) / 2 ],
    /// n_c the number of members of c. Free of modularity's resolution limit.
    case cpm
}

/// The weighted undirected graph that the local-moving algorithms work on: CSR rows plus a
/// self-loop weight and a node weight per vertex, so that aggregated graphs (one vertex per
/// community) are the same type as the input.
///
/// Node weights are strengths for modularity and member counts for CPM; in both cases moving a
/// vertex `v` into community `C` changes the quality by `w(v, C) − scale · k_v · K_C` (up to a
/// constant factor), where `scale` is `γ / 2m` for modularity and `γ` for CPM.
struct _CommunityGraph {
    var offsets: [Int32]
    var targets: [Int32]
    var weights: [Double]
    /// The weight of each vertex's self-loop (ties inside an aggregated vertex), counted once.
    var selfWeight: [Double]
    /// k_v: strength (with self-loops counted twice) for modularity, member count for CPM.
    var nodeWeight: [Double]
    /// Whether every entry of `weights` is 1.
    var unitWeights = false

    var vertexCount: Int { nodeWeight.count }

    /// The vertices with a tie to another vertex.
    var tiedVertexCount: Int {
        var count = 0
        for v in 0..<vertexCount where offsets[v + 1] > offsets[v] { count += 1 }
        return count
    }

    /// The undirected, weighted working copy of `graph` with vertex `order[i]` renumbered `i`.
    /// Rows come out sorted in the new numbering (the scatter walks targets in new-id order), so
    /// everything downstream depends only on the graph as seen in `order`.
    ///
    /// When `order` is the identity (as for an edge list whose ids are `0, 1, 2, ...` in order), the
    /// graph's sorted rows are already the renumbered ones: the copy shares its arrays.
    ///
    /// - Complexity: O(V + E) time; 12 bytes per adjacency entry (O(V) for the identity order).
    init(_ graph: CSRGraph, order: [Int32], quality: CommunityQuality) {
        precondition(!graph.isDirected, "community detection works on undirected ties")
        let n = graph.vertexCount
        precondition(order.count == n, "an order must list every vertex once")
        if Self.isIdentity(order) {
            self.init(sharing: graph, quality: quality)
        } else {
            self.init(renumbering: graph, order: order, quality: quality)
        }
    }

    /// The working copy of `graph` with vertex `order[i]` renumbered `i` (rows scattered in new-id
    /// order, so they come out sorted).
    private init(renumbering graph: CSRGraph, order: [Int32], quality: CommunityQuality) {
        let n = graph.vertexCount
        var newID = [Int32](repeating: -1, count: n)
        for (position, v) in order.enumerated() {
            precondition(newID[Int(v)] < 0, "an order must list every vertex once")
            newID[Int(v)] = Int32(position)
        }
        var offsets = [Int32](repeating: 0, count: n + 1)
        for position in 0..<n { offsets[position + 1] = offsets[position] + Int32(graph.degree(order[position])) }
        let entries = graph.targets.count
        var targets = [Int32](repeating: 0, count: entries)
        // An unweighted graph keeps no weights: the view reads every weight as 1.
        var weights = [Double](repeating: 1, count: graph.weights == nil ? 0 : entries)
        var cursor = offsets
        graph.offsets.withUnsafeBufferPointer { rows in
        graph.targets.withUnsafeBufferPointer { neighbours in
        targets.withUnsafeMutableBufferPointer { targets in
        weights.withUnsafeMutableBufferPointer { weights in
        cursor.withUnsafeMutableBufferPointer { cursor in
        newID.withUnsafeBufferPointer { newID in
        order.withUnsafeBufferPointer { order in
            if let inputWeights = graph.weights {
                inputWeights.withUnsafeBufferPointer { inputWeights in
                    for t in 0..<n {
                        let old = Int(order[t])
                        Self.prefetchScatter(t, n: n, order: order, rows: rows, neighbours: neighbours, newID: newID,
                                             cursor: UnsafeBufferPointer(cursor))
                        for p in Int(rows[old])..<Int(rows[old + 1]) {
                            let s = Int(newID[Int(neighbours[p])])
                            let slot = Int(cursor[s])
                            targets[slot] = Int32(t)
                            weights[slot] = inputWeights[p]
                            cursor[s] = Int32(slot + 1)
                        }
                    }
                }
            } else {
                for t in 0..<n {
                    let old = Int(order[t])
                    Self.prefetchScatter(t, n: n, order: order, rows: rows, neighbours: neighbours, newID: newID,
                                         cursor: UnsafeBufferPointer(cursor))
                    for p in Int(rows[old])..<Int(rows[old + 1]) {
                        let s = Int(newID[Int(neighbours[p])])
                        let slot = Int(cursor[s])
                        targets[slot] = Int32(t)
                        cursor[s] = Int32(slot + 1)
                    }
                }
            }
        }}}}}}}
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.selfWeight = [Double](repeating: 0, count: n)
        self.nodeWeight = quality == .modularity ? Self.strengths(offsets: offsets, weights: weights)
            : [Double](repeating: 1, count: n)
        self.unitWeights = !graph.isWeighted
    }

    /// Starts loading what the scatter of the rows `order[t + 1]` to `order[t + 3]` will read:
    /// three ahead the row, two ahead its neighbours' new ids, one ahead their cursors (hints only;
    /// see ``_CommunityView/prefetchAhead(_:_:end:entries:sums:groupWeight:groupExternal:)``).
    @inline(__always) private static func prefetchScatter(
        _ t: Int, n: Int, order: UnsafeBufferPointer<Int32>, rows: UnsafeBufferPointer<Int32>,
        neighbours: UnsafeBufferPointer<Int32>, newID: UnsafeBufferPointer<Int32>, cursor: UnsafeBufferPointer<Int32>
    ) {
        if t + 3 < n { meshwork_prefetch(neighbours.baseAddress! + Int(rows[Int(order[t + 3])])) }
        if t + 2 < n {
            let u = Int(order[t + 2])
            for p in Int(rows[u])..<Int(rows[u + 1]) { meshwork_prefetch(newID.baseAddress! + Int(neighbours[p])) }
        }
        if t + 1 < n {
            let u = Int(order[t + 1])
            for p in Int(rows[u])..<Int(rows[u + 1]) { meshwork_prefetch(cursor.baseAddress! + Int(newID[Int(neighbours[p])])) }
        }
    }

    /// The working copy of `graph` in its own numbering: its arrays, shared.
    private init(sharing graph: CSRGraph, quality: CommunityQuality) {
        let n = graph.vertexCount
        offsets = graph.offsets
        targets = graph.targets
        weights = graph.weights ?? []
        selfWeight = [Double](repeating: 0, count: n)
        nodeWeight = quality == .modularity ? Self.strengths(offsets: offsets, weights: weights)
            : [Double](repeating: 1, count: n)
        unitWeights = !graph.isWeighted
    }

    /// Each vertex's strength (its row's weight sum; its degree when `weights` is empty).
    private static func strengths(offsets: [Int32], weights: [Double]) -> [Double] {
        let n = offsets.count - 1
        var strength = [Double](repeating: 0, count: n)
        weights.withUnsafeBufferPointer { weights in
            for v in 0..<n {
                let row = Int(offsets[v])..<Int(offsets[v + 1])
                if weights.isEmpty { strength[v] = Double(row.count); continue }
                var sum = 0.0
                for p in row { sum += weights[p] }
                strength[v] = sum
            }
        }
        return strength
    }

    /// Whether `order` lists `0, 1, ..., n - 1` in that order.
    private static func isIdentity(_ order: [Int32]) -> Bool {
        order.withUnsafeBufferPointer { order in
            for i in 0..<order.count where order[i] != Int32(truncatingIfNeeded: i) { return false }
            return true
        }
    }

    init(offsets: [Int32], targets: [Int32], weights: [Double], selfWeight: [Double], nodeWeight: [Double]) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.selfWeight = selfWeight
        self.nodeWeight = nodeWeight
    }

    /// Calls `body` with unsafe views of the arrays, for the hot loops.
    func withView<R>(_ body: (_CommunityView) -> R) -> R {
        offsets.withUnsafeBufferPointer { offsets in
            targets.withUnsafeBufferPointer { targets in
                weights.withUnsafeBufferPointer { weights in
                    nodeWeight.withUnsafeBufferPointer { nodeWeight in
                        body(_CommunityView(offsets: offsets, targets: targets,
                                            weights: unitWeights ? UnsafeBufferPointer(start: nil, count: 0) : weights,
                                            nodeWeight: nodeWeight))
                    }
                }
            }
        }
    }

    /// m: the total edge weight, each edge once, self-loops included once.
    var totalWeight: Double {
        var sum = unitWeights ? Double(targets.count) : 0
        for w in weights { sum += w }
        for w in selfWeight { sum += 2 * w }
        return sum / 2
    }

    /// The quality of the partition in which every vertex of this graph is one community (the
    /// last aggregated graph of a run): Σ_v [ self_v / m − γ (k_v / 2m)² ] for modularity,
    /// Σ_v [ self_v − γ n_v (n_v − 1) / 2 ] for CPM. O(V).
    func ownQuality(_ quality: CommunityQuality, resolution: Double, totalWeight m: Double) -> Double {
        if quality == .modularity && m <= 0 { return 0 }
        var sum = 0.0
        for v in 0..<vertexCount {
            sum += Self.term(quality, inside: selfWeight[v], total: nodeWeight[v], resolution: resolution, totalWeight: m)
        }
        return sum
    }

    /// One community's term of the quality, from the weight inside it and the sum of its node
    /// weights: `inside / m − γ (total / 2m)²` for modularity, `inside − γ total (total − 1) / 2`
    /// for CPM.
    @inline(__always)
    static func term(_ quality: CommunityQuality, inside: Double, total: Double, resolution: Double,
                     totalWeight m: Double) -> Double {
        switch quality {
        case .modularity:
            let share = total / (2 * m)
            return inside / m - resolution * share * share
        case .cpm:
            return inside - resolution * total * (total - 1) / 2
        }
    }

    /// The quality of the partition `membership` (numbered `0..<count`): per community, the weight
    /// inside (self-loops and ties between its vertices) and the sum of its node weights, as
    /// ``ownQuality(_:resolution:totalWeight:)`` reads them from the aggregated graph.
    /// - Complexity: O(V + E).
    func quality(_ quality: CommunityQuality, of membership: [Int32], count: Int, resolution: Double,
                 totalWeight m: Double) -> Double {
        var inside = [Double](repeating: 0, count: count)
        var total = [Double](repeating: 0, count: count)
        for v in 0..<vertexCount {
            let c = Int(membership[v])
            total[c] += nodeWeight[v]
            var tiesInside = 0.0
            for p in Int(offsets[v])..<Int(offsets[v + 1]) where membership[Int(targets[p])] == membership[v] {
                tiesInside += weights.isEmpty ? 1 : weights[p]
            }
            // Each tie between two vertices of c is in both rows.
            inside[c] += selfWeight[v] + tiesInside / 2
        }
        if quality == .modularity && m <= 0 { return 0 }
        var sum = 0.0
        for c in 0..<count {
            sum += Self.term(quality, inside: inside[c], total: total[c], resolution: resolution, totalWeight: m)
        }
        return sum
    }

    /// The graph with each community of `membership` (numbered `0..<count`) collapsed into one
    /// vertex: ties between communities are summed, ties inside become the self-loop, node weights
    /// add up. Rows list neighbour communities in order of first contact, which is fixed by this
    /// graph's numbering.
    ///
    /// Graphs the schedule runs block-synchronously are aggregated on its threads
    /// (``_BlockSchedule/aggregationRanges(vertices:entries:communities:)``), in contiguous
    /// ranges of communities joined in range order; the graph is the same bits as the one-range
    /// build of smaller graphs.
    ///
    /// - Complexity: O(V + E) time, 12 bytes of scratch per community per worker.
    func aggregated(membership: [Int32], count: Int, schedule: _BlockSchedule = _BlockSchedule(threads: 1)) -> _CommunityGraph {
        let n = vertexCount
        var start = [Int32](repeating: 0, count: count + 1)
        for c in membership { start[Int(c) + 1] += 1 }
        for c in 0..<count { start[c + 1] += start[c] }
        var members = [Int32](repeating: 0, count: n)
        var cursor = start
        for v in 0..<n {
            let c = Int(membership[v])
            members[Int(cursor[c])] = Int32(v)
            cursor[c] += 1
        }
        let ranges = schedule.aggregationRanges(vertices: n, entries: targets.count, communities: count)
        return aggregatedRows(membership: membership, count: count, start: start, members: members, ranges: ranges,
                              threads: schedule.threads)
    }
}

extension _CommunityGraph {
    /// The rows of ``aggregated(membership:count:schedule:)``, built on up to `threads` workers:
    /// `ranges` contiguous ranges of communities of about equal member counts, each range's rows
    /// built by one worker in community order, then joined in range order, so the graph does not
    /// depend on `ranges` or `threads`.
    private func aggregatedRows(membership: [Int32], count: Int, start: [Int32], members: [Int32], ranges: Int,
                                threads: Int) -> _CommunityGraph {
        let n = vertexCount
        // Range r covers communities bounds[r] ..< bounds[r + 1], cut where the member prefix
        // reaches r / ranges of the vertices.
        var bounds = [Int](repeating: count, count: ranges + 1)
        bounds[0] = 0
        var c = 0
        for r in 1..<ranges {
            let goal = r * n / ranges
            while c < count && Int(start[c]) < goal { c += 1 }
            bounds[r] = max(bounds[r - 1], c)
        }
        var newOffsets = [Int32](repeating: 0, count: count + 1)
        var newSelf = [Double](repeating: 0, count: count)
        var newNodeWeight = [Double](repeating: 0, count: count)
        let rangeTargets = UnsafeMutablePointer<[Int32]>.allocate(capacity: ranges)
        rangeTargets.initialize(repeating: [], count: ranges)
        let rangeWeights = UnsafeMutablePointer<[Double]>.allocate(capacity: ranges)
        rangeWeights.initialize(repeating: [], count: ranges)
        defer {
            rangeTargets.deinitialize(count: ranges); rangeTargets.deallocate()
            rangeWeights.deinitialize(count: ranges); rangeWeights.deallocate()
        }
        withView { g in
        membership.withUnsafeBufferPointer { membership in
        members.withUnsafeBufferPointer { members in
        start.withUnsafeBufferPointer { start in
        selfWeight.withUnsafeBufferPointer { selfWeight in
        newOffsets.withUnsafeMutableBufferPointer { newOffsets in
        newSelf.withUnsafeMutableBufferPointer { newSelf in
        newNodeWeight.withUnsafeMutableBufferPointer { newNodeWeight in
            let counter = _BlockCounter(limit: ranges)
            forEachWorker(max(1, min(threads, ranges))) { _ in
                var neighbours = _NeighbourWeights(capacity: count)
                defer { neighbours.deallocate() }
                while let r = counter.take() {
                    var targets: [Int32] = []
                    var weights: [Double] = []
                    let membersEnd = Int(start[bounds[r + 1]])
                    for c in bounds[r]..<bounds[r + 1] {
                        var selfLoops = 0.0
                        var weightSum = 0.0
                        for i in Int(start[c])..<Int(start[c + 1]) {
                            let v = Int(members[i])
                            g.prefetchAhead(members.baseAddress!, i, end: membersEnd, entries: membership.baseAddress!,
                                            sums: neighbours.weight)
                            selfLoops += selfWeight[v]
                            weightSum += g.nodeWeight[v]
                            for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) {
                                neighbours.add(g.weights.isEmpty ? 1 : g.weights[p], to: Int(membership[Int(g.targets[p])]))
                            }
                        }
                        // The ties inside c become its self-loop; the others its row.
                        let inside = neighbours[c]
                        let rowStart = targets.count
                        for i in 0..<neighbours.count where Int(neighbours.touched[i]) != c {
                            targets.append(neighbours.touched[i])
                            weights.append(neighbours[Int(neighbours.touched[i])])
                        }
                        neighbours.clear()
                        newOffsets[c + 1] = Int32(targets.count - rowStart)
                        newSelf[c] = selfLoops + inside / 2
                        newNodeWeight[c] = weightSum
                    }
                    rangeTargets[r] = targets
                    rangeWeights[r] = weights
                }
            }
        }}}}}}}}
        for c in 0..<count { newOffsets[c + 1] += newOffsets[c] }
        // Each range's rows go to their place in the joined arrays (which the ranges cover exactly,
        // so they need no filling first), ranges copied in parallel.
        let total = Int(newOffsets[count])
        var newWeights: [Double] = []
        let newTargets = [Int32](unsafeUninitializedCapacity: total) { targets, targetCount in
            newWeights = [Double](unsafeUninitializedCapacity: total) { weights, weightCount in
                guard let targetsOut = targets.baseAddress, let weightsOut = weights.baseAddress else { return }
                if ranges == 1 {
                    Self.copy(rangeTargets[0], rangeWeights[0], to: targetsOut, weightsOut, at: 0)
                } else {
                    let counter = _BlockCounter(limit: ranges)
                    forEachWorker(max(1, min(threads, ranges))) { _ in
                        while let r = counter.take() {
                            Self.copy(rangeTargets[r], rangeWeights[r], to: targetsOut, weightsOut,
                                      at: Int(newOffsets[bounds[r]]))
                        }
                    }
                }
                weightCount = total
            }
            targetCount = total
        }
        return _CommunityGraph(offsets: newOffsets, targets: newTargets, weights: newWeights,
                               selfWeight: newSelf, nodeWeight: newNodeWeight)
    }
}

extension _CommunityGraph {
    /// Copies one range's rows to `first` in the joined arrays (a function of its arguments only:
    /// a nested function capturing them cost an allocation per aggregation).
    private static func copy(_ targets: [Int32], _ weights: [Double], to targetsOut: UnsafeMutablePointer<Int32>,
                             _ weightsOut: UnsafeMutablePointer<Double>, at first: Int) {
        targets.withUnsafeBufferPointer { part in
            if let source = part.baseAddress { (targetsOut + first).update(from: source, count: part.count) }
        }
        weights.withUnsafeBufferPointer { part in
            if let source = part.baseAddress { (weightsOut + first).update(from: source, count: part.count) }
        }
    }
}

/// Unsafe views of a ``_CommunityGraph``'s arrays, valid inside ``_CommunityGraph/withView(_:)``.
struct _CommunityView {
    let offsets: UnsafeBufferPointer<Int32>
    let targets: UnsafeBufferPointer<Int32>
    /// Empty when every weight is 1 (an unweighted input graph), so the hot loops read half as much.
    let weights: UnsafeBufferPointer<Double>
    let nodeWeight: UnsafeBufferPointer<Double>

    /// Starts loading `v`'s row into the cache (a hint; it never changes a result). The blocked
    /// kernels visit rows in a random order, so every row begins with a cache miss; asking for the
    /// row two vertices ahead overlaps it with the current vertex's work (gen100k, Louvain on one
    /// thread: about 15% less CPU time).
    @inline(__always) func prefetchRow(_ v: Int) {
        if let base = targets.baseAddress { meshwork_prefetch(base + Int(offsets[v])) }
    }

    /// Starts loading what the visits of the vertices `list[i + 1]` to `list[i + 4]` (positions
    /// before `end`) will read, one stage per vertex ahead: four ahead its row's offset; three
    /// ahead its row; two ahead its own entry and weight and its neighbours' entries (the row came
    /// in a visit earlier); one ahead, for each neighbour, the sum, the `groupWeight` and the
    /// `groupExternal` of the group its entry names (the entries came in a visit earlier). Hints
    /// only, they never change a result. The blocked kernels visit vertices in a random order, so
    /// a neighbour's entry and its group's sum are each a cache miss that depends on the one
    /// before; started a few vertices ahead, the misses of whole rows overlap (indirect
    /// prefetching: Ainsworth & Jones, "Software prefetching for indirect memory accesses", CGO
    /// 2017). On the 1M-member network (40M entries, 2 threads, 2026-12-05) Leiden's first local
    /// moving took 1.4-1.9 s instead of 2.7-3.5 s, and its refinements 0.5-0.6 s instead of
    /// 0.6-0.9 s.
    @inline(__always) func prefetchAhead<Entry: _GroupEntry, Sum>(
        _ list: UnsafePointer<Int32>, _ i: Int, end: Int, entries: UnsafePointer<Entry>, sums: UnsafePointer<Sum>,
        groupWeight: UnsafePointer<Double>? = nil, groupExternal: UnsafePointer<Double>? = nil
    ) {
        prefetchRowsAhead(list, i, end: end)
        if i + 2 < end {
            let u = Int(list[i + 2])
            meshwork_prefetch(entries + u)
            if let base = nodeWeight.baseAddress { meshwork_prefetch(base + u) }
            for p in Int(offsets[u])..<Int(offsets[u + 1]) { meshwork_prefetch(entries + Int(targets[p])) }
        }
        if i + 1 < end {
            let u = Int(list[i + 1])
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let group = Int(entries[Int(targets[p])].group)
                meshwork_prefetch(sums + group)
                if let groupWeight { meshwork_prefetch(groupWeight + group) }
                if let groupExternal { meshwork_prefetch(groupExternal + group) }
            }
        }
    }
}

extension _CommunityView {
    /// The first stages of both pipelines: the row's offset of `list[i + 4]` and the row of
    /// `list[i + 3]` (positions before `end`).
    @inline(__always) private func prefetchRowsAhead(_ list: UnsafePointer<Int32>, _ i: Int, end: Int) {
        if i + 4 < end, let base = offsets.baseAddress { meshwork_prefetch(base + Int(list[i + 4])) }
        if i + 3 < end { prefetchRow(Int(list[i + 3])) }
    }

    /// Starts loading what a pass over the rows of `list[i + 1]` to `list[i + 4]` (positions
    /// before `end`) reads: four ahead the row's offset, three ahead the row, two ahead the vertex's
    /// `own` value and, per neighbour `t`, `first[t]` and `second[t]` (hints only, as in
    /// ``prefetchAhead(_:_:end:entries:sums:groupWeight:groupExternal:)``).
    @inline(__always) func prefetchNeighbours<Own, First, Second>(
        _ list: UnsafePointer<Int32>, _ i: Int, end: Int, own: UnsafePointer<Own>, first: UnsafePointer<First>,
        second: UnsafePointer<Second>
    ) {
        prefetchRowsAhead(list, i, end: end)
        if i + 2 < end {
            let u = Int(list[i + 2])
            meshwork_prefetch(own + u)
            for p in Int(offsets[u])..<Int(offsets[u + 1]) {
                let t = Int(targets[p])
                meshwork_prefetch(first + t)
                meshwork_prefetch(second + t)
            }
        }
    }
}

/// A per-vertex entry of a blocked kernel that names the group whose sum a neighbour adds to
/// (``_CommunityView/prefetchAhead(_:_:end:entries:sums:groupWeight:groupExternal:)``).
protocol _GroupEntry {
    /// The group a tie to this vertex is summed into.
    var group: Int32 { get }
}

/// A membership: a tie to a vertex is summed into its community (aggregation).
extension Int32: _GroupEntry {
    var group: Int32 { self }
}

/// Renumbers community ids to `0..<count` in order of first appearance; returns `count`.
/// - Complexity: O(V).
func _renumber(_ membership: inout [Int32], scratch: inout [Int32]) -> Int {
    let n = membership.count
    if scratch.count < n { scratch = [Int32](repeating: -1, count: n) }
    var count: Int32 = 0
    for v in 0..<n {
        let c = Int(membership[v])
        if scratch[c] < 0 { scratch[c] = count; count += 1 }
        membership[v] = scratch[c]
    }
    for v in 0..<n { scratch[v] = -1 }
    return Int(count)
}

/// The identity permutation `0..<n` shuffled by Fisher-Yates with `rng`.
func _shuffledVertices(_ n: Int, _ rng: inout SplitMix64) -> [Int32] {
    var order = (0..<Int32(n)).map { $0 }
    if n > 1 {
        for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
    }
    return order
}
