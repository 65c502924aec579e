import MeshworkCore

/// Connected components of a graph (weakly connected when the graph is directed), as NetworkX's
/// `connected_components` on the undirected view.
///
///     let components = ConnectedComponents(graph)
///     components.partition.group[v]   // 0 for the largest component
///     components.count
///
/// Components are numbered by decreasing size; ties go to the component holding the smaller
/// vertex. The traversal is an iterative breadth-first search with one flat queue, so a path of
/// ten million vertices needs no deep stack.
///
/// - Complexity: O(V + E) time; O(V) extra space.
/// - Note: Hopcroft & Tarjan, "Efficient algorithms for graph manipulation", CACM 16(6), 1973.
public struct ConnectedComponents: Sendable {
    /// The component of each vertex, canonically numbered.
    public let partition: Partition
    /// The number of vertices in each component, largest first.
    public let sizes: [Int]

    /// The number of components.
    public var count: Int { sizes.count }

    /// Labels the components of `graph`.
    public init(_ graph: CSRGraph) {
        let n = graph.vertexCount
        var label = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var discoveredSizes: [Int] = []
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        graph.inOffsets.withUnsafeBufferPointer { inOffsets in
        graph.inSources.withUnsafeBufferPointer { inSources in
        label.withUnsafeMutableBufferPointer { label in
        queue.withUnsafeMutableBufferPointer { queue in
            for root in 0..<n where label[root] < 0 {
                let component = Int32(discoveredSizes.count)
                label[root] = component
                queue[0] = Int32(root)
                var head = 0, tail = 1
                while head < tail {
                    let v = Int(queue[head]); head += 1
                    for p in Int(offsets[v]) ..< Int(offsets[v + 1]) {
                        let t = Int(targets[p])
                        if label[t] < 0 { label[t] = component; queue[tail] = Int32(t); tail += 1 }
                    }
                    if graph.isDirected {
                        for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) {
                            let t = Int(inSources[p])
                            if label[t] < 0 { label[t] = component; queue[tail] = Int32(t); tail += 1 }
                        }
                    }
                }
                discoveredSizes.append(tail)
            }
        }}}}}}
        // Discovery order is the order of each component's smallest vertex, so a stable sort by
        // decreasing size gives the canonical numbering.
        let order = discoveredSizes.indices.sorted {
            discoveredSizes[$0] != discoveredSizes[$1] ? discoveredSizes[$0] > discoveredSizes[$1] : $0 < $1
        }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, c) in order.enumerated() { rank[c] = Int32(r) }
        for v in 0..<n { label[v] = rank[Int(label[v])] }
        partition = Partition(groups: label, names: order.indices.map(String.init))
        sizes = order.map { discoveredSizes[$0] }
    }
}
