@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("StructuralHoles")
struct StructuralHolesTests {
    @Test("constraint and effective size match NetworkX on every member", arguments: BrokerGolden.all)
    func golden(entry: BrokerGolden) throws {
        let (graph, labels, _, golden) = try entry.load()
        let holes = StructuralHoles(weighted: entry.weighted).run(graph)
        let constraint = golden.column("constraint"), effective = golden.column("effective_size_burt")
        for (v, expected) in golden.column("effective_size").enumerated() {
            #expect(agreesOrBothNaN(holes.networkXEffectiveSize[v], goldenNumber(expected)),
                    "NetworkX's effective size of \(labels[Int32(v)]): \(holes.networkXEffectiveSize[v]) vs \(expected)")
        }
        for v in 0..<graph.vertexCount {
            #expect(agreesOrBothNaN(holes.constraint[v], goldenNumber(constraint[v])),
                    "constraint of \(labels[Int32(v)]): \(holes.constraint[v]) vs \(constraint[v])")
            #expect(agreesOrBothNaN(holes.effectiveSize[v], goldenNumber(effective[v])),
                    "effective size of \(labels[Int32(v)]): \(holes.effectiveSize[v]) vs \(effective[v])")
        }
        #expect(StructuralHoles.constraint(graph, weighted: entry.weighted).elementsEqual(holes.constraint) { agreesOrBothNaN($0, $1, tolerance: 0) })
        #expect(StructuralHoles.effectiveSize(graph, weighted: entry.weighted).elementsEqual(holes.effectiveSize) { agreesOrBothNaN($0, $1, tolerance: 0) })
        // A few vertices only, in any order: the same bits.
        let asked = (0..<Int32(graph.vertexCount)).reversed().filter { $0 % 3 != 1 }
        let some = StructuralHoles(weighted: entry.weighted).effectiveSize(graph, of: asked)
        #expect(some.elementsEqual(asked.map { holes.effectiveSize[Int($0)] }) { agreesOrBothNaN($0, $1, tolerance: 0) })
    }

    //      1
    //      |
    //  4 - 0 - 2      a star with four leaves, and 5 on its own
    //      |
    //      3     5
    @Test("a star: the centre has constraint 1/n and effective size n, each leaf 1 and 1")
    func star() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 6, directed: false).graph
        let holes = StructuralHoles().run(g)
        #expect(holes.constraint[0] == 0.25)
        #expect(holes.effectiveSize[0] == 4)
        for leaf in 1...4 {
            #expect(holes.constraint[leaf] == 1)
            #expect(holes.effectiveSize[leaf] == 1)
        }
        #expect(holes.constraint[5].isNaN && holes.effectiveSize[5].isNaN)
        // Weights change nothing when they are equal; arcs both ways are the undirected star.
        let weighted = EdgeBuffer(weightedEdges: [(0, 1, 3), (0, 2, 3), (0, 3, 3), (0, 4, 3)]).build(vertexCount: 6, directed: false).graph
        let w = StructuralHoles(weighted: true).run(weighted)
        #expect(w.constraint[0] == 0.25 && w.effectiveSize[0] == 4 && w.effectiveSize[1] == 1)
        let arcs = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4)]).build(vertexCount: 6, directed: true).graph
        let d = StructuralHoles().run(arcs)
        #expect(d.constraint[0] == 0.25 && d.effectiveSize[0] == 4 && d.constraint[3] == 1 && d.effectiveSize[3] == 1)
    }

    //  0 - 1
    //   \ /
    //    2       every contact is tied to the other: constraint 2 * (1/2 + 1/4)^2, effective size 1
    @Test("a triangle: constraint 9/8, effective size 1")
    func triangle() {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (2, 0)]).build(vertexCount: 3, directed: false).graph
        let holes = StructuralHoles().run(g)
        #expect(holes.constraint == [1.125, 1.125, 1.125])
        #expect(holes.effectiveSize == [1, 1, 1])
        let w = StructuralHoles(weighted: true).run(EdgeBuffer(weightedEdges: [(0, 1, 2), (1, 2, 2), (2, 0, 2)])
            .build(vertexCount: 3, directed: false).graph)
        #expect(w.constraint == [1.125, 1.125, 1.125])
        #expect(w.effectiveSize == [1, 1, 1])
    }

    //  0 -> 1 -> 2 -> 0, 0 -> 2, 2 -> 3 -> 0, and 4 alone   (NetworkX values; effective size from
    //  `effective_size(G, nodes=list(G), weight=)`: without `nodes=`, NetworkX 3.6's sparse path gives
    //  2, 1, 2, 1 and 2.41..., 1, 2.71..., 1 here, see StructuralHoles)
    @Test("directed, weighted and not: NetworkX's values")
    func directed() {
        let edges: [(Int32, Int32, Double)] = [(0, 1, 1), (1, 2, 2), (2, 0, 4), (0, 2, 3), (2, 3, 1.5), (3, 0, 0.5)]
        let g = EdgeBuffer(weightedEdges: edges).build(vertexCount: 5, directed: true).graph
        let plain = StructuralHoles().run(g)
        let weighted = StructuralHoles(weighted: true).run(g)
        let expected: [(Double, Double, Double, Double)] = [   // constraint, effective size; weighted both
            (0.84375, 1.75, 1.0015618992695117, 1.3067226890756303),
            (1.125, 1.0, 1.4907514203938654, 1.0),
            (0.84375, 1.75, 0.69202326900259, 2.4070294784580497),
            (1.125, 1.0, 1.4762110726643596, 1.0),
        ]
        for (v, e) in expected.enumerated() {
            #expect(agrees(plain.constraint[v], e.0, tolerance: 1e-14))
            #expect(agrees(plain.effectiveSize[v], e.1, tolerance: 1e-14))
            #expect(agrees(weighted.constraint[v], e.2, tolerance: 1e-14))
            #expect(agrees(weighted.effectiveSize[v], e.3, tolerance: 1e-14))
        }
        #expect(plain.constraint[4].isNaN && weighted.effectiveSize[4].isNaN)
    }

    @Test("random graphs: Borgatti's shortcut equals the general formula; reciprocal arcs equal ties",
          arguments: [1, 2, 3, 4, 5] as [UInt64])
    func properties(seed: UInt64) {
        let (g, _) = randomGraph(seed: seed, n: 60, m: 240, directed: false, weighted: false, groups: 3)
        let shortcut = StructuralHoles().run(g)
        // Unit weights take the general path (no shortcut).
        var unit = EdgeBuffer(weighted: true)
        var arcs = EdgeBuffer()
        for v in 0..<Int32(g.vertexCount) {
            for u in g.neighbours(of: v) where u > v { unit.append(v, u, weight: 1) }
            for u in g.neighbours(of: v) { arcs.append(v, u) }
        }
        let general = StructuralHoles(weighted: true).run(unit.build(vertexCount: g.vertexCount, directed: false).graph)
        let reciprocal = StructuralHoles().run(arcs.build(vertexCount: g.vertexCount, directed: true).graph)
        for v in 0..<g.vertexCount {
            #expect(agreesOrBothNaN(shortcut.effectiveSize[v], general.effectiveSize[v], tolerance: 1e-12))
            #expect(agreesOrBothNaN(shortcut.constraint[v], general.constraint[v], tolerance: 1e-12))
            #expect(agreesOrBothNaN(shortcut.effectiveSize[v], reciprocal.effectiveSize[v], tolerance: 1e-12))
            #expect(agreesOrBothNaN(shortcut.constraint[v], reciprocal.constraint[v], tolerance: 1e-12))
            let d = Double(g.degree(Int32(v)))
            if d > 0 {
                // 1 <= effective size <= degree; 1/degree <= constraint (<= 1.125 + ... bounded by 4 here).
                #expect(shortcut.effectiveSize[v] >= 1 - 1e-12 && shortcut.effectiveSize[v] <= d + 1e-12)
                #expect(shortcut.constraint[v] >= 1 / d - 1e-12)
            }
        }
        let (dg, _) = randomGraph(seed: seed, n: 60, m: 300, directed: true, weighted: true, groups: 3)
        let d = StructuralHoles(weighted: true).run(dg)
        for v in 0..<dg.vertexCount where dg.degree(Int32(v)) + dg.inDegree(Int32(v)) > 0 {
            #expect(d.constraint[v] > 0 && d.effectiveSize[v] > 0)
        }
    }

    @Test("several blocks of vertices on 1, 2 and 3 threads give the same bits", arguments: [(6, false), (7, true)] as [(UInt64, Bool)])
    func threads(seed: UInt64, directed: Bool) {
        // n + 2m above 3 x 16,384, so the vertices fall into several blocks.
        let (g, _) = randomGraph(seed: seed, n: 4_000, m: 30_000, directed: directed, weighted: true, groups: 5)
        let one = StructuralHoles(weighted: true, threads: 1).run(g)
        for threads in [2, 3] {
            let other = StructuralHoles(weighted: true, threads: threads).run(g)
            #expect(other.constraint.map(\.bitPattern) == one.constraint.map(\.bitPattern))
            #expect(other.effectiveSize.map(\.bitPattern) == one.effectiveSize.map(\.bitPattern))
            #expect(other.networkXEffectiveSize.map(\.bitPattern) == one.networkXEffectiveSize.map(\.bitPattern))
        }
    }

    @Test("progress: rising shares of the work, ending at 1, the same figures", arguments: [false, true])
    func progress(weighted: Bool) {
        let (graph, _) = randomGraph(seed: 13, n: 8000, m: 100_000, directed: false, weighted: weighted, groups: 2)
        let holes = StructuralHoles(weighted: weighted, threads: 2)
        let reports = ProgressLog()
        let told = holes.run(graph, progress: { reports.append($0) })
        let plain = holes.run(graph)
        #expect(bits(told.constraint) == bits(plain.constraint) && bits(told.effectiveSize) == bits(plain.effectiveSize))
        reports.expectRisingToOne(atLeast: 5)
    }
}
