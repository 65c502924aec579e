import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Eigenvector and Katz centrality")
struct EigenvectorCentralityTests {
    @Test("matches NetworkX eigenvector_centrality_numpy on connected graphs", arguments: Fixtures.manifest)
    func golden(entry: Fixtures.Entry) throws {
        let expected = try Fixtures.golden(entry.name).column("eigenvector")
        guard !expected.contains("") else { return }   // NetworkX refused: disconnected
        let loaded = try Fixtures.load(entry)
        let result = EigenvectorCentrality(weighted: entry.weighted).run(loaded.graph)
        let (scores, iterations) = (result.scores, result.iterations)
        #expect(iterations < 100_000)
        for (v, cell) in expected.enumerated() {
            #expect(agrees(scores[v], Double(cell)!, tolerance: 1e-7),
                    "eigenvector of \(loaded.labels[Int32(v)]): \(scores[v]) vs \(cell)")
        }
    }

    //  0 - 1 - 2 - 3   bipartite: power iteration on A alone would oscillate
    @Test("a path of four (bipartite) converges to sin(k pi / 5)")
    func path() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 3)]).build(vertexCount: 4, directed: false).graph
        let scores = EigenvectorCentrality().run(g).scores
        let raw = (1...4).map { sin(Double($0) * Double.pi / 5) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for v in 0..<4 { #expect(agrees(scores[v], raw[v] / norm, tolerance: 1e-9)) }
    }

    //  0 - 1 - ... - 199   a long path: power iteration would need about 10^6 steps; Lanczos takes over
    @Test("a path of 200 (tiny spectral gap) converges to sin(k pi / 201)")
    func longPath() {
        let g = EdgeBuffer(edges: (0..<199).map { (Int32($0), Int32($0 + 1)) }).build(vertexCount: 200, directed: false).graph
        let result = EigenvectorCentrality().run(g)
        let (scores, iterations) = (result.scores, result.iterations)
        #expect(iterations < 5_000)
        let raw = (1...200).map { sin(Double($0) * Double.pi / 201) }
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for v in 0..<200 { #expect(agrees(scores[v], raw[v] / norm, tolerance: 1e-9)) }
    }

    //  a path of 200 (eigenvalue just below 2) beside a triangle (eigenvalue 2): the path decays
    @Test("disconnected with a tiny gap between components: the dominant one wins")
    func pathBesideTriangle() {
        var edges = (0..<199).map { (Int32($0), Int32($0 + 1)) }
        edges += [(200, 201), (201, 202), (202, 200)]
        let g = EdgeBuffer(edges: edges).build(vertexCount: 203, directed: false).graph
        let scores = EigenvectorCentrality().run(g).scores
        for v in 200..<203 { #expect(agrees(scores[v], 1 / 3.0.squareRoot(), tolerance: 1e-9)) }
        for v in 0..<200 { #expect(scores[v] < 1e-9) }
    }

    //  two disjoint triangles: the same eigenvalue, the uniform start splits evenly
    @Test("two identical components share the score")
    func twoTriangles() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]).build(vertexCount: 6, directed: false).graph
        for score in EigenvectorCentrality().run(g).scores { #expect(agrees(score, 1 / 6.0.squareRoot(), tolerance: 1e-12)) }
    }

    @Test("a star: centre 1/sqrt(2), leaves 1/sqrt(8)")
    func star() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 5, directed: false).graph
        let scores = EigenvectorCentrality().run(g).scores
        #expect(agrees(scores[0], 1 / 2.0.squareRoot(), tolerance: 1e-9))
        for v in 1...4 { #expect(agrees(scores[v], 1 / 8.0.squareRoot(), tolerance: 1e-9)) }
    }

    //  0 <-> 1 -> 2 -> 0   the left eigenvector (in-edges), as NetworkX
    @Test("directed graphs use in-edges (NetworkX values)")
    func directed() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 0), (1, 2), (2, 0)]).build(vertexCount: 3, directed: true).graph
        let scores = EigenvectorCentrality().run(g).scores
        let expected = [0.7265173980555676, 0.5484317579318064, 0.4139988855231332]
        for v in 0..<3 { #expect(agrees(scores[v], expected[v], tolerance: 1e-9)) }
    }

    //  0 - 1 - 2 - 0   3 - 4   the triangle (eigenvalue 2) dominates the edge (eigenvalue 1)
    @Test("disconnected: the dominant component gets the Perron vector, the others 0")
    func disconnected() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 0), (3, 4)]).build(vertexCount: 6, directed: false).graph
        let scores = EigenvectorCentrality().run(g).scores
        for v in 0..<3 { #expect(agrees(scores[v], 1 / 3.0.squareRoot(), tolerance: 1e-9)) }
        for v in 3..<6 { #expect(scores[v] >= 0 && scores[v] < 1e-9) }
    }

    @Test("edgeless and empty graphs")
    func degenerate() {
        let edgeless = EdgeBuffer(edges: []).build(vertexCount: 4, directed: false).graph
        #expect(EigenvectorCentrality().run(edgeless).scores == [0.5, 0.5, 0.5, 0.5])
        let empty = EdgeBuffer(edges: []).build(vertexCount: 0, directed: true).graph
        #expect(EigenvectorCentrality().run(empty).scores.isEmpty)
    }

    @Test("unit norm, non-negative, relabelling-invariant", arguments: 0..<8)
    func properties(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 2000)
        let n = 2 + rng.below(60)
        let g = spectralRandomGraph(n: n, edges: n + rng.below(3 * n), seed: UInt64(seed) &+ 7,
                                    weighted: seed % 2 == 0)
        let scores = EigenvectorCentrality(weighted: true).run(g).scores
        #expect(abs(scores.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(scores.allSatisfy { $0 >= 0 })
        // The eigen-equation holds on the dominant part: (A x)_v = lambda x_v.
        let top = scores.indices.max { scores[$0] < scores[$1] }!
        var ax = [Double](repeating: 0, count: n)
        for v in 0..<n { for p in g.row(Int32(v)) { ax[v] += (g.weights?[p] ?? 1) * scores[Int(g.targets[p])] } }
        let lambda = ax[top] / scores[top]
        for v in 0..<n { #expect(abs(ax[v] - lambda * scores[v]) < 1e-6) }
    }

    /// Plain power iteration on `A + I` (in-edges) from the uniform unit vector, run until the L1
    /// change is below 1e-14: what `run` must reproduce, with or without its acceleration.
    static func referencePower(_ g: CSRGraph) -> [Double] {
        let n = g.vertexCount
        var x = [Double](repeating: 1 / Double(n).squareRoot(), count: n)
        for _ in 0..<200_000 {
            var y = x
            for u in 0..<n {
                for p in g.row(Int32(u)) {
                    let v = Int(g.targets[p]), w = g.weights?[p] ?? 1
                    if g.isDirected { y[v] += w * x[u] } else { y[u] += w * x[v] }
                }
            }
            let norm = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
            var change = 0.0
            for v in 0..<n { y[v] /= norm; change += abs(y[v] - x[v]) }
            x = y
            if change < 1e-14 { break }
        }
        return x
    }

    /// Random graphs of several kinds, large enough that the iteration runs past its plain steps
    /// into the Chebyshev recurrence (or hands over to Krylov-Schur).
    static func acceleratedCase(_ kind: Int) -> CSRGraph {
        var rng = SplitMix64(seed: 5_000 + UInt64(kind))
        switch kind {
        case 0:   // sparse, several components
            return spectralRandomGraph(n: 1_500, edges: 3_000, seed: 31)
        case 1:   // dense
            return spectralRandomGraph(n: 200, edges: 8_000, seed: 32)
        case 2:   // two identical components: the start splits evenly between them
            var buffer = EdgeBuffer(capacity: 4_000)
            for _ in 0..<2_000 {
                let u = Int32(rng.below(600)), v = Int32(rng.below(600))
                buffer.append(u, v); buffer.append(u + 600, v + 600)
            }
            return buffer.build(vertexCount: 1_200, directed: false).graph
        case 3:   // bipartite: lambda_min = -lambda_max, the end of the damped interval
            var buffer = EdgeBuffer(capacity: 4_000)
            for _ in 0..<4_000 { buffer.append(Int32(rng.below(500)), Int32(500 + rng.below(700))) }
            return buffer.build(vertexCount: 1_200, directed: false).graph
        case 4:   // weighted
            return spectralRandomGraph(n: 1_000, edges: 6_000, seed: 34, weighted: true)
        case 5:   // directed (plain power iteration)
            return spectralRandomGraph(n: 1_000, edges: 6_000, seed: 35, directed: true)
        default:  // a dense component beside a sparser one, which decays
            var buffer = EdgeBuffer(capacity: 6_000)
            for _ in 0..<4_000 { buffer.append(Int32(rng.below(400)), Int32(rng.below(400))) }
            for _ in 0..<2_000 { buffer.append(Int32(400 + rng.below(600)), Int32(400 + rng.below(600))) }
            return buffer.build(vertexCount: 1_000, directed: false).graph
        }
    }

    @Test("agrees with plain power iteration on A + I (sparse, dense, twin components, bipartite, weighted, directed, decaying component)",
          arguments: 0..<7)
    func agreesWithPowerIteration(kind: Int) {
        let g = Self.acceleratedCase(kind)
        let result = EigenvectorCentrality(weighted: true).run(g)
        let (scores, iterations) = (result.scores, result.iterations)
        let reference = Self.referencePower(g)
        #expect(iterations < 100_000)
        #expect(abs(scores.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(scores.allSatisfy { $0 >= 0 })
        var largest = 0.0
        for v in 0..<g.vertexCount { largest = max(largest, abs(scores[v] - reference[v])) }
        #expect(largest < 1e-9, "kind \(kind): max |difference| \(largest) after \(iterations) products")
        if kind == 2 {
            for v in 0..<600 { #expect(abs(scores[v] - scores[v + 600]) < 1e-9) }
        }
    }

    //  several fixed vertex blocks (work over 2 x 16,384): the same bits on 1, 2 and 3 threads
    @Test("bit-identical for any thread count", arguments: [(false, false), (true, false), (false, true), (true, true)])
    func threads(directed: Bool, weighted: Bool) {
        let g = spectralRandomGraph(n: 6_000, edges: 30_000, seed: 99, directed: directed, weighted: weighted)
        let one = EigenvectorCentrality(weighted: weighted, threads: 1).run(g)
        for t in [2, 3] {
            let other = EigenvectorCentrality(weighted: weighted, threads: t).run(g)
            #expect(other.iterations == one.iterations)
            #expect(other.scores.map(\.bitPattern) == one.scores.map(\.bitPattern))
        }
    }

    @Test("Katz: bit-identical for any thread count", arguments: [(false, false), (true, true)])
    func katzThreads(directed: Bool, weighted: Bool) {
        let g = spectralRandomGraph(n: 6_000, edges: 30_000, seed: 97, directed: directed, weighted: weighted)
        let katz = KatzCentrality(alpha: 0.02, weighted: weighted, threads: 1)
        let one = katz.run(g)
        #expect(one.converged)
        for t in [2, 3] {
            var other = katz
            other.threads = t
            let result = other.run(g)
            #expect(result.iterations == one.iterations)
            #expect(result.scores.map(\.bitPattern) == one.scores.map(\.bitPattern))
        }
    }

    @Test("Katz: karate club against NetworkX katz_centrality(alpha=0.1)")
    func katzKarate() throws {
        let entry = Fixtures.manifest.first { $0.name == "karate-edges" }!
        let loaded = try Fixtures.load(entry)
        let scores = KatzCentrality().run(loaded.graph).scores
        let expected = ["1": 0.3213246219124109, "34": 0.3314064273997822, "17": 0.09067870365101992]
        for (label, value) in expected {
            #expect(agrees(scores[Int(loaded.labels.id(of: label)!)], value, tolerance: 1e-9))
        }
    }

    @Test("Katz: a star, x_leaf = 1.1 / 0.96 and x_centre = 1 + 0.4 x_leaf before normalising")
    func katzStar() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 5, directed: false).graph
        let raw = KatzCentrality(normalized: false).run(g).scores
        #expect(agrees(raw[1], 1.1 / 0.96, tolerance: 1e-12))
        #expect(agrees(raw[0], 1 + 0.4 * 1.1 / 0.96, tolerance: 1e-12))
        let scores = KatzCentrality().run(g).scores
        #expect(abs(scores.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
    }
}
