import ArgumentParser
import MeshworkAlgorithms
import MeshworkIO

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

    enum Measure: String, ExpressibleByArgument, CaseIterable {
        case degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, katz, kcore, clustering
        case inDegree = "in_degree"
        case outDegree = "out_degree"
        case inStrength = "in_strength"
    }

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
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let graph = loaded.graph
            let weighted = options.weighted
            let threads = options.workerThreads
            var extra: [(String, JSONValue)] = [("measures", .array(measure.map { .string($0.rawValue) })),
                                                ("threads", .int(threads))]
            var pathScores: Closeness.Result?
            func paths() -> Closeness.Result {
                if let pathScores { return pathScores }
                let scores = Closeness(weighted: weighted, threads: threads).run(graph)
                pathScores = scores
                return scores
            }
            var columns: [TableColumn] = []
            for measure in measure {
                let name = measure.rawValue
                switch measure {
                case .degree: columns.append(.integers(name: name, values: Degree().run(graph).degrees))
                case .outDegree: columns.append(.integers(name: name, values: Degree().run(graph).degrees))
                case .inDegree: columns.append(.integers(name: name, values: Degree(direction: .in).run(graph).degrees))
                case .strength: columns.append(.doubles(name: name, values: Strength().run(graph).strengths))
                case .inStrength: columns.append(.doubles(name: name, values: Strength(direction: .in).run(graph).strengths))
                case .betweenness:
                    let result = Betweenness(weighted: weighted, threads: threads, samples: samples, seed: seed).run(graph)
                    columns.append(.doubles(name: name, values: result.scores))
                    if samples != nil { extra.append(("betweenness_samples", .int(result.sources))) }
                case .closeness: columns.append(.doubles(name: name, values: paths().closeness))
                case .harmonic: columns.append(.doubles(name: name, values: paths().harmonic))
                case .eigenvector:
                    let result = EigenvectorCentrality(tolerance: tolerance ?? 1e-10, weighted: weighted, threads: threads).run(graph)
                    columns.append(.doubles(name: name, values: result.scores))
                    extra.append(("eigenvector_iterations", .int(result.iterations)))
                case .pagerank:
                    let result = PageRank(tolerance: tolerance, weighted: weighted).run(graph)
                    columns.append(.doubles(name: name, values: result.scores))
                    extra.append(("pagerank_iterations", .int(result.iterations)))
                case .katz:
                    let result = KatzCentrality(tolerance: tolerance ?? 1e-6, weighted: weighted).run(graph)
                    guard result.converged else {
                        throw InputError(file: options.graph, line: 0, """
                            katz centrality does not converge on this graph after \(result.iterations) iteration(s): \
                            alpha 0.1 is not below 1 / the largest eigenvalue of its \(weighted ? "weighted " : "")adjacency matrix
                            """)
                    }
                    columns.append(.doubles(name: name, values: result.scores))
                    extra.append(("katz_iterations", .int(result.iterations)))
                case .kcore: columns.append(.integers(name: name, values: CoreNumber().run(graph).coreNumbers))
                case .clustering:
                    let clustering = Clustering(weighted: weighted).run(graph)
                    columns.append(.doubles(name: name, values: clustering.local))
                    extra.append(("transitivity", .double(clustering.transitivity ?? 0)))
                }
            }
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels, columns: columns, to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: extra)
        }
    }
}
