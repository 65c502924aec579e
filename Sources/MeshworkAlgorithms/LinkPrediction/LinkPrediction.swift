import Foundation
import MeshworkCore

/// How likely two members who are not yet tied are to become tied, read from the network's
/// structure: the classic similarity indices of link prediction (Liben-Nowell & Kleinberg 2007,
/// "The link-prediction problem for social networks"), as NetworkX's `link_prediction` module
/// defines them on the undirected view:
///
/// - common neighbours: |N(u) ∩ N(v)|;
/// - Adamic-Adar (Adamic & Adar 2003): Σ over common neighbours w of 1 / ln(deg w);
/// - resource allocation (Zhou, Lü & Zhang 2009): Σ over common neighbours w of 1 / deg w;
/// - preferential attachment (Barabási et al. 2002): deg u × deg v.
///
/// ``run(_:)`` ranks every pair that is not tied and returns the `top` best, best first (ties in
/// score broken by the smaller first vertex, then the smaller second vertex, so the ranking is a
/// total order and does not depend on `threads`); ``scores(_:pairs:)`` scores given pairs.
///
///     let ranking = LinkPrediction(index: .resourceAllocation, top: 10).run(graph)
///     ranking.sources[0], ranking.targets[0], ranking.scores[0]   // the most likely new tie
///
/// With a ``BoundaryWeighting``, a pair whose members sit in two different known groups has its
/// score multiplied by 1 + `strength` (default 0.1); a pair inside one group, or with a member whose
/// group is unknown, keeps its score. The crossing breaks near-ties: a pair across a boundary ranks
/// above a pair inside a group unless the latter is more than 1 + `strength` times as plausible, so
/// a ranking by a score that is proportional to the chance of a tie keeps at least
/// 1 / (1 + `strength`) of its expected hits. (A factor that grew as the two groups were more weakly
/// tied, tried before, found more of the crossings that formed on one of four real histories only:
/// see docs/introductions.md.)
///
/// With ``recency`` weights (one per tie slot of an undirected graph, in (0, 1]: 1 for a tie seen
/// lately, less for an older one; ``recencyWeights(lastDays:today:halfLife:)``), a common
/// neighbour w of u and v contributes its index term times r(u, w) · r(w, v): shared contacts met
/// lately count more than ties that may have gone quiet (the time-weighted similarity of
/// Tylenda, Angelova & Bedathur 2009). Preferential attachment ignores them.
///
/// - Complexity: the neighbourhood indices enumerate the wedges: O(Σ deg²) time over `threads`
///   workers, O(V) scratch per worker and O(top) per worker for the best pairs; preferential
///   attachment takes O(V log V + (top + skipped) log V), skipping tied pairs.
public struct LinkPrediction: Sendable {
    /// A similarity index.
    public enum Index: String, Sendable, CaseIterable {
        case commonNeighbours = "common_neighbours"
        case adamicAdar = "adamic_adar"
        case resourceAllocation = "resource_allocation"
        case preferentialAttachment = "preferential_attachment"
    }

    /// The ranking: pair `i` is `(sources[i], targets[i])`, `sources[i] < targets[i]`, best first.
    public struct Result: Sendable, Equatable {
        public var sources: [VertexID] = []
        public var targets: [VertexID] = []
        public var scores: [Double] = []
        public var count: Int { scores.count }
        public init() {}
    }

    /// Favours pairs across two groups (see the type's discussion).
    public struct BoundaryWeighting: Sendable {
        public var partition: Partition
        /// How much more a pair across two groups counts: its score times 1 + `strength`.
        public var strength: Double

        public init(partition: Partition, strength: Double = 0.1) {
            self.partition = partition
            self.strength = strength
        }

        /// 1 + ``strength`` when `u` and `v` sit in two different known groups, else 1.
        @inline(__always) func factor(_ u: VertexID, _ v: VertexID) -> Double {
            let g = partition.group[Int(u)], h = partition.group[Int(v)]
            return g >= 0 && h >= 0 && g != h ? 1 + strength : 1
        }
    }

    public var index: Index
    /// How many pairs to keep.
    public var top: Int
    public var boundary: BoundaryWeighting?
    /// Only pairs with at least one of these vertices (one member's or one group's introductions);
    /// `nil`: every pair.
    public var focus: [VertexID]?
    /// Per slot of the (undirected) graph's `targets`, the tie's recency weight; `nil`: every tie 1.
    public var recency: [Double]?
    public var threads: Int

    public init(index: Index, top: Int, boundary: BoundaryWeighting? = nil, focus: [VertexID]? = nil,
                recency: [Double]? = nil, threads: Int = Parallelism.defaultThreads) {
        self.index = index
        self.top = top
        self.boundary = boundary
        self.focus = focus
        self.recency = recency
        self.threads = threads
    }

