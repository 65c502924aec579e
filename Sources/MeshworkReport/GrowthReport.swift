import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `growth` table: one row per calendar period, docs/data-contract.md's columns first, then the further
/// columns evaluators ask for.
///
/// Columns: `period_start,period_end,members,ties,new_ties,lost_ties,density,mean_degree,
/// largest_component_share`, `cross_share_L,ei_L` for each level L, then `active_members,
/// newcomers,retained_ties,components`, `integration_L` for each level (the share of the period's
/// newcomers who made a tie across L within `integrationPeriods` periods of joining), and unless
/// `basic`, `clustering,mean_path_length,modularity` (see ``GrowthNetworkMeasures``).
/// With a `cohort`, the series is that of the network among the cohort's members and the
/// integration and network-measure columns are left out. With `bootstrap` B, each of `density,
/// mean_degree, largest_component_share` and `cross_share_L` is followed by `_low` and `_high`:
/// its 95% node-bootstrap interval (``GrowthBootstrap``).
///
///     let report = try GrowthReport(loaded, period: .quarter, window: nil,
///                                   levels: [.hierarchy(.region), .attribute("gender")], options: .init())
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

        /// Follow only this cohort's members.
        public var cohort: Cohort?
        /// Bootstrap replicates for the intervals (none when nil).
        public var bootstrap: Int?
        /// Threads for the bootstrap replicates (the result does not depend on it).
        public var threads: Int
        /// Told the share of the periods whose network measures are done, after each period.
        public var progress: (@Sendable (_ done: Double) -> Void)?

        public init(basic: Bool = false, integrationPeriods: Int = 4, seed: UInt64 = 42, exactPathLimit: Int = 5000,
                    cohort: Cohort? = nil, bootstrap: Int? = nil, threads: Int = Parallelism.defaultThreads,
                    progress: (@Sendable (_ done: Double) -> Void)? = nil) {
            self.basic = basic
            self.integrationPeriods = integrationPeriods
            self.seed = seed
            self.exactPathLimit = exactPathLimit
            self.cohort = cohort
            self.bootstrap = bootstrap
            self.threads = threads
            self.progress = progress
        }
    }

    public let rows: [GrowthRow]
    /// The period length of the rows (asked for, or chosen from the data's span).
    public let period: PeriodLength
    public let levelNames: [String]
    public let integration: [[Double]]
    public let measures: GrowthNetworkMeasures.Result?
    /// How ``measures`` were computed (`nil` without them).
    public let measuresMethod: GrowthNetworkMeasures?
    public let intervals: GrowthBootstrap.Result?

    /// The series of `loaded`'s community by `period` (when `nil`, ``GrowthSeries/automaticPeriod(_:)``)
    /// at each of `levels` (``LoadedGraph/partitions(_:seed:communities:)``, `community` with
    /// `options.seed`).
    /// - Throws: ``BoundaryLevelError`` for a level the dataset does not have.
    /// - Precondition: `loaded` is a dataset (its `community` is set).
    public init(_ loaded: LoadedGraph, period: PeriodLength?, window: Int?, levels: [BoundaryLevel],
                options: Options) throws {
        guard let community = loaded.community else { preconditionFailure("a growth series needs a dataset") }
        let period = period ?? GrowthSeries.automaticPeriod(community)
        self.period = period
        let series = GrowthSeries(period: period, window: window, cohort: options.cohort)
            .run(community, levels: try loaded.partitions(levels, seed: options.seed))
        rows = series.rows
        let names = levels.map(\.description)
        levelNames = names
        let whole = options.cohort == nil
        integration = whole ? NewcomerIntegration(within: options.integrationPeriods).run(series).shares : []
        measuresMethod = options.basic || !whole ? nil
            : GrowthNetworkMeasures(seed: options.seed, exactPathLimit: options.exactPathLimit, threads: options.threads)
        // The loaded member network is the series' network of all time (every tie with a record).
        measures = measuresMethod?.run(series, order: loaded.labels.labelOrder(),
                                       network: loaded.graph.isDirected ? nil : loaded.graph, progress: options.progress)
        intervals = options.bootstrap.map {
            GrowthBootstrap(replicates: $0, seed: options.seed, threads: options.threads).run(series, levelNames: names)
        }
    }

    /// The table's columns, after `period_start` (the row key), in order.
    public var columns: [TableColumn] {
        var columns: [TableColumn] = [
            .strings(name: "period_end", values: rows.map { $0.periodEnd.description }),
            .integers(name: "members", values: rows.map { Int32(clamping: $0.members) }),
            .integers(name: "ties", values: rows.map { Int32(clamping: $0.ties) }),
            .integers(name: "new_ties", values: rows.map { Int32(clamping: $0.newTies) }),
            .integers(name: "lost_ties", values: rows.map { Int32(clamping: $0.lostTies) }),
        ]
        columns += withInterval("density", rows.map(\.density))
        columns += withInterval("mean_degree", rows.map(\.meanDegree))
        columns += withInterval("largest_component_share", rows.map(\.largestComponentShare))
        for (l, name) in levelNames.enumerated() {
            columns += withInterval("cross_share_\(name)", rows.map { $0.crossShare(l) })
            columns.append(.doubles(name: "ei_\(name)", values: rows.map { $0.eiIndex(l) }))
        }
        columns += [
            .integers(name: "active_members", values: rows.map { Int32(clamping: $0.activeMembers) }),
            .integers(name: "newcomers", values: rows.map { Int32(clamping: $0.newcomers) }),
            .integers(name: "retained_ties", values: rows.map { Int32(clamping: $0.retainedTies) }),
            .integers(name: "components", values: rows.map { Int32(clamping: $0.components) }),
        ]
        for (l, values) in integration.enumerated() {
            columns.append(.doubles(name: "integration_\(levelNames[l])", values: values))
        }
        if let measures {
            columns += [.doubles(name: "clustering", values: measures.clustering),
                        .doubles(name: "mean_path_length", values: measures.meanPathLength),
                        .doubles(name: "modularity", values: measures.modularity)]
        }
        return columns
    }

    /// `name`, then `name_low` and `name_high` when there are bootstrap intervals for it.
    private func withInterval(_ name: String, _ values: [Double]) -> [TableColumn] {
        guard let intervals, let k = intervals.names.firstIndex(of: name) else { return [.doubles(name: name, values: values)] }
        return [.doubles(name: name, values: values), .doubles(name: name + "_low", values: intervals.low[k]),
                .doubles(name: name + "_high", values: intervals.high[k])]
    }

    /// Writes one SVG line chart per measure into `directory` (`<column>.svg`), intervals as bands.
    /// Returns the file names written, in column order.
    @discardableResult
    public func writeCharts(to directory: String) throws -> [String] {
        try makeDirectory(directory)
        let labels = rows.map { $0.periodStart.description }
        let columns = self.columns
        var written: [String] = []
        for column in columns {
            let name = column.name
            guard !name.hasSuffix("_low"), !name.hasSuffix("_high") else { continue }
            let values: [Double]
            switch column {
            case .integers(_, let v): values = v.map(Double.init)
            case .doubles(_, let v): values = v
            case .strings: continue
            }
            var chart = LineChart(title: name.split(separator: "_").joined(separator: " "), xLabels: labels)
            var band: (low: [Double], high: [Double])?
            if let intervals, let k = intervals.names.firstIndex(of: name) { band = (intervals.low[k], intervals.high[k]) }
            chart.add(LineChart.Series(name: name, values: values, band: band))
            var buffer = ByteBuffer()
            buffer.append(chart.svg)
            try writeAtomically(&buffer, to: directory + "/" + name + ".svg")
            written.append(name + ".svg")
        }
        return written
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
