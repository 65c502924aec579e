@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("GrowthNetworkMeasures")
struct GrowthNetworkMeasuresTests {
    static let datasets = ["workplace-invs15", "email-eu-core", "karate-club"]

    /// Each period's network rebuilt from its records, with the from-scratch local clustering
    /// (averaged over the present members in member order) and the exact mean path length: what
    /// the measures were computed from before they were incremental.
    static func fromScratch(_ series: GrowthSeries.Result) -> (clustering: [Double], meanPath: [Double]) {
        let records = series.records
        guard let periods = records.periods else { return ([], []) }
        var clustering: [Double] = [], meanPath: [Double] = []
        for p in 0..<periods.count {
            let from = records.window.map { periods.startTime(max(0, p - $0 + 1)) }
            let graph = records.community.memberNetwork(from: from, through: periods.endTime(p), weighted: false).graph
            let present = (0..<graph.vertexCount).filter { records.presentFrom[$0] <= p }.map { VertexID($0) }
            let local = Clustering.local(graph, weighted: false)
            clustering.append(present.isEmpty ? .nan : present.reduce(0.0) { $0 + local[Int($1)] } / Double(present.count))
            let totals = Closeness(threads: 1).totals(graph, of: present)
            let pairs = totals.reached.reduce(0) { $0 + $1 - 1 }
            meanPath.append(pairs == 0 ? .nan : totals.distanceSum.reduce(0, +) / Double(pairs))
        }
        return (clustering, meanPath)
    }

    /// The same bits, NaN equal to NaN.
    static func identical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    static func checkExact(_ community: Community, period: PeriodLength, window: Int?) {
        let series = GrowthSeries(period: period, window: window).run(community)
        let expected = fromScratch(series)
        // One thread, and more workers than cores (a cumulative period's triangles are counted on
        // the workers).
        for threads in [1, 3] {
            let measures = GrowthNetworkMeasures(seed: 3, exactPathLimit: Int.max, threads: threads).run(series)
            let context = "\(period) window \(String(describing: window)), \(threads) threads"
            #expect(measures.clustering.count == series.count)
            #expect(identical(measures.clustering, expected.clustering), "\(context)")
            #expect(identical(measures.meanPathLength, expected.meanPath), "\(context)")
            #expect(measures.meanPathLengthError.allSatisfy { $0 == 0 || $0.isNaN })
        }
    }

