@testable import MeshworkAlgorithms
import MeshworkCore
import Testing

/// The block-synchronous (multi-threaded) Louvain, Leiden and label propagation, run here on small
/// graphs with a lowered size threshold so that the blocked code is what is tested.
@Suite("Block-synchronous community detection")
struct BlockSynchronousCommunityTests {
    /// `groups` groups of `size` vertices; each vertex draws `inside` ties to random members of its
    /// group and `across` ties to random vertices anywhere (duplicates merged), weights 1...4 when
    /// `weighted`.
    static func grouped(groups: Int, size: Int, inside: Int, across: Int, seed: UInt64, weighted: Bool = false) -> CSRGraph {
        var rng = SplitMix64(seed: seed)
        let n = groups * size
        var edges = EdgeBuffer(weighted: weighted)
        for u in 0..<n {
            let group = u / size
            for k in 0..<(inside + across) {
                let v = k < inside ? group * size + rng.below(size) : rng.below(n)
                guard v != u else { continue }
                if weighted {
                    edges.append(Int32(u), Int32(v), weight: Double(1 + rng.below(4)))
                } else {
                    edges.append(Int32(u), Int32(v))
                }
            }
        }
        return edges.build(vertexCount: n, directed: false).graph
    }

    /// Louvain, Leiden or label propagation with the threshold lowered to `minimum` vertices.
    static func detect(_ detector: Detector, _ graph: CSRGraph, seed: UInt64, threads: Int, minimum: Int) -> CommunityResult {
        switch detector {
        case .louvain:
            var louvain = Louvain(seed: seed, threads: threads)
            louvain.minimumBlockedVertices = minimum
            return louvain.run(graph)
        case .leiden:
            var leiden = Leiden(seed: seed, threads: threads)
            leiden.minimumBlockedVertices = minimum
            return leiden.run(graph)
        case .labelPropagation:
            var propagation = LabelPropagation(seed: seed, threads: threads)
            propagation.minimumBlockedVertices = minimum
            return propagation.run(graph)
        }
    }

    @Test("the partition and counts are identical on 1, 2, 3 and 7 threads", arguments: Detector.allCases)
    func sameForAnyThreadCount(detector: Detector) {
        for (seed, weighted) in [(UInt64(1), false), (2, true), (3, false)] {
            let graph = Self.grouped(groups: 40, size: 60, inside: 6, across: 3, seed: seed, weighted: weighted)
            let one = Self.detect(detector, graph, seed: seed, threads: 1, minimum: 500)
            for threads in [2, 3, 7] {
                let other = Self.detect(detector, graph, seed: seed, threads: threads, minimum: 500)
                #expect(other.partition.group == one.partition.group, "\(detector) seed \(seed), \(threads) threads")
                #expect(other.quality.bitPattern == one.quality.bitPattern)
                #expect(other.moves == one.moves && other.iterations == one.iterations && other.levels == one.levels)
            }
        }
    }

    @Test("the blocked code runs above the threshold and the sequential code below it", arguments: Detector.allCases)
    func thresholdSwitches(detector: Detector) {
        let graph = Self.grouped(groups: 40, size: 60, inside: 6, across: 3, seed: 5)
        let sequential = Self.detect(detector, graph, seed: 5, threads: 2, minimum: graph.vertexCount + 1)
        let plain: CommunityResult
        switch detector {
        case .louvain: plain = Louvain(seed: 5, threads: 2).run(graph)
        case .leiden: plain = Leiden(seed: 5, threads: 2).run(graph)
        case .labelPropagation: plain = LabelPropagation(seed: 5, threads: 2).run(graph)
        }
        // Below the threshold: the sequential kernels, whatever the thread count.
        #expect(sequential.partition.group == plain.partition.group && sequential.moves == plain.moves)
        let blocked = Self.detect(detector, graph, seed: 5, threads: 2, minimum: graph.vertexCount)
        #expect(blocked.moves != sequential.moves || blocked.partition.group != sequential.partition.group)
    }

