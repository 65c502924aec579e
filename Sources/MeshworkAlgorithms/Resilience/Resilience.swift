import MeshworkCore

/// Who holds the network together: how the network comes apart as members leave in a given
/// order (the attack curves of Albert, Jeong & Barabási 2000, read for a community): after each
/// step, the share of all members in the largest connected group that is left, and the share of
/// pairs of groups (a boundary level's) that can still reach each other through ties, of the pairs
/// that could at the start.
///
///     let curves = Resilience(steps: 20, maximumShare: 0.1).run(graph, groups: regions,
///                                                                orders: [("betweenness", byBetweenness)])
///     curves.curves[0].largestComponentShare   // one value per step, step 0 = nobody removed
///
/// Random departures are the baseline: ``run(_:groups:orders:)`` adds the mean, lowest and highest
/// of `randomOrders` shuffled orders (seeded: the same seed, the same curves).
///
/// - Complexity: O(steps × (V + E + G²/64)) per order for G groups (group pairs are bit rows,
///   computed when G ≤ 4,096; above that the group column is left out).
public struct Resilience: Sendable {
    /// One order's curve; `groupPairsConnected` is empty without groups (or above 4,096 groups).
    public struct Curve: Sendable, Equatable {
        public var order: String
        public var largestComponentShare: [Double]
        public var groupPairsConnected: [Double]
    }

    public struct Result: Sendable {
        /// Members removed before each step's figures: 0, then about `maximumShare × V / steps` more each step.
        public var removed: [Int]
        /// The given orders, then `random` (the mean), `random_low` and `random_high`.
        public var curves: [Curve]
    }

    public var steps: Int
    /// The share of members removed by the last step.
    public var maximumShare: Double
    public var randomOrders: Int
    public var seed: UInt64

    public init(steps: Int = 20, maximumShare: Double = 0.1, randomOrders: Int = 20, seed: UInt64 = 42) {
        self.steps = steps
        self.maximumShare = maximumShare
        self.randomOrders = randomOrders
        self.seed = seed
    }

    /// The largest groups a group-pair count handles (its bit matrix is G² bits).
    public static let groupLimit = 4_096

    public func run(_ graph: CSRGraph, groups: Partition?, orders: [(name: String, vertices: [VertexID])]) -> Result {
        let n = graph.vertexCount
        let last = min(n, Int((maximumShare * Double(n)).rounded(.down)))
        let removed = (0 ... max(steps, 1)).map { last * $0 / max(steps, 1) }
        let groups = groups.flatMap { $0.groupCount <= Self.groupLimit ? $0 : nil }
        var probe = _ComponentProbe(graph, groups: groups)
        let startPairs = probe.measure(removedFirst: 0, of: []).pairs
        // Counts per step (largest component, connected group pairs): shares are taken at the end,
        // so that the random orders' mean is one division of exact sums.
        func counts(_ order: [VertexID]) -> [(largest: Int, pairs: Int)] {
            removed.map { probe.measure(removedFirst: $0, of: order) }
        }
        func curve(_ name: String, largest: [Double], pairs: [Double]) -> Curve {
            Curve(order: name, largestComponentShare: largest.map { n > 0 ? $0 / Double(n) : 0 },
                  groupPairsConnected: groups == nil ? [] : pairs.map { startPairs > 0 ? $0 / Double(startPairs) : 0 })
        }
        var curves = orders.map { order -> Curve in
            let measured = counts(order.vertices)
            return curve(order.name, largest: measured.map { Double($0.largest) }, pairs: measured.map { Double($0.pairs) })
        }
        var random = SplitMix64(seed: seed)
        var shuffled = (0 ..< n).map { VertexID($0) }
        var runs: [[(largest: Int, pairs: Int)]] = []
        for _ in 0 ..< randomOrders {
            for i in stride(from: n - 1, to: 0, by: -1) { shuffled.swapAt(i, random.below(i + 1)) }
            runs.append(counts(shuffled))
        }
        if !runs.isEmpty {
            let steps = removed.indices
            let largest = steps.map { step in runs.map { $0[step].largest } }
            let pairs = steps.map { step in runs.map { $0[step].pairs } }
            let count = Double(runs.count)
            curves.append(curve("random", largest: largest.map { Double($0.reduce(0, +)) / count },
                                pairs: pairs.map { Double($0.reduce(0, +)) / count }))
            curves.append(curve("random_low", largest: largest.map { Double($0.min()!) }, pairs: pairs.map { Double($0.min()!) }))
            curves.append(curve("random_high", largest: largest.map { Double($0.max()!) }, pairs: pairs.map { Double($0.max()!) }))
        }
        return Result(removed: removed, curves: curves)
    }
}