    @Test("incremental clustering and exact path lengths equal the from-scratch ones on fixtures",
          arguments: datasets, [PeriodLength.month, .quarter])
    func exactOnFixtures(dataset: String, period: PeriodLength) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        for window in [nil, 1, 3] { Self.checkExact(community, period: period, window: window) }
    }

    @Test("the member network as the network of all time gives the same measures", arguments: datasets)
    func sharedNetwork(dataset: String) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        let network = community.memberNetwork(weighted: true).graph
        for window in [nil, 2] {
            let series = GrowthSeries(period: .month, window: window).run(community)
            let measures = GrowthNetworkMeasures(seed: 4, exactPathLimit: 50)
            #expect(measures.run(series, network: network) == measures.run(series), "window \(String(describing: window))")
        }
    }

    @Test("incremental clustering equals the from-scratch one on seeded random communities", arguments: 0..<8)
    func exactOnRandomCommunities(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 700)
        let community = GrowthRandomTests.community(seed: UInt64(seed) &+ 40, members: 5 + rng.below(80),
                                                    interactions: 50 + rng.below(900), days: 400)
        for period in [PeriodLength.week, .month, .quarter] {
            for window in [nil, 1, 2, 4] { Self.checkExact(community, period: period, window: window) }
        }
    }

    @Test("a sampled mean path length lies within four standard errors of the exact one", arguments: datasets)
    func sampleBound(dataset: String) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        for window in [nil, 2] {
            let series = GrowthSeries(period: .month, window: window).run(community)
            let exact = Self.fromScratch(series).meanPath
            let sampled = GrowthNetworkMeasures(seed: 11, exactPathLimit: 0, sampledSources: 8, threads: 2).run(series)
            var checked = 0
            for p in 0..<series.count where sampled.meanPathLengthError[p].isFinite && sampled.meanPathLengthError[p] > 0 {
                checked += 1
                #expect(abs(sampled.meanPathLength[p] - exact[p]) <= 4 * sampled.meanPathLengthError[p],
                        "period \(p): \(sampled.meanPathLength[p]) ± \(sampled.meanPathLengthError[p]) against \(exact[p])")
                #expect(sampled.pathSources[p] == 8)
            }
            #expect(checked > 0)
        }
    }

    @Test("the standard error is the ratio estimator's")
    func standardError() {
        // Sources reaching 3, 5 and 4 pairs at distance sums 6, 12 and 9 of a population of 10.
        let estimate = GrowthNetworkMeasures.meanPath(distanceSums: [6, 12, 9], reached: [4, 6, 5], population: 10)
        let r = 27.0 / 12.0
        let squares = [(6.0, 3.0), (12, 5), (9, 4)].reduce(0.0) { $0 + ($1.0 - r * $1.1) * ($1.0 - r * $1.1) }
        #expect(estimate.mean == r)
        #expect(abs(estimate.standardError - (0.7 * squares / 6).squareRoot() / 4) < 1e-15)
        #expect(GrowthNetworkMeasures.meanPath(distanceSums: [6, 12], reached: [4, 6], population: 2).standardError == 0)
    }

    @Test("warm-started Leiden stays close to the cold run on fixtures", arguments: datasets)
    func warmStartQuality(dataset: String) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        for window in [nil, 2] {
            let series = GrowthSeries(period: .month, window: window).run(community)
            let warm = GrowthNetworkMeasures(seed: 5, exactPathLimit: 0, sampledSources: 2).run(series)
            let cold = GrowthNetworkMeasures(seed: 5, exactPathLimit: 0, sampledSources: 2, warmStart: false).run(series)
            let plain = GrowthNetworkMeasures(seed: 5, exactPathLimit: 0, sampledSources: 2, dynamicFrontier: false).run(series)
            for p in 0..<series.count {
                #expect(warm.modularity[p] >= cold.modularity[p] - 0.02, "period \(p): \(warm.modularity[p]) against \(cold.modularity[p])")
                #expect(plain.modularity[p] >= cold.modularity[p] - 0.02, "period \(p) without the frontier")
            }
        }
    }

    @Test("a period that adds and removes no tie keeps the previous period's partition")
    func unchangedPeriod() throws {
        let community = try #require(try Fixtures.load("workplace-invs15").community)
        let series = GrowthSeries(period: .day).run(community)
        let measures = GrowthNetworkMeasures(seed: 5, exactPathLimit: 0, sampledSources: 2).run(series)
        var checked = 0
        for p in 1..<series.count where series.rows[p].newTies == 0 && series.rows[p].lostTies == 0 && series.rows[p].ties > 0 {
            checked += 1
            #expect(abs(measures.modularity[p] - measures.modularity[p - 1]) < 1e-12, "period \(p)")
        }
        #expect(checked > 0)
    }
}

@Suite("Leiden warm start")
struct LeidenWarmStartTests {
    /// Whether every group of `partition` induces a connected subgraph of `graph`.
    static func connected(_ graph: CSRGraph, _ partition: Partition) -> Bool {
        var seen = [Bool](repeating: false, count: graph.vertexCount)
        var started = Set<Int32>()
        for s in 0..<graph.vertexCount where !seen[s] {
            let g = partition.group[s]
            guard started.insert(g).inserted else { return false }
            seen[s] = true
            var stack = [s]
            while let u = stack.popLast() {
                for q in graph.row(VertexID(u)) {
                    let v = Int(graph.targets[q])
                    if !seen[v] && partition.group[v] == g { seen[v] = true; stack.append(v) }
                }
            }
        }
        return true
    }