    @Test("modularity stays within 0.002 of the sequential code's, as a mean over seeds",
          arguments: [Detector.louvain, .leiden])
    func qualityHolds(detector: Detector) {
        for (inside, across) in [(6, 3), (5, 5)] {
            let graph = Self.grouped(groups: 50, size: 60, inside: inside, across: across, seed: UInt64(inside))
            var blocked = 0.0, sequential = 0.0
            for seed in 1...5 as ClosedRange<UInt64> {
                let b = Self.detect(detector, graph, seed: seed, threads: 2, minimum: 500)
                let s = Self.detect(detector, graph, seed: seed, threads: 2, minimum: graph.vertexCount + 1)
                #expect(abs(b.quality - Modularity().run(graph, partition: b.partition).quality) < 1e-9)
                blocked += b.quality / 5
                sequential += s.quality / 5
            }
            #expect(blocked >= sequential - 0.002, "\(detector) \(inside)/\(across): \(blocked) against \(sequential)")
        }
    }

    @Test("blocked Leiden's communities are connected")
    func leidenConnected() {
        for seed in 1...3 as ClosedRange<UInt64> {
            let graph = Self.grouped(groups: 30, size: 50, inside: 3, across: 2, seed: seed)
            let result = Self.detect(.leiden, graph, seed: seed, threads: 3, minimum: 500)
            #expect(groupsConnected(result.partition, in: graph), "seed \(seed)")
        }
    }

    @Test("blocked local moving ends where no single move raises modularity", arguments: [1, 2, 3])
    func blockedLocalOptimum(threads: Int) {
        let graph = LouvainLocalMovingTests.planted(groups: 6, size: 25, inside: 0.25, across: 0.05, seed: 6)
        let level = _CommunityGraph(graph, order: (0..<Int32(graph.vertexCount)).map { $0 }, quality: .modularity)
        let scale = _qualityScale(.modularity, resolution: 1, totalWeight: level.totalWeight)
        let mover = _LocalMoving(capacity: graph.vertexCount, schedule: _BlockSchedule(threads: threads, minimumVertices: 10))
        defer { mover.deallocate() }
        for seed in 0..<UInt64(6) {
            var rng = SplitMix64(seed: seed)
            var membership = (0..<Int32(graph.vertexCount)).map { $0 }
            let (moves, rounds) = Louvain.moveUntilStable(level, membership: &membership, scale: scale, mover: mover, rng: &rng)
            #expect(moves > 0 && rounds >= 2 && rounds < Louvain.maximumRounds)
            #expect(LouvainLocalMovingTests.bestSingleMove(graph, membership) <= 1e-12, "seed \(seed)")
        }
    }

    @Test("a selective refinement leaves the kept communities whole and refines the others",
          arguments: [Int.max, 10])
    func selectiveRefinement(minimum: Int) {
        let graph = Self.grouped(groups: 12, size: 30, inside: 4, across: 2, seed: 5, weighted: true)
        let n = graph.vertexCount
        let level = _CommunityGraph(graph, order: (0..<Int32(n)).map { $0 }, quality: .modularity)
        let scale = _qualityScale(.modularity, resolution: 1, totalWeight: level.totalWeight)
        let refiner = _Refinement(capacity: n, entries: graph.targets.count,
                                  schedule: _BlockSchedule(threads: 2, minimumVertices: minimum))
        defer { refiner.deallocate() }
        // The generated groups (30 consecutive vertices, connected) as communities; the even ones
        // are refined.
        let membership = (0..<Int32(n)).map { $0 / 30 }
        let marked = membership.map { $0 % 2 == 0 }
        let kept = membership.map { $0 % 2 == 0 ? -1 : $0 * 30 }
        var rng = SplitMix64(seed: 3)
        let refined = refiner.run(level, membership: membership, scale: scale, randomness: 0.01, kept: kept, rng: &rng)
        var pieces = [Set<Int32>](repeating: [], count: 12)
        for v in 0..<n {
            let c = Int(membership[v])
            // A piece is named by one of its vertices, in the same community.
            #expect(membership[Int(refined[v])] == membership[v])
            #expect(marked[v] || refined[v] == Int32(c * 30), "an unmarked community is one piece, named by its first vertex")
            pieces[c].insert(refined[v])
        }
        for c in stride(from: 0, to: 12, by: 2) {
            #expect(pieces[c].count > 1 && pieces[c].count < 30, "community \(c) is refined into pieces")
        }
        var numbered = refined, scratch: [Int32] = []
        _ = _renumber(&numbered, scratch: &scratch)
        #expect(groupsConnected(Partition(groups: numbered), in: graph), "every piece is connected")
    }