    /// Recency weights 2^(-age / halfLife) per tie slot, age = `today` - the tie's last day (days;
    /// a tie with no day, `Int32.min`, gets the weight of age `halfLife · 64`), floored at 2^-64 so
    /// that a product of two weights never underflows to 0.
    /// - Complexity: O(E).
    public static func recencyWeights(lastDays: [Int32], today: Int32, halfLife: Double) -> [Double] {
        lastDays.map { day in
            let age = day == Int32.min ? halfLife * 64 : Double(max(0, Int(today) - Int(day)))
            return Foundation.pow(2, -min(64, age / halfLife))
        }
    }

    /// The `top` untied pairs of `graph` (read as undirected) with the highest score. Pairs with
    /// no common neighbour score 0 under the neighbourhood indices and are never listed.
    /// - Complexity: see the type.
    public func run(_ graph: CSRGraph) -> Result {
        guard top > 0, graph.vertexCount > 1 else { return Result() }
        precondition(recency == nil || (!graph.isDirected && recency!.count == graph.targets.count),
                     "recency weights are per slot of an undirected graph")
        let undirected = graph.isDirected ? graph.undirectedView() : graph
        if index == .preferentialAttachment && boundary == nil && focus == nil { return preferentialAttachment(undirected) }
        return neighbourhood(undirected)
    }

    /// The score of each pair in `pairs` (in either order), whether tied or not.
    /// - Complexity: O(deg u + deg v) per pair (sorted rows are intersected).
    public func scores(_ graph: CSRGraph, pairs: [(VertexID, VertexID)]) -> [Double] {
        let undirected = graph.isDirected ? graph.undirectedView() : graph
        return pairs.map { pair in
            let plain = score(undirected, pair.0, pair.1)
            guard let boundary else { return plain }
            return plain * boundary.factor(pair.0, pair.1)
        }
    }

    private func score(_ graph: CSRGraph, _ u: VertexID, _ v: VertexID) -> Double {
        if index == .preferentialAttachment { return Double(graph.degree(u)) * Double(graph.degree(v)) }
        var total = 0.0
        var i = graph.row(u).lowerBound, j = graph.row(v).lowerBound
        let iEnd = graph.row(u).upperBound, jEnd = graph.row(v).upperBound
        while i < iEnd && j < jEnd {
            let a = graph.targets[i], b = graph.targets[j]
            if a < b { i += 1 } else if b < a { j += 1 } else {
                if let recency { total += weight(of: graph.degree(a)) * (recency[i] * recency[j]) }
                else { total += weight(of: graph.degree(a)) }
                i += 1
                j += 1
            }
        }
        return total
    }

    /// A common neighbour's contribution, by its degree.
    @inline(__always) private func weight(of degree: Int) -> Double {
        switch index {
        case .commonNeighbours: 1
        case .adamicAdar: 1 / log(Double(degree))
        case .resourceAllocation: 1 / Double(degree)
        case .preferentialAttachment: 0
        }
    }

