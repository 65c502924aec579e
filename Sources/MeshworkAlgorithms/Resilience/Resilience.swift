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
/// Each order is measured in one pass backwards (the offline form of decremental connectivity):
/// the members the order removes by the last step start absent, the ties among the others are
/// joined in a union-find forest (by size, with path halving), and the removed members are added
/// back from the last removed to the first, each joined to its neighbours already present. The
/// largest component only grows on the way back, and at each step boundary the state is exactly
/// the network without that step's prefix. Group pairs are counted at each step from the forest's
/// roots. The orders are independent, so `threads` workers take one order at a time and write
/// their own slots: the result is the same for every thread count.
///
/// - Complexity: O((V + E) α(V) + steps × (V + C·G/64)) per order for G groups and C components
///   holding a member with a group (group pairs are bit rows, computed when G ≤ 4,096; above that
///   the group column is left out). A directed graph is read as its undirected view.
/// - Note: R. Albert, H. Jeong & A.-L. Barabási, "Error and attack tolerance of complex networks",
///   Nature 406, 2000; R. E. Tarjan, "Efficiency of a good but not linear set union algorithm",
///   J. ACM 22(2), 1975.
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
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int

    public init(steps: Int = 20, maximumShare: Double = 0.1, randomOrders: Int = 20, seed: UInt64 = 42,
                threads: Int = Parallelism.defaultThreads) {
        self.steps = steps
        self.maximumShare = maximumShare
        self.randomOrders = randomOrders
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// The largest groups a group-pair count handles (its bit matrix is G² bits).
    public static let groupLimit = 4_096

    public func run(_ graph: CSRGraph, groups: Partition?, orders: [(name: String, vertices: [VertexID])]) -> Result {
        let graph = graph.isDirected ? graph.undirectedView() : graph
        let n = graph.vertexCount
        let last = min(n, Int((maximumShare * Double(n)).rounded(.down)))
        let removed = (0 ... max(steps, 1)).map { last * $0 / max(steps, 1) }
        let groups = groups.flatMap { $0.groupCount <= Self.groupLimit ? $0 : nil }
        // Only the first `last` members of an order are ever removed. The random orders are drawn
        // in sequence (each shuffles the previous one), then measured with the given ones.
        var prefixes = orders.map { Array($0.vertices.prefix(last)) }
        var random = SplitMix64(seed: seed)
        var shuffled = (0 ..< n).map { VertexID($0) }
        for _ in 0 ..< randomOrders {
            for i in stride(from: n - 1, to: 0, by: -1) { shuffled.swapAt(i, random.below(i + 1)) }
            prefixes.append(Array(shuffled.prefix(last)))
        }
        // Counts per order and step (largest component, connected group pairs): shares are taken
        // at the end, so that the random orders' mean is one division of exact sums.
        let width = removed.count
        var counts = [Int](repeating: 0, count: prefixes.count * width * 2)
        counts.withUnsafeMutableBufferPointer { buffer in
            let out = _SharedPointer(base: buffer.baseAddress!)
            _ParallelSources.run(blocks: prefixes.count, threads: threads) { nextBlock in
                var probe = _ReverseRemoval(graph, groups: groups)
                while let order = nextBlock() {
                    let measured = probe.counts(removing: prefixes[order], at: removed)
                    for (step, value) in measured.enumerated() {
                        out.base[(order * width + step) * 2] = value.largest
                        out.base[(order * width + step) * 2 + 1] = value.pairs
                    }
                }
            }
        }
        func measured(_ order: Int) -> [(largest: Int, pairs: Int)] {
            (0 ..< width).map { (counts[(order * width + $0) * 2], counts[(order * width + $0) * 2 + 1]) }
        }
        let startPairs = prefixes.isEmpty ? 0 : measured(0)[0].pairs  // step 0: nobody removed
        func curve(_ name: String, largest: [Double], pairs: [Double]) -> Curve {
            Curve(order: name, largestComponentShare: largest.map { n > 0 ? $0 / Double(n) : 0 },
                  groupPairsConnected: groups == nil ? [] : pairs.map { startPairs > 0 ? $0 / Double(startPairs) : 0 })
        }
        var curves = orders.indices.map { index -> Curve in
            let counts = measured(index)
            return curve(orders[index].name, largest: counts.map { Double($0.largest) }, pairs: counts.map { Double($0.pairs) })
        }
        let runs = (orders.count ..< prefixes.count).map(measured)
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
/// group: for each member v whose component holds members of two or more groups, each piece left
/// by v's removal whose members with a known group all belong to one group g has lost every path
/// to the other groups; its members of g are cut off by v. Only an articulation point leaves more
/// than one piece; any other member leaves one, which is cut off only when v was the last of its
/// own group in a component of two groups.
///
/// One depth-first search with low points (Hopcroft & Tarjan 1973) finds every piece at once: the
/// subtree of each child c of v with low(c) ≥ disc(v) is a piece, and the rest of v's component
/// (with the subtrees of v's other children) is one more. Subtrees are ranges of the discovery
/// order, so each piece's groups (none, one with its count, or several) come from prefix counts
/// over that order, without labelling the network once per articulation point.
///
///     let critical = CriticalMembers().run(graph, groups: departments)
///     critical.first   // (member, group, members cut off), the largest first
///
/// - Complexity: O(V + E) for the search and O(V log V) to sort the cut-offs. A directed graph is
///   read as its undirected view.
/// - Note: J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph
///   manipulation", CACM 16(6), 1973.
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

    /// The known groups of a set of members: none (`group` -1), one (with its member count) or
    /// several (-2).
    private struct Groups {
        var group: Int32 = -1, count = 0

        static func + (a: Groups, b: Groups) -> Groups {
            if a.group == -1 { return b }
            if b.group == -1 { return a }
            return a.group == b.group && a.group >= 0 ? Groups(group: a.group, count: a.count + b.count) : Groups(group: -2)
        }
    }

    /// The cut-offs, the most members first (then by member, then by group).
    public func run(_ graph: CSRGraph, groups: Partition) -> [CutOff] {
        let graph = graph.isDirected ? graph.undirectedView() : graph
        let n = graph.vertexCount
        // The search: discovery position, low point, parent and subtree size of every vertex, the
        // vertices in discovery order, and the discovery position of each vertex's root.
        var discovery = [Int32](repeating: -1, count: n), low = [Int32](repeating: 0, count: n)
        var parent = [Int32](repeating: -1, count: n), subtree = [Int32](repeating: 1, count: n)
        var root = [Int32](repeating: 0, count: n), next = [Int](repeating: 0, count: n)
        var order: [Int32] = [], stack: [Int32] = []
        order.reserveCapacity(n)
        for start in 0 ..< n where discovery[start] < 0 {
            let top = Int32(order.count)
            discovery[start] = top; low[start] = top; root[start] = top
            next[start] = graph.row(VertexID(start)).lowerBound
            order.append(Int32(start))
            stack.append(Int32(start))
            while let last = stack.last {
                let u = Int(last)
                if next[u] < graph.row(last).upperBound {
                    let w = Int(graph.targets[next[u]])
                    next[u] += 1
                    if discovery[w] < 0 {
                        discovery[w] = Int32(order.count); low[w] = discovery[w]; root[w] = top
                        parent[w] = Int32(u)
                        next[w] = graph.row(VertexID(w)).lowerBound
                        order.append(Int32(w))
                        stack.append(Int32(w))
                    } else {
                        low[u] = min(low[u], discovery[w])
                    }
                } else {
                    stack.removeLast()
                    guard let up = stack.last.map({ Int($0) }) else { break }
                    subtree[up] += subtree[u]
                    low[up] = min(low[up], low[u])
                }
            }
        }
        // The groups of any range of the discovery order: the members with a known group, the
        // first of them at or after each position, and the changes of group between consecutive ones.
        var known = [Int](repeating: 0, count: n + 1), changes = [Int](repeating: 0, count: n + 1)
        var firstKnown = [Int](repeating: n, count: n + 1)
        var previous: Int32 = -1
        for i in 0 ..< n {
            let g = groups.group[Int(order[i])]
            known[i + 1] = known[i] + (g >= 0 ? 1 : 0)
            changes[i + 1] = changes[i] + (g >= 0 && previous >= 0 && g != previous ? 1 : 0)
            if g >= 0 { previous = g }
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            firstKnown[i] = groups.group[Int(order[i])] >= 0 ? i : firstKnown[i + 1]
        }
        func range(_ a: Int, _ b: Int) -> Groups {
            guard a < b, known[b] > known[a] else { return Groups() }
            let first = firstKnown[a]
            return changes[b] == changes[first + 1] ? Groups(group: groups.group[Int(order[first])], count: known[b] - known[a])
                : Groups(group: -2)
        }
        func span(_ v: Int) -> (Int, Int) { (Int(discovery[v]), Int(discovery[v] + subtree[v])) }
        // The pieces of each vertex's departure: a child's subtree that only reaches below the
        // vertex is a piece of its own (found); the other children stay with the rest (joined).
        var found: [(member: Int32, piece: Groups)] = [], joined = [Groups](repeating: Groups(), count: n)
        for c in 0 ..< n where parent[c] >= 0 {
            let v = Int(parent[c]), (a, b) = span(c)
            if low[c] >= discovery[v] { found.append((Int32(v), range(a, b))) } else { joined[v] = joined[v] + range(a, b) }
        }
        for v in 0 ..< n {
            let first = Int(root[v]), end = first + Int(subtree[Int(order[first])]), (a, b) = span(v)
            found.append((Int32(v), range(first, a) + range(b, end) + joined[v]))
        }
        // Members of a component of two or more groups, each piece of one group, summed per group.
        func mixed(_ v: Int) -> Bool {
            let first = Int(root[v])
            return range(first, first + Int(subtree[Int(order[first])])).group == -2
        }
        let pieces = found.filter { $0.piece.group >= 0 && mixed(Int($0.member)) }
            .sorted { ($0.member, $0.piece.group) < ($1.member, $1.piece.group) }
        var cutOffs: [CutOff] = []
        for piece in pieces {
            if let last = cutOffs.last, last.member == piece.member && last.group == piece.piece.group {
                cutOffs[cutOffs.count - 1].membersCutOff += piece.piece.count
            } else {
                cutOffs.append(CutOff(member: piece.member, group: piece.piece.group, membersCutOff: piece.piece.count))
            }
        }
        return cutOffs.sorted {
            $0.membersCutOff != $1.membersCutOff ? $0.membersCutOff > $1.membersCutOff
                : ($0.member != $1.member ? $0.member < $1.member : $0.group < $1.group)
        }
    }
}

/// The largest component and the connected group pairs of a graph after removing each of a list
/// of prefixes of an order, measured backwards with a union-find forest (``Resilience``); buffers
/// are reused across orders.
struct _ReverseRemoval {
    let graph: CSRGraph
    let groups: Partition?
    /// Per vertex: its position in the current order's prefix (`Int32.max`: never removed).
    private var time: [Int32]
    private var parent: [Int32], size: [Int32]
    /// The vertices with a group, and per root its row in `rows` while counting pairs (-1: none).
    private let grouped: [Int32]
    private var slot: [Int32], roots: [Int32] = []
    private var rows: [UInt64] = [], groupBits: [UInt64] = []

    init(_ graph: CSRGraph, groups: Partition?) {
        self.graph = graph
        self.groups = groups
        let n = graph.vertexCount
        time = [Int32](repeating: .max, count: n)
        parent = [Int32](repeating: 0, count: n)
        size = [Int32](repeating: 1, count: n)
        grouped = groups.map { g in (0 ..< Int32(n)).filter { g.group[Int($0)] >= 0 } } ?? []
        slot = [Int32](repeating: -1, count: groups == nil ? 0 : n)
    }

    @inline(__always)
    private mutating func find(_ v: Int32) -> Int32 {
        var v = v
        while parent[Int(v)] != v {
            let up = parent[Int(parent[Int(v)])]
            parent[Int(v)] = up
            v = up
        }
        return v
    }

    /// Joins the components of `u` and `v`; returns the size of the component they are in.
    @inline(__always)
    private mutating func union(_ u: Int32, _ v: Int32) -> Int32 {
        var a = find(u), b = find(v)
        guard a != b else { return size[Int(a)] }
        if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
        parent[Int(b)] = a
        size[Int(a)] += size[Int(b)]
        return size[Int(a)]
    }

    /// Per entry of `removed` (non-decreasing): the largest component and the connected group
    /// pairs after removing the first `removed[k]` members of `prefix` (all of it at most).
    /// - Complexity: O((V + E) α(V) + removed.count × (V + C·G/64)).
    mutating func counts(removing prefix: [VertexID], at removed: [Int]) -> [(largest: Int, pairs: Int)] {
        let n = graph.vertexCount
        for v in 0 ..< n { time[v] = .max; parent[v] = Int32(v); size[v] = 1 }
        for (i, v) in prefix.enumerated() where time[Int(v)] == .max { time[Int(v)] = Int32(i) }
        var present = 0, largest: Int32 = 0
        // The network without the whole prefix.
        for u in 0 ..< n where time[u] == .max {
            present += 1
            for p in graph.row(VertexID(u)) {
                let w = Int(graph.targets[p])
                if w > u && time[w] == .max { largest = max(largest, union(Int32(u), Int32(w))) }
            }
        }
        if present > 0 { largest = max(largest, 1) }
        var result = [(largest: Int, pairs: Int)](repeating: (0, 0), count: removed.count)
        var position = min(prefix.count, removed.last ?? 0)
        for step in removed.indices.reversed() {
            // Add back the members removed at positions removed[step] ..< position, the last first.
            while position > min(prefix.count, removed[step]) {
                position -= 1
                let v = Int(prefix[position])
                guard time[v] == Int32(position) else { continue }  // a repeat of an earlier member
                largest = max(largest, 1)
                for p in graph.row(VertexID(v)) {
                    let w = Int(graph.targets[p])
                    if time[w] > Int32(position) { largest = max(largest, union(Int32(v), Int32(w))) }
                }
            }
            result[step] = (Int(largest), pairs(absentBefore: Int32(position)))
        }
        return result
    }

    /// The pairs of groups with members in a common component, when the members at positions
    /// below `present` of the prefix are absent.
    private mutating func pairs(absentBefore present: Int32) -> Int {
        guard let groups else { return 0 }
        let g = groups.groupCount, words = (g + 63) / 64
        // Per component, its groups as a bit row; then each group's reach is the union of its
        // components' rows.
        roots.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        for v in grouped where time[Int(v)] >= present {
            let root = Int(find(v)), group = Int(groups.group[Int(v)])
            if slot[root] < 0 {
                slot[root] = Int32(roots.count)
                roots.append(Int32(root))
                rows.append(contentsOf: repeatElement(0, count: words))
            }
            rows[Int(slot[root]) * words + group / 64] |= 1 << UInt64(group % 64)
        }
        for root in roots { slot[Int(root)] = -1 }
        groupBits.removeAll(keepingCapacity: true)
        groupBits.append(contentsOf: repeatElement(0, count: g * words))
        for c in roots.indices {
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
        return pairs / 2
    }
}
