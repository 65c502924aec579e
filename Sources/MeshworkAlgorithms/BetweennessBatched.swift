import MeshworkCore

/// One worker's scratch for batched (multi-source) Brandes searches on unweighted graphs: up to 16
/// sources ("lanes") searched together, level by level, so that each adjacency row is scanned once
/// per distinct level at which the batch reaches its vertex instead of once per source.
///
///     var scratch = _BatchedBrandesScratch(vertexCount: n, lanes: 16)
///     defer { scratch.deallocate() }
///     scratch.search(adjacency, sources: batch)                        // at most `lanes` sources
///     scratch.dependencies(adjacency, times: multiplicities, into: out)  // adds to `out`
///     scratch.reset()
///
/// Layout: per vertex one 16-bit mask of the lanes that reached it (`seen`), one 16-bit work mask
/// (`mark`: the lanes reaching it at the next level in the forward pass, the lanes with it at the
/// level below in the backward pass), and `lanes` interleaved `Double`s for the path counts (then
/// the coefficients `(1 + delta) / sigma`). The levels are kept as lists of `(vertex, lanes at
/// this level)`; the backward pass walks them deepest first. A level with more than V/16 vertices
/// is listed in vertex order (by a scan of `mark`), a smaller one in discovery order.
///
/// Same numbers as the single-source kernel (`_BrandesScratch`): each lane's path counts are the
/// same sums (exact integers, so the order within a level does not matter, below 2^53 paths) and
/// each lane's successor sums run over the row in the same order, so every dependency has the
/// same bits. Only the order in which they are added to `out[v]` differs: deepest level first,
/// ascending lanes within a level, instead of source order (about 1e-15 relative on the sums; the
/// order depends on the graph and the batch only, never on the thread count). Keeping source
/// order would take another 8 bytes per vertex and lane, 128 MB per worker on a million vertices.
///
/// - Complexity: O(L · (V + E)) time per batch, where L is the number of distinct (vertex, level)
///   pairs divided by V (between 1 and `lanes`; 3-5 on small-world graphs), plus O(lanes) per
///   shortest-path-DAG edge of each lane; O(V · lanes) space (8 bytes per vertex and lane, plus
///   8 bytes per vertex, plus the level lists: 6 bytes per (vertex, level) pair).
/// - Note: J. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann &
///   H. T. Vo, "The More the Merrier: Efficient Multi-Source Graph Traversal", PVLDB 8(4), 2014
///   (multi-source BFS with per-vertex lane masks); M. Then, S. Günnemann, A. Kemper & T. Neumann,
///   "Efficient batched distance and centrality computation in unweighted and weighted graphs",
///   BTW 2017 (batched Brandes).
struct _BatchedBrandesScratch {
    /// The number of lanes (1 ... 16): the most sources one batch searches.
    let lanes: Int
    let vertexCount: Int
    /// The lanes that have reached each vertex.
    let seen: UnsafeMutablePointer<UInt16>
    /// Forward: the lanes reaching the vertex at the next level; backward: the lanes with the
    /// vertex at the level below the one being processed. Zero between uses.
    let mark: UnsafeMutablePointer<UInt16>
    /// `vertexCount * lanes`: the path counts, replaced lane by lane by `(1 + delta) / sigma` in
    /// the backward pass.
    let value: UnsafeMutablePointer<Double>
    /// The vertices the batch reached, each once.
    let touched: UnsafeMutablePointer<Int32>
    var touchedCount = 0
    /// The level lists: entries `levelStart[d] ..< levelStart[d + 1]` are level d's vertices and
    /// the lanes for which they are at distance d.
    var levelVertex: UnsafeMutablePointer<Int32>
    var levelMask: UnsafeMutablePointer<UInt16>
    var levelCapacity: Int
    var levelStart: [Int] = []
    /// `lanes` successor sums of the vertex being processed.
    let sum: UnsafeMutablePointer<Double>

    init(vertexCount n: Int, lanes: Int) {
        precondition(lanes >= 1 && lanes <= 16, "1 to 16 lanes")
        self.lanes = lanes
        vertexCount = n
        let cells = max(1, n * lanes)
        seen = .allocate(capacity: max(1, n)); seen.initialize(repeating: 0, count: max(1, n))
        mark = .allocate(capacity: max(1, n)); mark.initialize(repeating: 0, count: max(1, n))
        value = .allocate(capacity: cells); value.initialize(repeating: 0, count: cells)
        touched = .allocate(capacity: max(1, n))
        levelCapacity = max(16, 2 * n)
        levelVertex = .allocate(capacity: levelCapacity)
        levelMask = .allocate(capacity: levelCapacity)
        sum = .allocate(capacity: 16)
        levelStart.reserveCapacity(64)
    }

    func deallocate() {
        seen.deallocate(); mark.deallocate(); value.deallocate()
        touched.deallocate(); levelVertex.deallocate(); levelMask.deallocate(); sum.deallocate()
    }

