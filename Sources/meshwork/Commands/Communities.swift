import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

struct Communities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Community detection: Louvain, Leiden or label propagation.",
        discussion: """
        Prints `id,community`, one row per node in input order. Communities are numbered 0, 1, ... \
        by decreasing size; ties go to the community whose first node comes first. Nodes are \
        visited in an order drawn from --seed over the sorted node ids, so the same input and seed \
        give the same partition whatever --threads is and whatever the order of the input lines \
        (up to the numbering of the communities). The --stats file gets the partition's modularity \
        (NetworkX's definition, resolution 1), the number of communities, and the levels, \
        iterations and moves of the run; with --quality cpm, also the CPM value at --resolution.

        With --runs K, the method runs K times (seeds S, S+1, ...; in parallel over --threads) and \
        the output is the consensus partition (Lancichinetti & Fortunato 2012, on the graph's \
        ties: ties kept together by at least half of the runs, re-clustered until the runs agree) \
        with a `stability` column: the average share, over the runs, of a node's consensus \
        co-members that shared its community. The stats file then also lists each run's modularity.
        """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case louvain, leiden
        case labelPropagation = "label-propagation"
    }

    @OptionGroup var options: GraphOptions

    @Option(help: "louvain, leiden or label-propagation.")
    var method: Method = .leiden

    @Option(help: "Resolution γ of the quality function (higher: smaller communities).")
    var resolution: Double = 1

    @Option(help: "Seed of the visiting orders and random choices.")
    var seed: UInt64 = 42

    @Option(help: "Quality optimised by louvain and leiden: modularity or cpm (constant Potts model).")
    var quality: CommunityQuality = .modularity

    @Option(help: "Leiden iterations (negative: until an iteration changes nothing).")
    var iterations: Int = 2

    @Option(help: "Run K seeds and report the consensus partition with a per-node stability score.")
    var runs: Int?

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
        if options.directed {
            throw ValidationError("community detection uses undirected ties; run it without --directed")
        }
        if !(resolution >= 0 && resolution.isFinite) { throw ValidationError("--resolution must be a non-negative number") }
        if iterations == 0 { throw ValidationError("--iterations must not be 0") }
        if method == .labelPropagation && quality != .modularity {
            throw ValidationError("label propagation has no quality function; drop --quality")
        }
    }

    /// The chosen method as a seeded detection over `order`; the first run's figures (levels,
    /// iterations, moves) go to the stats file.
    private func detection(order: [Int32]) -> @Sendable (CSRGraph, UInt64) -> CommunityResult {
        let method = method, resolution = resolution, quality = quality, iterations = iterations
        return { graph, seed in
            switch method {
            case .louvain:
                return Louvain(resolution: resolution, seed: seed, quality: quality).run(graph, order: order)
            case .leiden:
                return Leiden(resolution: resolution, seed: seed, quality: quality, iterations: iterations)
                    .run(graph, order: order)
            case .labelPropagation:
                return LabelPropagation(seed: seed).run(graph, order: order)
            }
        }
    }

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let order = loaded.labels.labelOrder()
            let detect = detection(order: order)
            let result: CommunityResult
            var consensus: ConsensusClustering.Result?
            if let runs {
                // Run 0 (seed S) is the single run's result too: its figures go to the stats.
                let clustering = ConsensusClustering(runs: runs, threads: options.workerThreads)
                let results = clustering.detectRuns(loaded.graph, seed: seed, detect: detect)
                result = results[0]
                consensus = clustering.consensus(loaded.graph, runs: results.map(\.partition), seed: seed) { graph, seed in
                    detect(graph, seed).partition
                }
            } else {
                result = detect(loaded.graph, seed)
            }
            let partition = consensus?.partition ?? result.partition
            let modularity = consensus == nil && method != .labelPropagation && quality == .modularity && resolution == 1
                ? result.quality : Modularity.score(of: partition, in: loaded.graph)
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels,
                                      columns: [.integers(name: "community", values: partition.group)]
                                        + (consensus.map { [.doubles(name: "stability", values: $0.stability)] } ?? []),
                                      to: options.output)
            timer.mark("write")
            var extra: [(String, JSONValue)] = [
                ("method", .string(method.rawValue)),
                ("seed", .int(Int(truncatingIfNeeded: seed))),
                ("resolution", .double(resolution)),
                ("modularity", .double(modularity)),
                ("communities", .int(partition.groupCount)),
                ("largest_community", .int(partition.sizes.first ?? 0)),
                ("levels", .int(result.levels)),
                ("iterations", .int(result.iterations)),
                ("moves", .int(result.moves)),
                ("threads", .int(options.workerThreads)),
            ]
            if method != .labelPropagation {
                extra.insert(("quality", .string(quality.rawValue)), at: 3)
                if quality == .cpm {
                    extra.append(("cpm", .double(Modularity.constantPotts(of: partition, in: loaded.graph,
                                                                          resolution: resolution))))
                }
            }
            if let consensus {
                let stability = consensus.stability
                extra.append(("runs", .int(consensus.runs.count)))
                extra.append(("runs_modularity", .array(consensus.runs.map {
                    .double(Modularity.score(of: $0, in: loaded.graph))
                })))
                extra.append(("consensus_rounds", .int(consensus.rounds)))
                extra.append(("consensus_converged", .bool(consensus.converged)))
                extra.append(("mean_stability", .double(stability.isEmpty ? 1 : stability.reduce(0, +) / Double(stability.count))))
            }
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: extra)
        }
    }
}

extension CommunityQuality: ExpressibleByArgument {}
