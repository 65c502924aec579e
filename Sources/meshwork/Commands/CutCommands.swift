import ArgumentParser
import MeshworkReport

struct Bridges: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bridges: ties whose removal disconnects their component (undirected view).",
        discussion: "Prints `source,target`, one row per bridge, ordered by the endpoints' input order.")

    @OptionGroup var options: GraphOptions

    func run() throws {
        try runAnalysis(options) { BridgeAnalysis($0) }
    }
}

struct ArticulationPoints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articulation-points",
        abstract: "Articulation points: members whose removal disconnects their component (undirected view).",
        discussion: "Prints `id`, one row per articulation point, in input order.")

    @OptionGroup var options: GraphOptions

    func run() throws {
        try runAnalysis(options) { ArticulationPointAnalysis($0) }
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
        try runAnalysis(options) { BiconnectedComponentAnalysis($0) }
    }
}
