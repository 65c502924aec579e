import ArgumentParser
import MeshworkAlgorithms
import MeshworkReport

struct ResilienceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resilience",
        abstract: "Who holds the network together: how it comes apart as members leave.",
        discussion: """
        Prints `order,removed,removed_share,largest_component_share,group_pairs_connected`: for each \
        order of departure, after 0, then --max-share / --steps of the members more at each of \
        --steps steps, the share of all members still in the largest connected group, and the share \
        of the pairs of groups of --level (default organisation for a dataset) connected at the \
        start that can still reach each other through ties (empty without a level or above 4,096 \
        groups). Orders: betweenness (highest first; from 1,000 sampled sources above 20,000 \
        members), brokerage across the level's groups (Gould & Fernandez roles but coordinator), \
        key_players (a greedy key-player set, Borgatti 2006: each next member is the one among \
        the 64 highest-degree members left whose removal fragments the network most; the first \
        --key-players, then by betweenness), and random: the mean (random), lowest (random_low) \
        and highest (random_high) over --random-orders shuffled orders drawn with --seed. \
        --chart FILE draws the largest connected share as an SVG chart. --cut-offs FILE writes \
        `id,group,members_cut_off`: each member whose departure alone would leave members of a \
        group of --level with no path to any other group (an articulation point whose removal \
        leaves a piece of one group), the most members first. The --stats file lists the first \
        ten members of each order and counts the cut-offs.
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "\(BoundaryLevel.grammar) (default: organisation for a dataset).")
    var level: BoundaryLevel?

    @Option(help: "Steps of departures.")
    var steps: Int = 20

    @Option(help: "The share of members gone by the last step.")
    var maxShare: Double = 0.1

    @Option(help: "The size of the greedy key-player set.")
    var keyPlayers: Int = 30

    @Option(help: "Random orders behind the baseline.")
    var randomOrders: Int = 20

    @Option(help: "Seed of the random orders (and of the Leiden run behind --level community).")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Write the chart (SVG) here.", valueName: "file"))
    var chart: String?

    @Option(help: ArgumentHelp("Write the members whose departure would cut a group off here.", valueName: "file"))
    var cutOffs: String?

    func validate() throws {
        if steps < 1 { throw ValidationError("--steps must be at least 1") }
        if !(maxShare > 0 && maxShare <= 1) { throw ValidationError("--max-share must be in (0, 1]") }
        if keyPlayers < 0 { throw ValidationError("--key-players must not be negative") }
        if randomOrders < 0 { throw ValidationError("--random-orders must not be negative") }
    }

    func run() throws {
        try runAnalysis(options, {
            try ResilienceAnalysis($0, .init(level: level, steps: steps, maximumShare: maxShare, keyPlayers: keyPlayers,
                                             randomOrders: randomOrders, seed: seed, threads: options.workerThreads))
        }, thenWrite: { analysis in
            if let chart { try analysis.writeChart(to: chart) }
            if let cutOffs { try analysis.writeCutOffs(to: cutOffs) }
        })
    }
}
