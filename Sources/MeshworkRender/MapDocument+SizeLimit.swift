extension MapDocument {
    /// The most nodes a map may have. Graphviz cannot be interrupted, and sfdp needs 10-20 s and
    /// about 140 MB for 20,000 nodes here; larger networks are shown aggregated.
    public static let maximumNodes = 20_000

    /// Throws ``MapSizeError`` when a map of `nodeCount` nodes is over `limit`; call it before
    /// computing anything for the map, and before any layout. `advice` tells the user what to
    /// draw instead.
    /// - Complexity: O(1).
    public static func checkSize(nodeCount: Int, limit: Int = maximumNodes,
                                 advice: String = MapSizeError.memberAdvice) throws {
        if nodeCount > limit { throw MapSizeError(nodes: nodeCount, limit: limit, advice: advice) }
    }
}

/// A map has more nodes than can be laid out in reasonable time.
public struct MapSizeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What to draw instead of a member map that is too large.
    public static let memberAdvice = """
        draw an aggregated map instead (--level organisation, region, partner or community), or \
        one member's neighbourhood (--ego ID --radius R)
        """
    /// What to draw instead of a group map that is too large.
    public static let groupAdvice = "draw a coarser level (--level region or partner), or only the largest groups (--top K)"

    public var nodes: Int
    public var limit: Int
    public var advice: String

    public init(nodes: Int, limit: Int, advice: String = MapSizeError.memberAdvice) {
        self.nodes = nodes
        self.limit = limit
        self.advice = advice
    }

    public var description: String { "a map of \(nodes) nodes is over the limit of \(limit): \(advice)" }
}