/// A key-player set (Borgatti 2006, KPP-Neg): members whose removal fragments the network most,
/// chosen greedily: at each step the member whose removal most raises fragmentation
/// F = 1 − Σ s_k (s_k − 1) / (n (n − 1)) over the sizes s_k of the components left, among the
/// `candidates` members of highest degree still present (ties: the earlier member).
///
/// Each step makes one depth-first search of the network left (Hopcroft & Tarjan 1973): removing
/// v splits its component of s members into the subtrees of v's children c with low(c) ≥ disc(v)
/// and the rest, so Σ s_k (s_k − 1) after removing v is known for every v at once, as an exact
/// integer, instead of one labelling of the network per candidate.
///
///     let keyPlayers = KeyPlayers(count: 10).run(graph)
///
/// - Complexity: O(count × (V + E)).
public struct KeyPlayers: Sendable {
    public var count: Int
    public var candidates: Int

    public init(count: Int, candidates: Int = 64) {
        self.count = count
        self.candidates = candidates
    }

    public func run(_ graph: CSRGraph) -> [VertexID] {
        let n = graph.vertexCount
        let byDegree = (0 ..< n).sorted { a, b in
            let da = graph.degree(VertexID(a)), db = graph.degree(VertexID(b))
            return da != db ? da > db : a < b
        }.map { VertexID($0) }
        var search = _SplitSearch(graph)
        var chosen: [VertexID] = []
        var taken = [Bool](repeating: false, count: n)
        while chosen.count < min(count, n) {
            let pairsAfter = search.pairsAfterRemoving(taken)
            var best: VertexID = -1, bestPairs = Int.max
            for v in byDegree.lazy.filter({ !taken[Int($0)] }).prefix(candidates) where pairsAfter[Int(v)] < bestPairs {
                bestPairs = pairsAfter[Int(v)]
                best = v
            }
            guard best >= 0 else { break }
            chosen.append(best)
            taken[Int(best)] = true
        }
        return chosen
    }
}

/// One depth-first search of a graph without some removed vertices that gives, for every vertex
/// left, Σ s (s − 1) over the components once it is removed too (``KeyPlayers``).
struct _SplitSearch {
    let graph: CSRGraph
    private var discovery: [Int32], low: [Int32], subtree: [Int], component: [Int32]
    private var next: [Int], stack: [VertexID] = []

    init(_ graph: CSRGraph) {
        self.graph = graph
        let n = graph.vertexCount
        discovery = [Int32](repeating: -1, count: n)
        low = [Int32](repeating: 0, count: n)
        subtree = [Int](repeating: 0, count: n)
        component = [Int32](repeating: -1, count: n)
        next = [Int](repeating: 0, count: n)
    }

    /// Per vertex not `removed`: Σ s (s − 1) over the components left when it goes as well
    /// (`Int.max` for removed vertices).
    /// - Complexity: O(V + E).
    mutating func pairsAfterRemoving(_ removed: [Bool]) -> [Int] {
        let n = graph.vertexCount
        for v in 0 ..< n { discovery[v] = -1; subtree[v] = 1; next[v] = graph.row(VertexID(v)).lowerBound }
        // pieces[v]: Σ p (p − 1) over the pieces cut off below v; cut[v]: their members.
        var pieces = [Int](repeating: 0, count: n), cut = [Int](repeating: 0, count: n)
        var sizes: [Int] = []
        var time: Int32 = 0
        for root in 0 ..< n where !removed[root] && discovery[root] < 0 {
            let id = Int32(sizes.count)
            discovery[root] = time; low[root] = time; time += 1
            component[root] = id
            stack.append(VertexID(root))
            while let top = stack.last {
                let u = Int(top)
                if next[u] < graph.row(top).upperBound {
                    let w = Int(graph.targets[next[u]])
                    next[u] += 1
                    if removed[w] { continue }
                    if discovery[w] < 0 {
                        discovery[w] = time; low[w] = time; time += 1
                        component[w] = id
                        stack.append(VertexID(w))
                    } else {
                        low[u] = min(low[u], discovery[w])
                    }
                } else {
                    stack.removeLast()
                    guard let parent = stack.last.map({ Int($0) }) else { break }
                    subtree[parent] += subtree[u]
                    low[parent] = min(low[parent], low[u])
                    if low[u] >= discovery[parent] {  // u's subtree is a piece once the parent goes
                        pieces[parent] += subtree[u] * (subtree[u] - 1)
                        cut[parent] += subtree[u]
                    }
                }
            }
            sizes.append(subtree[root])
        }
        let total = sizes.reduce(0) { $0 + $1 * ($1 - 1) }
        var after = [Int](repeating: Int.max, count: n)
        for v in 0 ..< n where !removed[v] {
            let s = sizes[Int(component[v])]
            let rest = s - 1 - cut[v]  // the piece that keeps v's parent (none for a root)
            after[v] = total - s * (s - 1) + pieces[v] + rest * (rest - 1)
        }
        return after
    }
}

