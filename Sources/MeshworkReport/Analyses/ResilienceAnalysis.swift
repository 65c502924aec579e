import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `resilience` command: who holds the network together. The network's largest connected
/// share and the share of group pairs still connected (``Resilience``) as members leave in four
/// orders: by betweenness (most first), by brokerage across the groups of the level (Gould &
/// Fernandez roles but coordinator), a key-player set (``KeyPlayers``, Borgatti 2006; its first
/// `keyPlayers` members, then by betweenness) and at random (mean, lowest and highest over
/// seeded orders).
///
///     let curves = try ResilienceAnalysis(loaded, .init(level: .hierarchy(.region)))
///     try curves.write(to: nil)   // order,removed,removed_share,largest_component_share,group_pairs_connected
///
/// - Complexity: betweenness (O(V E); from 1,000 sampled sources above 20,000 members), brokerage
///   (O(Σ deg²)), the key players (O(k × (V + E))), the curves (O(orders × ((V + E) α(V) + steps × V)),
///   one union-find pass per order over `threads` workers) and the cut-offs (O(V + E)).
public struct ResilienceAnalysis: AnalysisOutput, Sendable {
    public struct Configuration: Sendable {
        /// Whose group pairs are counted; `nil`: organisation for a dataset, none otherwise.
        public var level: BoundaryLevel?
        public var steps: Int
        public var maximumShare: Double
        public var keyPlayers: Int
        public var randomOrders: Int
        public var seed: UInt64
        public var threads: Int
        /// The brokerage roles of the level's groups in this graph when already computed (the
        /// report's ``BrokerReport/roles``); `nil`: computed here.
        public var brokerage: Brokerage.Result?

        public init(level: BoundaryLevel? = nil, steps: Int = 20, maximumShare: Double = 0.1, keyPlayers: Int = 30,
                    randomOrders: Int = 20, seed: UInt64 = 42, threads: Int = Parallelism.defaultThreads,
                    brokerage: Brokerage.Result? = nil) {
            self.level = level
            self.steps = steps
            self.maximumShare = maximumShare
            self.keyPlayers = keyPlayers
            self.randomOrders = randomOrders
            self.seed = seed
            self.threads = threads
            self.brokerage = brokerage
        }
    }

    public let result: Resilience.Result
    public let members: Int
    public let level: BoundaryLevel?
    /// The first members of each ordered curve (betweenness, brokerage, key players), for people.
    public let leaders: [(order: String, members: [String])]
    /// Whose departure alone would cut members of a group off from every other group
    /// (``CriticalMembers``), the most members first; empty without a level.
    public let cutOffs: [CriticalMembers.CutOff]
    private let groupNames: [String]

