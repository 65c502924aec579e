import ArgumentParser
import MeshworkReport

struct EdgeBetweenness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edge-betweenness",
        abstract: "Betweenness of every tie (Brandes; NetworkX edge_betweenness_centrality, not normalised).",
        discussion: """
        Prints `source,target,betweenness`, one row per tie (undirected: source before target in \
        input order), ordered by source, then target. With --weighted, weights are distances. \
        --top K keeps the K ties with the highest value (ties broken by row order).
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "Keep only the K ties with the highest betweenness.")
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        try runAnalysis(options) {
            EdgeBetweennessAnalysis($0, .init(weighted: options.weighted, threads: options.workerThreads, top: top))
        }
    }
}
