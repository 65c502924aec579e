import Foundation
@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

/// Every weighted kernel on weights anywhere in ``AcceptedWeights/range``: finite results, no trap.
@Suite("Weights across the accepted range")
struct ExtremeWeightTests {

    /// How a case draws its weights.
    enum Draw: CaseIterable {
        case logUniform, allLowest, allHighest, bothEnds

        func weight(_ stream: inout SplitMix64) -> Double {
            let (low, high) = (AcceptedWeights.range.lowerBound, AcceptedWeights.range.upperBound)
            switch self {
            case .logUniform:
                let exponent = log10(low) + stream.unit() * (log10(high) - log10(low))
                return min(max(pow(10, exponent), low), high)
            case .allLowest: return low
            case .allHighest: return high
            case .bothEnds: return stream.below(2) == 0 ? low : high
            }
        }
    }

    /// A random graph of `n` vertices: a ring (so that it is connected) plus random chords, one
    /// record per pair of vertices (the readers reject pairs whose records sum above the range), in
    /// a random direction.
    static func graph(seed: UInt64, n: Int, draw: Draw, directed: Bool) -> CSRGraph {
        var stream = SplitMix64(seed: seed)
        var edges = EdgeBuffer(weighted: true)
        var pairs = Set<Int>()
        func add(_ u: Int, _ v: Int) {
            guard u != v, pairs.insert(min(u, v) * n + max(u, v)).inserted else { return }
            let (a, b) = stream.below(2) == 0 ? (u, v) : (v, u)
            edges.append(Int32(a), Int32(b), weight: draw.weight(&stream))
        }
        for v in 0..<n { add(v, (v + 1) % n) }
        for _ in 0 ..< 2 * n { add(stream.below(n), stream.below(n)) }
        return edges.build(vertexCount: n, directed: directed).graph
    }

