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