/// The members whose departure alone would cut some members of a group off from every other
/// group: for each articulation point v whose component holds members of two or more groups, each
/// piece left by v's removal whose members with a known group all belong to one group g has lost
/// every path to the other groups; its members of g are cut off by v. A member that separates
/// nothing cuts a group off only when it is the last of its own group in a component of two
/// groups.
///
///     let critical = CriticalMembers().run(graph, groups: departments)
///     critical.first   // (member, group, members cut off), the largest first
///
/// - Complexity: O(A × (V + E)) for A articulation points.
public struct CriticalMembers: Sendable {
    /// One member's departure and the group it would cut off (and how many of its members).
    public struct CutOff: Sendable, Equatable {
        public var member: VertexID
        public var group: Int32
        public var membersCutOff: Int

        public init(member: VertexID, group: Int32, membersCutOff: Int) {
            self.member = member
            self.group = group
            self.membersCutOff = membersCutOff
        }
    }

    public init() {}

    /// The cut-offs, the most members first (then by member, then by group).
    public func run(_ graph: CSRGraph, groups: Partition) -> [CutOff] {
        let n = graph.vertexCount
        let cuts = CutStructure(components: false).run(graph)
        var probe = _ComponentProbe(graph, groups: nil)
        // Before: each vertex's component and whether that component holds two known groups.
        _ = probe.label([][...])
        let before = probe.components
        // Per component, its first two known groups with their member counts, and whether it has a third.
        var first = [Int32](repeating: -1, count: n), second = [Int32](repeating: -1, count: n)
        var firstCount = [Int](repeating: 0, count: n), secondCount = [Int](repeating: 0, count: n)
        var more = [Bool](repeating: false, count: n)
        for v in 0 ..< n where groups.group[v] >= 0 {
            let c = Int(before[v]), g = groups.group[v]
            if first[c] < 0 || first[c] == g { first[c] = g; firstCount[c] += 1 }
            else if second[c] < 0 || second[c] == g { second[c] = g; secondCount[c] += 1 }
            else { more[c] = true }
        }
        let mixed = (0 ..< n).map { second[$0] >= 0 }
        var found: [CutOff] = []
        // A member who is the only one of its group in a component of exactly two groups leaves the
        // other group's members there with no other group, whether or not it separates anything.
        let isCut = cuts.isArticulationPoint
        for v in 0 ..< n where groups.group[v] >= 0 && !isCut[v] {
            let c = Int(before[v]), g = groups.group[v]
            guard mixed[c], !more[c] else { continue }
            if g == first[c] && firstCount[c] == 1 { found.append(CutOff(member: VertexID(v), group: second[c], membersCutOff: secondCount[c])) }
            if g == second[c] && secondCount[c] == 1 { found.append(CutOff(member: VertexID(v), group: first[c], membersCutOff: firstCount[c])) }
        }
        var pieceGroup: [Int32] = [], pieceCount: [Int] = []
        for v in cuts.articulationPoints where mixed[Int(before[Int(v)])] {
            let pieces = probe.label([v][...]).count
            let after = probe.components
            // Per piece of v's component: its one known group (-1 none yet, -2 two or more) and
            // how many of that group's members it holds.
            pieceGroup.removeAll(keepingCapacity: true)
            pieceGroup.append(contentsOf: repeatElement(-1, count: pieces))
            pieceCount.removeAll(keepingCapacity: true)
            pieceCount.append(contentsOf: repeatElement(0, count: pieces))
            for u in 0 ..< n where after[u] >= 0 && before[u] == before[Int(v)] && groups.group[u] >= 0 {
                let piece = Int(after[u]), g = groups.group[u]
                if pieceGroup[piece] == -1 { pieceGroup[piece] = g } else if pieceGroup[piece] != g { pieceGroup[piece] = -2 }
                pieceCount[piece] += 1
            }
            // v's component reached another group: every piece left with one group is cut off.
            var byGroup: [(group: Int32, count: Int)] = []
            for piece in 0 ..< pieces where pieceGroup[piece] >= 0 {
                if let i = byGroup.firstIndex(where: { $0.group == pieceGroup[piece] }) {
                    byGroup[i].count += pieceCount[piece]
                } else {
                    byGroup.append((pieceGroup[piece], pieceCount[piece]))
                }
            }
            for (g, count) in byGroup { found.append(CutOff(member: v, group: g, membersCutOff: count)) }
        }
        return found.sorted {
            $0.membersCutOff != $1.membersCutOff ? $0.membersCutOff > $1.membersCutOff
                : ($0.member != $1.member ? $0.member < $1.member : $0.group < $1.group)
        }
    }
}

