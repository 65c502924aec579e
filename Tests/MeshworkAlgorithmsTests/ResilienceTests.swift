import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// Brute force: the largest component and the connected group pairs of `graph` without `removed`.
private func bruteForce(_ graph: CSRGraph, groups: Partition, removed: Set<VertexID>) -> (largest: Int, pairs: Set<[Int32]>) {
    var seen = Set<VertexID>(removed)
    var largest = 0
    var pairs = Set<[Int32]>()
    for start in 0 ..< graph.vertexCount where !seen.contains(VertexID(start)) {
        var stack = [VertexID(start)], members: [VertexID] = []
        seen.insert(VertexID(start))
        while let u = stack.popLast() {
            members.append(u)
            for v in graph.neighbours(of: u) where !seen.contains(v) { seen.insert(v); stack.append(v) }
        }
        largest = max(largest, members.count)
        let inside = Set(members.map { groups.group[Int($0)] }.filter { $0 >= 0 })
        for g in inside { for h in inside where g < h { pairs.insert([g, h]) } }
    }
    return (largest, pairs)
}

@Suite("Resilience")
struct ResilienceTests {
    @Test("on random graphs every step's figures are the brute-force ones", arguments: 0 ..< 5)
    func matchesBruteForce(seed: Int) {
        let n = 40 + 20 * seed
        let (graph, groups) = randomGraph(seed: UInt64(seed) &+ 300, n: n, m: n + n / 2, directed: false, weighted: false, groups: 5)
        var order = (0 ..< n).map { VertexID($0) }
        var random = SplitMix64(seed: UInt64(seed))
        order.shuffle(using: &random)
        let result = Resilience(steps: 7, maximumShare: 0.5, randomOrders: 3, seed: 1).run(graph, groups: groups, orders: [("given", order)])
        let start = bruteForce(graph, groups: groups, removed: []).pairs.count
        let curve = result.curves[0]
        for (step, removed) in result.removed.enumerated() {
            let expected = bruteForce(graph, groups: groups, removed: Set(order.prefix(removed)))
            #expect(curve.largestComponentShare[step] == Double(expected.largest) / Double(n))
            #expect(curve.groupPairsConnected[step] == Double(expected.pairs.count) / Double(start))
        }
        #expect(result.curves.map(\.order) == ["given", "random", "random_low", "random_high"])
        for step in result.removed.indices {
            let (mean, low, high) = (result.curves[1], result.curves[2], result.curves[3])
            #expect(low.largestComponentShare[step] <= mean.largestComponentShare[step] + 1e-12)
            #expect(mean.largestComponentShare[step] <= high.largestComponentShare[step] + 1e-12)
        }
    }

    @Test("orders with repeated members, or shorter than the last step, remove each member once, as the brute force", arguments: 0 ..< 4)
    func repeatsAndShortOrders(seed: Int) {
        let n = 50 + 10 * seed
        let (graph, groups) = randomGraph(seed: UInt64(seed) &+ 900, n: n, m: n, directed: false, weighted: false, groups: 4)
        var random = SplitMix64(seed: UInt64(seed) &+ 1)
        let repeated = (0 ..< n).map { _ in VertexID(random.below(n / 3)) }   // many repeats
        let short = Array(repeated.prefix(n / 5))                              // ends before the last step
        let result = Resilience(steps: 6, maximumShare: 0.6, randomOrders: 0, threads: 2)
            .run(graph, groups: groups, orders: [("repeated", repeated), ("short", short)])
        let start = bruteForce(graph, groups: groups, removed: []).pairs.count
        for (curve, order) in zip(result.curves, [repeated, short]) {
            for (step, removed) in result.removed.enumerated() {
                let expected = bruteForce(graph, groups: groups, removed: Set(order.prefix(removed)))
                #expect(curve.largestComponentShare[step] == Double(expected.largest) / Double(n), "\(curve.order) step \(step)")
                #expect(curve.groupPairsConnected[step] == Double(expected.pairs.count) / Double(start), "\(curve.order) step \(step)")
            }
        }
    }

    @Test("the curves are the same for any number of threads", arguments: [2, 3, 8])
    func threadCountIndependence(threads: Int) {
        let (graph, groups) = randomGraph(seed: 4242, n: 300, m: 420, directed: false, weighted: false, groups: 9)
        let orders: [(name: String, vertices: [VertexID])] = [("degree", (0 ..< 300).map { VertexID($0) }.sorted { graph.degree($0) > graph.degree($1) }),
                                                              ("reverse", (0 ..< 300).reversed().map { VertexID($0) })]
        let one = Resilience(steps: 10, maximumShare: 0.4, randomOrders: 7, seed: 3, threads: 1).run(graph, groups: groups, orders: orders)
        let many = Resilience(steps: 10, maximumShare: 0.4, randomOrders: 7, seed: 3, threads: threads).run(graph, groups: groups, orders: orders)
        #expect(one.curves == many.curves && one.removed == many.removed)
        #expect(one.curves.count == 5 && one.curves[0].largestComponentShare != one.curves[1].largestComponentShare)
    }