    @Test("a vertex refined alone does not join a kept piece that is not well connected to the rest of its community",
          arguments: [Int.max, 10])
    func keptPieceConnection(minimum: Int) {
        // One community: the kept piece K (a 5-clique, 0-4), vertex 5 tied to all of K and refined
        // alone, and the kept piece R (a 20-clique, 6-25) tied to K once. K's weight to the rest
        // (6) is below 26 · (412 − 26) / 412 ≈ 24.4, so 5, which would gain by joining K, stays alone.
        var edges = EdgeBuffer(weighted: false)
        for u in 0..<5 { for v in (u + 1)..<6 { edges.append(Int32(u), Int32(v)) } }
        for u in 6..<26 { for v in (u + 1)..<26 { edges.append(Int32(u), Int32(v)) } }
        edges.append(4, 6)
        let graph = edges.build(vertexCount: 26, directed: false).graph
        let level = _CommunityGraph(graph, order: (0..<26).map { $0 }, quality: .modularity)
        let scale = _qualityScale(.modularity, resolution: 1, totalWeight: level.totalWeight)
        let refiner = _Refinement(capacity: 26, entries: graph.targets.count,
                                  schedule: _BlockSchedule(threads: 2, minimumVertices: minimum))
        defer { refiner.deallocate() }
        let kept: [Int32] = (0..<26).map { $0 < 5 ? 0 : $0 == 5 ? -1 : 6 }
        for seed in UInt64(0)..<4 {
            var rng = SplitMix64(seed: seed)
            let refined = refiner.run(level, membership: [Int32](repeating: 0, count: 26), scale: scale,
                                      randomness: 0.01, kept: kept, rng: &rng)
            #expect(refined == kept.map { $0 < 0 ? 5 : $0 }, "seed \(seed)")
        }
    }

    @Test("a partition's quality is the quality of the graph aggregated by it", arguments: CommunityQuality.allCases)
    func partitionQuality(quality: CommunityQuality) {
        let graph = Self.grouped(groups: 10, size: 20, inside: 4, across: 3, seed: 2, weighted: true)
        let n = graph.vertexCount
        let base = _CommunityGraph(graph, order: (0..<Int32(n)).map { $0 }, quality: quality)
        let level = base.aggregated(membership: (0..<Int32(n)).map { $0 / 2 }, count: n / 2)
        var rng = SplitMix64(seed: 9)
        var scratch: [Int32] = []
        for _ in 0..<5 {
            var membership = (0..<Int32(level.vertexCount)).map { _ in Int32(rng.below(12)) }
            let count = _renumber(&membership, scratch: &scratch)
            let direct = level.quality(quality, of: membership, count: count, resolution: 0.7,
                                       totalWeight: base.totalWeight)
            let aggregated = level.aggregated(membership: membership, count: count)
                .ownQuality(quality, resolution: 0.7, totalWeight: base.totalWeight)
            #expect(abs(direct - aggregated) <= 1e-9 * max(1, abs(aggregated)))
        }
    }

