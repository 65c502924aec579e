import ArgumentParser
import MeshworkAlgorithms
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

    func validate() throws {
        if options.directed {
            throw ValidationError("community detection uses undirected ties; run it without --directed")
        }
        if !(resolution >= 0 && resolution.isFinite) { throw ValidationError("--resolution must be a non-negative number") }
        if iterations == 0 { throw ValidationError("--iterations must not be 0") }
        if method == .labelPropagation && quality != .modularity {
            throw ValidationError("label propagation has no quality function; drop --quality")
        }
    }

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let order = loaded.labels.labelOrder()
            let result: CommunityResult
            switch method {
            case .louvain:
                result = Louvain(resolution: resolution, seed: seed, quality: quality).run(loaded.graph, order: order)
            case .leiden:
                result = Leiden(resolution: resolution, seed: seed, quality: quality, iterations: iterations)
                    .run(loaded.graph, order: order)
            case .labelPropagation:
                result = LabelPropagation(seed: seed).run(loaded.graph, order: order)
            }
            let modularity = quality == .modularity && resolution == 1 && method != .labelPropagation
                ? result.quality : Modularity.score(of: result.partition, in: loaded.graph)
            timer.mark("compute")
            try NodeTableWriter.write(labels: loaded.labels,
                                      columns: [.integers(name: "community", values: result.partition.group)],
                                      to: options.output)
            timer.mark("write")
            var extra: [(String, JSONValue)] = [
                ("method", .string(method.rawValue)),
                ("seed", .int(Int(truncatingIfNeeded: seed))),
                ("resolution", .double(resolution)),
                ("modularity", .double(modularity)),
                ("communities", .int(result.count)),
                ("largest_community", .int(result.partition.sizes.first ?? 0)),
                ("levels", .int(result.levels)),
                ("iterations", .int(result.iterations)),
                ("moves", .int(result.moves)),
            ]
            if method != .labelPropagation {
                extra.insert(("quality", .string(quality.rawValue)), at: 3)
                if quality == .cpm { extra.append(("cpm", .double(result.quality))) }
            }
            try writeStats(options.stats, loaded: loaded, timer: timer, extra: extra)
        }
    }
}

extension CommunityQuality: ExpressibleByArgument {}
