import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `communities` command: one run of Louvain, Leiden or label propagation, or the consensus
/// of several seeds (Lancichinetti & Fortunato 2012) with each node's stability, and the
/// partition's modularity (NetworkX's definition, resolution 1).
///
///     let loaded = try GraphLoader.load("fixtures/karate-club", options: LoadOptions())
///     let found = CommunityAnalysis(loaded, .init(method: .leiden, seed: 7))
///     print(found.partition.groupCount, found.modularity)
///
/// - Complexity: the method's (near O(E) per level for Louvain and Leiden), times the runs.
public struct CommunityAnalysis: AnalysisOutput, Sendable {
    public enum Method: String, Sendable, CaseIterable {
        case louvain, leiden
        case labelPropagation = "label-propagation"
    }

    public struct Configuration: Sendable {
        public var method: Method
        /// Resolution γ of the quality function.
        public var resolution: Double
        public var seed: UInt64
        /// Quality optimised by louvain and leiden.
        public var quality: CommunityQuality
        /// Leiden iterations (negative: until an iteration changes nothing).
        public var iterations: Int
        /// Seeds S, S+1, ... of a consensus run; `nil`: a single run.
        public var runs: Int?
        public var threads: Int

        public init(method: Method = .leiden, resolution: Double = 1, seed: UInt64 = 42,
                    quality: CommunityQuality = .modularity, iterations: Int = 2, runs: Int? = nil, threads: Int = Parallelism.defaultThreads) {
            self.method = method
            self.resolution = resolution
            self.seed = seed
            self.quality = quality
            self.iterations = iterations
            self.runs = runs
            self.threads = threads
        }
    }

    public let configuration: Configuration
    /// The single run, or run 0 (seed S) of a consensus: its levels, iterations and moves.
    public let result: CommunityResult
    public let consensus: ConsensusClustering.Result?
    /// The partition printed: the consensus, else the single run's.
    public let partition: Partition
    /// Modularity at resolution 1 of ``partition``.
    public let modularity: Double
    public let labels: LabelTable
    private let graph: CSRGraph

    /// - Precondition: `loaded`'s graph is undirected.
    public init(_ loaded: LoadedGraph, _ configuration: Configuration) {
        let order = loaded.labels.labelOrder()
        let detect = Self.detection(configuration, order: order)
        let result: CommunityResult
        var consensus: ConsensusClustering.Result?
        if let runs = configuration.runs {
            // Run 0 (seed S) is the single run's result too: its figures go to the stats.
            let clustering = ConsensusClustering(runs: runs, threads: configuration.threads)
            let results = clustering.detectRuns(loaded.graph, seed: configuration.seed, detect: detect)
            result = results[0]
            consensus = clustering.consensus(loaded.graph, runs: results.map(\.partition), seed: configuration.seed) { graph, seed in
                detect(graph, seed).partition
            }
        } else {
            result = detect(loaded.graph, configuration.seed)
        }
        let partition = consensus?.partition ?? result.partition
        // Label propagation's quality is always modularity at resolution 1; Louvain's and Leiden's
        // is the quality they optimised.
        let resultIsModularity = configuration.method == .labelPropagation
            || (configuration.quality == .modularity && configuration.resolution == 1)
        modularity = consensus == nil && resultIsModularity
            ? result.quality : Modularity().run(loaded.graph, partition: partition).quality
        self.configuration = configuration
        self.result = result
        self.consensus = consensus
        self.partition = partition
        self.labels = loaded.labels
        self.graph = loaded.graph
    }

    /// The chosen method as a seeded detection over `order`.
    private static func detection(_ configuration: Configuration, order: [Int32]) -> @Sendable (CSRGraph, UInt64) -> CommunityResult {
        let method = configuration.method, resolution = configuration.resolution
        let quality = configuration.quality, iterations = configuration.iterations
        // A consensus already runs its seeds on the threads; a single run uses them itself.
        let threads = configuration.runs == nil ? configuration.threads : 1
        return { graph, seed in
            switch method {
            case .louvain:
                return Louvain(resolution: resolution, seed: seed, quality: quality, threads: threads).run(graph, order: order)
            case .leiden:
                return Leiden(resolution: resolution, seed: seed, quality: quality, iterations: iterations, threads: threads)
                    .run(graph, order: order)
            case .labelPropagation:
                return LabelPropagation(seed: seed, threads: threads).run(graph, order: order)
            }
        }
    }

    /// Writes `id,community` (and `stability` after a consensus), one row per node in input order.
    public func write(to path: String?) throws {
        try NodeTableWriter.write(labels: labels,
                                  columns: [.integers(name: "community", values: partition.group)]
                                    + (consensus.map { [.doubles(name: "stability", values: $0.stability)] } ?? []),
                                  to: path)
    }

    /// The method, modularity, community counts and the run's figures; the quality (and CPM value)
    /// for louvain and leiden; each run's modularity and the stability after a consensus.
    public var statistics: [(String, JSONValue)] {
        let method = configuration.method, quality = configuration.quality
        var extra: [(String, JSONValue)] = [
            ("method", .string(method.rawValue)),
            ("seed", .int(Int(truncatingIfNeeded: configuration.seed))),
            ("resolution", .double(configuration.resolution)),
            ("modularity", .double(modularity)),
            ("communities", .int(partition.groupCount)),
            ("largest_community", .int(partition.sizes.first ?? 0)),
            ("levels", .int(result.levels)),
            ("iterations", .int(result.iterations)),
            ("moves", .int(result.moves)),
            ("threads", .int(configuration.threads)),
        ]
        if method != .labelPropagation {
            extra.insert(("quality", .string(quality.rawValue)), at: 3)
            if quality == .cpm {
                let cpm = Modularity(quality: .cpm, resolution: configuration.resolution).run(graph, partition: partition)
                extra.append(("cpm", .double(cpm.quality)))
            }
        }
        if let consensus {
            let stability = consensus.stability
            extra.append(("runs", .int(consensus.runs.count)))
            extra.append(("runs_modularity", .array(consensus.runs.map {
                .double(Modularity().run(graph, partition: $0).quality)
            })))
            extra.append(("consensus_rounds", .int(consensus.rounds)))
            extra.append(("consensus_converged", .bool(consensus.converged)))
            extra.append(("mean_stability", .double(stability.isEmpty ? 1 : stability.reduce(0, +) / Double(stability.count))))
        }
        return extra
    }
}
