import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `growth` table: one row per calendar period, INTERFACE.md's columns first, then the further
/// columns evaluators ask for.
///
/// Columns: `period_start,period_end,members,ties,new_ties,lost_ties,density,mean_degree,
/// largest_component_share`, `cross_share_L,ei_L` for each level L, then `active_members,
/// newcomers,retained_ties,components`, `integration_L` for each level (the share of the period's
/// newcomers who made a tie across L within `integrationPeriods` periods of joining), and unless
/// `basic`, `clustering,mean_path_length,modularity` (see ``GrowthSeries/NetworkMeasures``).
///
///     let report = GrowthReport(community, period: .quarter, window: nil,
///                               levels: [.organisation, .region, .partner], options: .init())
///     try report.writeCSV(to: "growth.csv")
public struct GrowthReport: Sendable {
    public struct Options: Sendable {
        /// Leave out the measures that need each period's whole network.
        public var basic: Bool
        /// K of the newcomer integration columns.
        public var integrationPeriods: Int
        /// Seed of the Leiden partitions and of the sampled path-length sources.
        public var seed: UInt64
        /// Exact mean path length up to this many present members, sampled sources beyond.
        public var exactPathLimit: Int

        public init(basic: Bool = false, integrationPeriods: Int = 4, seed: UInt64 = 42, exactPathLimit: Int = 5000) {
            self.basic = basic
            self.integrationPeriods = integrationPeriods
            self.seed = seed
            self.exactPathLimit = exactPathLimit
        }
    }

    public let rows: [GrowthRow]
    public let levelNames: [String]
    public let integration: [[Double]]
    public let measures: GrowthSeries.NetworkMeasures?

    public init(_ community: Community, period: PeriodLength, window: Int?, levels: [HierarchyLevel],
                options: Options, memberOrder: [Int32]? = nil) {
        let series = GrowthSeries(community, period: period, window: window,
                                  levels: levels.map { community.partition($0) })
        rows = series.compute()
        levelNames = levels.map(\.rawValue)
        integration = levels.indices.map { series.newcomerIntegration(level: $0, within: options.integrationPeriods) }
        measures = options.basic ? nil : series.networkMeasures(seed: options.seed, exactPathLimit: options.exactPathLimit,
                                                                 order: memberOrder)
    }

    /// The table's columns, after `period_start` (the row key), in order.
    public var columns: [TableColumn] {
        var columns: [TableColumn] = [
            .strings(name: "period_end", values: rows.map { $0.periodEnd.description }),
            .integers(name: "members", values: rows.map { Int32(clamping: $0.members) }),
            .integers(name: "ties", values: rows.map { Int32(clamping: $0.ties) }),
            .integers(name: "new_ties", values: rows.map { Int32(clamping: $0.newTies) }),
            .integers(name: "lost_ties", values: rows.map { Int32(clamping: $0.lostTies) }),
            .doubles(name: "density", values: rows.map(\.density)),
            .doubles(name: "mean_degree", values: rows.map(\.meanDegree)),
            .doubles(name: "largest_component_share", values: rows.map(\.largestComponentShare)),
        ]
        for (l, name) in levelNames.enumerated() {
            columns.append(.doubles(name: "cross_share_\(name)", values: rows.map { $0.crossShare(l) }))
            columns.append(.doubles(name: "ei_\(name)", values: rows.map { $0.eiIndex(l) }))
        }
        columns += [
            .integers(name: "active_members", values: rows.map { Int32(clamping: $0.activeMembers) }),
            .integers(name: "newcomers", values: rows.map { Int32(clamping: $0.newcomers) }),
            .integers(name: "retained_ties", values: rows.map { Int32(clamping: $0.retainedTies) }),
            .integers(name: "components", values: rows.map { Int32(clamping: $0.components) }),
        ]
        for (l, name) in levelNames.enumerated() {
            columns.append(.doubles(name: "integration_\(name)", values: integration[l]))
        }
        if let measures {
            columns += [.doubles(name: "clustering", values: measures.clustering),
                        .doubles(name: "mean_path_length", values: measures.meanPathLength),
                        .doubles(name: "modularity", values: measures.modularity)]
        }
        return columns
    }

    /// Writes the table as CSV (`period_start` first).
    public func writeCSV(to path: String?) throws {
        try NodeTableWriter.write(labels: LabelTable(rows.map { $0.periodStart.description }), columns: columns,
                                  keyName: "period_start", to: path)
    }

    /// Writes the table as JSON: an array of one object per period, keys as the CSV columns,
    /// undefined values as `null`.
    public func writeJSON(to path: String?) throws {
        let columns = self.columns
        let objects: [JSONValue] = rows.indices.map { i in
            var fields: [(String, JSONValue)] = [("period_start", .string(rows[i].periodStart.description))]
            for column in columns {
                switch column {
                case .integers(let name, let values): fields.append((name, .int(Int(values[i]))))
                case .doubles(let name, let values): fields.append((name, .double(values[i])))
                case .strings(let name, let values): fields.append((name, .string(values[i])))
                }
            }
            return .object(fields)
        }
        var buffer = ByteBuffer()
        JSONValue.array(objects).write(into: &buffer, pretty: true, indent: 0)
        buffer.appendNewline()
        try writeAtomically(&buffer, to: path)
    }
}