    @Test("Leiden's settled rule: a blocked run from every vertex may stop early; from a partial frontier it does not")
    func settledRule() {
        let graph = Self.grouped(groups: 40, size: 60, inside: 6, across: 3, seed: 4)
        let n = graph.vertexCount
        let level = _CommunityGraph(graph, order: (0..<Int32(n)).map { $0 }, quality: .modularity)
        let scale = _qualityScale(.modularity, resolution: 1, totalWeight: level.totalWeight)
        let mover = _LocalMoving(capacity: n, schedule: _BlockSchedule(threads: 2, minimumVertices: 10))
        defer { mover.deallocate() }
        let frontier = (0..<n).map { $0 % 2 == 0 }
        var stoppedEarly = false
        for seed in 0..<UInt64(4) {
            func run(settled: Double, frontier: [Bool]? = nil) -> (moves: Int, membership: [Int32]) {
                var rng = SplitMix64(seed: seed)
                var membership = (0..<Int32(n)).map { $0 }
                let moves = mover.run(level, membership: &membership, scale: scale, allowEmpty: true,
                                      settledShare: settled, frontier: frontier, rng: &rng)
                return (moves, membership)
            }
            // The settled run is a prefix of the full run's sweeps.
            let settled = run(settled: _BlockSchedule.minimumMovesShare), full = run(settled: 0)
            #expect(settled.moves <= full.moves, "seed \(seed)")
            if settled.moves < full.moves { stoppedEarly = true }
            let fromFrontier = run(settled: _BlockSchedule.minimumMovesShare, frontier: frontier)
            #expect(fromFrontier.membership == run(settled: 0, frontier: frontier).membership, "seed \(seed)")
        }
        #expect(stoppedEarly)
    }

    @Test("a level with few vertices and many ties runs and is aggregated block-synchronously")
    func aggregationRangesFollowTies() {
        let schedule = _BlockSchedule(threads: 2)
        // gen100k's second Leiden level: 19,294 vertices, 1,211,530 entries, 3,962 communities.
        #expect(schedule.aggregationRanges(vertices: 19_294, entries: 1_211_530, communities: 3_962) == 61)
        #expect(schedule.aggregationRanges(vertices: 19_294, entries: 400_000, communities: 3_962) == 1)
        #expect(schedule.aggregationRanges(vertices: 60_000, entries: 100_000, communities: 10_000) == 64)
        #expect(schedule.aggregationRanges(vertices: 60_000, entries: 100_000, communities: 100) == 1)
        // The same level runs block-synchronously (2^20 entries or more), a dense 20,000-vertex
        // graph below that does not.
        #expect(schedule.isBlocked(19_294, entries: 1_211_530) && !schedule.isBlocked(19_294, entries: 400_000))
    }

    @Test("parallel aggregation builds the sequential graph bit for bit", arguments: [false, true])
    func aggregationMatches(weighted: Bool) {
        let graph = Self.grouped(groups: 20, size: 50, inside: 5, across: 3, seed: 9, weighted: weighted)
        let level = _CommunityGraph(graph, order: (0..<Int32(graph.vertexCount)).map { $0 }, quality: .modularity)
        var rng = SplitMix64(seed: 4)
        // 334 communities of three consecutive vertices, a random tenth of the vertices moved elsewhere.
        let count = 334
        var membership = (0..<Int32(graph.vertexCount)).map { $0 / 3 }
        for v in 0..<graph.vertexCount where rng.below(10) == 0 { membership[v] = Int32(rng.below(count)) }
        let sequential = level.aggregated(membership: membership, count: count)
        for threads in [1, 2, 5] {
            let parallel = level.aggregated(membership: membership, count: count,
                                            schedule: _BlockSchedule(threads: threads, minimumVertices: 10))
            #expect(parallel.offsets == sequential.offsets && parallel.targets == sequential.targets)
            #expect(parallel.weights.map(\.bitPattern) == sequential.weights.map(\.bitPattern))
            #expect(parallel.selfWeight.map(\.bitPattern) == sequential.selfWeight.map(\.bitPattern))
            #expect(parallel.nodeWeight.map(\.bitPattern) == sequential.nodeWeight.map(\.bitPattern))
        }
    }
}
