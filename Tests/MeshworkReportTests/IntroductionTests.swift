import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

@Suite("Introductions (suggest)")
struct IntroductionTests {
    @Test("suggestions are untied pairs, best first, with shared contacts and a reason that names the groups")
    func suggestions() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let suggestions = try IntroductionSuggestions(loaded, .init(top: 30))
        let graph = loaded.graph
        #expect(suggestions.ranking.count == 30)
        for i in 0 ..< suggestions.ranking.count {
            let u = suggestions.ranking.sources[i], v = suggestions.ranking.targets[i]
            #expect(!graph.hasEdge(u, v))
            let contacts = Set(graph.neighbours(of: u)).intersection(graph.neighbours(of: v)).sorted()
            let shared = contacts.count
            #expect(suggestions.sharedContacts[i] == shared)
            // The score: resource allocation, times 1 + 0.1 (the default strength) across two departments.
            var plain = 0.0
            for w in contacts { plain += 1 / Double(graph.degree(w)) }
            let across = suggestions.groupsOfSources[i] != suggestions.groupsOfTargets[i]
            #expect(suggestions.ranking.scores[i] == (across ? plain * 1.1 : plain))
            let reason = suggestions.reason(i)
            #expect(reason.hasPrefix("\(shared) shared contact"))
            if suggestions.groupsOfSources[i] == suggestions.groupsOfTargets[i] {
                #expect(reason.hasSuffix("both in \(suggestions.groupsOfSources[i])"))
            } else {
                #expect(reason.contains(suggestions.groupsOfSources[i]) && reason.contains(suggestions.groupsOfTargets[i]))
            }
        }
        #expect(suggestions.groupsOfSources.allSatisfy { $0.hasPrefix("Department ") })
        #expect(zip(suggestions.groupsOfSources, suggestions.groupsOfTargets).contains { $0 != $1 })
    }

    @Test("--half-life weighs shared contacts by recency: the ranking changes, its pairs stay untied, and the top score is the weighted sum")
    func recency() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let plain = try IntroductionSuggestions(loaded, .init(level: nil, top: 20, strength: 0))
        let recent = try IntroductionSuggestions(loaded, .init(level: nil, top: 20, strength: 0, halfLife: 2))
        #expect(plain.ranking != recent.ranking)
        let graph = loaded.graph
        let community = try #require(loaded.community)
        let last = community.tieLastDays(in: graph)
        let today = CivilDate.day(ofSeconds: try #require(community.recordTimes).upperBound)
        for i in 0 ..< recent.ranking.count { #expect(!graph.hasEdge(recent.ranking.sources[i], recent.ranking.targets[i])) }
        let u = recent.ranking.sources[0], v = recent.ranking.targets[0]
        var expected = 0.0
        for w in Set(graph.neighbours(of: u)).intersection(graph.neighbours(of: v)).sorted() {
            let r1 = Foundation.pow(2.0, -Double(Int(today) - Int(last[try #require(graph.edgeIndex(u, w))])) / 2)
            let r2 = Foundation.pow(2.0, -Double(Int(today) - Int(last[try #require(graph.edgeIndex(v, w))])) / 2)
            expected += r1 * r2 / Double(graph.degree(w))
        }
        #expect(abs(recent.ranking.scores[0] - expected) <= 1e-12 * expected)
        // Every tie has a last day, co-attendance ties included, on or after its first day.
        let example = try Fixtures.load("example-community")
        let exampleCommunity = try #require(example.community)
        let first = exampleCommunity.tieStartDays(in: example.graph), lastDays = exampleCommunity.tieLastDays(in: example.graph)
        #expect(zip(first, lastDays).allSatisfy { $0 != Int32.max && $1 != Int32.min && $0 <= $1 })
        #expect(zip(first, lastDays).contains { $0 < $1 })
    }

    @Test("--for lists one member's introductions, --group a group's, and unknown ones are refused")
    func focus() throws {
        let loaded = try Fixtures.load("example-community")
        let member = try IntroductionSuggestions(loaded, .init(member: "M0001", top: 5))
        let m0001 = try #require(loaded.labels.id(of: "M0001"))
        #expect(member.ranking.count > 0)
        #expect((0 ..< member.ranking.count).allSatisfy { member.ranking.sources[$0] == m0001 || member.ranking.targets[$0] == m0001 })
        let group = try IntroductionSuggestions(loaded, .init(group: "O0001", top: 10))
        let partition = try loaded.partitions([.hierarchy(.organisation)], seed: 42)[0]
        let o0001 = Int32(try #require(partition.names.firstIndex(of: "O0001")))
        #expect((0 ..< group.ranking.count).allSatisfy {
            partition.group[Int(group.ranking.sources[$0])] == o0001 || partition.group[Int(group.ranking.targets[$0])] == o0001
        })
        #expect(throws: AnalysisInputError.self) { try IntroductionSuggestions(loaded, .init(member: "nobody")) }
        #expect(throws: AnalysisInputError.self) { try IntroductionSuggestions(loaded, .init(group: "no such group")) }
    }

    @Test("the evaluation table has every ranking, and its counts follow the held-out split")
    func evaluation() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let cut = try #require(CivilDate(year: 2015, month: 6, day: 5))
        let table = try IntroductionEvaluation(loaded, .init(cut: cut, top: 50, samples: 2_000, seed: 3))
        let community = try #require(loaded.community)
        let split = HeldOutSplit(community, network: loaded.graph, until: cut)
        #expect(table.result.formed == split.formed.count && table.members == split.vertices.count)
        #expect(table.result.rows.map(\.ranking) == ["common_neighbours", "adamic_adar", "resource_allocation", "preferential_attachment",
                                                    "adamic_adar+boundary", "resource_allocation+boundary",
                                                    "resource_allocation+recency", "random"])
        // the default half-life: a quarter of the 4 days from the first record (2015-06-01) to the cut
        #expect(table.halfLife == 1)
        let edgeList = try Fixtures.load("karate/karate.edges")
        #expect(throws: AnalysisInputError.self) { try IntroductionEvaluation(edgeList, .init(cut: cut)) }
    }
}
