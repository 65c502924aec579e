import ArgumentParser
import MeshworkAlgorithms
import MeshworkReport

struct Growth: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How the community's ties grow, period by period.",
        discussion: """
        Prints one CSV row per calendar period (UTC; days, ISO weeks Monday to Sunday, months, \
        quarters or years), from the period of the earliest dated record to that of the latest. \
        Without --period, the longest period that gives at least 8 rows is chosen (day when none \
        does), said on stderr and in --stats. Columns: period_start, period_end, members (present by the period's end: from \
        the earlier of joined and their first tie), ties, new_ties, lost_ties, density, mean_degree, \
        largest_component_share, then cross_share_L and ei_L for each --level L (organisation, \
        region, partner, community or attribute:NAME; default the first three; ties with an end whose group is unknown are left out), \
        then active_members (with a tie record in the period), newcomers, retained_ties, \
        components, integration_L (the share of the period's newcomers who made a tie across L \
        within --integration periods of joining) and, unless --basic, clustering (average over \
        present members), mean_path_length (exact up to 5,000 members, else from 500 sampled \
        sources, --seed) and modularity (of a Leiden partition, --seed). A period's network holds \
        every tie with a record on or before its end, or with --window K in the last K periods. \
        Empty fields are undefined values (no tie, no member).

        --cohort YEAR|founding follows only the members who joined in YEAR (their joined date, \
        else their first tie) or were present in the first period: the network among them \
        (without the integration and network-measure columns). --member ID gives one member's \
        series instead: present, degree, new_ties, lost_ties, cross_share_L, groups_reached_L. \
        --bootstrap B adds <measure>_low and <measure>_high after density, mean_degree, \
        largest_component_share and each cross_share_L: the 2.5th and 97.5th percentiles over B \
        replicates that resample the members with replacement (a node bootstrap, Snijders & \
        Borgatti 1999; --seed; replicates run on --threads with the same result). It shows how \
        much the figures depend on who took part; members are not independent in a network, so \
        read it as a sensitivity band rather than an exact confidence interval. --charts DIR \
        writes one SVG line chart per column, intervals drawn as bands.
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "day, week, month, quarter or year (default: chosen from the data's span).")
    var period: PeriodLength?

    @Option(help: "Keep only ties with a record in the last K periods (default: every tie so far).")
    var window: Int?

    @Option(name: .long, help: "\(BoundaryLevel.grammar); repeatable (default: organisation, region and partner).")
    var level: [BoundaryLevel] = []

    @Option(help: "K of the integration columns: a cross-boundary tie within K periods of joining.")
    var integration: Int = 4

    @Flag(help: "Leave out clustering, mean_path_length and modularity (they need each period's whole network).")
    var basic = false

    @Option(help: "Seed of the Leiden partitions (--level community too) and the sampled path-length sources.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Follow one cohort: a year of joining, or founding.", valueName: "YEAR|founding"))
    var cohort: String?

    @Option(help: ArgumentHelp("One member's series instead of the community's.", valueName: "ID"))
    var member: String?

    @Option(help: ArgumentHelp("Bootstrap replicates for 95% intervals.", valueName: "B"))
    var bootstrap: Int?

    @Option(help: ArgumentHelp("Write one SVG line chart per column into this folder.", valueName: "dir"))
    var charts: String?

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    func validate() throws {
        if let window, window < 1 { throw ValidationError("--window must be at least 1") }
        if integration < 1 { throw ValidationError("--integration must be at least 1") }
        if let cohort, Cohort(cohort) == nil { throw ValidationError("--cohort takes a year such as 2019, or founding") }
        if let bootstrap, bootstrap < 2 { throw ValidationError("--bootstrap needs at least 2 replicates") }
        if member != nil && (cohort != nil || bootstrap != nil || charts != nil || format == .json) {
            throw ValidationError("--member gives a CSV table of its own: drop --cohort, --bootstrap, --charts and --format")
        }
    }

    func run() throws {
        let progress = options.progressLines
        let periodsDone: (@Sendable (Double) -> Void)? = progress.enabled
            ? { @Sendable done in progress.fraction("growth: clustering, path length and modularity per period", done) } : nil
        try runAnalysis(options) {
            try GrowthAnalysis($0, .init(period: period, window: window, levels: level, member: member,
                                         report: .init(basic: basic, integrationPeriods: integration, seed: seed,
                                                       cohort: cohort.flatMap(Cohort.init), bootstrap: bootstrap,
                                                       threads: options.workerThreads, progress: periodsDone),
                                         format: format),
                               notify: printNotice)
        } thenWrite: { growth in
            if let charts { try growth.writeCharts(to: charts) }
        }
    }
}

extension PeriodLength: ExpressibleByArgument {}
extension TableFormat: ExpressibleByArgument {}

extension BoundaryLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
