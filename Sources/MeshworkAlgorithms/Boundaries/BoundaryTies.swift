import MeshworkCore

/// The ties that cross a boundary, and what makes each one matter: whether it is a bridge of the
/// network (removing it disconnects two parts of the community), whether it is the only tie
/// between its two groups, and, when asked, its edge betweenness — the "weak ties" through which
/// most shortest paths between groups run (Granovetter 1973).
///
///     let cut = CutStructure(components: false).run(graph)
///     let ties = BoundaryTies().run(graph, partition: regions, bridges: cut.bridges)
///     ties.isSoleTie[i]      // the only tie between its two regions
///
/// Ties are those of the undirected view; each appears once with `source < target`, sorted by
/// decreasing edge betweenness when given, then by `(source, target)`.
///
/// - Complexity: O(V + E + X log X) for X crossing ties, plus the edge betweenness if given.
/// - Note: Granovetter, "The strength of weak ties", Am. J. Sociology 78(6), 1973; Burt,
///   "Structural holes", Harvard University Press, 1992.
public struct BoundaryTies: Sendable {
    public init() {}

    /// The crossing ties of `graph` between the groups of `partition` (vertices of unknown group
    /// cross nothing).
    /// - Parameters:
    ///   - bridges: the bridges of `graph`'s undirected view (``CutStructure/Result/bridges``).
    ///   - edgeBetweenness: per adjacency entry of the undirected view (``EdgeBetweenness/Result/scores``),
    ///     to rank the ties; `nil` keeps them in `(source, target)` order.
    public func run(_ graph: CSRGraph, partition: Partition, bridges: [CutStructure.Edge],
                    edgeBetweenness: [Double]? = nil) -> Result {
        Result(graph, partition: partition, bridges: bridges, edgeBetweenness: edgeBetweenness)
    }
}

extension BoundaryTies {
    /// The crossing ties, one entry per tie in each array.
    public struct Result: Sendable {
        public var source: [VertexID] = []
        public var target: [VertexID] = []
        public var sourceGroup: [Int32] = []
        public var targetGroup: [Int32] = []
        /// Removing the tie disconnects its component of the network.
        public var isBridge: [Bool] = []
        /// No other tie joins the same two groups.
        public var isSoleTie: [Bool] = []
        /// Edge betweenness (NetworkX `edge_betweenness_centrality(normalized=False)`), when given.
        public var betweenness: [Double]?

        init() {}

        /// The number of crossing ties.
        public var count: Int { source.count }

        init(_ graph: CSRGraph, partition: Partition, bridges: [CutStructure.Edge], edgeBetweenness: [Double]?) {
            precondition(partition.vertexCount == graph.vertexCount, "a group for every vertex")
            let view = graph.undirectedView()
            precondition(edgeBetweenness == nil || edgeBetweenness!.count == view.targets.count,
                         "one score per adjacency entry of the undirected view")
            let group = partition.group
            let groupCount = Int64(partition.groupCount)
            var scores: [Double] = []
            var pairKeys: [Int64] = []
            for u in 0..<view.vertexCount {
                for p in view.row(VertexID(u)) {
                    let v = Int(view.targets[p])
                    guard u < v, group[u] >= 0, group[v] >= 0, group[u] != group[v] else { continue }
                    source.append(VertexID(u))
                    target.append(VertexID(v))
                    sourceGroup.append(group[u])
                    targetGroup.append(group[v])
                    pairKeys.append(Self.key(group[u], group[v], groupCount))
                    if let edgeBetweenness { scores.append(edgeBetweenness[p]) }
                }
            }
            // Sole ties: the pair key occurs once.
            let sortedKeys = pairKeys.sorted()
            isSoleTie = pairKeys.map { key in
                var low = 0, high = sortedKeys.count
                while low < high {
                    let mid = (low + high) / 2
                    if sortedKeys[mid] < key { low = mid + 1 } else { high = mid }
                }
                return low + 1 >= sortedKeys.count || sortedKeys[low + 1] != key
            }
            // Bridges come sorted by (u, v), like the ties here: one merge.
            var isBridge = [Bool](repeating: false, count: source.count)
            var b = 0
            for i in 0..<source.count {
                let tie = CutStructure.Edge(u: source[i], v: target[i])
                while b < bridges.count && bridges[b] < tie { b += 1 }
                if b < bridges.count && bridges[b] == tie { isBridge[i] = true }
            }
            self.isBridge = isBridge
            if edgeBetweenness != nil {
                betweenness = scores
                self = selecting((0..<source.count).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 })
            }
        }

        private static func key(_ a: Int32, _ b: Int32, _ count: Int64) -> Int64 {
            min(Int64(a), Int64(b)) * count + max(Int64(a), Int64(b))
        }
    }
}

extension BoundaryTies.Result {
    /// The ties at `indices`, in that order.
    public func selecting(_ indices: [Int]) -> BoundaryTies.Result {
        var result = BoundaryTies.Result()
        result.source = indices.map { source[$0] }
        result.target = indices.map { target[$0] }
        result.sourceGroup = indices.map { sourceGroup[$0] }
        result.targetGroup = indices.map { targetGroup[$0] }
        result.isBridge = indices.map { isBridge[$0] }
        result.isSoleTie = indices.map { isSoleTie[$0] }
        result.betweenness = betweenness.map { b in indices.map { b[$0] } }
        return result
    }
}
