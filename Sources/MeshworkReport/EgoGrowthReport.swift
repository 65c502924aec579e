import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `growth --member ID` table: one member's ties period by period.
///
/// Columns: `period_start,period_end,present,degree,new_ties,lost_ties`, then `cross_share_L` and
/// `groups_reached_L` for each level (see ``EgoGrowth``).
public struct EgoGrowthReport: Sendable {
    public let ego: EgoGrowth.Result
    public let periodStarts: [String]
    public let periodEnds: [String]
    public let levelNames: [String]

    /// `nil` when `member` is not a member id of the community; `levels` as in ``GrowthReport``.
    /// - Throws: ``BoundaryLevelError`` for a level the dataset does not have.
    /// - Precondition: `loaded` is a dataset.
    public init?(_ loaded: LoadedGraph, member id: String, period: PeriodLength, window: Int?, levels: [BoundaryLevel],
                 seed: UInt64) throws {
        guard let community = loaded.community else { preconditionFailure("a growth series needs a dataset") }
        guard let node = community.ids.id(of: id), community.memberIndex[Int(node)] >= 0 else { return nil }
        let series = GrowthSeries(period: period, window: window)
            .run(community, levels: try loaded.partitions(levels, seed: seed))
        ego = EgoGrowth(member: community.memberIndex[Int(node)]).run(series)
        periodStarts = (0..<series.count).map { series.periods?.start($0).description ?? "" }
        periodEnds = (0..<series.count).map { series.periods?.end($0).description ?? "" }
        levelNames = levels.map(\.description)
    }

    public func writeCSV(to path: String?) throws {
        func ints(_ values: [Int]) -> [Int32] { values.map { Int32(clamping: $0) } }
        var columns: [TableColumn] = [
            .strings(name: "period_end", values: periodEnds),
            .integers(name: "present", values: ego.present.map { $0 ? 1 : 0 }),
            .integers(name: "degree", values: ints(ego.degree)),
            .integers(name: "new_ties", values: ints(ego.newTies)),
            .integers(name: "lost_ties", values: ints(ego.lostTies)),
        ]
        for (l, name) in levelNames.enumerated() {
            columns.append(.doubles(name: "cross_share_\(name)", values: ego.crossShare[l]))
            columns.append(.integers(name: "groups_reached_\(name)", values: ints(ego.groupsReached[l])))
        }
        try NodeTableWriter.write(labels: LabelTable(periodStarts), columns: columns, keyName: "period_start", to: path)
    }
}
