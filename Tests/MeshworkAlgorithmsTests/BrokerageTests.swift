import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("Brokerage")
struct BrokerageTests {
    @Test("role counts and groups reached match the reference script on every member", arguments: BrokerGolden.all)
    func golden(entry: BrokerGolden) throws {
        let (graph, labels, partition, golden) = try entry.load()
        let roles = Brokerage.roles(graph, partition: partition)
        for role in BrokerageRole.allCases {
            #expect(roles[role].map(String.init) == golden.column(role.rawValue), "\(role)")
        }
        #expect(roles.total.map(String.init) == golden.column("brokerage_total"))
        #expect(Brokerage.groupsReached(graph, partition: partition).map(String.init) == golden.column("groups_reached"))
        let groups = golden.column("group")
        for v in 0..<graph.vertexCount {
            let g = partition.group[v]
            #expect((g < 0 ? "" : partition.names[Int(g)]) == groups[v], "group of \(labels[Int32(v)])")
        }
    }

    /// The role counts of vertex 1, the broker of `0 -> 1 -> 2`, with the given groups.
    static func brokerOfPath(groups: [Int32], directed: Bool, extra: [(Int32, Int32)] = []) -> [BrokerageRole: Int] {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2)] + extra).build(vertexCount: 3, directed: directed).graph
        let roles = Brokerage.roles(g, partition: Partition(groups: groups))
        var counts: [BrokerageRole: Int] = [:]
        for role in BrokerageRole.allCases where roles[role][1] != 0 { counts[role] = roles[role][1] }
        if extra.isEmpty { for v in [0, 2] { #expect(roles.total[v] == 0) } }
        return counts
    }

    //  a(0) -> v(1) -> b(2), the groups of a, v, b as given
    @Test("directed: one two-path per role", arguments: [
        ([0, 0, 0], BrokerageRole.coordinator),
        ([0, 1, 0], .itinerant),
        ([0, 0, 1], .representative),
        ([1, 0, 0], .gatekeeper),
        ([0, 1, 2], .liaison),
    ] as [([Int32], BrokerageRole)])
    func directedRoles(groups: [Int32], role: BrokerageRole) {
        #expect(Self.brokerOfPath(groups: groups, directed: true) == [role: 1])
        // Closing the triad with a -> b removes it; the reverse arc b -> a does not.
        #expect(Self.brokerOfPath(groups: groups, directed: true, extra: [(0, 2)]) == [:])
        #expect(Self.brokerOfPath(groups: groups, directed: true, extra: [(2, 0)]) == [role: 1])
        // Reciprocating a -> v makes v -> a -> ... nothing new for v: a != b is required.
        #expect(Self.brokerOfPath(groups: groups, directed: true, extra: [(1, 0)]) == [role: 1])
    }

    //  a(0) - v(1) - b(2): each tie is two arcs, so a -> v -> b and b -> v -> a
    @Test("undirected: both directions count; representative and gatekeeper pair up", arguments: [
        ([0, 0, 0], [BrokerageRole.coordinator: 2]),
        ([0, 1, 0], [.itinerant: 2]),
        ([0, 0, 1], [.representative: 1, .gatekeeper: 1]),
        ([1, 0, 0], [.representative: 1, .gatekeeper: 1]),
        ([0, 1, 2], [.liaison: 2]),
    ] as [([Int32], [BrokerageRole: Int])])
    func undirectedRoles(groups: [Int32], expected: [BrokerageRole: Int]) {
        #expect(Self.brokerOfPath(groups: groups, directed: false) == expected)
        #expect(Self.brokerOfPath(groups: groups, directed: false, extra: [(0, 2)]) == [:])
    }

    @Test("unknown groups: a broker with none gets 0; paths to or from one are left out")
    func unknown() {
        #expect(Self.brokerOfPath(groups: [0, -1, 1], directed: true) == [:])
        #expect(Self.brokerOfPath(groups: [-1, 0, 1], directed: true) == [:])
        #expect(Self.brokerOfPath(groups: [0, 0, -1], directed: false) == [:])
        //  3 -> 1 as well: only the path from 0 counts when 3 is unknown
        let g = EdgeBuffer(edges: [(0, 1), (1, 2), (3, 1)]).build(vertexCount: 4, directed: true).graph
        let roles = Brokerage.roles(g, partition: Partition(groups: [0, 1, 2, -1]))
        #expect(roles.liaison == [0, 1, 0, 0] && roles.total == [0, 1, 0, 0])
    }

    //      0   1          4 (group 0) joins {0, 1} (group 0, tied to each other) and {2, 3} (group 1).
    //       \ /           Of the 4 * 3 ordered pairs of its neighbours, (0, 1) and (1, 0) are closed:
    //        4            representative 0 -> 4 -> 2, 0 -> 4 -> 3, 1 -> 4 -> 2, 1 -> 4 -> 3;
    //       / \           gatekeeper their reverses; itinerant 2 -> 4 -> 3 and 3 -> 4 -> 2.
    //      2   3
    @Test("a small undirected broker between two groups")
    func bowTie() {
        let g = EdgeBuffer(edges: [(0, 4), (1, 4), (2, 4), (3, 4), (0, 1)]).build(vertexCount: 5, directed: false).graph
        let roles = Brokerage.roles(g, partition: Partition(groups: [0, 0, 1, 1, 0]))
        #expect(roles.coordinator[4] == 0)
        #expect(roles.representative[4] == 4 && roles.gatekeeper[4] == 4)
        #expect(roles.itinerant[4] == 2)       // 2 -> 4 -> 3 and 3 -> 4 -> 2
        #expect(roles.liaison[4] == 0)
        #expect(roles.total == [0, 0, 0, 0, 10])  // 12 ordered pairs - 2 closed
        #expect(Brokerage.groupsReached(g, partition: Partition(groups: [0, 0, 1, 1, 0])) == [1, 1, 1, 1, 2])
    }

    @Test("groups reached: distinct known groups among in- and out-neighbours")
    func groupsReached() {
        let g = EdgeBuffer(edges: [(0, 1), (2, 1), (1, 3)]).build(vertexCount: 5, directed: true).graph
        let p = Partition(groups: [0, 1, 2, -1, 2])
        #expect(Brokerage.groupsReached(g, partition: p) == [1, 2, 1, 1, 0])
        let u = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
        #expect(Brokerage.groupsReached(u, partition: Partition(groups: [0, 1, 2])) == [1, 2, 1])
    }

    /// Brute force: every ordered pair of an in- and an out-neighbour.
    static func naive(_ g: CSRGraph, _ p: Partition) -> [[Int]] {
        var counts = [[Int]](repeating: [Int](repeating: 0, count: g.vertexCount), count: 5)
        for v in 0..<Int32(g.vertexCount) where p.group[Int(v)] >= 0 {
            let ins = g.isDirected ? Array(g.inSources[Int(g.inOffsets[Int(v)]) ..< Int(g.inOffsets[Int(v) + 1])])
                                   : Array(g.neighbours(of: v))
            for a in ins {
                for b in g.neighbours(of: v) where a != b && !g.hasEdge(a, b) {
                    let (ga, gv, gb) = (p.group[Int(a)], p.group[Int(v)], p.group[Int(b)])
                    if ga < 0 || gb < 0 { continue }
                    let role = ga == gv && gv == gb ? 0 : ga == gb ? 1 : ga == gv ? 2 : gb == gv ? 3 : 4
                    counts[role][Int(v)] += 1
                }
            }
        }
        return counts
    }

    @Test("random graphs: the counts equal a brute-force classification of every open two-path",
          arguments: [(1, false), (2, false), (3, true), (4, true), (5, true)] as [(UInt64, Bool)])
    func properties(seed: UInt64, directed: Bool) {
        let (g, p) = randomGraph(seed: seed, n: 80, m: 400, directed: directed, weighted: false, groups: 4)
        let roles = Brokerage.roles(g, partition: p)
        let naive = Self.naive(g, p)
        for (i, role) in BrokerageRole.allCases.enumerated() { #expect(roles[role] == naive[i], "\(role)") }
        let total = roles.total
        for v in 0..<g.vertexCount {
            #expect(total[v] == naive.reduce(0) { $0 + $1[v] })
            if !directed { #expect(roles.representative[v] == roles.gatekeeper[v]) }
            if p.group[v] < 0 { #expect(total[v] == 0) }
        }
    }

    @Test("several blocks of brokers on 1, 2 and 3 threads give the same counts", arguments: [(6, false), (7, true)] as [(UInt64, Bool)])
    func threads(seed: UInt64, directed: Bool) {
        let (g, p) = randomGraph(seed: seed, n: 4_000, m: 30_000, directed: directed, weighted: false, groups: 5)
        let one = Brokerage.roles(g, partition: p, threads: 1)
        for threads in [2, 3] {
            let other = Brokerage.roles(g, partition: p, threads: threads)
            for role in BrokerageRole.allCases { #expect(other[role] == one[role], "\(role)") }
        }
    }
}
