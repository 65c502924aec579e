import MeshworkCore

/// A way of dividing the members into groups whose boundaries ties can cross: a level of the
/// community's hierarchy, an attribute column, or the communities that Leiden finds.
///
///     BoundaryLevel("region")              // .hierarchy(.region)
///     BoundaryLevel("attribute:practice")  // .attribute("practice")
///     BoundaryLevel("community")           // .communities
///
/// This is the one grammar of levels for every command (`boundaries`, `brokers`, `growth`, `map`,
/// `report`): ``grammar`` names it, ``description`` spells a level back.
public enum BoundaryLevel: Sendable, Hashable, CustomStringConvertible {
    case hierarchy(HierarchyLevel)
    case attribute(String)
    case communities

    /// The spellings ``init(_:)`` accepts, for help texts and messages.
    public static let grammar = "organisation, region, partner, community or attribute:NAME"

    /// Parses `organisation`, `region`, `partner`, `community` (or `communities`) or
    /// `attribute:NAME`.
    public init?(_ text: String) {
        if let level = HierarchyLevel(rawValue: text) {
            self = .hierarchy(level)
        } else if text == "community" || text == "communities" {
            self = .communities
        } else if text.hasPrefix("attribute:"), text.count > "attribute:".count {
            self = .attribute(String(text.dropFirst("attribute:".count)))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .hierarchy(let level): return level.rawValue
        case .attribute(let name): return "attribute:" + name
        case .communities: return "community"
        }
    }

    /// The members' groups at this level, or `nil` when the input does not have it (no hierarchy
    /// without a dataset; no such attribute column).
    ///
    /// - Parameters:
    ///   - community: the dataset's community (hierarchy and attribute columns), if any.
    ///   - attributes: per-vertex attribute columns of other inputs (GraphML node data).
    ///   - graph: the member network, for `communities` (Leiden, modularity, `seed`, over `order`;
    ///     a directed graph's undirected view).
    ///   - order: the vertices in label order (``LabelTable/labelOrder()``), so communities do not
    ///     depend on the order of the input lines.
    ///   - communities: for `communities`, that Leiden partition when the caller already has it
    ///     (it is then only renamed), so that a report computes it once.
    /// - Complexity: O(V) for hierarchy and attributes; Leiden's for communities.
    public func partition(community: Community?, attributes: (names: [String], values: [[String]]),
                          graph: CSRGraph, order: [Int32], seed: UInt64, communities: Partition? = nil) -> Partition? {
        switch self {
        case .hierarchy(let level):
            return community?.partition(level)
        case .attribute(let name):
            if let community { return community.partition(attribute: name) }
            guard let column = attributes.names.firstIndex(of: name) else { return nil }
            var values = LabelTable()
            let groups = attributes.values[column].map { $0.isEmpty ? Partition.unknown : values.intern($0) }
            return Partition(groups: groups, names: values.labels)
        case .communities:
            let found = communities ?? Leiden(seed: seed).run(graph.undirectedView(), order: order).partition
            return Partition(groups: found.group, names: (0..<found.groupCount).map { "c\($0)" })
        }
    }
}
