@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

/// The shortcuts of issue 15's kernel work give the numbers of the plain algorithms they replace:
/// betweenness's twin classes, label propagation's skipped vertices, clustering's workers.
@Suite("Kernel shortcuts")
struct KernelShortcutTests {
    /// Two 4-cliques joined through vertex 3 - 4, three leaves on vertex 0, two non-adjacent
    /// vertices (12, 13) with the same neighbours {8, 9}, and an isolated vertex 14.
    static func twinGraph() -> CSRGraph {
        var edges = EdgeBuffer(weighted: false)
        for clique in [[0, 1, 2, 3], [4, 5, 6, 7]] {
            for i in clique.indices { for j in clique.indices where i < j { edges.append(Int32(clique[i]), Int32(clique[j])) } }
        }
        for (u, v) in [(3, 4), (0, 9), (0, 10), (0, 11), (7, 8), (8, 12), (8, 13), (9, 12), (9, 13), (5, 8)] {
            edges.append(Int32(u), Int32(v))
        }
        return edges.build(vertexCount: 15, directed: false).graph
    }

    @Test("twin classes: closed and open neighbourhoods, smallest vertex first")
    func twinClasses() {
        let twins = _TwinClasses(Self.twinGraph())
        // {1, 2}: N[1] = N[2] = {0, 1, 2, 3}; {5, 7}: N[5] = N[7] = {4, 5, 6, 7, 8}; {10, 11}:
        // N = {0}; {12, 13}: N = {8, 9}; 4 and 6 alone (N[4] holds 3, N[6] lacks 8); 14 isolated.
        // The leaves 10 and 11 then join vertex 0's class.
        let classes = Dictionary(uniqueKeysWithValues: zip(twins.representatives, twins.sizes))
        #expect(classes == [0: 3, 1: 2, 3: 1, 4: 1, 5: 2, 6: 1, 8: 1, 9: 1, 12: 2, 14: 1])
        #expect(twins.leafParents.map(\.vertex) == [0] && twins.leafParents.map(\.leaves) == [2])
        #expect(twins.representatives == twins.representatives.sorted())
    }

    @Test("betweenness with twin classes equals the search from every vertex", arguments: 0 ..< 12)
    func twinsAgreeWithEverySource(seed: UInt64) {
        // Random graphs rich in twins: cliques (papers) over few members, pairs (leaves).
        var rng = SplitMix64(seed: seed &+ 401)
        let n = 30 + rng.below(60)
        var edges = EdgeBuffer(weighted: false)
        for _ in 0 ..< n / 3 {
            let size = 2 + rng.below(4)
            let members = (0 ..< size).map { _ in Int32(rng.below(n)) }
            for i in members.indices { for j in members.indices where members[i] < members[j] { edges.append(members[i], members[j]) } }
        }
        let g = edges.build(vertexCount: n, directed: false).graph
        let plain = Betweenness(threads: 1)._dependencies(g, sources: (0 ..< Int32(n)).map { $0 }, edges: false,
                                                            renumberFrom: nil).map { $0 * 0.5 }
        let twins = _TwinClasses(g)
        #expect(twins.sizes.reduce(0, +) == Double(n))
        let folded = Betweenness(threads: 1).run(g).scores
        for v in 0 ..< n {
            #expect(abs(folded[v] - plain[v]) <= 1e-12 * max(1, plain[v]), "vertex \(v): \(folded[v]) vs \(plain[v])")
        }
        for threads in [2, 3] {
            #expect(bits(Betweenness(threads: threads).run(g).scores) == bits(folded))
        }
        let reference = CentralityReference(g, weighted: false).vertexBetweenness()
        #expect(zip(folded, reference).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
    }

    /// Label propagation as it was before vertices were skipped: every vertex evaluated in every sweep.
    static func everyVertexEverySweep(_ graph: CSRGraph, seed: UInt64) -> (Partition, Int, Int) {
        let order = (0 ..< Int32(graph.vertexCount)).map { $0 }
        let work = _CommunityGraph(graph, order: order, quality: .cpm)
        let n = work.vertexCount
        var label = (0 ..< Int32(n)).map { $0 }
        var labelWeight = [Double](repeating: 0, count: n)
        var stamp = [Int](repeating: -1, count: n)
        var visit = 0
        var touched: [Int32] = []
        var rng = SplitMix64(seed: seed)
        var sweeps = 0, moves = 0
        var changed = true
        while changed && sweeps < 1000 {
            changed = false
            sweeps += 1
            for v32 in _shuffledVertices(n, &rng) {
                let v = Int(v32)
                let row = Int(work.offsets[v]) ..< Int(work.offsets[v + 1])
                guard !row.isEmpty else { continue }
                visit += 1
                var best = 0.0
                for p in row {
                    let l = Int(label[Int(work.targets[p])])
                    if stamp[l] != visit { stamp[l] = visit; labelWeight[l] = 0; touched.append(Int32(l)) }
                    labelWeight[l] += work.unitWeights ? 1 : work.weights[p]
                    best = max(best, labelWeight[l])
                }
                let own = label[v]
                if stamp[Int(own)] == visit && labelWeight[Int(own)] == best { touched.removeAll(); continue }
                var ties = 0
                var chosen = own
                for l in touched where labelWeight[Int(l)] == best {
                    ties += 1
                    if rng.below(ties) == 0 { chosen = l }
                }
                touched.removeAll()
                label[v] = chosen
                moves += 1
                changed = true
            }
        }
        return (_partition(membership: label, order: order), sweeps, moves)
    }

    @Test("label propagation skipping settled vertices gives the full sweeps' labels", arguments: 0 ..< 10)
    func labelPropagationSkips(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 17)
        let n = 30 + rng.below(500)
        let graph = spectralRandomGraph(n: n, edges: (2 + rng.below(8)) * n / 2, seed: UInt64(seed) &+ 3,
                                        weighted: seed % 2 == 1)
        let (partition, sweeps, moves) = Self.everyVertexEverySweep(graph, seed: UInt64(seed))
        let result = LabelPropagation(seed: UInt64(seed)).run(graph)
        #expect(result.partition == partition)
        #expect(result.iterations == sweeps)
        #expect(result.moves == moves)
    }

    @Test("clustering: the triangle count on workers gives the one-thread bits", arguments: 0 ..< 4)
    func clusteringThreads(seed: UInt64) {
        let graph = spectralRandomGraph(n: 300 + Int(seed) * 200, edges: 3_000 + Int(seed) * 2_000, seed: seed &+ 7)
        let one = Clustering(threads: 1).run(graph)
        for threads in [2, 3, 8] {
            let many = Clustering(threads: threads).run(graph)
            #expect(bits(many.local) == bits(one.local))
            #expect(many.transitivity!.bitPattern == one.transitivity!.bitPattern)
        }
    }
}
