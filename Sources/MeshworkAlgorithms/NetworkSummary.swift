import MeshworkCore

/// The headline figures of a network: size, density, components and its best-connected members.
///
///     let summary = NetworkSummary(top: 10).run(graph)
///     summary.density, summary.componentCount, summary.topByDegree
///
/// - Complexity: O(V + E + V log k) time; O(V) extra space.
public struct NetworkSummary: Sendable {
    /// How many of the best-connected vertices to list.
    public var top: Int

    public init(top: Int = 10) {
        self.top = top
    }

    /// The headline figures of `graph`.
    public func run(_ graph: CSRGraph) -> Result {
        Result(graph, top: top)
    }
}

extension NetworkSummary {
    /// The headline figures of a network.
    public struct Result: Sendable {
        public var nodes: Int
        public var edges: Int
        public var isDirected: Bool
        /// Edges over possible edges: 2m / (n (n - 1)) undirected, m / (n (n - 1)) directed; 0 when n < 2.
        public var density: Double
        /// Mean number of distinct neighbours (2m / n undirected, m / n directed); 0 when n is 0.
        public var meanDegree: Double
        public var maxDegree: Int
        public var isolatedNodes: Int
        public var componentCount: Int
        public var largestComponentSize: Int
        /// Vertices with the highest degree, highest first, ties by vertex order.
        public var topByDegree: [Ranked]

        /// A vertex and its degree.
        public struct Ranked: Sendable, Equatable {
            public var vertex: VertexID
            public var degree: Int
        }

        init(_ graph: CSRGraph, top: Int) {
            let n = graph.vertexCount
            nodes = n
            edges = graph.edgeCount
            isDirected = graph.isDirected
            let possible = Double(n) * Double(n - 1)
            density = n < 2 ? 0 : Double(graph.isDirected ? edges : 2 * edges) / possible
            meanDegree = n == 0 ? 0 : Double(graph.isDirected ? edges : 2 * edges) / Double(n)
            var maxDegree = 0, isolated = 0
            for v in 0..<n {
                let d = graph.degree(VertexID(v)) + (graph.isDirected ? graph.inDegree(VertexID(v)) : 0)
                maxDegree = max(maxDegree, graph.degree(VertexID(v)))
                if d == 0 { isolated += 1 }
            }
            self.maxDegree = maxDegree
            isolatedNodes = isolated
            let components = ConnectedComponents().run(graph)
            componentCount = components.count
            largestComponentSize = components.sizes.first ?? 0
            topByDegree = Self.top(top, of: graph)
        }

        /// The share of vertices in the largest component (0 for an empty graph).
        public var largestComponentShare: Double { nodes == 0 ? 0 : Double(largestComponentSize) / Double(nodes) }

        private static func top(_ k: Int, of graph: CSRGraph) -> [Ranked] {
            guard k > 0 else { return [] }
            // Keep a small sorted list: k is tiny next to V.
            var best: [Ranked] = []
            for v in 0..<graph.vertexCount {
                let d = graph.degree(VertexID(v))
                if best.count == k && d <= best[k - 1].degree { continue }
                var position = best.count
                while position > 0 && best[position - 1].degree < d { position -= 1 }
                best.insert(Ranked(vertex: VertexID(v), degree: d), at: position)
                if best.count > k { best.removeLast() }
            }
            return best
        }
    }
}

/// Counts of a community's hierarchy: how many nodes of each kind, and how many members each
/// boundary level places in a known group.
public struct HierarchySummary: Sendable {
    public init() {}

    /// The hierarchy counts of `community`.
    /// - Complexity: O(N + interactions).
    public func run(_ community: Community) -> Result {
        Result(community)
    }
}

extension HierarchySummary {
    /// The hierarchy counts of one community.
    public struct Result: Sendable {
        public struct Level: Sendable {
            public var level: HierarchyLevel
            /// Nodes of this level's kind.
            public var groups: Int
            /// Groups with at least one member.
            public var groupsWithMembers: Int
            /// Members whose group at this level is known.
            public var membersPlaced: Int
            /// Members in the largest group.
            public var largestGroup: Int
        }

        public var members: Int
        public var levels: [Level]
        /// Dated records (interactions and co-attendance ties), and their date range (days since epoch).
        public var interactions: Int
        public var firstDay: Int32?
        public var lastDay: Int32?

        init(_ community: Community) {
            members = community.memberCount
            levels = HierarchyLevel.allCases.map { level in
                let partition = community.partition(level)
                let sizes = partition.sizes
                return Level(level: level, groups: partition.groupCount,
                             groupsWithMembers: sizes.filter { $0 > 0 }.count,
                             membersPlaced: partition.knownCount, largestGroup: sizes.max() ?? 0)
            }
            interactions = community.recordCount
            let times = community.recordBounds
            firstDay = times.map { CivilDate.day(ofSeconds: $0.lowerBound) }
            lastDay = times.map { CivilDate.day(ofSeconds: $0.upperBound) }
        }
    }
}