    /// Wedge enumeration: for each `u`, the scores of every `v > u` two steps away accumulate in a
    /// dense scratch row, common neighbours `w` in increasing order (the order ``scores`` uses, so
    /// both give the same bits); each worker keeps its best `top`, merged at the end. Without a
    /// focus, each row of a common neighbour is entered at its first member above `u` (binary
    /// search: rows ascend), so each wedge is walked once, from its smaller end.
    private func neighbourhood(_ graph: CSRGraph) -> Result {
        if index == .preferentialAttachment { return allPairs(graph) }
        let n = graph.vertexCount
        // With a focus, pairs are enumerated from their focused member(s): from `u` to every `v`
        // two steps away, a pair of two focused members once (from the smaller).
        var focused: [Bool]? = nil
        if let focus {
            var marks = [Bool](repeating: false, count: n)
            for v in focus where v >= 0 && Int(v) < n { marks[Int(v)] = true }
            focused = marks
        }
        let sources: [VertexID] = focused.map { marks in (0 ..< n).filter { marks[$0] }.map { VertexID($0) } }
            ?? (0 ..< n).map { VertexID($0) }
        let workers = max(1, min(threads, sources.count / 256 + 1))
        var partial = [[_ScoredPair]](repeating: [], count: workers)
        let weights = recency ?? []
        partial.withUnsafeMutableBufferPointer { partial in
            forEachWorker(workers) { worker in
                var best = _BestPairs(capacity: top)
                var sumArray = [Double](repeating: 0, count: n)
                var stampArray = [Int32](repeating: -1, count: n)   // source: tied to it (or it)
                var seenArray = [Int32](repeating: -1, count: n)    // source: in `touched`
                var touched: [VertexID] = []
                graph.offsets.withUnsafeBufferPointer { offsets in
                graph.targets.withUnsafeBufferPointer { targets in
                weights.withUnsafeBufferPointer { recency in
                sumArray.withUnsafeMutableBufferPointer { sum in
                stampArray.withUnsafeMutableBufferPointer { stamp in
                seenArray.withUnsafeMutableBufferPointer { seen in
                    let weighted = !recency.isEmpty
                    var next = worker
                    while next < sources.count {  // sources dealt round-robin: high degrees spread over workers
                        let source = sources[next]
                        let u = Int(source)
                        let row = Int(offsets[u]) ..< Int(offsets[u + 1])
                        for slot in row { stamp[Int(targets[slot])] = source }
                        stamp[u] = source
                        for slot in row {
                            let w = Int(targets[slot])
                            let contribution = weight(of: Int(offsets[w + 1] - offsets[w]))
                            let near = weighted ? recency[slot] : 1
                            var step = Int(offsets[w])
                            let end = Int(offsets[w + 1])
                            if focused == nil {
                                // Rows ascend: skip the members below the source, counted from them.
                                var high = end
                                while step < high {
                                    let mid = (step + high) >> 1
                                    if targets[mid] < source { step = mid + 1 } else { high = mid }
                                }
                            }
                            while step < end {
                                let v = targets[step]
                                defer { step += 1 }
                                if let focused, focused[Int(v)] && v < source { continue }
                                if stamp[Int(v)] == source { continue }
                                if seen[Int(v)] != source { seen[Int(v)] = source; touched.append(v) }
                                if weighted {  // r(u, w) · r(w, v) first, as ``scores`` multiplies: the same bits
                                    sum[Int(v)] += contribution * (near * recency[step])
                                } else {
                                    sum[Int(v)] += contribution
                                }
                            }
                        }
                        for v in touched {
                            var score = sum[Int(v)]
                            if let boundary { score *= boundary.factor(source, v) }
                            best.offer(_ScoredPair(score: score, source: min(source, v), target: max(source, v)))
                            sum[Int(v)] = 0
                        }
                        touched.removeAll(keepingCapacity: true)
                        next += workers
                    }
                }}}}}}
                partial[worker] = best.pairs
            }
        }
        return Self.result(partial.flatMap { $0 }, top: top)
    }

    /// Preferential attachment weighted by boundaries or restricted to a focus: every untied pair
    /// scored.
    /// - Complexity: O(V² log top).
    private func allPairs(_ graph: CSRGraph) -> Result {
        let n = graph.vertexCount
        var focused = [Bool](repeating: focus == nil, count: n)
        for v in focus ?? [] where v >= 0 && Int(v) < n { focused[Int(v)] = true }
        var best = _BestPairs(capacity: top)
        for u in 0 ..< n {
            let source = VertexID(u)
            for v in u + 1 ..< n where !graph.hasEdge(source, VertexID(v)) {
                let target = VertexID(v)
                if !focused[u] && !focused[v] { continue }
                let plain = Double(graph.degree(source)) * Double(graph.degree(target))
                best.offer(_ScoredPair(score: plain * (boundary?.factor(source, target) ?? 1),
                                       source: source, target: target))
            }
        }
        return Self.result(best.pairs, top: top)
    }

    /// Pairs by degree product, from the vertices sorted by decreasing degree: a frontier of index
    /// pairs `(i, j)`, `i < j`, whose products never increase along `j` or `i`, yields them best
    /// first; tied pairs are skipped, and pairs equal to the last one kept are all collected so
    /// that the cut follows the total order.
    private func preferentialAttachment(_ graph: CSRGraph) -> Result {
        let n = graph.vertexCount
        let order = (0 ..< n).sorted { a, b in
            let da = graph.degree(VertexID(a)), db = graph.degree(VertexID(b))
            return da != db ? da > db : a < b
        }
        func product(_ i: Int, _ j: Int) -> Double {
            Double(graph.degree(VertexID(order[i]))) * Double(graph.degree(VertexID(order[j])))
        }
        var frontier = _Frontier()
        frontier.push(product(0, 1), 0, 1)
        var kept: [_ScoredPair] = []
        while let (score, i, j) = frontier.pop() {
            if kept.count >= top, let last = kept.last, score < last.score { break }
            if j + 1 < n { frontier.push(product(i, j + 1), i, j + 1) }
            if j == i + 1, i + 2 < n { frontier.push(product(i + 1, i + 2), i + 1, i + 2) }
            let a = VertexID(order[i]), b = VertexID(order[j])
            if graph.hasEdge(a, b) { continue }
            kept.append(_ScoredPair(score: score, source: min(a, b), target: max(a, b)))
        }
        return Self.result(kept, top: top)
    }