    static func finite(_ values: [Double], _ what: String, _ draw: Draw, _ seed: UInt64,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let bad = values.indices.filter { !values[$0].isFinite }
        #expect(bad.isEmpty, "\(what) (\(draw), seed \(seed)): not finite at \(bad.prefix(5)): \(bad.prefix(5).map { values[$0] })",
                sourceLocation: sourceLocation)
    }

    static let seeds: [UInt64] = [1, 2, 3]

    @Test("centrality measures give finite scores", arguments: Draw.allCases, [false, true])
    func centrality(draw: Draw, directed: Bool) {
        for seed in Self.seeds {
            let g = Self.graph(seed: seed, n: 40, draw: draw, directed: directed)
            Self.finite(Strength().run(g).strengths, "strength", draw, seed)
            Self.finite(Strength(direction: .in).run(g).strengths, "in-strength", draw, seed)
            Self.finite(Betweenness(weighted: true).run(g).scores, "betweenness", draw, seed)
            Self.finite(EdgeBetweenness(weighted: true).run(g).scores, "edge betweenness", draw, seed)
            let closeness = Closeness(weighted: true).run(g)
            Self.finite(closeness.closeness, "closeness", draw, seed)
            Self.finite(closeness.harmonic, "harmonic", draw, seed)
            let eigenvector = EigenvectorCentrality(weighted: true).run(g).scores
            Self.finite(eigenvector, "eigenvector", draw, seed)
            #expect(abs(eigenvector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9, "eigenvector norm (\(draw), seed \(seed))")
            let pagerank = PageRank(weighted: true).run(g).scores
            Self.finite(pagerank, "pagerank", draw, seed)
            #expect(abs(pagerank.reduce(0, +) - 1) < 1e-9, "pagerank sum (\(draw), seed \(seed))")
            // The default alpha diverges on weights far above 1, and says so; an alpha below
            // 1 / (the largest strength) converges to finite scores.
            let katz = KatzCentrality(weighted: true).run(g)
            if katz.converged { Self.finite(katz.scores, "katz", draw, seed) }
            if draw != .allLowest { #expect(!katz.converged && katz.iterations < 10_000, "katz (\(draw), seed \(seed))") }
            let largest = Strength().run(g).strengths.max()!
            let scaled = KatzCentrality(alpha: 0.5 / largest, weighted: true).run(g)
            #expect(scaled.converged, "katz with alpha 0.5 / \(largest) (\(draw), seed \(seed))")
            Self.finite(scaled.scores, "katz, scaled alpha", draw, seed)
            Self.finite(Clustering(weighted: true, computesTransitivity: false).run(g).local, "clustering", draw, seed)
        }
    }

    /// A chain of `k` diamonds `c(i) - {a(i), b(i)} - c(i+1)` at the largest accepted weight:
    /// 2^k shortest paths end to end, more than a Double counts for k > 1023. Vertex `3i` is c(i),
    /// `3i + 1` and `3i + 2` are a(i) and b(i).
    static func diamonds(_ k: Int) -> CSRGraph {
        let weight = AcceptedWeights.range.upperBound
        var edges = EdgeBuffer(weighted: true)
        for i in 0..<k {
            let (c, a, b, next) = (Int32(3 * i), Int32(3 * i + 1), Int32(3 * i + 2), Int32(3 * i + 3))
            for middle in [a, b] {
                edges.append(c, middle, weight: weight)
                edges.append(middle, next, weight: weight)
            }
        }
        return edges.build(vertexCount: 3 * k + 1, directed: false).graph
    }

    /// The searches from the two ends of 1,100 diamonds, which count 2^1100 paths and fall back to
    /// log2 counts: every shortest path from c(0) to a vertex past c(i) passes through c(i), and
    /// half of those to c(i+1) and beyond through a(i), so c(i)'s dependency is the number of
    /// vertices past it and a(i)'s half the number from c(i+1) on; from the other end, c(i)'s is
    /// the number before it. The tie c(i) - a(i) carries the path to a(i) and half of the others. (The whole betweenness,
    /// every source, is `largeManyShortestPaths`.)
    @Test("weighted betweenness past 2^1024 shortest paths, from the overflowing sources")
    func manyShortestPaths() {
        let k = 1100, n = 3 * k + 1
        let g = Self.diamonds(k)
        let kernel = Betweenness(weighted: true)
        let fromFirst = kernel._dependencies(g, sources: [0], edges: false)
        let fromLast = kernel._dependencies(g, sources: [Int32(n - 1)], edges: false)
        let edges = kernel._dependencies(g, sources: [0], edges: true)
        Self.finite(fromFirst + fromLast, "dependencies on diamonds", .allHighest, 0)
        Self.finite(edges, "edge dependencies on diamonds", .allHighest, 0)
        for i in [1, 700, 1024, 1099] {
            let before = Double(3 * i), after = Double(n - 3 * i - 1)
            #expect(agrees(fromFirst[3 * i], after, tolerance: 1e-9), "c(\(i)) from c(0): \(fromFirst[3 * i]) vs \(after)")
            #expect(agrees(fromLast[3 * i], before, tolerance: 1e-9), "c(\(i)) from c(k): \(fromLast[3 * i]) vs \(before)")
            #expect(agrees(fromFirst[3 * i + 1], (after - 2) / 2, tolerance: 1e-9), "a(\(i)) from c(0): \(fromFirst[3 * i + 1])")
            let tie = g.edgeIndex(Int32(3 * i), Int32(3 * i + 1))!
            #expect(agrees(edges[tie], 1 + (after - 2) / 2, tolerance: 1e-9), "c(\(i)) - a(\(i)) from c(0): \(edges[tie])")
        }
    }

    /// The whole betweenness of the 1,100 diamonds, every source (the ends' searches overflow, the
    /// middle's do not): every path between the two sides of a cut vertex c(i) passes through it,
    /// and so does one of the two between a(i-1) and b(i-1), and between a(i) and b(i):
    /// betweenness (left vertices) x (right vertices) + 1/2 + 1/2.
    @Test("weighted betweenness past 2^1024 shortest paths, every source", .tags(.large), .largeLane)
    func largeManyShortestPaths() {
        let k = 1100, n = 3 * k + 1
        let g = Self.diamonds(k)
        let scores = Betweenness(weighted: true).run(g).scores
        Self.finite(scores, "betweenness on diamonds", .allHighest, 0)
        for i in [1, 700, 1024, 1099] {
            let left = Double(3 * i), right = Double(n - 3 * i - 1)
            #expect(agrees(scores[3 * i], left * right + 1, tolerance: 1e-9), "c(\(i)): \(scores[3 * i]) vs \(left * right + 1)")
        }
        Self.finite(EdgeBetweenness(weighted: true).run(g).scores, "edge betweenness on diamonds", .allHighest, 0)
    }

    /// A heavy ring with light chords: the light weights vanish in sums of heavy ones (a weight
    /// below distance / 2^53 adds nothing), so many ties have zero length in floating point; the
    /// searches must still give finite, non-negative scores.
    @Test("weighted betweenness when light weights vanish in heavy distances")
    func absorbed() {
        var stream = SplitMix64(seed: 7)
        var edges = EdgeBuffer(weighted: true)
        let n = 300
        for v in 0..<n { edges.append(Int32(v), Int32((v + 1) % n), weight: 1e100) }
        for _ in 0 ..< 3 * n {
            let (u, v) = (stream.below(n), stream.below(n))
            if u != v && (u - v + n) % n != 1 && (v - u + n) % n != 1 { edges.append(Int32(u), Int32(v), weight: 1e-100) }
        }
        let g = edges.build(vertexCount: n, directed: false).graph
        for scores in [Betweenness(weighted: true).run(g).scores, EdgeBetweenness(weighted: true).run(g).scores] {
            Self.finite(scores, "betweenness, absorbed weights", .bothEnds, 7)
            #expect(scores.allSatisfy { $0 >= 0 })
        }
    }

    @Test("communities, modularity and the quotient graph stay finite", arguments: Draw.allCases)
    func communities(draw: Draw) {
        for seed in Self.seeds {
            let g = Self.graph(seed: seed, n: 60, draw: draw, directed: false)
            for quality in CommunityQuality.allCases {
                let louvain = Louvain(seed: seed, quality: quality).run(g)
                let leiden = Leiden(seed: seed, quality: quality).run(g)
                Self.finite([louvain.quality, leiden.quality], "Louvain and Leiden \(quality)", draw, seed)
                #expect(louvain.partition.groupCount >= 1 && leiden.partition.groupCount >= 1)
            }
            let partition = Louvain(seed: seed).run(g).partition
            let q = Modularity().run(g, partition: partition).quality
            Self.finite([q, Modularity(quality: .cpm).run(g, partition: partition).quality], "modularity", draw, seed)
            #expect(q >= -0.5 && q <= 1, "modularity \(q) (\(draw), seed \(seed))")
            let quotient = g.quotient(by: partition)
            Self.finite(quotient.tieWeights + quotient.internalWeight, "quotient", draw, seed)
            let mixing = GroupMixing().run(g, partitions: [partition])[0]
            Self.finite(mixing.internalWeight + mixing.externalWeight, "group mixing", draw, seed)
        }
    }

    @Test("structural holes and module roles stay finite", arguments: Draw.allCases)
    func brokers(draw: Draw) {
        for seed in Self.seeds {
            let g = Self.graph(seed: seed, n: 40, draw: draw, directed: false)
            let holes = StructuralHoles(weighted: true).run(g)
            Self.finite(holes.constraint, "constraint", draw, seed)
            Self.finite(holes.effectiveSize, "effective size", draw, seed)
            let groups = Partition(groups: (0..<g.vertexCount).map { Int32($0 % 4) })
            let roles = ModuleRoles(weighted: true).run(g, partition: groups)
            Self.finite(roles.participation, "participation", draw, seed)
            Self.finite(roles.zScore, "z-score", draw, seed)
            #expect(roles.role.allSatisfy { $0 != nil })
        }
    }
}
