import MeshworkAlgorithms
import MeshworkCore
import MeshworkTestSupport
import Testing

@Suite("Brokerage")
struct BrokerageTests {
    @Test("role counts and groups reached match the reference script on every member", arguments: BrokerGolden.all)
    func golden(entry: BrokerGolden) throws {
        let (graph, labels, partition, golden) = try entry.load()
        let roles = Brokerage().run(graph, partition: partition)
        for role in BrokerageRole.allCases {
            // Undirected: gatekeeper is empty in the table (0 here), its pairs under representative.
            let expected = !graph.isDirected && role == .gatekeeper
                ? golden.column(role.rawValue).map { $0.isEmpty ? "0" : "not empty" } : golden.column(role.rawValue)
            #expect(roles[role].map(String.init) == expected, "\(role)")
        }
        #expect(roles.total.map(String.init) == golden.column("brokerage_total"))
        #expect(Brokerage().run(graph, partition: partition).groupsReached.map(String.init) == golden.column("groups_reached"))
        let groups = golden.column("group")
        for v in 0..<graph.vertexCount {
            let g = partition.group[v]
            #expect((g < 0 ? "" : partition.names[Int(g)]) == groups[v], "group of \(labels[Int32(v)])")
        }
    }

    /// The role counts of vertex 1, the broker of `0 -> 1 -> 2`, with the given groups.
    static func brokerOfPath(groups: [Int32], directed: Bool, extra: [(Int32, Int32)] = []) -> [BrokerageRole: Int] {
        let g = EdgeBuffer(edges: [(0, 1), (1, 2)] + extra).build(vertexCount: 3, directed: directed).graph
        let roles = Brokerage().run(g, partition: Partition(groups: groups))
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

    //  a(0) - v(1) - b(2): one unordered pair {a, b}, counted once
    @Test("undirected: each pair once; one end in the broker's group is representative", arguments: [
        ([0, 0, 0], [BrokerageRole.coordinator: 1]),
        ([0, 1, 0], [.itinerant: 1]),
        ([0, 0, 1], [.representative: 1]),
        ([1, 0, 0], [.representative: 1]),
        ([0, 1, 2], [.liaison: 1]),
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
        let roles = Brokerage().run(g, partition: Partition(groups: [0, 1, 2, -1]))
        #expect(roles.liaison == [0, 1, 0, 0] && roles.total == [0, 1, 0, 0])
    }

    //      0   1          4 (group 0) joins {0, 1} (group 0, tied to each other) and {2, 3} (group 1).
    //       \ /           Of the 6 pairs of its neighbours, {0, 1} is closed: representative
    //        4            {0, 2}, {0, 3}, {1, 2}, {1, 3}; itinerant {2, 3}. (UCINET and R sna,
    //       / \           reading ties as arcs: representative 4, gatekeeper 4, itinerant 2.)
    //      2   3
    @Test("a small undirected broker between two groups")
    func bowTie() {
        let g = EdgeBuffer(edges: [(0, 4), (1, 4), (2, 4), (3, 4), (0, 1)]).build(vertexCount: 5, directed: false).graph
        let roles = Brokerage().run(g, partition: Partition(groups: [0, 0, 1, 1, 0]))
        #expect(roles.coordinator[4] == 0)
        #expect(roles.representative[4] == 4 && roles.gatekeeper[4] == 0)
        #expect(roles.itinerant[4] == 1)       // {2, 3}
        #expect(roles.liaison[4] == 0)
        #expect(roles.total == [0, 0, 0, 0, 5])  // 6 pairs - 1 closed
        #expect(Brokerage().run(g, partition: Partition(groups: [0, 0, 1, 1, 0])).groupsReached == [1, 1, 1, 1, 2])
    }

    @Test("groups reached: distinct known groups among in- and out-neighbours")
    func groupsReached() {
        let g = EdgeBuffer(edges: [(0, 1), (2, 1), (1, 3)]).build(vertexCount: 5, directed: true).graph
        let p = Partition(groups: [0, 1, 2, -1, 2])
        #expect(Brokerage().run(g, partition: p).groupsReached == [1, 2, 1, 1, 0])
        let u = EdgeBuffer(edges: [(0, 1), (1, 2)]).build(vertexCount: 3, directed: false).graph
        #expect(Brokerage().run(u, partition: Partition(groups: [0, 1, 2])).groupsReached == [1, 2, 1])
    }

    /// Brute force: every ordered pair of an in- and an out-neighbour (both directions of each
    /// undirected pair).
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
        let roles = Brokerage().run(g, partition: p)
        let naive = Self.naive(g, p)
        if directed {
            for (i, role) in BrokerageRole.allCases.enumerated() { #expect(roles[role] == naive[i], "\(role)") }
        } else {
            // Each unordered pair was seen twice: as representative one way, gatekeeper the other.
            #expect(naive[2] == naive[3])
            #expect(roles.coordinator == naive[0].map { $0 / 2 } && naive[0].allSatisfy { $0 % 2 == 0 })
            #expect(roles.itinerant == naive[1].map { $0 / 2 })
            #expect(roles.representative == naive[2])
            #expect(roles.gatekeeper.allSatisfy { $0 == 0 })
            #expect(roles.liaison == naive[4].map { $0 / 2 })
        }
        let total = roles.total
        for v in 0..<g.vertexCount {
            #expect(total[v] * (directed ? 1 : 2) == naive.reduce(0) { $0 + $1[v] })
            if p.group[v] < 0 { #expect(total[v] == 0) }
        }
    }

    @Test("several blocks of brokers on 1, 2 and 3 threads give the same counts", arguments: [(6, false), (7, true)] as [(UInt64, Bool)])
    func threads(seed: UInt64, directed: Bool) {
        let (g, p) = randomGraph(seed: seed, n: 4_000, m: 30_000, directed: directed, weighted: false, groups: 5)
        let one = Brokerage(threads: 1).run(g, partition: p)
        for threads in [2, 3] {
            let other = Brokerage(threads: threads).run(g, partition: p)
            for role in BrokerageRole.allCases { #expect(other[role] == one[role], "\(role)") }
        }
    }

    @Test("progress: rising shares of the work, ending at 1, the same counts", arguments: [false, true])
    func progress(directed: Bool) {
        let (graph, partition) = randomGraph(seed: 12, n: 8000, m: 100_000, directed: directed, weighted: false, groups: 7)
        let brokerage = Brokerage(threads: 2)
        let reports = ProgressLog()
        let told = brokerage.run(graph, partition: partition, progress: { reports.append($0) })
        let plain = brokerage.run(graph, partition: partition)
        #expect(told.total == plain.total && told.liaison == plain.liaison && told.coordinator == plain.coordinator)
        reports.expectRisingToOne(atLeast: 5)
    }
}