    public init(_ loaded: LoadedGraph, _ configuration: Configuration) throws {
        let graph = loaded.graph.isDirected ? loaded.graph.undirectedView() : loaded.graph
        let n = graph.vertexCount
        members = n
        let level = configuration.level ?? (loaded.community != nil ? .hierarchy(.organisation) : nil)
        self.level = level
        let groups = try level.map { try loaded.partitions([$0], seed: configuration.seed)[0] }
        let betweenness = Betweenness(weighted: false, threads: configuration.threads,
                                      samples: n > 20_000 ? 1_000 : nil, seed: configuration.seed).run(graph).scores
        func descending(_ score: [Double]) -> [VertexID] {
            (0 ..< n).sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }.map { VertexID($0) }
        }
        let byBetweenness = descending(betweenness)
        var orders: [(name: String, vertices: [VertexID])] = [("betweenness", byBetweenness)]
        if let groups {
            let roles = configuration.brokerage ?? Brokerage(threads: configuration.threads).run(graph, partition: groups)
            // Brokerage across groups; equal counts are ordered by betweenness (a fraction below 1).
            let scale = 1 + (betweenness.max() ?? 0)
            var brokerage = [Double](repeating: 0, count: n)
            for v in 0 ..< n {
                let across = roles.itinerant[v] + roles.representative[v] + roles.gatekeeper[v] + roles.liaison[v]
                brokerage[v] = Double(across) + betweenness[v] / scale
            }
            orders.append(("brokerage", descending(brokerage)))
        }
        let keys = KeyPlayers(count: configuration.keyPlayers).run(graph)
        let chosen = Set(keys)
        orders.append(("key_players", keys + byBetweenness.filter { !chosen.contains($0) }))
        result = Resilience(steps: configuration.steps, maximumShare: configuration.maximumShare,
                            randomOrders: configuration.randomOrders, seed: configuration.seed, threads: configuration.threads)
            .run(graph, groups: groups, orders: orders)
        leaders = orders.map { ($0.name, $0.vertices.prefix(10).map { loaded.labels[$0] }) }
        cutOffs = groups.map { CriticalMembers().run(graph, groups: $0) } ?? []
        groupNames = zip(level.map { [$0] } ?? [], groups.map { [$0] } ?? []).map { loaded.displayNames(of: $1, at: $0) }.first ?? []
        labels = loaded.labels
    }

    private let labels: LabelTable

    /// Writes `id,group,members_cut_off`: each member whose departure alone would leave members of
    /// a group without a path to any other group, the most members first.
    public func writeCutOffs(to path: String) throws {
        var buffer = ByteBuffer()
        buffer.append("id,group,members_cut_off\n")
        for cut in cutOffs {
            buffer.append(csvField: labels[cut.member])
            buffer.append(",")
            buffer.append(csvField: groupNames[Int(cut.group)])
            buffer.append(",\(cut.membersCutOff)\n")
        }
        try writeAtomically(&buffer, to: path)
    }

    public var statistics: [(String, JSONValue)] {
        [("members", .int(members)), ("level", level.map { .string($0.description) } ?? .null),
         ("first_removed", .object(leaders.map { ($0.order, .array($0.members.map(JSONValue.string))) })),
         ("cut_offs", .int(cutOffs.count))]
    }

    /// Writes `order,removed,removed_share,largest_component_share,group_pairs_connected`, one row
    /// per order and step (group_pairs_connected empty without a level).
    public func write(to path: String?) throws {
        var buffer = ByteBuffer()
        buffer.append("order,removed,removed_share,largest_component_share,group_pairs_connected\n")
        for curve in result.curves {
            for (step, removed) in result.removed.enumerated() {
                buffer.append("\(curve.order),\(removed),")
                buffer.append(NumberFormatting.shortest(members > 0 ? Double(removed) / Double(members) : 0))
                buffer.append(",")
                buffer.append(NumberFormatting.shortest(curve.largestComponentShare[step]))
                buffer.append(",")
                if !curve.groupPairsConnected.isEmpty { buffer.append(NumberFormatting.shortest(curve.groupPairsConnected[step])) }
                buffer.appendNewline()
            }
        }
        try writeAtomically(&buffer, to: path)
    }

    /// The SVG chart: the largest connected share as members leave, one line per order and the
    /// random orders' range as a band.
    public var chart: String {
        let labels = result.removed.map { members > 0 ? "\(NumberFormatting.shortest((1000 * Double($0) / Double(members)).rounded() / 10))%" : "0%" }
        var chart = LineChart(title: "Share of members still in the largest connected group, as members leave", xLabels: labels)
        chart.percent = true
        chart.xTitle = "Share of members who left"
        let low = result.curves.first { $0.order == "random_low" }, high = result.curves.first { $0.order == "random_high" }
        for curve in result.curves where !curve.order.hasPrefix("random_") {
            let band = curve.order == "random" ? low.flatMap { l in high.map { (l.largestComponentShare, $0.largestComponentShare) } } : nil
            chart.add(LineChart.Series(name: String(curve.order.map { $0 == "_" ? " " : $0 }),
                                       values: curve.largestComponentShare, band: band))
        }
        return chart.svg
    }

    /// Writes ``chart`` to `path`.
    public func writeChart(to path: String) throws {
        var buffer = ByteBuffer()
        buffer.append(chart)
        try writeAtomically(&buffer, to: path)
    }
}
