import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

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
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let graph = loaded.graph
            let scores = MeshworkAlgorithms.EdgeBetweenness(weighted: options.weighted, threads: options.workerThreads).run(graph).scores
            var edges: [(VertexID, VertexID)] = []
            var values: [Double] = []
            for u in 0..<graph.vertexCount {
                for p in graph.row(VertexID(u)) where graph.isDirected || Int(graph.targets[p]) > u {
                    edges.append((VertexID(u), graph.targets[p]))
                    values.append(scores[p])
                }
            }
            if let top, top < edges.count {
                let keep = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }.prefix(top)
                edges = keep.map { edges[$0] }
                values = keep.map { values[$0] }
            }
            timer.mark("compute")
            try EdgeTableWriter.write(labels: loaded.labels, edges: edges,
                                      columns: [.doubles(name: "betweenness", values: values)], to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: [("threads", .int(options.workerThreads))])
        }
    }
}
