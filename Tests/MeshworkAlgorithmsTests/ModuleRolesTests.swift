import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("ModuleRoles")
struct ModuleRolesTests {
    @Test("participation, within-module z and roles match the reference script", arguments: BrokerGolden.all)
    func golden(entry: BrokerGolden) throws {
        let (graph, labels, partition, golden) = try entry.load()
        let roles = ModuleRoles(weighted: entry.weighted).run(graph, partition: partition)
        let participation = golden.column("participation"), z = golden.column("within_module_z")
        let role = golden.column("role")
        for v in 0..<graph.vertexCount {
            let name = labels[Int32(v)]
            #expect(agreesOrBothNaN(roles.participation[v], goldenNumber(participation[v])),
                    "participation of \(name): \(roles.participation[v]) vs \(participation[v])")
            #expect(agreesOrBothNaN(roles.zScore[v], goldenNumber(z[v])), "z of \(name): \(roles.zScore[v]) vs \(z[v])")
            #expect((roles.role[v]?.rawValue ?? "") == role[v], "role of \(name)")
        }
    }

    //  1   2   3          group 0 = {0, 1, 2, 3}, group 1 = {4, 5}, 6 unknown
    //   \  |  /
    //      0 ---- 4 - 5   P(0) = 1 - (3/4)^2 - (1/4)^2 = 3/8 (the tie to 6 is left out)
    //      |              kappa in group 0: 3, 1, 1, 1 -> mean 3/2, sd sqrt(3)/2
    //      6              group 1: kappa 1, 1 -> z = 0
    @Test("a small two-group graph")
    func small() {
        let g = EdgeBuffer(edges: [(0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (0, 6)]).build(vertexCount: 7, directed: false).graph
        let r = ModuleRoles().run(g, partition: Partition(groups: [0, 0, 0, 0, 1, 1, -1]))
        #expect(Array(r.participation[0..<6]) == [0.375, 0, 0, 0, 0.5, 0])
        let root3 = 3.0.squareRoot()
        #expect(agrees(r.zScore[0], root3, tolerance: 1e-15))
        for v in 1...3 { #expect(agrees(r.zScore[v], -1 / root3, tolerance: 1e-15)) }
        #expect(r.zScore[4] == 0 && r.zScore[5] == 0)
        #expect(r.participation[6].isNaN && r.zScore[6].isNaN && r.role[6] == nil)
        #expect(Array(r.role[0..<6]) == [.peripheral, .ultraPeripheral, .ultraPeripheral, .ultraPeripheral,
                                          .peripheral, .ultraPeripheral])
    }

    // A star of ten leaves in one group: the centre's z is sqrt(10) >= 2.5, a provincial hub.
    @Test("hubs: a star's centre")
    func hub() {
        let g = EdgeBuffer(edges: (1...10).map { (0, Int32($0)) }).build(vertexCount: 11, directed: false).graph
        let r = ModuleRoles().run(g, partition: Partition(groups: [Int32](repeating: 0, count: 11)))
        #expect(agrees(r.zScore[0], 10.0.squareRoot(), tolerance: 1e-14))
        #expect(r.role[0] == .provincialHub && r.role[1] == .ultraPeripheral)
        // Three leaves moved to three other groups: P = 1 - (0.7^2 + 3 * 0.1^2) = 0.48; kappa in
        // group 0 is 7 for the centre and 1 for its seven leaves, so z = 5.25 / sqrt(3.9375) > 2.5.
        let spread = ModuleRoles().run(g, partition: Partition(groups: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]))
        #expect(agrees(spread.participation[0], 0.48, tolerance: 1e-15))
        #expect(agrees(spread.zScore[0], 5.25 / 3.9375.squareRoot(), tolerance: 1e-14))
        #expect(spread.role[0] == .connectorHub)
    }

    @Test("weighted: strengths replace counts")
    func weighted() {
        //  1 =3= 0 -1- 2, groups 0, 0, 1
        let g = EdgeBuffer(weightedEdges: [(0, 1, 3), (0, 2, 1)]).build(vertexCount: 3, directed: false).graph
        let w = ModuleRoles(weighted: true).run(g, partition: Partition(groups: [0, 0, 1]))
        #expect(w.participation == [0.375, 0, 0])
        let u = ModuleRoles().run(g, partition: Partition(groups: [0, 0, 1]))
        #expect(u.participation == [0.5, 0, 0])
        // kappa 3 and 3 in group 0 (weighted): equal, so z = 0.
        #expect(w.zScore == [0, 0, 0])
    }

    @Test("the paper's thresholds", arguments: [
        (0.05, 0.0, ModuleRole.ultraPeripheral), (0.050001, 0, .peripheral), (0.62, 2.49, .peripheral),
        (0.620001, 0, .nonHubConnector), (0.80, -1, .nonHubConnector), (0.800001, 0, .nonHubKinless),
        (0.30, 2.5, .provincialHub), (0.300001, 2.5, .connectorHub), (0.75, 7, .connectorHub),
        (0.750001, 2.5, .kinlessHub), (0, 2.5, .provincialHub),
    ] as [(Double, Double, ModuleRole)])
    func thresholds(p: Double, z: Double, role: ModuleRole) {
        #expect(ModuleRole(participation: p, zScore: z) == role)
        #expect(role.isHub == (z >= 2.5))
    }

    @Test("role names")
    func names() {
        #expect(ModuleRole.allCases.map(\.rawValue) == ["R1 ultra-peripheral", "R2 peripheral", "R3 non-hub connector",
                                                        "R4 non-hub kinless", "R5 provincial hub", "R6 connector hub",
                                                        "R7 kinless hub"])
    }

    @Test("random graphs: P in [0, 1), z sums to 0 over each group, roles agree with P and z",
          arguments: [(1, false, false), (2, false, true), (3, true, false), (4, true, true)] as [(UInt64, Bool, Bool)])
    func properties(seed: UInt64, directed: Bool, weighted: Bool) {
        let (g, p) = randomGraph(seed: seed, n: 120, m: 500, directed: directed, weighted: weighted, groups: 5)
        let r = ModuleRoles(weighted: weighted).run(g, partition: p)
        var zSum = [Double](repeating: 0, count: p.groupCount)
        for v in 0..<g.vertexCount {
            if p.group[v] < 0 {
                #expect(r.participation[v].isNaN && r.zScore[v].isNaN && r.role[v] == nil)
                continue
            }
            #expect(r.participation[v] >= 0 && r.participation[v] < 1)
            #expect(r.role[v] == ModuleRole(participation: r.participation[v], zScore: r.zScore[v]))
            zSum[Int(p.group[v])] += r.zScore[v]
        }
        for s in zSum { #expect(abs(s) < 1e-9) }
    }
}
