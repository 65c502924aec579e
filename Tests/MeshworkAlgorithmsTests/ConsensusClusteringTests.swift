import MeshworkAlgorithms
import MeshworkCore
import Testing

@Suite("ConsensusClustering")
struct ConsensusClusteringTests {
    //  0 - 1       3 - 4
    //   \ /         \ /
    //    2 --------- 5
    static let triangles = EdgeBuffer(edges: [(0, 1), (1, 2), (0, 2), (2, 5), (3, 4), (4, 5), (3, 5)])
        .build(vertexCount: 6, directed: false).graph

    //  two 5-cliques {0..4} and {5..9}, tied by 4 - 5
    static let cliques: CSRGraph = {
        var edges = EdgeBuffer()
        for base in [0, 5] {
            for u in 0..<5 { for v in (u + 1)..<5 { edges.append(Int32(base + u), Int32(base + v)) } }
        }
        edges.append(4, 5)
        return edges.build(vertexCount: 10, directed: false).graph
    }()
    static let halves = Partition(groups: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])

    /// On the input (unweighted) graph: `base` with one seeded random vertex moved to the other
    /// half. On a consensus graph (weighted): its components, when `settles`.
    static func flipping(_ base: Partition, settles: Bool) -> ConsensusClustering.Detection {
        { graph, seed in
            if settles && graph.isWeighted { return ConnectedComponents().run(graph).partition }
            var rng = SplitMix64(seed: seed)
            var groups = base.group
            let v = rng.below(groups.count)
            groups[v] = 1 - groups[v]
            return Partition(groups: groups)
        }
    }

    /// Stability by its definition, pair by pair.
    static func bruteStability(runs: [Partition], consensus: Partition) -> [Double] {
        let n = consensus.vertexCount
        return (0..<n).map { v in
            let mates = (0..<n).filter { $0 != v && consensus.group[$0] == consensus.group[v] }
            var total = 0.0
            for run in runs {
                let g = run.group[v]
                if mates.isEmpty {
                    let alone = g < 0 || !(0..<n).contains { $0 != v && run.group[$0] == g }
                    total += alone ? 1 : 0
                } else {
                    let shared = g < 0 ? 0 : mates.filter { run.group[$0] == g }.count
                    total += Double(shared) / Double(mates.count)
                }
            }
            return total / Double(runs.count)
        }
    }

    @Test("K identical runs: stability 1 everywhere, the same partition back, one round")
    func identical() {
        let p = Partition(groups: [1, 1, 1, 0, 0, 0])
        let result = ConsensusClustering(runs: 5).run(Self.triangles, seed: 3) { _, _ in p }
        #expect(result.partition.group == p.canonicalised().group)
        #expect(result.stability == [Double](repeating: 1, count: 6))
        #expect(result.rounds == 1 && result.converged)
        #expect(result.runs == [Partition](repeating: p, count: 5))
    }

    // consensus {0 1 2} {3}; run 1 {0 1} {2} {3}, run 2 {0 1 2} {3}
    @Test("stability: hand-computed shares and singletons")
    func handStability() {
        let consensus = Partition(groups: [0, 0, 0, 1])
        let runs = [Partition(groups: [0, 0, 1, 2]), Partition(groups: [0, 0, 0, 1])]
        let s = ConsensusClustering.stability(runs: runs, consensus: consensus)
        #expect(s == [0.75, 0.75, 0.5, 1])
        // Vertex 3 not alone in one run; vertex 2 unknown in one run.
        let other = [Partition(groups: [0, 0, 1, 1]), Partition(groups: [0, 0, -1, 1])]
        #expect(ConsensusClustering.stability(runs: other, consensus: consensus) == [0.5, 0.5, 0, 0.5])
        #expect(ConsensusClustering.stability(runs: runs, consensus: Partition(groups: [0, 0, -1, 1]))[2].isNaN)
    }

    //  0 - 1 - 2   runs [0,0,1] and [0,0,0]
    @Test("co-assignment fractions, parallel to the targets")
    func coassignment() {
        let path = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
        let w = ConsensusClustering.coassignment(path, runs: [Partition(groups: [0, 0, 1]), Partition(groups: [0, 0, 0])])
        #expect(w == [1, 1, 0.5, 0.5])
        let unknown = ConsensusClustering.coassignment(path, runs: [Partition(groups: [-1, -1, 0])])
        #expect(unknown == [0, 0, 0, 0])
    }

    @Test("one vertex flipped per run: the halves come back, stability as defined, settles in round 2")
    func flipping() {
        let detect = Self.flipping(Self.halves, settles: true)
        let result = ConsensusClustering(runs: 10).run(Self.cliques, seed: 11, detect: detect)
        #expect(result.partition == Self.halves)
        #expect(result.rounds == 2 && result.converged)
        #expect(result.runs.count == 10)
        #expect(result.runs.contains { $0 != Self.halves })
        #expect(result.stability == Self.bruteStability(runs: result.runs, consensus: result.partition))
        #expect(result.stability.allSatisfy { $0 >= 0.5 && $0 <= 1 })
        #expect(result.stability.contains { $0 < 1 })
    }

    @Test("runs that never agree stop after maximumRounds, with the components of the kept ties")
    func neverAgrees() {
        let detect = Self.flipping(Self.halves, settles: false)
        let result = ConsensusClustering(runs: 10, maximumRounds: 3).run(Self.cliques, seed: 11, detect: detect)
        #expect(result.rounds == 3 && !result.converged)
        #expect(result.partition == Self.halves)
    }

    @Test("a tie below the threshold splits; τ = 1 keeps only unanimous ties")
    func threshold() {
        // Runs: the halves, and the halves with vertex 2 alone: the ties of 2 have weight 1/2.
        let runs = [Self.halves.group, [0, 0, 2, 0, 0, 1, 1, 1, 1, 1]].map { Partition(groups: $0) }
        let strict = ConsensusClustering(runs: 2, threshold: 1)
            .consensus(Self.cliques, runs: runs, seed: 0) { _, _ in Issue.record("no second round"); return Partition(groups: []) }
        #expect(strict.partition.group == [1, 1, 2, 1, 1, 0, 0, 0, 0, 0])
        #expect(strict.converged && strict.rounds == 1)
    }

    @Test("the K runs get seeds S, S+1, ... and the result does not depend on the thread count",
          arguments: [UInt64(0), 5, 99])
    func threads(seed: UInt64) {
        let detect = Self.flipping(Self.halves, settles: true)
        let one = ConsensusClustering(runs: 7, threads: 1).run(Self.cliques, seed: seed, detect: detect)
        let two = ConsensusClustering(runs: 7, threads: 2).run(Self.cliques, seed: seed, detect: detect)
        let four = ConsensusClustering(runs: 7, threads: 4).run(Self.cliques, seed: seed, detect: detect)
        for other in [two, four] {
            #expect(other.partition == one.partition)
            #expect(other.runs == one.runs)
            #expect(other.stability == one.stability)
            #expect(other.rounds == one.rounds)
        }
        for k in 0..<7 { #expect(one.runs[k] == detect(Self.cliques, seed + UInt64(k))) }
    }

    @Test("directed graphs: ties of the undirected view")
    func directed() {
        let g = EdgeBuffer(edges: [(1, 0), (2, 1), (3, 4)]).build(vertexCount: 5, directed: true).graph
        let p = Partition(groups: [0, 0, 0, 1, 1])
        let result = ConsensusClustering(runs: 3).run(g, seed: 0) { _, _ in p }
        #expect(result.partition == p)
        #expect(result.converged)
    }

    @Test("random graphs and runs: consensus communities connected, stability as defined", arguments: 0..<15)
    func random(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 2 + rng.below(120)
        var edges = EdgeBuffer()
        for _ in 0..<(n * 2) { edges.append(Int32(rng.below(n)), Int32(rng.below(n))) }
        let graph = edges.build(vertexCount: n, directed: false).graph
        let groups = 1 + rng.below(6)
        // Each run: vertex v in group (v mod groups), a fifth of them moved at random.
        let detect: ConsensusClustering.Detection = { graph, seed in
            var rng = SplitMix64(seed: seed)
            return Partition(groups: (0..<graph.vertexCount).map { v in
                rng.below(5) == 0 ? Int32(rng.below(groups)) : Int32(v % groups)
            })
        }
        let result = ConsensusClustering(runs: 1 + rng.below(9), maximumRounds: 4, threads: 2)
            .run(graph, seed: seed, detect: detect)
        #expect(result.stability == Self.bruteStability(runs: result.runs, consensus: result.partition))
        #expect(result.stability.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Every consensus community is connected in the graph: its components are itself.
        let members = result.partition.members
        for c in 0..<result.partition.groupCount {
            var keep = [Bool](repeating: false, count: n)
            for v in members.vertices[Int(members.offsets[c]) ..< Int(members.offsets[c + 1])] { keep[Int(v)] = true }
            #expect(ConnectedComponents().run(graph.induced(keeping: keep).graph).count == 1)
        }
    }
}
