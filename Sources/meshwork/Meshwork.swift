import ArgumentParser

@main
struct Meshwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshwork",
        abstract: "Collaboration-network analytics for improvement communities.",
        discussion: """
        GRAPH is a dataset directory (it holds nodes.csv), a GraphML file (.graphml, optionally .gz) \
        or an edge list (one `u v [weight]` per line, optionally .gz; a file with more columns needs \
        --columns). Inputs are limited to lines of 16 MiB and files of 16 GiB (after gzip \
        decompression); raise the limits with --max-line-bytes and --max-input-bytes. A gzip file \
        must be whole: a truncated or damaged one is bad input. Exit status: 0 success, \
        64 bad usage, 65 bad input data (reported as file:line: message), 1 anything else.
        """,
        version: "0.1.0",
        subcommands: [
            Summary.self, Components.self, Centrality.self, Bridges.self, ArticulationPoints.self,
            BiconnectedComponents.self, EdgeBetweenness.self, Communities.self, Boundaries.self, Brokers.self, Growth.self, Report.self, Map.self,
            Compare.self, ComparePartitions.self, Suggest.self, ResilienceCommand.self, Convert.self, Export.self, Generate.self,
            Demo.self,
        ]
    )
}
