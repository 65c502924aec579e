import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `centrality` command: one column per requested measure, in the order asked, computed by
/// the kernels of MeshworkAlgorithms (closeness and harmonic share one all-pairs pass).
///
///     let loaded = try GraphLoader.load("fixtures/karate-club", options: LoadOptions())
///     let table = try CentralityAnalysis(loaded, .init(measures: [.degree, .pagerank]))
///     try table.write(to: nil)          // id,degree,pagerank
///
/// - Complexity: the sum of the measures' kernels (betweenness, closeness and harmonic
///   O(V E), O(V E + V^2 log V) weighted; the others near O(V + E) per iteration).
public struct CentralityAnalysis: AnalysisOutput, Sendable {
    public enum Measure: String, Sendable, CaseIterable {
        case degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, katz, kcore, clustering
        case inDegree = "in_degree"
        case outDegree = "out_degree"
        case inStrength = "in_strength"
    }

    public struct Configuration: Sendable {
        public var measures: [Measure]
        /// Weights as distances (betweenness, closeness, harmonic) or strengths (the others).
        public var weighted: Bool
        public var threads: Int
        /// Estimate betweenness from this many sampled sources (Brandes & Pich).
        public var samples: Int?
        /// Seed of the sampled sources.
        public var seed: UInt64
        /// Stopping tolerance of pagerank, katz and eigenvector (`nil`: each one's default).
        public var tolerance: Double?
        /// Told the share of the searches done by the all-sources measures (step `betweenness`, or
        /// `closeness and harmonic`), from worker threads.
        public var progress: StepShare?

        public init(measures: [Measure], weighted: Bool = false, threads: Int = Parallelism.defaultThreads, samples: Int? = nil,
                    seed: UInt64 = 42, tolerance: Double? = nil,
                    progress: StepShare? = nil) {
            self.measures = measures
            self.weighted = weighted
            self.threads = threads
            self.samples = samples
            self.seed = seed
            self.tolerance = tolerance
            self.progress = progress
        }
    }

    /// One column per measure, named by its raw value, indexed by vertex.
    public let columns: [TableColumn]
    public let labels: LabelTable
    public let statistics: [(String, JSONValue)]

    /// - Throws: ``AnalysisInputError`` (data) when katz does not converge on `loaded`'s graph.
    public init(_ loaded: LoadedGraph, _ configuration: Configuration) throws {
        let graph = loaded.graph
        let weighted = configuration.weighted
        let threads = configuration.threads
        let samples = configuration.samples, seed = configuration.seed, tolerance = configuration.tolerance
        let progress = configuration.progress
        var extra: [(String, JSONValue)] = [("measures", .array(configuration.measures.map { .string($0.rawValue) })),
                                            ("threads", .int(threads))]
        var pathScores: Closeness.Result?
        func paths() -> Closeness.Result {
            if let pathScores { return pathScores }
            let scores = Closeness(weighted: weighted, threads: threads)
                .run(graph, progress: stepShare(progress, "closeness and harmonic"))
            pathScores = scores
            return scores
        }
        var columns: [TableColumn] = []
        for measure in configuration.measures {
            let name = measure.rawValue
            switch measure {
            case .degree: columns.append(.integers(name: name, values: Degree().run(graph).degrees))
            case .outDegree: columns.append(.integers(name: name, values: Degree().run(graph).degrees))
            case .inDegree: columns.append(.integers(name: name, values: Degree(direction: .in).run(graph).degrees))
            case .strength: columns.append(.doubles(name: name, values: Strength().run(graph).strengths))
            case .inStrength: columns.append(.doubles(name: name, values: Strength(direction: .in).run(graph).strengths))
            case .betweenness:
                let result = Betweenness(weighted: weighted, threads: threads, samples: samples, seed: seed)
                    .run(graph, progress: stepShare(progress, "betweenness"))
                columns.append(.doubles(name: name, values: result.scores))
                if samples != nil { extra.append(("betweenness_samples", .int(result.sources))) }
            case .closeness: columns.append(.doubles(name: name, values: paths().closeness))
            case .harmonic: columns.append(.doubles(name: name, values: paths().harmonic))
            case .eigenvector:
                let result = EigenvectorCentrality(tolerance: tolerance ?? 1e-10, weighted: weighted, threads: threads).run(graph)
                columns.append(.doubles(name: name, values: result.scores))
                extra.append(("eigenvector_iterations", .int(result.iterations)))
            case .pagerank:
                let result = PageRank(tolerance: tolerance, weighted: weighted, threads: threads).run(graph)
                columns.append(.doubles(name: name, values: result.scores))
                extra.append(("pagerank_iterations", .int(result.iterations)))
            case .katz:
                let result = KatzCentrality(tolerance: tolerance ?? 1e-6, weighted: weighted, threads: threads).run(graph)
                guard result.converged else {
                    let iterations = result.iterations
                    throw AnalysisInputError(.data) { _ in """
                        katz centrality does not converge on this graph after \(iterations) iteration(s): \
                        alpha 0.1 is not below 1 / the largest eigenvalue of its \(weighted ? "weighted " : "")adjacency matrix
                        """ }
                }
                columns.append(.doubles(name: name, values: result.scores))
                extra.append(("katz_iterations", .int(result.iterations)))
            case .kcore: columns.append(.integers(name: name, values: CoreNumber().run(graph).coreNumbers))
            case .clustering:
                let clustering = Clustering(weighted: weighted, threads: threads).run(graph)
                columns.append(.doubles(name: name, values: clustering.local))
                extra.append(("transitivity", .double(clustering.transitivity ?? 0)))
            }
        }
        self.columns = columns
        self.labels = loaded.labels
        self.statistics = extra
    }

    /// Writes `id,<measure>...`, one row per node in input order.
    public func write(to path: String?) throws {
        try NodeTableWriter.write(labels: labels, columns: columns, to: path)
    }
}