    @Test("communities are connected from a disconnected start", arguments: ["karate/karate.edges", "ca-grqc/ca-grqc.edges"])
    func connectedFromRandomStart(dataset: String) throws {
        let graph = try Fixtures.load(dataset).graph
        var rng = SplitMix64(seed: 8)
        // Four random groups, most of them disconnected, and some vertices without a group.
        let initial = Partition(groups: (0..<graph.vertexCount).map { _ in rng.below(5) == 0 ? Partition.unknown : Int32(rng.below(4)) })
        let warm = Leiden(seed: 2).run(graph, initial: initial)
        #expect(Self.connected(graph, warm.partition))
        #expect(abs(warm.quality - Modularity().run(graph, partition: warm.partition).quality) < 1e-9)
        let cold = Leiden(seed: 2).run(graph)
        // Started from the cold partition, Leiden keeps (at least nearly) its quality.
        let again = Leiden(seed: 2).run(graph, initial: cold.partition)
        #expect(Self.connected(graph, again.partition))
        #expect(again.quality >= cold.quality - 1e-3)
    }
}

@Suite("Leiden dynamic frontier")
struct LeidenFrontierTests {
    /// Whether `a` and `b` group the vertices alike (the same groups, whatever their ids).
    static func sameGroups(_ a: Partition, _ b: Partition) -> Bool {
        guard a.vertexCount == b.vertexCount else { return false }
        var forward: [Int32: Int32] = [:], backward: [Int32: Int32] = [:]
        for (x, y) in zip(a.group, b.group) {
            if forward[x, default: y] != y || backward[y, default: x] != x { return false }
            forward[x] = y
            backward[y] = x
        }
        return true
    }

    /// `graph` (groups of `size` consecutive vertices) with `count` random vertices each tied to
    /// eight random members of another random group (duplicates merged), and the ends of the new ties.
    static func grown(_ graph: CSRGraph, size: Int, by count: Int, seed: UInt64) -> (graph: CSRGraph, frontier: [VertexID]) {
        var rng = SplitMix64(seed: seed)
        var edges = EdgeBuffer(weighted: false)
        for u in 0..<graph.vertexCount {
            for q in graph.row(VertexID(u)) where Int(graph.targets[q]) > u { edges.append(Int32(u), graph.targets[q]) }
        }
        var frontier: [VertexID] = []
        for _ in 0..<count {
            let u = Int32(rng.below(graph.vertexCount))
            let group = rng.below(graph.vertexCount / size)
            for _ in 0..<8 {
                let v = Int32(group * size + rng.below(size))
                guard u != v else { continue }
                edges.append(u, v)
                frontier += [u, v]
            }
        }
        return (edges.build(vertexCount: graph.vertexCount, directed: false).graph, frontier)
    }

    /// Whether a Leiden result's communities are connected and its quality is their modularity.
    static func isSound(_ result: Leiden.Result, in graph: CSRGraph) -> Bool {
        LeidenWarmStartTests.connected(graph, result.partition)
            && abs(result.quality - Modularity().run(graph, partition: result.partition).quality) < 1e-9
    }

    static func leiden(seed: UInt64, threads: Int, blockedFrom minimum: Int) -> Leiden {
        var leiden = Leiden(seed: seed, iterations: 1, threads: threads)
        leiden.minimumBlockedVertices = minimum
        return leiden
    }

