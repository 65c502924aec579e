import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `growth` command: the community's series period by period (``GrowthReport``), or one
/// member's (``EgoGrowthReport``), by a period chosen from the data's span unless one is given.
///
///     let loaded = try GraphLoader.load("fixtures/workplace-invs15", options: LoadOptions())
///     let growth = try GrowthAnalysis(loaded, .init(period: .month))
///     try growth.write(to: "growth.csv")
///
/// - Complexity: ``GrowthReport``'s or ``EgoGrowthReport``'s.
public struct GrowthAnalysis: AnalysisOutput, Sendable {
    public struct Configuration: Sendable {
        /// `nil`: ``GrowthSeries/automaticPeriod(_:)``.
        public var period: PeriodLength?
        /// Keep only ties with a record in the last K periods (`nil`: every tie so far).
        public var window: Int?
        /// Empty: ``BoundaryLevel/hierarchyLevels``.
        public var levels: [BoundaryLevel]
        /// One member's series instead of the community's: the id as given (an original id is
        /// found by its pseudonym under pseudonymisation).
        public var member: String?
        /// The community series' options (the member series uses only the seed).
        public var report: GrowthReport.Options
        public var format: TableFormat

        public init(period: PeriodLength? = nil, window: Int? = nil, levels: [BoundaryLevel] = [], member: String? = nil,
                    report: GrowthReport.Options = .init(), format: TableFormat = .csv) {
            self.period = period
            self.window = window
            self.levels = levels
            self.member = member
            self.report = report
            self.format = format
        }
    }

    public enum Series: Sendable {
        case community(GrowthReport)
        /// The member's label (its pseudonym under pseudonymisation) and series.
        case member(String, EgoGrowthReport)
    }

    public let series: Series
    public let period: PeriodLength
    /// Whether ``period`` was chosen from the data's span.
    public let periodAutomatic: Bool
    public let window: Int?
    public let format: TableFormat

    /// `notify` hears, before the series is computed, which period was chosen when none was given.
    /// - Throws: ``AnalysisInputError`` (usage) when `loaded` is not a dataset or has no such
    ///   member; ``BoundaryLevelError`` for a level the dataset does not have.
    public init(_ loaded: LoadedGraph, _ configuration: Configuration, notify: (String) -> Void = { _ in }) throws {
        guard let community = loaded.community else {
            throw AnalysisInputError(.usage) { "growth needs a dataset directory (dated interactions), not \($0)" }
        }
        let levels = configuration.levels.isEmpty ? BoundaryLevel.hierarchyLevels : configuration.levels
        let period = configuration.period ?? GrowthSeries.automaticPeriod(community)
        if configuration.period == nil {
            notify("growth by \(period.rawValue), chosen from the span of the data (pass --period to choose)")
        }
        self.period = period
        periodAutomatic = configuration.period == nil
        window = configuration.window
        format = configuration.format
        if let given = configuration.member {
            // Under --pseudonymise the member is found by the pseudonym of the id given, and
            // only the pseudonym appears in the outputs.
            let member = loaded.label(forGiven: given) ?? given
            let found = try EgoGrowthReport(loaded, member: member, period: period, window: window, levels: levels,
                                            seed: configuration.report.seed)
            guard let ego = found else {
                throw AnalysisInputError(.usage) { "\(given) is not a member of \($0)" }
            }
            series = .member(member, ego)
        } else {
            series = .community(try GrowthReport(loaded, period: period, window: window, levels: levels,
                                                 options: configuration.report))
        }
    }

    /// Writes the table: the community's as CSV or JSON, the member's as CSV.
    public func write(to path: String?) throws {
        switch (series, format) {
        case (.community(let report), .csv): try report.writeCSV(to: path)
        case (.community(let report), .json): try report.writeJSON(to: path)
        case (.member(_, let report), _): try report.writeCSV(to: path)
        }
    }

    /// Writes one SVG line chart per column of the community's series into `directory`.
    public func writeCharts(to directory: String) throws {
        if case .community(let report) = series { _ = try report.writeCharts(to: directory) }
    }

    public var statistics: [(String, JSONValue)] {
        switch series {
        case .member(let member, _):
            return [("member", .string(member)), ("period", .string(period.rawValue)),
                    ("period_automatic", .bool(periodAutomatic))]
        case .community(let report):
            var statistics: [(String, JSONValue)] = [("periods", .int(report.rows.count)),
                                                     ("period", .string(period.rawValue)),
                                                     ("period_automatic", .bool(periodAutomatic)),
                                                     ("window", window.map { .int($0) } ?? .null)]
            if let method = report.measuresMethod, let measures = report.measures {
                statistics.append(("network_measures", Self.methods(method, measures)))
            }
            return statistics
        }
    }

    /// How the clustering, mean path length and modularity columns were computed
    /// (``GrowthNetworkMeasures``): methods, sample sizes and the path lengths' standard errors.
    private static func methods(_ method: GrowthNetworkMeasures, _ measures: GrowthNetworkMeasures.Result) -> JSONValue {
        .object([
            ("clustering", .string("exact: each member's triangles updated by the ties each period adds and removes")),
            ("mean_path_length", .object([
                ("method", .string("exact from every present member up to exact_up_to members; beyond, from the first "
                                   + "sampled_sources present members of one seeded random order of all members (the same "
                                   + "sources in every period where present), with the ratio estimator's standard error")),
                ("exact_up_to", .int(method.exactPathLimit)),
                ("sampled_sources", .int(method.sampledSources)),
                ("sources", .array(measures.pathSources.map { .int($0) })),
                ("standard_error", .array(measures.meanPathLengthError.map { .double($0) })),
            ])),
            ("modularity", .string(method.warmStart
                ? "Leiden (seed) on the members with a tie, warm-started from the previous period's partition, "
                  + "newcomers alone, "
                  + (method.dynamicFrontier
                    ? "first moving only the ends of the period's added and removed ties (dynamic frontier), " : "")
                  + "refining only the communities that changed; on large networks refining only the members that "
                  + "moved in a period that adds or removes under "
                  + "\(Int(GrowthNetworkMeasures.refineMovedOnlyShare * 100))% of its ties, and stopping at the "
                  + "first aggregated level where under 1% of the vertices move"
                : "Leiden (seed) on the members with a tie, from singletons in every period")),
        ])
    }
}
