import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkReport

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Two spans side by side: how members, ties, boundaries and brokers changed.",
        discussion: """
        SPAN is FROM..UNTIL (ISO days, inclusive, UTC; an end may be left open). Each span's \
        network holds the ties with at least one dated record in the span, over the members present \
        by its last day (from the earlier of joined and their first tie). Prints one row per figure, \
        `level,figure,before,after,change`: for the network, members, ties, density, \
        largest_component and largest_component_share (before and after), then ties_gained, \
        ties_lost, ties_kept and members_joined (change only); for each --level L, cross_share and \
        ei_index (Krackhardt & Stern) over the ties whose two members' groups are known, brokers \
        (members who broker at least one pair across a boundary of L: a Gould & Fernandez \
        itinerant, representative, gatekeeper or liaison count above zero), then new_cross_ties, \
        became_brokers and stopped_brokers (change only). --permutations K adds p_before and \
        p_after: for each span, the two-sided p-value of the level's E-I index and cross share \
        against K random assignments of the present members to groups of the same sizes ((r + 1) / \
        (K + 1); --seed; the same for any --threads). --format json gives the same figures \
        grouped by level, with the members who joined and who became or stopped being brokers.
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: ArgumentHelp("The earlier span, FROM..UNTIL.", valueName: "span"))
    var before: DateSpan

    @Option(help: ArgumentHelp("The later span, FROM..UNTIL.", valueName: "span"))
    var after: DateSpan

    @Option(name: .long, help: "\(BoundaryLevel.grammar); repeatable (default: organisation, region and partner).")
    var level: [BoundaryLevel] = []

    @Option(help: ArgumentHelp("Label permutations for the p-values of each span's E-I index and cross share.", valueName: "K"))
    var permutations: Int = 0

    @Option(help: "Seed of the Leiden run behind --level community and of the permutations.")
    var seed: UInt64 = 42

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    func validate() throws {
        if permutations < 0 { throw ValidationError("--permutations must not be negative") }
        if options.from != nil || options.until != nil {
            throw ValidationError("compare takes its spans from --before and --after, not --from/--until")
        }
    }

    func run() throws {
        try runAnalysis(options) {
            try ComparisonReport($0, before: before, after: after, levels: level.isEmpty ? BoundaryLevel.hierarchyLevels : level,
                                 permutations: permutations, seed: seed, threads: options.workerThreads, format: format)
        }
    }
}

extension DateSpan: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}
