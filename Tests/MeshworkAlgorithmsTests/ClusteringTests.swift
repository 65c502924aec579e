import Foundation
@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Clustering")
struct ClusteringTests {
    @Test("matches NetworkX clustering", arguments: Fixtures.manifest)
    func golden(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let expected = try Fixtures.golden(entry.name).column("clustering")
        let local = Clustering(weighted: entry.weighted, computesTransitivity: false).run(loaded.graph).local
        for (v, cell) in expected.enumerated() {
            #expect(agrees(local[v], Double(cell)!, tolerance: 1e-9),
                    "clustering of \(loaded.labels[Int32(v)]): \(local[v]) vs \(cell)")
        }
    }

    struct Stats: Decodable { var transitivity: Double }

    @Test("transitivity matches NetworkX (directed entries: the undirected view)", arguments: Fixtures.manifest)
    func transitivity(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let url = URL(fileURLWithPath: Fixtures.root + "/goldens/\(entry.name).stats.json")
        let stats = try JSONDecoder().decode(Stats.self, from: Data(contentsOf: url))
        #expect(agrees(Clustering().run(loaded.graph).transitivity!, stats.transitivity, tolerance: 1e-12))
    }

    //  0 - 1
    //   \ /
    //    2 - 3      a triangle plus a pendant
    @Test("a triangle plus a pendant")
    func trianglePlusPendant() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 0), (2, 3)]).build(vertexCount: 4, directed: false).graph
        #expect(Clustering(computesTransitivity: false).run(g).local == [1, 1, 1.0 / 3, 0])
        #expect(Clustering().run(g).transitivity! == 3.0 / 5)   // 1 triangle, 5 connected triples
    }

    // Weights 1, 2, 4 on the triangle, 4 on the pendant: normalised 1/4, 1/2, 1, geometric mean 1/2.
    @Test("weighted: the geometric mean of normalised weights")
    func weighted() {
        let g = EdgeBuffer(weightedEdges: [(0, 1, 1), (1, 2, 2), (2, 0, 4), (2, 3, 4)])
            .build(vertexCount: 4, directed: false).graph
        let c = Clustering(weighted: true, computesTransitivity: false).run(g).local
        #expect(abs(c[0] - 0.5) < 1e-15 && abs(c[1] - 0.5) < 1e-15)
        #expect(abs(c[2] - 1.0 / 6) < 1e-15)
        #expect(c[3] == 0)
        #expect(Clustering(computesTransitivity: false).run(g).local == [1, 1, 1.0 / 3, 0])
    }

    //  0 -> 1 -> 2 -> 0, 0 -> 2, 2 -> 3 -> 0   (NetworkX: 0.4, 1, 0.4, 1)
    @Test("directed: Fagiolo's coefficient, weighted and not (NetworkX values)")
    func directed() {
        let edges: [(Int32, Int32, Double)] = [(0, 1, 1), (1, 2, 2), (2, 0, 4), (0, 2, 3), (2, 3, 1.5), (3, 0, 0.5)]
        let g = EdgeBuffer(weightedEdges: edges).build(vertexCount: 4, directed: true).graph
        #expect(Clustering(computesTransitivity: false).run(g).local.map { ($0 * 1e12).rounded() / 1e12 } == [0.4, 1, 0.4, 1])
        let expected = [0.16424352150609992, 0.4771400741040175, 0.16424352150609992, 0.34407753342648206]
        let c = Clustering(weighted: true, computesTransitivity: false).run(g).local
        for v in 0..<4 { #expect(agrees(c[v], expected[v], tolerance: 1e-12)) }
        let cycle = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 0)]).build(vertexCount: 3, directed: true).graph
        #expect(Clustering(computesTransitivity: false).run(cycle).local == [0.5, 0.5, 0.5])
    }

    /// Clustering straight from the definitions, on a dense matrix of (cube roots of normalised)
    /// weights: undirected 2 * sum_{j<k} a_ij a_jk a_ki / (d (d - 1)); directed ((A + A^T)^3)_ii
    /// over 2 (d_tot (d_tot - 1) - 2 d_bi).
    static func naive(_ g: CSRGraph, weighted: Bool) -> [Double] {
        let n = g.vertexCount
        let largest = weighted ? (g.weights?.max() ?? 1) : 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for u in 0..<n {
            for p in g.row(Int32(u)) {
                a[u][Int(g.targets[p])] = weighted ? cbrt((g.weights?[p] ?? 1) / largest) : 1
            }
        }
        var result = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if g.isDirected {
                var t = 0.0
                for j in 0..<n { for k in 0..<n {
                    t += (a[i][j] + a[j][i]) * (a[j][k] + a[k][j]) * (a[k][i] + a[i][k])
                }}
                let dTotal = Double((0..<n).filter { a[i][$0] != 0 }.count + (0..<n).filter { a[$0][i] != 0 }.count)
                let dBi = Double((0..<n).filter { a[i][$0] != 0 && a[$0][i] != 0 }.count)
                if t != 0 { result[i] = t / (2 * (dTotal * (dTotal - 1) - 2 * dBi)) }
            } else {
                var t = 0.0
                for j in 0..<n where a[i][j] != 0 {
                    for k in (j + 1)..<max(j + 1, n) where a[i][k] != 0 && a[j][k] != 0 { t += a[i][j] * a[j][k] * a[k][i] }
                }
                let d = Double(g.degree(Int32(i)))
                if t != 0 { result[i] = 2 * t / (d * (d - 1)) }
            }
        }
        return result
    }

    @Test("agrees with naive triangle counting", arguments: 0..<16)
    func properties(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 4000)
        let n = 1 + rng.below(60)
        let weighted = seed % 4 >= 2
        let g = spectralRandomGraph(n: n, edges: rng.below(6 * n), seed: UInt64(seed) &+ 13,
                                    directed: seed % 2 == 1, weighted: weighted)
        let fast = Clustering(weighted: weighted, computesTransitivity: false).run(g).local
        let slow = Self.naive(g, weighted: weighted)
        for v in 0..<n { #expect(agrees(fast[v], slow[v], tolerance: 1e-12), "vertex \(v)") }
        if !g.isDirected && !weighted {
            var triangles = 0.0, triples = 0.0
            for v in 0..<n {
                let d = Double(g.degree(Int32(v)))
                triangles += slow[v] * d * (d - 1) / 2
                triples += d * (d - 1) / 2
            }
            let expected = triangles == 0 ? 0 : triangles / triples
            #expect(agrees(Clustering().run(g).transitivity!, expected, tolerance: 1e-12))
        }
    }
}

@Suite("Clustering: the shared triangle pass")
struct ClusteringSharedPassTests {
    @Test("one pass gives the same local coefficients and transitivity as the separate calls",
          arguments: [false, true])
    func shared(directed: Bool) {
        var rng = SplitMix64(seed: 11)
        var edges = EdgeBuffer(weighted: true)
        for _ in 0..<400 { edges.append(Int32(rng.below(60)), Int32(rng.below(60)), weight: Double(1 + rng.below(5))) }
        let graph = edges.build(vertexCount: 60, directed: directed).graph
        for weighted in [false, true] {
            let both = Clustering(weighted: weighted).run(graph)
            #expect(both.local == Clustering(weighted: weighted, computesTransitivity: false).run(graph).local)
            #expect(both.transitivity == Clustering.transitivity(graph))
        }
    }
}
