import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

extension LoadedGraph {
    /// The members' groups at each of `levels` (``BoundaryLevel/partition(community:attributes:graph:order:seed:communities:)``):
    /// the hierarchy and attribute columns of a dataset or GraphML node data; for `community`, the
    /// Leiden partition (`seed`, over the label order) of the member network, or `communities`
    /// when the caller already has it.
    /// - Throws: ``BoundaryLevelError`` for a level the input does not have.
    /// - Complexity: O(V) per hierarchy or attribute level; Leiden's for `community`.
    public func partitions(_ levels: [BoundaryLevel], seed: UInt64, communities: Partition? = nil) throws -> [Partition] {
        let order = levels.contains(.communities) ? labels.labelOrder() : []
        return try levels.map { level in
            guard let partition = level.partition(community: community, attributes: (attributeNames, attributeValues),
                                                  graph: graph, order: order, seed: seed, communities: communities) else {
                throw BoundaryLevelError(level: level, loaded: self)
            }
            return partition
        }
    }
}

extension LoadedGraph {
    /// The names people read for `partition`'s groups at `level`: a hierarchy group's `name` in
    /// nodes.csv (its id when the name is empty), otherwise the group's label.
    /// - Complexity: O(groups) lookups of ids.
    public func displayNames(of partition: Partition, at level: BoundaryLevel) -> [String] {
        guard case .hierarchy = level, let community else { return partition.names }
        return partition.names.map { id in
            guard let node = community.ids.id(of: id), !community.names[Int(node)].isEmpty else { return id }
            return community.names[Int(node)]
        }
    }
}