    private static func result(_ pairs: [_ScoredPair], top: Int) -> Result {
        var result = Result()
        for pair in pairs.sorted(by: _ScoredPair.ranksBefore).prefix(top) {
            result.sources.append(pair.source)
            result.targets.append(pair.target)
            result.scores.append(pair.score)
        }
        return result
    }
}

/// The ties between every two groups of a partition, looked up by binary search.
///
///     GroupTies(graph, partition: departments).ties(alice, bob)   // nil when they share a group
///
/// - Complexity: O(E log E) to build, O(log P) per lookup for P tied group pairs.
public struct GroupTies: Sendable {
    let partition: Partition
    /// `key(g, h)` for `g < h`, sorted, and the ties between `g` and `h`.
    private var keys: [UInt64] = []
    private var counts: [Int] = []

    public init(_ graph: CSRGraph, partition: Partition) {
        self.partition = partition
        var pairs: [UInt64] = []
        for u in 0 ..< graph.vertexCount {
            let g = partition.group[u]
            guard g >= 0 else { continue }
            for v in graph.neighbours(of: VertexID(u)) where Int(v) > u {
                let h = partition.group[Int(v)]
                if h >= 0 && h != g { pairs.append(Self.key(g, h)) }
            }
        }
        pairs.sort()
        for key in pairs {
            if key == keys.last { counts[counts.count - 1] += 1 } else { keys.append(key); counts.append(1) }
        }
    }

    static func key(_ g: Int32, _ h: Int32) -> UInt64 { UInt64(UInt32(min(g, h))) << 32 | UInt64(UInt32(max(g, h))) }

    /// The ties today between the groups of `u` and `v`, or `nil` when they share a group or one
    /// is unknown.
    public func ties(_ u: VertexID, _ v: VertexID) -> Int? {
        let g = partition.group[Int(u)], h = partition.group[Int(v)]
        guard g >= 0, h >= 0, g != h else { return nil }
        return ties(groups: g, h)
    }

    /// The ties today between two different known groups.
    func ties(groups g: Int32, _ h: Int32) -> Int {
        let key = Self.key(g, h)
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) >> 1
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low] == key ? counts[low] : 0
    }
}

/// A candidate pair and its score.
struct _ScoredPair: Sendable {
    var score: Double
    var source: VertexID
    var target: VertexID

    /// The ranking's total order: higher score, then smaller source, then smaller target.
    static func ranksBefore(_ a: _ScoredPair, _ b: _ScoredPair) -> Bool {
        if a.score != b.score { return a.score > b.score }
        return a.source != b.source ? a.source < b.source : a.target < b.target
    }
}

/// The best `capacity` pairs offered so far: a binary heap whose root is the worst kept pair.
struct _BestPairs {
    private(set) var pairs: [_ScoredPair] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    mutating func offer(_ pair: _ScoredPair) {
        if pairs.count < capacity {
            pairs.append(pair)
            var child = pairs.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard _ScoredPair.ranksBefore(pairs[parent], pairs[child]) else { break }
                pairs.swapAt(parent, child)
                child = parent
            }
        } else if _ScoredPair.ranksBefore(pair, pairs[0]) {
            pairs[0] = pair
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < pairs.count, _ScoredPair.ranksBefore(pairs[worst], pairs[left]) { worst = left }
                if right < pairs.count, _ScoredPair.ranksBefore(pairs[worst], pairs[right]) { worst = right }
                if worst == parent { break }
                pairs.swapAt(parent, worst)
                parent = worst
            }
        }
    }
}

/// A max-heap of index pairs by score (ties: smaller `i`, then smaller `j` first).
private struct _Frontier {
    private var items: [(score: Double, i: Int, j: Int)] = []

    private static func above(_ a: (score: Double, i: Int, j: Int), _ b: (score: Double, i: Int, j: Int)) -> Bool {
        a.score != b.score ? a.score > b.score : (a.i != b.i ? a.i < b.i : a.j < b.j)
    }

    mutating func push(_ score: Double, _ i: Int, _ j: Int) {
        items.append((score, i, j))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(items[child], items[parent]) else { break }
            items.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> (Double, Int, Int)? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count, Self.above(items[left], items[best]) { best = left }
                if right < items.count, Self.above(items[right], items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return (first.score, first.i, first.j)
    }
}
