import MeshworkCore

/// The outcome of a community detection run.
public struct CommunityResult: Sendable {
    /// The communities, numbered by decreasing size, ties broken by the smallest member.
    public var partition: Partition
    /// The quality of `partition` on the input graph: modularity (resolution γ) or the CPM value.
    public var quality: Double
    /// Levels of aggregation (Louvain, Leiden) that changed the partition.
    public var levels: Int
    /// Iterations: Leiden iterations, label-propagation sweeps, or Louvain's rounds of local
    /// moving summed over its levels.
    public var iterations: Int
    /// Vertex moves over the whole run.
    public var moves: Int

    /// The number of communities.
    public var count: Int { partition.groupCount }
}

/// Maps a membership over positions in `order` back to vertex ids and canonicalises it.
func _partition(membership: [Int32], order: [Int32]) -> Partition {
    var group = [Int32](repeating: 0, count: membership.count)
    for (position, v) in order.enumerated() { group[Int(v)] = membership[position] }
    return Partition(groups: group).canonicalised()
}