    @Test("two cliques joined through one member: the key player is that member, and its departure separates the two groups")
    func barbell() throws {
        // Clique 0-4 (group a), clique 6-10 (group b), member 5 tied to 4 and 6 (group a).
        var edges = EdgeBuffer(weighted: false, capacity: 24)
        for base in [0, 6] { for u in base ..< base + 5 { for v in u + 1 ..< base + 5 { edges.append(Int32(u), Int32(v), weight: 1) } } }
        edges.append(4, 5, weight: 1)
        edges.append(5, 6, weight: 1)
        let graph = edges.build(vertexCount: 11, directed: false).graph
        #expect(KeyPlayers(count: 1).run(graph) == [5])
        let groups = Partition(groups: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1], names: ["a", "b"])
        let result = Resilience(steps: 1, maximumShare: 1.0 / 11, randomOrders: 0).run(graph, groups: groups, orders: [("key", [5])])
        #expect(result.removed == [0, 1])
        #expect(result.curves[0].largestComponentShare == [1, 5.0 / 11])
        #expect(result.curves[0].groupPairsConnected == [1, 0])
    }

    @Test("key players are the brute-force greedy choice: each step the candidate whose removal leaves the fewest connected pairs", arguments: 0 ..< 6)
    func keyPlayersMatchBruteForce(seed: Int) {
        let n = 30 + 15 * seed
        let (graph, _) = randomGraph(seed: UInt64(seed) &+ 500, n: n, m: n + n / (1 + seed % 3), directed: false, weighted: false, groups: 2)
        let byDegree = (0 ..< n).sorted { graph.degree(VertexID($0)) != graph.degree(VertexID($1)) ? graph.degree(VertexID($0)) > graph.degree(VertexID($1)) : $0 < $1 }
        for candidates in [8, n] {
            var chosen: [VertexID] = []
            for _ in 0 ..< 6 {
                var best: VertexID = -1, bestPairs = Int.max
                for v in byDegree.map({ VertexID($0) }).filter({ !chosen.contains($0) }).prefix(candidates) {
                    // Σ s (s − 1) over the components of the graph without chosen + [v], by labelling.
                    var seen = Set(chosen + [v]), pairs = 0
                    for start in 0 ..< n where !seen.contains(VertexID(start)) {
                        var stack = [VertexID(start)], size = 0
                        seen.insert(VertexID(start))
                        while let u = stack.popLast() {
                            size += 1
                            for w in graph.neighbours(of: u) where !seen.contains(w) { seen.insert(w); stack.append(w) }
                        }
                        pairs += size * (size - 1)
                    }
                    if pairs < bestPairs { bestPairs = pairs; best = v }
                }
                chosen.append(best)
            }
            #expect(KeyPlayers(count: 6, candidates: candidates).run(graph) == chosen, "seed \(seed), \(candidates) candidates")
        }
    }

    @Test("the same seed gives the same curves; without groups the group column is empty")
    func deterministic() throws {
        let loaded = try Fixtures.load("karate/karate.edges")
        let a = Resilience(steps: 4, maximumShare: 0.3, randomOrders: 5, seed: 9).run(loaded.graph, groups: nil, orders: [])
        let b = Resilience(steps: 4, maximumShare: 0.3, randomOrders: 5, seed: 9).run(loaded.graph, groups: nil, orders: [])
        #expect(a.curves == b.curves && a.removed == [0, 2, 5, 7, 10])
        #expect(a.curves.allSatisfy { $0.groupPairsConnected.isEmpty })
    }

    @Test("cut-offs are the brute-force ones: removing each member in turn, the members of one group left without a path to any other group", arguments: 0 ..< 8)
    func cutOffsMatchBruteForce(seed: Int) {
        let n = 30 + 10 * seed
        // Denser graphs (few articulation points), then sparser ones (many, and many components).
        let (graph, groups) = randomGraph(seed: UInt64(seed) &+ 77, n: n, m: seed < 3 ? n + n / 3 : n * 3 / 4,
                                          directed: false, weighted: false, groups: 3)
        // Brute force: members of g reaching another group before v leaves and none after.
        func reachesOther(_ removed: Set<VertexID>) -> [Bool] {
            var reach = [Bool](repeating: false, count: n), seen = removed
            for start in 0 ..< n where !seen.contains(VertexID(start)) {
                var stack = [VertexID(start)], members: [VertexID] = []
                seen.insert(VertexID(start))
                while let u = stack.popLast() {
                    members.append(u)
                    for w in graph.neighbours(of: u) where !seen.contains(w) { seen.insert(w); stack.append(w) }
                }
                let known = Set(members.map { groups.group[Int($0)] }.filter { $0 >= 0 })
                for u in members { reach[Int(u)] = known.count >= 2 }
            }
            return reach
        }
        let before = reachesOther([])
        var expected: [CriticalMembers.CutOff] = []
        for v in 0 ..< n {
            let after = reachesOther([VertexID(v)])
            var counts: [Int32: Int] = [:]
            for u in 0 ..< n where u != v && groups.group[u] >= 0 && before[u] && !after[u] { counts[groups.group[u], default: 0] += 1 }
            for (g, count) in counts { expected.append(.init(member: VertexID(v), group: g, membersCutOff: count)) }
        }
        expected.sort { $0.membersCutOff != $1.membersCutOff ? $0.membersCutOff > $1.membersCutOff
            : ($0.member != $1.member ? $0.member < $1.member : $0.group < $1.group) }
        #expect(CriticalMembers().run(graph, groups: groups) == expected)
    }

    @Test("the last member of a group in a ring of another group cuts that group off, though it separates nothing")
    func lastOfItsGroup() {
        var edges = EdgeBuffer(weighted: false, capacity: 4)
        for (u, v) in [(0, 1), (1, 2), (2, 3), (3, 0)] { edges.append(Int32(u), Int32(v), weight: 1) }
        let graph = edges.build(vertexCount: 4, directed: false).graph
        let groups = Partition(groups: [0, 0, 0, 1], names: ["a", "b"])
        #expect(CriticalMembers().run(graph, groups: groups) == [.init(member: 3, group: 0, membersCutOff: 3)])
    }
}
