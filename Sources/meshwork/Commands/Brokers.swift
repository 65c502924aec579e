import ArgumentParser
import MeshworkAlgorithms
import MeshworkReport

struct Brokers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who spans the boundaries of a level: brokerage roles, structural holes, module roles.",
        discussion: """
        Prints one row per member: id, group, the Gould & Fernandez (1989) brokerage role counts \
        (coordinator, itinerant, representative, gatekeeper, liaison) and their total (brokerage), \
        Burt's (1992) constraint and effective_size (NetworkX's constraint and effective_size; \
        empty for a member without ties) and effective_size_burt (Burt's formula: NetworkX 3.6's \
        default effective_size departs from it on weighted or directed ties, NetworkX PR #8906), Guimera & Amaral's (2005) participation coefficient, within_module_z and \
        role (R1-R7), groups_reached (distinct groups among the member's contacts), on_bridge and \
        articulation_point (1 when removing the member's tie or the member disconnects the \
        network). Brokerage counts the pairs of contacts a member links that are not tied to each \
        other: unordered pairs on undirected networks, where a pair with exactly one contact in \
        the member's group counts as representative and gatekeeper is empty (UCINET and R sna's \
        brokerage() read each tie as two arcs and report twice the coordinator, itinerant, \
        liaison and total counts, and this representative count as both representative and \
        gatekeeper); ordered pairs of arcs with --directed. \
        --weighted uses tie weights for constraint, effective size and participation. --top K \
        lists only the K strongest boundary spanners, strongest first: most brokerage across \
        groups (all roles but coordinator), then participation, then effective size; members \
        with neither brokerage across groups nor participation are never listed (stderr says \
        when fewer than K, or nobody, span a boundary).
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "\(BoundaryLevel.grammar).")
    var level: BoundaryLevel = .hierarchy(.organisation)

    @Option(help: "Only the K strongest boundary spanners.")
    var top: Int?

    @Option(help: "Seed of the Leiden run behind --level community.")
    var seed: UInt64 = 42

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let progress = options.progressLines
        let shares: StepShare? = progress.enabled ? { @Sendable step, done in progress.share("brokers", step, done) } : nil
        try runAnalysis(options) {
            try BrokerReport($0, level: level, weighted: options.weighted, seed: seed, threads: options.workerThreads,
                             top: top, progress: progress.callback("brokers"), shares: shares)
        }
    }
}
