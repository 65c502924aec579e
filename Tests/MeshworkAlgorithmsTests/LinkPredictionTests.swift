import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Link prediction")
struct LinkPredictionTests {
    /// The NetworkX golden of `name`: every listed untied pair with its four scores.
    private static func golden(_ name: String, labels: LabelTable) throws -> [(VertexID, VertexID, [Double])] {
        let table = try Fixtures.golden("link-\(name)")
        return try table.rows.map { row in
            let u = try #require(labels.id(of: row[0])), v = try #require(labels.id(of: row[1]))
            return (min(u, v), max(u, v), row[2...].map { Double($0)! })
        }
    }

    @Test("every untied pair's four scores agree with NetworkX, and each top 40 is a true top 40",
          arguments: [("karate", "karate/karate.edges"), ("workplace-invs15", "workplace-invs15.weighted.edges")])
    func goldens(name: String, path: String) throws {
        let loaded = try Fixtures.load(path)
        let graph = loaded.graph
        let golden = try Self.golden(name, labels: loaded.labels)
        for (column, index) in LinkPrediction.Index.allCases.enumerated() {
            let prediction = LinkPrediction(index: index, top: 40, threads: 2)
            let scores = prediction.scores(graph, pairs: golden.map { ($0.0, $0.1) })
            for (pair, score) in zip(golden, scores) {
                #expect(agrees(score, pair.2[column], tolerance: 1e-12), "\(index) of \(loaded.labels[pair.0])-\(loaded.labels[pair.1])")
            }
            let ranking = prediction.run(graph)
            #expect(ranking.count == 40)
            var listed = Set<[VertexID]>()
            for i in 0 ..< ranking.count {
                #expect(!graph.hasEdge(ranking.sources[i], ranking.targets[i]) && ranking.sources[i] < ranking.targets[i])
                if i > 0 { #expect(ranking.scores[i] <= ranking.scores[i - 1]) }
                listed.insert([ranking.sources[i], ranking.targets[i]])
            }
            // No pair left out scores above the last one listed.
            let last = ranking.scores[ranking.count - 1]
            for pair in golden where !listed.contains([pair.0, pair.1]) {
                #expect(pair.2[column] <= last * (1 + 1e-12), "\(index): \(loaded.labels[pair.0])-\(loaded.labels[pair.1]) left out")
            }
        }
    }

    @Test("on random graphs the ranking is the brute-force order of every untied pair, whatever the thread count",
          arguments: 0 ..< 6)
    func bruteForce(seed: Int) {
        let n = 30 + 15 * seed
        let (graph, groups) = randomGraph(seed: UInt64(seed) &+ 900, n: n, m: n * (2 + seed % 3), directed: seed % 2 == 1,
                                          weighted: false, groups: 3)
        let undirected = graph.isDirected ? graph.undirectedView() : graph
        var pairs: [(VertexID, VertexID)] = []
        for u in 0 ..< n { for v in u + 1 ..< n where !undirected.hasEdge(VertexID(u), VertexID(v)) { pairs.append((VertexID(u), VertexID(v))) } }
        let focus: [VertexID] = [VertexID(seed), VertexID(n / 2), VertexID(n / 2 + 1)]
        // Recency (undirected graphs): a last day per tie, the same in both slots, from 0 to 99.
        var lastDays: [Int32] = []
        for u in 0 ..< n { for slot in graph.row(VertexID(u)) { lastDays.append(Int32((min(u, Int(graph.targets[slot])) * 31 + max(u, Int(graph.targets[slot])) * 17) % 100)) } }
        let recency = graph.isDirected ? nil : LinkPrediction.recencyWeights(lastDays: lastDays, today: 100, halfLife: 7)
        var cases: [(LinkPrediction.BoundaryWeighting?, [VertexID]?, [Double]?)] = [
            (nil, nil, nil), (LinkPrediction.BoundaryWeighting(partition: groups, strength: 2), nil, nil),
            (nil, focus, nil), (LinkPrediction.BoundaryWeighting(partition: groups), focus, nil)]
        if let recency { cases += [(nil, nil, recency), (LinkPrediction.BoundaryWeighting(partition: groups), focus, recency)] }
        for (boundary, focus, recency) in cases {
            for index in LinkPrediction.Index.allCases {
                let top = 25
                let scores = LinkPrediction(index: index, top: top, boundary: boundary, recency: recency).scores(graph, pairs: pairs)
                let expected = pairs.indices.filter { index == .preferentialAttachment || scores[$0] > 0 }
                    .filter { focus == nil || focus!.contains(pairs[$0].0) || focus!.contains(pairs[$0].1) }
                    .sorted { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : (pairs[a].0 != pairs[b].0 ? pairs[a].0 < pairs[b].0 : pairs[a].1 < pairs[b].1) }
                    .prefix(top)
                var result = LinkPrediction.Result()
                for i in expected {
                    result.sources.append(pairs[i].0)
                    result.targets.append(pairs[i].1)
                    result.scores.append(scores[i])
                }
                for threads in [1, 2, 3] {
                    let ranking = LinkPrediction(index: index, top: top, boundary: boundary, focus: focus, recency: recency,
                                                 threads: threads).run(graph)
                    #expect(ranking == result, "\(index), boundary \(boundary != nil), focus \(focus != nil), recency \(recency != nil), \(threads) threads")
                }
            }
        }
    }

    @Test("the boundary term on random graphs: a pair across two known groups scores its shared contacts' resource allocation times 1 + strength, any other pair the plain sum; the ranking is that brute-force order",
          arguments: 0 ..< 4)
    func boundaryTermBruteForce(seed: Int) {
        let n = 24 + 8 * seed
        // One member in eight has no known group (randomGraph).
        let (graph, groups) = randomGraph(seed: UInt64(seed) &+ 4_100, n: n, m: 3 * n, directed: false, weighted: false, groups: 4)
        let strength = [0.1, 0.5, 0, 2][seed]
        let boundary = LinkPrediction.BoundaryWeighting(partition: groups, strength: strength)
        var expected: [(score: Double, u: VertexID, v: VertexID)] = []
        for u in 0 ..< n {
            for v in u + 1 ..< n where !graph.hasEdge(VertexID(u), VertexID(v)) {
                // Shared contacts in increasing order, as the library adds them: the same bits.
                let shared = Set(graph.neighbours(of: VertexID(u))).intersection(graph.neighbours(of: VertexID(v))).sorted()
                guard !shared.isEmpty else { continue }
                var plain = 0.0
                for w in shared { plain += 1 / Double(graph.degree(w)) }
                let g = groups.group[u], h = groups.group[v]
                let across = g != Partition.unknown && h != Partition.unknown && g != h
                expected.append((across ? plain * (1 + strength) : plain, VertexID(u), VertexID(v)))
            }
        }
        #expect(expected.contains { groups.group[Int($0.u)] >= 0 && groups.group[Int($0.v)] >= 0 && groups.group[Int($0.u)] != groups.group[Int($0.v)] })
        let scores = LinkPrediction(index: .resourceAllocation, top: 0, boundary: boundary).scores(graph, pairs: expected.map { ($0.u, $0.v) })
        #expect(scores == expected.map(\.score))
        let best = expected.sorted { a, b in a.score != b.score ? a.score > b.score : (a.u != b.u ? a.u < b.u : a.v < b.v) }.prefix(15)
        for threads in [1, 2] {
            let ranking = LinkPrediction(index: .resourceAllocation, top: 15, boundary: boundary, threads: threads).run(graph)
            #expect(ranking.sources == best.map(\.u) && ranking.targets == best.map(\.v) && ranking.scores == best.map(\.score),
                    "strength \(strength), \(threads) threads")
        }
    }

