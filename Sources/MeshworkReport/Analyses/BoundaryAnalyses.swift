import MeshworkCore
import MeshworkIO

/// The `boundaries` command is ``BoundaryReport``: the group table is its primary output;
/// ``BoundaryReport/writeMixing(to:)``, ``BoundaryReport/writeTies(to:)`` and
/// ``BoundaryReport/writeQuotient(level:to:)`` write the secondary ones.
extension BoundaryReport: AnalysisOutput {
    /// Writes one row per group of every level (``writeGroups(to:)``).
    public func write(to path: String?) throws { try writeGroups(to: path) }

    /// The groups left blank because they have fewer than the minimum cell's members, over all levels.
    public var suppressedGroups: Int { levels.reduce(0) { $0 + $1.suppressed.filter { $0 }.count } }

    public var notices: [String] {
        suppressedGroups > 0 ? ["\(suppressedGroups) groups with fewer than \(options.minimumCell) members suppressed"] : []
    }

    /// The minimum cell and each level's network figures (``summary``).
    public var statistics: [(String, JSONValue)] { [("min_cell", .int(options.minimumCell)), ("levels", summary)] }
}

/// The `brokers` command is ``BrokerReport``: one row per member, or its ``BrokerReport/top``
/// strongest boundary spanners.
extension BrokerReport: AnalysisOutput {
    /// Writes the table of every member, or of the `top` strongest spanners.
    public func write(to path: String?) throws { try write(labels: labels, top: top, to: path) }

    /// Says when fewer members than `top` span a boundary (or nobody does).
    public var notices: [String] {
        let spanners = spans.filter { $0 }.count
        guard let top, spanners < top else { return [] }
        return [spanners == 0
            ? "nobody spans a boundary of level \(level): no tie joins two of its groups"
            : "only \(spanners) members span a boundary of level \(level); listing them"]
    }

    public var statistics: [(String, JSONValue)] {
        [("level", .string(level.description)),
         ("groups", .int(partition.groupCount)),
         ("brokerage_across_groups", .int(crossBrokerage.reduce(0, +))),
         ("spanners", .int(spans.filter { $0 }.count))]
    }
}
