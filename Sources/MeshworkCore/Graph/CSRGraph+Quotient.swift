/// A group-level graph: one vertex per group of a ``Partition``, one edge per pair of groups with at
/// least one tie between them.
public struct QuotientGraph: Sendable {
    /// Group-level graph; edge weights are the number of member ties between the two groups.
    public var graph: CSRGraph
    /// Sum of member-tie weights between the two groups, parallel to `graph.targets` (equal to the
    /// tie counts for an unweighted member graph).
    public var tieWeights: [Double]
    /// Ties with both ends inside each group.
    public var internalTies: [Int]
    /// Sum of the weights of those internal ties.
    public var internalWeight: [Double]
    /// Members in each group.
    public var members: [Int]
    /// Ties with one end whose group is unknown (left out of the quotient).
    public var unassignedTies: Int
}

extension CSRGraph {
    /// Collapses each group of `partition` into one vertex (Newman's "group-level" or quotient
    /// graph). Vertices whose group is unknown are left out.
    ///
    ///     let q = graph.quotient(by: organisations)
    ///     q.graph.weight(0, 1)   // ties between organisations 0 and 1
    ///
    /// - Complexity: O(V + E + G) time and space.
    public func quotient(by partition: Partition) -> QuotientGraph {
        precondition(partition.vertexCount == vertexCount, "a group for every vertex")
        let groupCount = partition.groupCount
        var counts = EdgeBuffer(weighted: true)
        var sums = EdgeBuffer(weighted: true)
        var internalTies = [Int](repeating: 0, count: groupCount)
        var internalWeight = [Double](repeating: 0, count: groupCount)
        var unassigned = 0
        for u in 0..<vertexCount {
            let gu = partition.group[u]
            for p in row(VertexID(u)) {
                let v = Int(targets[p])
                if !isDirected && v < u { continue }  // each undirected tie once
                let gv = partition.group[v]
                let w = weights?[p] ?? 1
                if gu < 0 || gv < 0 { unassigned += 1; continue }
                if gu == gv {
                    internalTies[Int(gu)] += 1
                    internalWeight[Int(gu)] += w
                } else {
                    counts.append(gu, gv, weight: 1)
                    sums.append(gu, gv, weight: w)
                }
            }
        }
        let graph = counts.build(vertexCount: groupCount, directed: isDirected).graph
        let tieWeights = sums.build(vertexCount: groupCount, directed: isDirected).graph.weights ?? []
        return QuotientGraph(graph: graph, tieWeights: tieWeights, internalTies: internalTies,
                             internalWeight: internalWeight, members: partition.sizes,
                             unassignedTies: unassigned)
    }
}
