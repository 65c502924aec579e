import MeshworkCore

/// Bridges, articulation points and biconnected components of the undirected view of a graph, as
/// NetworkX's `bridges`, `articulation_points` and `biconnected_component_edges`.
///
///     //  0 - 1 - 2      the edge {1, 2} is a bridge; 1 and 2 are articulation points
///     //  |  /    |
///     //  3      4 - 5
///     let cuts = CutStructure().run(graph)
///     cuts.bridges                 // [{1, 2}, {2, 4}, {4, 5}]
///     cuts.isArticulationPoint[1]  // true
///
/// One depth-first search with low-points (Hopcroft & Tarjan 1973), written with an explicit stack
/// of (vertex, next row position), so a path of ten million vertices needs no deep call stack.
///
/// - Complexity: O(V + E) time; O(V) extra space plus O(E) for the biconnected component of each
///   adjacency entry.
/// - Note: J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph
///   manipulation", CACM 16(6), 1973; R. Tarjan, "Depth-first search and linear graph
///   algorithms", SIAM J. Comput. 1(2), 1972.
public struct CutStructure: Sendable {
    /// Whether to track the biconnected components; without them (``Result/edgeComponent`` empty,
    /// ``Result/componentCount`` 0) the search is what `bridges` and `articulation-points` need.
    public var components: Bool

    public init(components: Bool = true) {
        self.components = components
    }

    /// Finds the cut structure of `graph` (its undirected view when directed).
    public func run(_ graph: CSRGraph) -> Result {
        Result(graph, components: components)
    }
}

extension CutStructure {
    /// An edge of the undirected view, `u < v`; edges sort by `u`, then `v`.
    public struct Edge: Sendable, Hashable, Comparable {
        public var u: VertexID
        public var v: VertexID

        public init(u: VertexID, v: VertexID) {
            self.u = u
            self.v = v
        }

        public static func < (a: Edge, b: Edge) -> Bool { (a.u, a.v) < (b.u, b.v) }
    }

    /// Every edge of the undirected view once with its biconnected component (``Result/edgeTable()``).
    public struct EdgeTable: Sendable, Equatable {
        /// The edges (`u < v`), in row order.
        public var edges: [Edge]
        /// The biconnected component of each edge.
        public var components: [Int32]
    }

    /// The bridges, articulation points and biconnected components of a graph.
    public struct Result: Sendable {
        /// Bridge edges, sorted.
        public let bridges: [Edge]
        /// Whether removing each vertex disconnects its component.
        public let isArticulationPoint: [Bool]
        /// The biconnected component of each adjacency entry of ``graph`` (the undirected view), parallel
        /// to `graph.targets`; both entries of an edge carry the same number. Components are numbered
        /// in the order the search closes them.
        public let edgeComponent: [Int32]
        /// The number of biconnected components (each bridge is one).
        public let componentCount: Int
        /// The undirected simple graph the structure refers to (the input itself when undirected).
        public let graph: CSRGraph

        /// The articulation points, ascending.
        public var articulationPoints: [VertexID] {
            isArticulationPoint.indices.filter { isArticulationPoint[$0] }.map { VertexID($0) }
        }

