import ArgumentParser
import MeshworkAlgorithms
import MeshworkReport

struct Communities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Community detection: Louvain, Leiden or label propagation.",
        discussion: """
        Prints `id,community`, one row per node in input order. Communities are numbered 0, 1, ... \
        by decreasing size; ties go to the community whose first node comes first. Nodes are \
        visited in an order drawn from --seed over the sorted node ids, so the same input and seed \
        give the same partition whatever --threads is and whatever the order of the input lines \
        (up to the numbering of the communities). The --stats file gets the partition's modularity \
        (NetworkX's definition, resolution 1), the number of communities, and the levels, \
        iterations and moves of the run; with --quality cpm, also the CPM value at --resolution.

        With --runs K, the method runs K times (seeds S, S+1, ...; in parallel over --threads) and \
        the output is the consensus partition (Lancichinetti & Fortunato 2012, on the graph's \
        ties: ties kept together by at least half of the runs, re-clustered until the runs agree) \
        with a `stability` column: the average share, over the runs, of a node's consensus \
        co-members that shared its community. The stats file then also lists each run's modularity.
        """)

    typealias Method = CommunityAnalysis.Method

    @OptionGroup var options: GraphOptions

    @Option(help: "louvain, leiden or label-propagation.")
    var method: Method = .leiden

    @Option(help: "Resolution γ of the quality function (higher: smaller communities).")
    var resolution: Double = 1

    @Option(help: "Seed of the visiting orders and random choices.")
    var seed: UInt64 = 42

    @Option(help: "Quality optimised by louvain and leiden: modularity or cpm (constant Potts model).")
    var quality: CommunityQuality = .modularity

    @Option(help: "Leiden iterations (negative: until an iteration changes nothing).")
    var iterations: Int = 2

    @Option(help: "Run K seeds and report the consensus partition with a per-node stability score.")
    var runs: Int?

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        if options.directed {
            throw ValidationError("community detection uses undirected ties; run it without --directed")
        }
        if !(resolution >= 0 && resolution.isFinite) { throw ValidationError("--resolution must be a non-negative number") }
        if iterations == 0 { throw ValidationError("--iterations must not be 0") }
        if method == .labelPropagation && quality != .modularity {
            throw ValidationError("label propagation has no quality function; drop --quality")
        }
    }

    func run() throws {
        try runAnalysis(options) {
            CommunityAnalysis($0, .init(method: method, resolution: resolution, seed: seed, quality: quality,
                                        iterations: iterations, runs: runs, threads: options.workerThreads))
        }
    }
}

extension CommunityQuality: ExpressibleByArgument {}
extension CommunityAnalysis.Method: ExpressibleByArgument {}
