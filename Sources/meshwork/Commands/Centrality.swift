import ArgumentParser
import MeshworkReport

struct Centrality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-node centrality measures.",
        discussion: """
        Prints `id,<measure>...`, one row per node in input order; several --measure flags give \
        several columns from one load. Definitions follow NetworkX: degree counts distinct \
        neighbours (out-neighbours when --directed); strength sums incident weights; betweenness \
        is Brandes' unnormalised count (each unordered pair once on undirected graphs); closeness \
        uses Wasserman-Faust scaling on disconnected graphs; harmonic sums 1/d; eigenvector has \
        unit Euclidean norm; pagerank uses alpha 0.85 with dangling mass spread uniformly; katz \
        uses alpha 0.1 and beta 1 (normalised); kcore is the core number; clustering is the local \
        clustering coefficient. With --weighted, weights are distances for betweenness, closeness \
        and harmonic, and strengths for the others. The iterative measures stop as NetworkX does \
        (total change below n x tolerance); pagerank defaults to its stationary vector (total change \
        below min(n x 1e-15, 1e-12): what networkx.pagerank(tol=1e-14) converges to), not NetworkX's \
        early default stop; \
        their iteration counts and, with clustering, the \
        transitivity go to the --stats file. --samples K estimates betweenness from K sources \
        drawn with --seed (Brandes & Pich): with probability 0.95 every estimate is within \
        sqrt(ln(40) / (2K)) of the largest possible score (0.043 for K = 1000).
        """)

    typealias Measure = CentralityAnalysis.Measure

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "A measure to compute; repeat for several columns.")
    var measure: [Measure] = []

    @Option(help: "Estimate betweenness from this many sampled sources (scaled to the exact value's expectation).")
    var samples: Int?

    @Option(help: "Seed for --samples.")
    var seed: UInt64 = 42

    @Option(help: "Stopping tolerance of pagerank, katz and eigenvector (default: pagerank runs to its stationary vector; NetworkX's 1e-6 for katz; 1e-10 for eigenvector, whose NetworkX reference is an exact ARPACK solve).")
    var tolerance: Double?

    func validate() throws {
        if measure.isEmpty { throw ValidationError("give at least one --measure") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if let tolerance, !(tolerance > 0 && tolerance.isFinite) { throw ValidationError("--tolerance must be a positive number") }
    }

    func run() throws {
        let progress = options.progressLines
        let searches: StepShare? = progress.enabled
            ? { @Sendable measure, done in progress.fraction("centrality: \(measure), sources searched", done) } : nil
        try runAnalysis(options) {
            try CentralityAnalysis($0, .init(measures: measure, weighted: options.weighted, threads: options.workerThreads,
                                             samples: samples, seed: seed, tolerance: tolerance, progress: searches))
        }
    }
}

extension CentralityAnalysis.Measure: ExpressibleByArgument {}
