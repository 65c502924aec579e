import ArgumentParser
import MeshworkAlgorithms
import MeshworkIO

struct Centrality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per-node centrality measures.",
        discussion: """
        Prints `id,<measure>...`, one row per node in input order; several --measure flags give \
        several columns from one load. degree counts distinct neighbours (out-neighbours when \
        --directed); strength sums incident weights (equal to degree without --weighted).
        """)

    enum Measure: String, ExpressibleByArgument, CaseIterable {
        case degree, strength
        case inDegree = "in_degree"
        case outDegree = "out_degree"
        case inStrength = "in_strength"
    }

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "A measure to compute; repeat for several columns.")
    var measure: [Measure] = []

    func validate() throws {
        if measure.isEmpty { throw ValidationError("give at least one --measure") }
    }

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let graph = loaded.graph
            let columns: [NodeColumn] = measure.map { measure in
                switch measure {
                case .degree: .integers(name: measure.rawValue, values: Degree.degrees(graph))
                case .outDegree: .integers(name: measure.rawValue, values: Degree.outDegrees(graph))
                case .inDegree: .integers(name: measure.rawValue, values: Degree.inDegrees(graph))
                case .strength: .doubles(name: measure.rawValue, values: Degree.strengths(graph))
                case .inStrength: .doubles(name: measure.rawValue, values: Degree.inStrengths(graph))
                }
            }
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels, columns: columns, to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer,
                           extra: [("measures", .array(measure.map { .string($0.rawValue) }))])
        }
    }
}