    /// Room for `count` level entries (the lists grow by doubling; a level adds at most V).
    mutating func reserveLevels(_ count: Int) {
        guard count > levelCapacity else { return }
        let capacity = max(count, 2 * levelCapacity)
        let vertices = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        let masks = UnsafeMutablePointer<UInt16>.allocate(capacity: capacity)
        let used = levelStart.last ?? 0
        vertices.update(from: levelVertex, count: used)
        masks.update(from: levelMask, count: used)
        levelVertex.deallocate(); levelMask.deallocate()
        levelVertex = vertices; levelMask = masks
        levelCapacity = capacity
    }

    /// The breadth-first searches from `sources` (at most `lanes`; lane `i` is `sources[i]`),
    /// level-synchronous: path counts per lane in `value`, the level lists, the reached vertices.
    mutating func search(_ graph: _Adjacency, sources: UnsafeBufferPointer<Int32>) {
        precondition(sources.count <= lanes, "at most one source per lane")
        let offsets = graph.offsets, targets = graph.targets
        let lanes = self.lanes, n = vertexCount
        levelStart.removeAll(keepingCapacity: true)
        levelStart.append(0)
        touchedCount = 0
        var used = 0
        // Level 0: the sources (a vertex listed twice gets both lanes).
        for (l, s) in sources.enumerated() {
            let v = Int(s)
            if mark[v] == 0 { levelVertex[used] = s; used &+= 1 }
            mark[v] |= UInt16(1) << UInt16(l)
            value[v &* lanes &+ l] = 1
        }
        var begin = 0
        while true {
            // Close the level just listed: its masks, and the lanes that have now reached them.
            // A large level is listed again in vertex order (a scan of `mark`): its rows are then
            // read in ascending order, and neighbouring vertices, numbered together by the
            // locality order, share the cache lines of their neighbours' lanes.
            if used &- begin > n >> 4 {
                var i = begin
                for v in 0 ..< n where mark[v] != 0 {
                    levelVertex[i] = Int32(truncatingIfNeeded: v)
                    i &+= 1
                }
            }
            for i in begin ..< used {
                let w = Int(levelVertex[i])
                let m = mark[w]
                levelMask[i] = m
                if seen[w] == 0 { touched[touchedCount] = Int32(truncatingIfNeeded: w); touchedCount &+= 1 }
                seen[w] |= m
                mark[w] = 0
            }
            levelStart.append(used)
            if used == begin { break }
            reserveLevels(used + n)
            let end = used
            for i in begin ..< end {
                let v = Int(levelVertex[i])
                let frontier = levelMask[i]
                let rowV = value + v &* lanes
                for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                    let w = Int(targets[p])
                    let new = frontier & ~seen[w]
                    if new == 0 { continue }
                    if mark[w] == 0 { levelVertex[used] = Int32(truncatingIfNeeded: w); used &+= 1 }
                    mark[w] |= new
                    let rowW = value + w &* lanes
                    var m = new
                    while m != 0 {
                        let l = m.trailingZeroBitCount
                        rowW[l] += rowV[l]
                        m &= m &- 1
                    }
                }
            }
            begin = end
        }
        levelStart.removeLast()  // the empty level that ended the search
    }

    /// The backward sweep of the last `search`, deepest level first: adds each lane's dependency
    /// of every vertex it reached except its source, times `times[l]` (1 when `times` is nil), to
    /// `out`.
    func dependencies(_ graph: _Adjacency, times: UnsafeBufferPointer<Double>?, into out: UnsafeMutablePointer<Double>) {
        let offsets = graph.offsets, targets = graph.targets
        let lanes = self.lanes
        let levels = levelStart.count - 1
        guard levels >= 2 else { return }
        for d in stride(from: levels - 1, through: 1, by: -1) {
            // `mark`: the lanes with each vertex on level d + 1.
            if d + 1 < levels {
                for i in levelStart[d + 1] ..< levelStart[d + 2] { mark[Int(levelVertex[i])] = levelMask[i] }
            }
            for i in levelStart[d] ..< levelStart[d + 1] {
                let v = Int(levelVertex[i])
                let here = levelMask[i]
                var m = here
                while m != 0 { sum[m.trailingZeroBitCount] = 0; m &= m &- 1 }
                for p in Int(offsets[v]) ..< Int(offsets[v &+ 1]) {
                    let w = Int(targets[p])
                    var successor = here & mark[w]
                    if successor == 0 { continue }
                    let rowW = value + w &* lanes
                    while successor != 0 {
                        let l = successor.trailingZeroBitCount
                        sum[l] += rowW[l]
                        successor &= successor &- 1
                    }
                }
                let rowV = value + v &* lanes
                m = here
                while m != 0 {
                    let l = m.trailingZeroBitCount
                    let sv = rowV[l]
                    let dependency = sv * sum[l]
                    out[v] += (times?[l] ?? 1) * dependency
                    rowV[l] = (1 + dependency) / sv
                    m &= m &- 1
                }
            }
            if d + 1 < levels {
                for i in levelStart[d + 1] ..< levelStart[d + 2] { mark[Int(levelVertex[i])] = 0 }
            }
        }
    }

    /// Clears what the last batch touched.
    mutating func reset() {
        let lanes = self.lanes
        for t in 0 ..< touchedCount {
            let v = Int(touched[t])
            seen[v] = 0
            (value + v &* lanes).update(repeating: 0, count: lanes)
        }
        touchedCount = 0
    }
}