        init(_ input: CSRGraph, components trackComponents: Bool) {
            let graph = input.undirectedView()
            self.graph = graph
            let n = graph.vertexCount
            var discovery = [Int32](repeating: -1, count: n)
            var low = [Int32](repeating: 0, count: n)
            var parent = [Int32](repeating: -1, count: n)
            var cursor = [Int32](repeating: 0, count: n)   // next row position to explore
            var stack = [Int32](repeating: 0, count: n)    // DFS stack of vertices
            var edgeStack: [Int32] = []                    // adjacency positions of tree and back edges
            var component = [Int32](repeating: -1, count: trackComponents ? graph.targets.count : 0)
            var articulation = [Bool](repeating: false, count: n)
            var bridges: [Edge] = []
            var components: Int32 = 0
            var time: Int32 = 0
            graph.offsets.withUnsafeBufferPointer { offsets in
            graph.targets.withUnsafeBufferPointer { targets in
            discovery.withUnsafeMutableBufferPointer { discovery in
            low.withUnsafeMutableBufferPointer { low in
            parent.withUnsafeMutableBufferPointer { parent in
            cursor.withUnsafeMutableBufferPointer { cursor in
            stack.withUnsafeMutableBufferPointer { stack in
            component.withUnsafeMutableBufferPointer { component in
                for root in 0..<n where discovery[root] < 0 {
                    var top = 0
                    stack[0] = Int32(root)
                    discovery[root] = time; low[root] = time; time += 1
                    cursor[root] = offsets[root]
                    var rootChildren = 0
                    while top >= 0 {
                        let u = Int(stack[top])
                        let p = Int(cursor[u])
                        if p < Int(offsets[u + 1]) {
                            cursor[u] = Int32(p + 1)
                            let v = Int(targets[p])
                            if discovery[v] < 0 {
                                parent[v] = Int32(u)
                                discovery[v] = time; low[v] = time; time += 1
                                cursor[v] = offsets[v]
                                if trackComponents { edgeStack.append(Int32(p)) }
                                top += 1
                                stack[top] = Int32(v)
                                if u == root { rootChildren += 1 }
                            } else if v != Int(parent[u]) && discovery[v] < discovery[u] {
                                if discovery[v] < low[u] { low[u] = discovery[v] }  // a back edge
                                if trackComponents { edgeStack.append(Int32(p)) }
                            }
                            continue
                        }
                        // u is finished: report to its parent.
                        top -= 1
                        guard top >= 0 else { break }
                        let w = Int(stack[top])
                        if low[u] < low[w] { low[w] = low[u] }
                        if low[u] >= discovery[w] {
                            if w != root { articulation[w] = true }
                            if low[u] > discovery[w] { bridges.append(Edge(u: VertexID(min(w, u)), v: VertexID(max(w, u)))) }
                            if trackComponents {
                                // Pop the edges of the biconnected component closed at the tree edge (w, u).
                                while let position = edgeStack.popLast() {
                                    let q = Int(position)
                                    component[q] = components
                                    if Int(targets[q]) == u && q >= Int(offsets[w]) && q < Int(offsets[w + 1]) { break }
                                }
                                components += 1
                            }
                        }
                    }
                    if rootChildren > 1 { articulation[root] = true }
                }
                guard trackComponents else { return }
                // Give each reverse entry the component of its edge: rows are sorted, so walking the
                // rows in order meets the reverse entries of row u in order of u.
                var next = Array(offsets)   // next unassigned entry of each row, lowest targets first
                next.withUnsafeMutableBufferPointer { next in
                    for u in 0..<n {
                        for p in Int(offsets[u]) ..< Int(offsets[u + 1]) where Int(targets[p]) > u {
                            let v = Int(targets[p])
                            // In row v, the entries below u were met earlier; the entry for u is next.
                            while Int(targets[Int(next[v])]) < u { next[v] += 1 }
                            let q = Int(next[v])
                            if component[p] >= 0 { component[q] = component[p] } else { component[p] = component[q] }
                            next[v] += 1
                        }
                    }
                }
            }}}}}}}}
            // Tree edges go from lower to higher discovery time, so bridges come out unsorted.
            self.bridges = bridges.sorted()
            isArticulationPoint = articulation
            edgeComponent = component
            componentCount = Int(components)
        }
    }
}

extension CutStructure.Result {
    /// Every edge once (`u < v`, in row order) with its biconnected component, components
    /// renumbered by decreasing size (edges), ties broken by their first edge.
    /// - Complexity: O(E + C log C).
    public func edgeTable() -> CutStructure.EdgeTable {
        var edges: [CutStructure.Edge] = []
        var raw: [Int32] = []
        for u in 0..<graph.vertexCount {
            for p in graph.row(VertexID(u)) where Int(graph.targets[p]) > u {
                edges.append(CutStructure.Edge(u: VertexID(u), v: graph.targets[p]))
                raw.append(edgeComponent[p])
            }
        }
        let canonical = Partition(groups: raw).canonicalised()
        return CutStructure.EdgeTable(edges: edges, components: canonical.group)
    }
}
