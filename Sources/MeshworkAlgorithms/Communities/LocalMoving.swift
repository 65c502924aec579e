import MeshworkCore

/// The queue-based local-moving phase shared by Louvain and Leiden: each vertex moves to the
/// neighbouring community with the largest quality gain; when a vertex moves, its neighbours
/// outside its new community are queued again. Visiting only the vertices whose neighbourhood
/// changed ("fast local move", Traag, Waltman & van Eck 2019; Ozaki et al. 2016 for Louvain)
/// reaches the same kind of local optimum as repeated full sweeps in a fraction of the visits.
///
/// The scratch arrays are allocated once and reused across levels.
///
/// - Complexity: O(E) per round of visits; the number of visits is bounded by a safety cap of
///   `64 · (V + E)` so that floating-point ties can never cycle forever.
struct _LocalMoving {
    private var communityWeight: [Double] = []
    private var communitySize: [Int32] = []
    private var neighbourWeight: [Double] = []
    private var stamp: [Int32] = []
    private var touched: [Int32] = []
    private var queue: [Int32] = []
    private var queued: [Bool] = []
    private var emptyCommunities: [Int32] = []

    /// Moves vertices of `graph` between the communities of `membership` (ids in `0..<V`) until no
    /// move improves the quality. `allowEmpty` also considers moving a vertex into an empty
    /// community of its own (Leiden). Returns the number of moves.
    mutating func run(_ graph: _CommunityGraph, membership: inout [Int32], scale: Double,
                      allowEmpty: Bool, rng: inout SplitMix64) -> Int {
        let n = graph.vertexCount
        guard n > 0 else { return 0 }
        reset(n)
        for v in 0..<n {
            let c = Int(membership[v])
            communityWeight[c] += graph.nodeWeight[v]
            communitySize[c] += 1
        }
        if allowEmpty {
            for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
                emptyCommunities.append(Int32(c))
            }
        }
        let order = _shuffledVertices(n, &rng)
        for i in 0..<n { queue[i] = order[i]; queued[Int(order[i])] = true }
        var head = 0
        var pending = n
        var moves = 0
        var budget = 64 * (n + graph.targets.count)
        while pending > 0 && budget > 0 {
            let v = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            pending -= 1
            queued[v] = false
            budget -= 1 + Int(graph.offsets[v + 1] - graph.offsets[v])

            let current = Int(membership[v])
            let kv = graph.nodeWeight[v]
            for p in Int(graph.offsets[v])..<Int(graph.offsets[v + 1]) {
                let c = Int(membership[Int(graph.targets[p])])
                if stamp[c] != Int32(v) {
                    stamp[c] = Int32(v)
                    neighbourWeight[c] = 0
                    touched.append(Int32(c))
                }
                neighbourWeight[c] += graph.weights[p]
            }
            communityWeight[current] -= kv
            communitySize[current] -= 1
            var best = current
            var bestGain = (stamp[current] == Int32(v) ? neighbourWeight[current] : 0)
                - scale * kv * communityWeight[current]
            for c in touched where Int(c) != current {
                let gain = neighbourWeight[Int(c)] - scale * kv * communityWeight[Int(c)]
                if gain > bestGain { best = Int(c); bestGain = gain }
            }
            touched.removeAll(keepingCapacity: true)
            if allowEmpty && bestGain < 0 && communitySize[current] > 0 {
                best = Int(emptyCommunities.removeLast())
            }
            communityWeight[best] += kv
            communitySize[best] += 1
            guard best != current else { continue }
            if allowEmpty && communitySize[current] == 0 { emptyCommunities.append(Int32(current)) }
            membership[v] = Int32(best)
            moves += 1
            for p in Int(graph.offsets[v])..<Int(graph.offsets[v + 1]) {
                let t = Int(graph.targets[p])
                if !queued[t] && Int(membership[t]) != best {
                    queued[t] = true
                    queue[(head + pending) % n] = Int32(t)
                    pending += 1
                }
            }
        }
        return moves
    }

    private mutating func reset(_ n: Int) {
        if stamp.count < n {
            communityWeight = [Double](repeating: 0, count: n)
            communitySize = [Int32](repeating: 0, count: n)
            neighbourWeight = [Double](repeating: 0, count: n)
            stamp = [Int32](repeating: -1, count: n)
            queue = [Int32](repeating: 0, count: n)
            queued = [Bool](repeating: false, count: n)
            return
        }
        for i in 0..<n {
            communityWeight[i] = 0
            communitySize[i] = 0
            stamp[i] = -1
            queued[i] = false
        }
        emptyCommunities.removeAll(keepingCapacity: true)
    }
}