    @Test("with several workers and many groups, the boundary-weighted ranking is still the brute-force order")
    func manyWorkersAndGroups() {
        // 800 members: up to 3 workers (one per 256 sources); 40 groups.
        let n = 800
        let (graph, groups) = randomGraph(seed: 31, n: n, m: 3 * n, directed: false, weighted: false, groups: 40)
        let boundary = LinkPrediction.BoundaryWeighting(partition: groups, strength: 3)
        var pairs: [(VertexID, VertexID)] = []
        for u in 0 ..< n { for v in u + 1 ..< n where !graph.hasEdge(VertexID(u), VertexID(v)) { pairs.append((VertexID(u), VertexID(v))) } }
        let top = 300
        let scores = LinkPrediction(index: .resourceAllocation, top: top, boundary: boundary).scores(graph, pairs: pairs)
        let expected = pairs.indices.filter { scores[$0] > 0 }
            .sorted { a, b in scores[a] != scores[b] ? scores[a] > scores[b] : (pairs[a].0 != pairs[b].0 ? pairs[a].0 < pairs[b].0 : pairs[a].1 < pairs[b].1) }
            .prefix(top)
        for threads in [1, 3] {
            let ranking = LinkPrediction(index: .resourceAllocation, top: top, boundary: boundary, threads: threads).run(graph)
            #expect(ranking.sources == expected.map { pairs[$0].0 } && ranking.targets == expected.map { pairs[$0].1 }, "\(threads) threads")
            #expect(ranking.scores == expected.map { scores[$0] }, "\(threads) threads")
        }
    }

