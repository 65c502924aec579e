import MeshworkCore

/// The queue-based local-moving phase shared by Louvain and Leiden: each vertex moves to the
/// neighbouring community with the largest quality gain; when a vertex moves, its neighbours
/// outside its new community are queued again. Visiting only the vertices whose neighbourhood
/// changed ("fast local move", Traag, Waltman & van Eck 2019; Ozaki et al. 2016 for Louvain)
/// reaches the same kind of local optimum as repeated full sweeps in a fraction of the visits.
///
/// The scratch is allocated once for the largest graph (the first level) and reused across
/// levels; call ``deallocate()`` when done.
///
/// - Complexity: O(E) per round of visits; the number of visits is bounded by a safety cap of
///   `64 · (V + E)` so that floating-point ties can never cycle forever.
struct _LocalMoving {
    private let capacity: Int
    private let communityWeight: UnsafeMutablePointer<Double>
    private let communitySize: UnsafeMutablePointer<Int32>
    /// Per community: the weight from the vertex being visited, valid when `stamp` is this visit
    /// (one 16-byte slot, so the accumulation touches one cache line per neighbour).
    private let contact: UnsafeMutablePointer<_Contact>
    private let touched: UnsafeMutablePointer<Int32>
    private let queue: UnsafeMutablePointer<Int32>
    private let queued: UnsafeMutablePointer<Bool>
    private let emptyCommunities: UnsafeMutablePointer<Int32>

    init(capacity: Int) {
        let n = max(1, capacity)
        self.capacity = n
        communityWeight = .allocate(capacity: n)
        communitySize = .allocate(capacity: n)
        contact = .allocate(capacity: n)
        touched = .allocate(capacity: n)
        queue = .allocate(capacity: n)
        queued = .allocate(capacity: n)
        emptyCommunities = .allocate(capacity: n)
    }

    func deallocate() {
        communityWeight.deallocate(); communitySize.deallocate(); contact.deallocate()
        touched.deallocate(); queue.deallocate(); queued.deallocate()
        emptyCommunities.deallocate()
    }

    /// Moves vertices of `graph` between the communities of `membership` (ids in `0..<V`) until no
    /// move improves the quality. `allowEmpty` also considers moving a vertex into an empty
    /// community of its own (Leiden). Returns the number of moves.
    func run(_ graph: _CommunityGraph, membership: inout [Int32], scale: Double,
             allowEmpty: Bool, rng: inout SplitMix64) -> Int {
        let n = graph.vertexCount
        guard n > 0 else { return 0 }
        precondition(n <= capacity, "scratch too small")
        let order = _shuffledVertices(n, &rng)
        return graph.withView { g in
            membership.withUnsafeMutableBufferPointer { membership in
                move(g, n: n, membership: membership, order: order, scale: scale, allowEmpty: allowEmpty,
                     edgeCount: graph.targets.count)
            }
        }
    }

    private func move(_ g: _CommunityView, n: Int, membership: UnsafeMutableBufferPointer<Int32>, order: [Int32],
                      scale: Double, allowEmpty: Bool, edgeCount: Int) -> Int {
        communityWeight.initialize(repeating: 0, count: n)
        communitySize.initialize(repeating: 0, count: n)
        contact.initialize(repeating: _Contact(weight: 0, stamp: -1), count: n)
        queued.initialize(repeating: true, count: n)
        for v in 0..<n {
            let c = Int(membership[v])
            communityWeight[c] += g.nodeWeight[v]
            communitySize[c] += 1
        }
        var emptyCount = 0
        if allowEmpty {
            for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
                emptyCommunities[emptyCount] = Int32(c)
                emptyCount += 1
            }
        }
        for i in 0..<n { queue[i] = order[i] }
        var head = 0
        var pending = n
        var moves = 0
        var budget = 64 * (n + edgeCount)
        var visit: Int64 = 0  // the stamp of this visit: a vertex is visited many times
        while pending > 0 && budget > 0 {
            visit += 1
            let v = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            pending -= 1
            queued[v] = false
            let rowStart = Int(g.offsets[v]), rowEnd = Int(g.offsets[v + 1])
            budget -= 1 + rowEnd - rowStart

            let current = Int(membership[v])
            let kv = g.nodeWeight[v]
            var touchedCount = 0
            let stampValue = visit
            if g.weights.isEmpty {
                for p in rowStart..<rowEnd {
                    let c = Int(membership[Int(g.targets[p])])
                    if contact[c].stamp != stampValue {
                        contact[c] = _Contact(weight: 1, stamp: stampValue)
                        touched[touchedCount] = Int32(c)
                        touchedCount += 1
                    } else {
                        contact[c].weight += 1
                    }
                }
            } else {
                for p in rowStart..<rowEnd {
                    let c = Int(membership[Int(g.targets[p])])
                    if contact[c].stamp != stampValue {
                        contact[c] = _Contact(weight: g.weights[p], stamp: stampValue)
                        touched[touchedCount] = Int32(c)
                        touchedCount += 1
                    } else {
                        contact[c].weight += g.weights[p]
                    }
                }
            }
            communityWeight[current] -= kv
            communitySize[current] -= 1
            let factor = scale * kv
            var best = current
            var bestGain = (contact[current].stamp == stampValue ? contact[current].weight : 0)
                - factor * communityWeight[current]
            for i in 0..<touchedCount {
                let c = Int(touched[i])
                let gain = contact[c].weight - factor * communityWeight[c]
                if gain > bestGain && c != current { best = c; bestGain = gain }
            }
            if allowEmpty && bestGain < 0 && communitySize[current] > 0 {
                emptyCount -= 1
                best = Int(emptyCommunities[emptyCount])
            }
            communityWeight[best] += kv
            communitySize[best] += 1
            guard best != current else { continue }
            if allowEmpty && communitySize[current] == 0 {
                emptyCommunities[emptyCount] = Int32(current)
                emptyCount += 1
            }
            membership[v] = Int32(best)
            moves += 1
            for p in rowStart..<rowEnd {
                let t = Int(g.targets[p])
                if !queued[t] && Int(membership[t]) != best {
                    queued[t] = true
                    var slot = head + pending
                    if slot >= n { slot -= n }
                    queue[slot] = Int32(t)
                    pending += 1
                }
            }
        }
        return moves
    }
}

/// A community's accumulated weight from the visit `stamp` (see ``_LocalMoving``).
struct _Contact {
    var weight: Double
    var stamp: Int64
}
