/// What a node of a community dataset stands for. The hierarchy runs
/// member -> organisation -> region -> partner (a country partner).
@frozen
public enum NodeKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case member, organisation, region, partner

    /// Parses the `kind` column of `nodes.csv`.
    public init?(name: String) {
        switch name {
        case "member": self = .member
        case "organisation": self = .organisation
        case "region": self = .region
        case "partner": self = .partner
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .member: "member"
        case .organisation: "organisation"
        case .region: "region"
        case .partner: "partner"
        }
    }

    /// The kind a node of this kind may have as its parent, or `nil` for the top (partner).
    public var parentKind: NodeKind? {
        switch self {
        case .member: .organisation
        case .organisation: .region
        case .region: .partner
        case .partner: nil
        }
    }
}

/// A boundary level of the hierarchy, used to group members.
@frozen
public enum HierarchyLevel: String, Sendable, CaseIterable {
    case organisation, region, partner

    /// The node kind whose nodes are the groups of this level.
    public var kind: NodeKind {
        switch self {
        case .organisation: .organisation
        case .region: .region
        case .partner: .partner
        }
    }
}