    @Test("a held-out split of a dated dataset: the earlier network is the cumulative one of the cut day, and the formed ties are the later ones among its members")
    func heldOutSplit() throws {
        let loaded = try Fixtures.load("email-eu-core-temporal")
        let community = try #require(loaded.community)
        let cut = try #require(CivilDate(year: 2004, month: 6, day: 30))
        let split = HeldOutSplit(community, network: loaded.graph, until: cut)
        let restricted = community.restricted(to: DateSpan(from: nil, until: cut))
        let earlier = restricted.memberNetwork(weighted: false).graph
        #expect(split.before.vertexCount == earlier.vertexCount && split.before.edgeCount == earlier.edgeCount)
        #expect(!split.formed.isEmpty)
        for (u, v) in split.formed {
            #expect(!split.before.hasEdge(u, v))
            #expect(loaded.graph.hasEdge(split.vertices[Int(u)], split.vertices[Int(v)]))
        }
        let kept = Set(split.vertices)
        var tiesAmongKept = 0
        for u in 0 ..< loaded.graph.vertexCount where kept.contains(VertexID(u)) {
            for v in loaded.graph.neighbours(of: VertexID(u)) where Int(v) > u && kept.contains(v) { tiesAmongKept += 1 }
        }
        #expect(split.before.edgeCount + split.formed.count == tiesAmongKept)
    }

    @Test("evaluation on real history: structure beats chance, the random ranking's AUC is near one half, and the figures do not depend on threads")
    func evaluation() throws {
        let loaded = try Fixtures.load("email-eu-core-temporal")
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: try #require(CivilDate(year: 2004, month: 6, day: 30)))
        let result = LinkPredictionEvaluation(top: 100, samples: 4_000, seed: 5, threads: 1).run(split.before, formed: split.formed)
        #expect(result.formed == split.formed.count)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.ranking, $0) })
        let random = try #require(rows["random"])
        #expect(abs(random.auc - 0.5) < 0.05)
        for name in ["common_neighbours", "adamic_adar", "resource_allocation"] {
            let row = try #require(rows[name])
            #expect(row.auc > 0.7, "\(name) AUC \(row.auc)")
            #expect(row.precision > random.precision)
            #expect(row.recall == Double(row.hits) / Double(result.formed))
        }
        let again = LinkPredictionEvaluation(top: 100, samples: 4_000, seed: 5, threads: 3).run(split.before, formed: split.formed)
        #expect(again.rows == result.rows)
    }

    @Test("boundary-aware resource allocation on real history (SocioPatterns InVS15, cut after the first week): more of the cross-department ties that formed, losing at most 20% of the best baseline's precision")
    func boundaryAware() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: try #require(CivilDate(year: 2015, month: 6, day: 5)))
        let groups = split.restricted(community.partition(.organisation))
        let result = LinkPredictionEvaluation(top: 100, samples: 4_000, seed: 5).run(split.before, formed: split.formed, groups: groups)
        #expect(result.formedAcross > 0 && result.formedAcross < result.formed)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.ranking, $0) })
        let plain = try #require(rows["resource_allocation"]), aware = try #require(rows["resource_allocation+boundary"])
        let best = result.rows.filter { !$0.ranking.contains("+") }.map(\.precision).max() ?? 0
        #expect(aware.crossHits > plain.crossHits)
        #expect(aware.precision >= 0.8 * best, "\(aware.precision) against the best baseline's \(best)")
        for row in result.rows { #expect(row.crossHits <= row.hits) }
    }

