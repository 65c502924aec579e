import MeshworkCore

/// Per-vertex attributes worth carrying into exported graphs: GraphML node data as read, or, for
/// a dataset's member network, each member's name, organisation, region, partner and extra
/// columns.
public struct GraphAttributes: Sendable {
    public var names: [String]
    /// `values[c][vertex]`.
    public var values: [[String]]

    /// - Complexity: O(V × columns).
    public init(_ loaded: LoadedGraph) {
        guard let community = loaded.community else {
            names = loaded.attributeNames
            values = loaded.attributeValues
            return
        }
        names = ["name"] + HierarchyLevel.allCases.map(\.rawValue) + community.attributeNames
        values = [community.members.map { community.names[Int($0)] }]
        for level in HierarchyLevel.allCases {
            let partition = community.partition(level)
            values.append(partition.group.map { $0 < 0 ? "" : partition.names[Int($0)] })
        }
        for column in community.attributeValues {
            values.append(community.members.map { column[Int($0)] })
        }
    }
}
