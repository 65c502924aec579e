/// Group colours that readers with colour-vision deficiencies can tell apart, and the rule for
/// more groups than such a palette has.
///
///     Palette.colour(ofRank: 0)    // "#E69F00" (orange: the largest group)
///     Palette.colour(ofRank: 8)    // "#CC6677" (Tol's muted rose)
///     Palette.colour(ofRank: 40)   // Palette.other
///
/// Rule: groups are ranked by decreasing size (the caller ranks them); ranks 0-7 take the
/// Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design"), distinguishable under the
/// common colour-vision deficiencies; ranks 8-16 take Paul Tol's "muted" scheme (2021), which is
/// still colour-blind friendly among itself but can be confused with the first eight; every
/// further group is drawn in ``other`` and counted in one legend row. Members with no known group
/// are drawn in ``unknown``. Labels, tooltips and classes, not colours alone, carry the group.
public enum Palette {
    /// Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black.
    public static let okabeIto = ["#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                  "#0072B2", "#D55E00", "#CC79A7", "#000000"]
    /// Paul Tol's muted scheme: rose, indigo, sand, green, cyan, wine, teal, olive, purple.
    public static let tolMuted = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE",
                                  "#882255", "#44AA99", "#999933", "#AA4499"]
    /// Groups beyond the 17 coloured ones.
    public static let other = "#C8C8C8"
    /// Members whose group is unknown.
    public static let unknown = "#FFFFFF"
    /// The default fill when a map is not coloured by a group.
    public static let plain = "#56B4E9"

    /// The number of groups that get their own colour.
    public static var distinctColours: Int { okabeIto.count + tolMuted.count }

    /// The colour of the group of rank `rank` (0: the largest).
    /// - Complexity: O(1).
    public static func colour(ofRank rank: Int) -> String {
        if rank < okabeIto.count { return okabeIto[rank] }
        if rank < distinctColours { return tolMuted[rank - okabeIto.count] }
        return other
    }

    /// The legend for groups named `names` in rank order (largest first): one entry per coloured
    /// group (of the ranks in `shown` when given: a map of some of the groups keeps the colours
    /// of the whole), then one for the rest (`"N other groups"`), then `unknown` when some
    /// members have no group.
    /// - Complexity: O(groups).
    public static func legend(groupNames names: [String], shown: Set<Int>? = nil, hasUnknown: Bool) -> [LegendEntry] {
        let ranks = names.indices.filter { shown?.contains($0) ?? true }
        var entries = ranks.prefix { $0 < distinctColours }.map {
            LegendEntry(label: names[$0], colour: colour(ofRank: $0))
        }
        let rest = ranks.count - entries.count
        if rest > 0 { entries.append(LegendEntry(label: rest == 1 ? "1 other group" : "\(rest) other groups", colour: other)) }
        if hasUnknown { entries.append(LegendEntry(label: "unknown", colour: unknown)) }
        return entries
    }
}

/// One row of a map's legend: a colour swatch and what it stands for.
public struct LegendEntry: Sendable, Hashable {
    public var label: String
    /// `#RRGGBB`.
    public var colour: String

    public init(label: String, colour: String) {
        self.label = label
        self.colour = colour
    }
}
