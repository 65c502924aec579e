import ArgumentParser
import MeshworkAlgorithms
import MeshworkIO

struct Components: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connected components (weakly connected when --directed).",
        discussion: """
        Prints `id,component`, one row per node in input order. Components are numbered 0, 1, ... \
        by decreasing size; ties go to the component whose first node comes first.
        """)

    @OptionGroup var options: GraphOptions

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let components = ConnectedComponents().run(loaded.graph)
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels,
                                      columns: [.integers(name: "component", values: components.partition.group)],
                                      to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: [
                ("components", .int(components.count)),
                ("largest_component", .int(components.sizes.first ?? 0)),
            ])
        }
    }
}
