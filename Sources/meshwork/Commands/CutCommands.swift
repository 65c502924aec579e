import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

struct Bridges: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bridges: ties whose removal disconnects their component (undirected view).",
        discussion: "Prints `source,target`, one row per bridge, ordered by the endpoints' input order.")

    @OptionGroup var options: GraphOptions

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let cuts = CutStructure(components: false).run(loaded.graph)
            timer.mark("compute")
            try EdgeTableWriter.write(labels: loaded.labels, edges: cuts.bridges, to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: [("bridges", .int(cuts.bridges.count))])
        }
    }
}

struct ArticulationPoints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articulation-points",
        abstract: "Articulation points: members whose removal disconnects their component (undirected view).",
        discussion: "Prints `id`, one row per articulation point, in input order.")

    @OptionGroup var options: GraphOptions

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let cuts = CutStructure(components: false).run(loaded.graph)
            let points = cuts.articulationPoints
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels, columns: [], rows: points, to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: [
                ("articulation_points", .int(points.count)),
            ])
        }
    }
}

struct BiconnectedComponents: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "biconnected-components",
        abstract: "Biconnected components: each tie with the number of its component (undirected view).",
        discussion: """
        Prints `source,target,component`, one row per tie (source before target in input order). \
        Components are numbered by decreasing number of ties, ties broken by their first row.
        """)

    @OptionGroup var options: GraphOptions

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let cuts = CutStructure().run(loaded.graph)
            let table = cuts.edgeTable()
            timer.mark("compute")
            try EdgeTableWriter.write(labels: loaded.labels, edges: table.edges,
                                      columns: [.integers(name: "component", values: table.components)], to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: [
                ("biconnected_components", .int(cuts.componentCount)),
            ])
        }
    }
}