    @Test("a frontier of every vertex gives the plain warm start's result, sequential and blocked",
          arguments: [Int.max, 200])
    func everyVertexQueued(minimum: Int) throws {
        let base = BlockSynchronousCommunityTests.grouped(groups: 30, size: 40, inside: 5, across: 2, seed: 4)
        let start = Self.leiden(seed: 1, threads: 2, blockedFrom: minimum).run(base)
        let (graph, _) = Self.grown(base, size: 40, by: 100, seed: 9)
        let all = (0..<Int32(graph.vertexCount)).map { $0 }
        for seed in [UInt64(2), 3] {
            let plain = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum).run(graph, initial: start.partition)
            let queued = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum)
                .run(graph, initial: start.partition, frontier: all.reversed())
            #expect(queued.partition == plain.partition)
            #expect(queued.quality.bitPattern == plain.quality.bitPattern)
            #expect(queued.moves == plain.moves && queued.levels == plain.levels)
        }
    }

    @Test("a start known to be connected is not split, with the same result", arguments: [Int.max, 200])
    func connectedStart(minimum: Int) {
        let base = BlockSynchronousCommunityTests.grouped(groups: 30, size: 40, inside: 5, across: 2, seed: 14)
        let start = Self.leiden(seed: 1, threads: 2, blockedFrom: minimum).run(base)
        // Ties only added: the start's communities stay connected.
        let (graph, frontier) = Self.grown(base, size: 40, by: 100, seed: 15)
        for seed in [UInt64(2), 3] {
            let split = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum)
                .run(graph, initial: start.partition, frontier: frontier)
            let kept = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum)
                .run(graph, initial: start.partition, initialIsConnected: true, frontier: frontier)
            #expect(kept.partition == split.partition)
            #expect(kept.quality.bitPattern == split.quality.bitPattern)
            #expect(kept.moves == split.moves && kept.levels == split.levels)
        }
    }

    @Test("a settled warm run stops at its first block-synchronous aggregated level, connected, its quality its modularity",
          arguments: [Int.max, 200])
    func settledWarmRun(minimum: Int) {
        let base = BlockSynchronousCommunityTests.grouped(groups: 40, size: 50, inside: 5, across: 2, seed: 16)
        let start = Self.leiden(seed: 1, threads: 2, blockedFrom: minimum).run(base)
        let (graph, frontier) = Self.grown(base, size: 50, by: 20, seed: 17)
        let warm = Self.leiden(seed: 5, threads: 2, blockedFrom: minimum).run(graph, initial: start.partition, frontier: frontier)
        // Only a block-synchronous level stops early.
        #expect((warm.levels == 1) == (minimum == 200))
        #expect(Self.isSound(warm, in: graph))
        // Not far below a cold run on the grown graph.
        #expect(warm.quality >= Self.leiden(seed: 5, threads: 2, blockedFrom: minimum).run(graph).quality - 0.01)
    }

    @Test("refining only the moved vertices (block-synchronous graphs): connected, its quality its modularity, close to the full refinement, any thread count",
          arguments: [Int.max, 200])
    func movedOnly(minimum: Int) {
        let base = BlockSynchronousCommunityTests.grouped(groups: 40, size: 50, inside: 5, across: 2, seed: 18)
        let start = Self.leiden(seed: 1, threads: 2, blockedFrom: minimum).run(base)
        let (graph, frontier) = Self.grown(base, size: 50, by: 150, seed: 19)
        for seed in [UInt64(2), 3] {
            let full = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum)
                .run(graph, initial: start.partition, initialIsConnected: true, frontier: frontier)
            let moved = Self.leiden(seed: seed, threads: 2, blockedFrom: minimum)
                .run(graph, initial: start.partition, initialIsConnected: true, frontier: frontier, refineMovedOnly: true)
            #expect(moved.moves > 0)
            // Only a block-synchronous graph refines the moved vertices alone.
            #expect((moved.partition == full.partition) == (minimum == Int.max), "seed \(seed)")
            #expect(Self.isSound(moved, in: graph))
            #expect(moved.quality >= full.quality - 0.01, "seed \(seed): \(moved.quality) against \(full.quality)")
            for threads in [1, 3] {
                let other = Self.leiden(seed: seed, threads: threads, blockedFrom: minimum)
                    .run(graph, initial: start.partition, initialIsConnected: true, frontier: frontier, refineMovedOnly: true)
                #expect(other.partition == moved.partition, "\(threads) threads")
                #expect(other.quality.bitPattern == moved.quality.bitPattern)
            }
        }
    }

    @Test("kept pieces: the stayers of a community, split where a leaver disconnected them; unchanged communities whole")
    func keptPieces() {
        // Community 0 is the path 0-1-2-3-4, community 5 the triangle 5-6-7, community 8 the tie 8-9.
        var edges = EdgeBuffer(weighted: false)
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 4), (5, 6), (6, 7), (5, 7), (2, 5), (8, 9), (4, 8)] {
            edges.append(Int32(u), Int32(v))
        }
        let graph = edges.build(vertexCount: 10, directed: false).graph
        let level = _CommunityGraph(graph, order: (0..<10).map { $0 }, quality: .modularity)
        let before: [Int32] = [0, 0, 0, 0, 0, 5, 5, 5, 8, 8]
        var after = before
        after[2] = 5  // 2 leaves the path for the triangle
        #expect(Leiden.keptPieces(level, from: before, to: after, movedOnly: true) == [0, 0, -1, 3, 3, 5, 5, 5, 8, 8])
        // Refining whole every community that gained or lost a vertex.
        #expect(Leiden.keptPieces(level, from: before, to: after, movedOnly: false) == [-1, -1, -1, -1, -1, -1, -1, -1, 8, 8])
        // A leaver at the end of the path leaves the rest connected.
        after = before
        after[4] = 8
        #expect(Leiden.keptPieces(level, from: before, to: after, movedOnly: true) == [0, 0, 0, 0, -1, 5, 5, 5, 8, 8])
    }

    @Test("an empty frontier leaves the starting partition as it is", arguments: [Int.max, 200])
    func emptyFrontier(minimum: Int) throws {
        let graph = BlockSynchronousCommunityTests.grouped(groups: 30, size: 40, inside: 5, across: 2, seed: 6)
        let cold = Self.leiden(seed: 1, threads: 2, blockedFrom: minimum).run(graph)
        let again = Self.leiden(seed: 7, threads: 2, blockedFrom: minimum).run(graph, initial: cold.partition, frontier: [])
        #expect(Self.sameGroups(again.partition, cold.partition))
        #expect(again.moves == 0 && again.levels == 0)
        #expect(abs(again.quality - cold.quality) < 1e-12)
        // A disconnected start comes back as its connected pieces.
        let karate = try Fixtures.load("karate/karate.edges").graph
        let split = Partition(groups: (0..<Int32(karate.vertexCount)).map { $0 % 2 })
        let pieces = Leiden(seed: 3).run(karate, initial: split, frontier: [])
        #expect(Self.isSound(pieces, in: karate))
    }

    @Test("a frontier run is connected, close to the warm start, and the same on any thread count")
    func frontierRun() {
        let base = BlockSynchronousCommunityTests.grouped(groups: 40, size: 50, inside: 5, across: 2, seed: 12)
        let start = Self.leiden(seed: 1, threads: 1, blockedFrom: 300).run(base)
        let (graph, frontier) = Self.grown(base, size: 50, by: 100, seed: 13)
        let one = Self.leiden(seed: 4, threads: 1, blockedFrom: 300).run(graph, initial: start.partition, frontier: frontier)
        #expect(one.moves > 0)
        #expect(Self.isSound(one, in: graph))
        let plain = Self.leiden(seed: 4, threads: 1, blockedFrom: 300).run(graph, initial: start.partition)
        #expect(one.quality >= plain.quality - 0.02)
        for threads in [2, 3] {
            let other = Self.leiden(seed: 4, threads: threads, blockedFrom: 300)
                .run(graph, initial: start.partition, frontier: frontier)
            #expect(other.partition == one.partition, "\(threads) threads")
            #expect(other.quality.bitPattern == one.quality.bitPattern)
        }
    }
}