    @Test("the boundary-aware ranking on the e-mail history (email-Eu-core temporal, Leiden communities of the network up to 2004-06-30): hardly any tie formed across them, and it keeps at least 80% of the best baseline's precision")
    func boundaryAwareEmail() throws {
        let loaded = try Fixtures.load("email-eu-core-temporal")
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: try #require(CivilDate(year: 2004, month: 6, day: 30)))
        let groups = Leiden(seed: 42).run(split.before).partition
        let result = LinkPredictionEvaluation(top: 100, samples: 1_000, seed: 5).run(split.before, formed: split.formed, groups: groups)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.ranking, $0) })
        let best = result.rows.filter { !$0.ranking.contains("+") }.map(\.precision).max() ?? 0
        let aware = try #require(rows["resource_allocation+boundary"])
        #expect(result.formedAcross <= 1 && aware.crossHits <= result.formedAcross)
        #expect(aware.precision >= 0.8 * best, "\(aware.precision) against the best baseline's \(best)")
    }

    @Test("recency on real history (InVS15, cut after week 1, half-life 1 day): more of the ties that formed than plain resource allocation; weights of 1 change nothing")
    func recencyOnHistory() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: try #require(CivilDate(year: 2015, month: 6, day: 5)))
        let recency = split.recency(community, network: loaded.graph, halfLife: 1)
        #expect(recency.count == split.before.targets.count)
        #expect(recency.allSatisfy { $0 > 0 && $0 <= 1 } && recency.contains(1) && recency.contains { $0 < 0.1 })
        let result = LinkPredictionEvaluation(top: 100, samples: 2_000, seed: 5).run(split.before, formed: split.formed, recency: recency)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.ranking, $0) })
        let plain = try #require(rows["resource_allocation"]), recent = try #require(rows["resource_allocation+recency"])
        #expect(recent.hits > plain.hits, "\(recent.hits) against \(plain.hits)")
        let ones = [Double](repeating: 1, count: split.before.targets.count)
        #expect(LinkPrediction(index: .resourceAllocation, top: 100, recency: ones).run(split.before)
                == LinkPrediction(index: .resourceAllocation, top: 100).run(split.before))
    }

    @Test("the boundary-aware rankings on two more real histories (InVS13 by department, SFHH by the first day's Leiden communities): at least 80% of the best baseline's precision; resource allocation + boundary finds more cross-boundary hits than the best baseline (resource allocation), Adamic-Adar + boundary no fewer than Adamic-Adar; strength 0 is the plain ranking",
          arguments: [("workplace-invs13", 2013, 6, 28), ("sfhh-conference", 2009, 6, 4)])
    func boundaryAwareElsewhere(fixture: String, year: Int, month: Int, day: Int) throws {
        let loaded = try Fixtures.load(fixture)
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: try #require(CivilDate(year: year, month: month, day: day)))
        let groups = fixture == "sfhh-conference" ? Leiden(seed: 42).run(split.before).partition
                                                  : split.restricted(community.partition(.organisation))
        let result = LinkPredictionEvaluation(top: 100, samples: 2_000, seed: 5).run(split.before, formed: split.formed, groups: groups)
        #expect(result.formedAcross > 0)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.ranking, $0) })
        let best = result.rows.filter { !$0.ranking.contains("+") }.map(\.precision).max() ?? 0
        for index in ["adamic_adar", "resource_allocation"] {
            let plain = try #require(rows[index]), aware = try #require(rows[index + "+boundary"])
            #expect(aware.precision >= 0.8 * best, "\(index): \(aware.precision) against the best baseline's \(best)")
            #expect(index == "resource_allocation" ? aware.crossHits > plain.crossHits : aware.crossHits >= plain.crossHits,
                    "\(index): \(aware.crossHits) cross-boundary hits against \(plain.crossHits)")
        }
        #expect(try #require(rows["resource_allocation"]).precision == best)
        let neutral = LinkPredictionEvaluation(top: 100, samples: 2_000, seed: 5, strength: 0)
            .run(split.before, formed: split.formed, groups: groups)
        let neutralRows = Dictionary(uniqueKeysWithValues: neutral.rows.map { ($0.ranking, $0) })
        for index in ["adamic_adar", "resource_allocation"] {
            let plain = try #require(neutralRows[index]), aware = try #require(neutralRows[index + "+boundary"])
            #expect(aware.hits == plain.hits && aware.crossHits == plain.crossHits && aware.auc == plain.auc)
        }
    }
}