/// Components of a graph with some vertices removed, measured with buffers reused across calls.
struct _ComponentProbe {
    let graph: CSRGraph
    let groups: Partition?
    private var removed: [Bool]
    private var component: [Int32]
    private var queue: [VertexID] = []
    private var groupBits: [UInt64] = []

    init(_ graph: CSRGraph, groups: Partition?) {
        self.graph = graph
        self.groups = groups
        removed = [Bool](repeating: false, count: graph.vertexCount)
        component = [Int32](repeating: -1, count: graph.vertexCount)
    }

    /// The component of each vertex after the last ``label(_:)`` (-1: removed).
    var components: [Int32] { component }

    /// Labels the components left after removing `vertices`; returns their sizes.
    mutating func label(_ vertices: ArraySlice<VertexID>) -> [Int] {
        let n = graph.vertexCount
        for i in 0 ..< n { removed[i] = false; component[i] = -1 }
        for v in vertices { removed[Int(v)] = true }
        var sizes: [Int] = []
        for start in 0 ..< n where !removed[start] && component[start] < 0 {
            let id = Int32(sizes.count)
            component[start] = id
            queue.removeAll(keepingCapacity: true)
            queue.append(VertexID(start))
            var head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for v in graph.neighbours(of: u) where !removed[Int(v)] && component[Int(v)] < 0 {
                    component[Int(v)] = id
                    queue.append(v)
                }
            }
            sizes.append(queue.count)
        }
        return sizes
    }

    /// The largest component and the pairs of groups with members in a common component, after
    /// removing the first `count` of `order`.
    mutating func measure(removedFirst count: Int, of order: [VertexID]) -> (largest: Int, pairs: Int) {
        let sizes = label(order.prefix(count))
        let largest = sizes.max() ?? 0
        guard let groups else { return (largest, 0) }
        let g = groups.groupCount, words = (g + 63) / 64
        // Per component, its groups as a bit row; then each group's reach is the union of its
        // components' rows.
        var rows = [UInt64](repeating: 0, count: sizes.count * words)
        for v in 0 ..< graph.vertexCount where component[v] >= 0 && groups.group[v] >= 0 {
            let group = Int(groups.group[v])
            rows[Int(component[v]) * words + group / 64] |= 1 << UInt64(group % 64)
        }
        groupBits = [UInt64](repeating: 0, count: g * words)
        for c in 0 ..< sizes.count {
            for word in 0 ..< words {
                var bits = rows[c * words + word]
                while bits != 0 {
                    let group = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    for w in 0 ..< words { groupBits[group * words + w] |= rows[c * words + w] }
                }
            }
        }
        var pairs = 0
        for group in 0 ..< g {
            for w in 0 ..< words { pairs += groupBits[group * words + w].nonzeroBitCount }
            if groupBits[group * words + group / 64] & (1 << UInt64(group % 64)) != 0 { pairs -= 1 }  // itself
        }
        return (largest, pairs / 2)
    }
}
