import Foundation
import MeshworkTestSupport
import Testing

/// `--from/--until`, `growth --period day|week` with the automatic period, and the one level
/// grammar, end to end on real and primary-school-like fixtures.
@Suite("meshwork spans, periods and levels")
struct SpansAndLevelsTests {
    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    @Test("map and summary --until draw only the members present by then (email-Eu-core temporal, 2004-03-31)")
    func until() throws {
        let dir = try TemporaryDirectory()
        let dataset = Meshwork.fixture("email-eu-core-temporal")
        let quarter = rows(try String(contentsOfFile: Fixtures.root + "/goldens/growth/email-eu-core-temporal-quarter.csv",
                                      encoding: .utf8))
        let row = try #require(quarter.first { $0[1] == "2004-03-31" })
        let map = try Meshwork.run(["map", dataset, "--until", "2004-03-31", "--format", "dot", "-o", dir.path + "/map.dot",
                                    "--stats", dir.path + "/map.json"])
        #expect(map.status == 0, "\(map.stderr)")
        let stats = try json(dir.path + "/map.json")
        #expect(stats["map_nodes"] as? Int == Int(row[2]), "members present by 2004-03-31")
        #expect(stats["nodes"] as? Int == Int(row[2]) && stats["edges"] as? Int == Int(row[3]))
        #expect((stats["span"] as? [String: Any])?["until"] as? String == "2004-03-31")
        let summary = try Meshwork.run(["summary", dataset, "--from", "2004-01-01", "--until", "2004-03-31",
                                        "--stats", dir.path + "/summary.json"])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(try json(dir.path + "/summary.json")["nodes"] as? Int == Int(row[2]))
        // Bad spans are usage errors.
        #expect(try Meshwork.run(["summary", dataset, "--until", "2004-02-30"]).status == 64)
        #expect(try Meshwork.run(["summary", dataset, "--from", "2004-03-01", "--until", "2004-01-31"]).status == 64)
        #expect(try Meshwork.run(["components", Meshwork.fixture("karate/karate.edges"), "--until", "2004-01-01"]).status == 64)
    }

    @Test("growth picks days for a two-day study and says so; --period week gives ISO weeks")
    func periods() throws {
        let dir = try TemporaryDirectory()
        let auto = try Meshwork.run(["growth", Meshwork.fixture("school-like"), "--basic", "--stats", dir.path + "/g.json"])
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stderr.contains("growth by day"))
        let stats = try json(dir.path + "/g.json")
        #expect(stats["period"] as? String == "day" && stats["period_automatic"] as? Bool == true)
        let golden = rows(try String(contentsOfFile: Fixtures.root + "/goldens/growth/school-like-day.csv", encoding: .utf8))
        let ours = rows(auto.stdout)
        #expect(ours.map { Array($0.prefix(6)) } == golden.map { Array($0.prefix(6)) })
        let weeks = try Meshwork.run(["growth", Meshwork.fixture("workplace-invs15"), "--period", "week", "--basic"])
        #expect(weeks.status == 0 && !weeks.stderr.contains("chosen"))
        #expect(rows(weeks.stdout).dropFirst().map { $0[0] } == ["2015-06-01", "2015-06-08"])
    }

    @Test("one level grammar: attribute:NAME and community in growth, boundaries, brokers and map")
    func levels() throws {
        let dir = try TemporaryDirectory()
        let school = Meshwork.fixture("school-like")
        let growth = try Meshwork.run(["growth", school, "--period", "day", "--basic", "--level", "attribute:gender",
                                       "--level", "community"])
        #expect(growth.status == 0, "\(growth.stderr)")
        let table = rows(growth.stdout)
        let cross = try #require(table[0].firstIndex(of: "cross_share_attribute:gender"))
        #expect(table[0].contains("ei_community"))
        let boundaries = try Meshwork.run(["boundaries", school, "--level", "attribute:gender", "--level", "community",
                                           "--stats", dir.path + "/b.json"])
        #expect(boundaries.status == 0, "\(boundaries.stderr)")
        #expect(Set(rows(boundaries.stdout).dropFirst().map { $0.last! }) == ["attribute:gender", "community"])
        // The cumulative last day's network is the whole network: the same cross-boundary share.
        let levels = try #require(try json(dir.path + "/b.json")["levels"] as? [[String: Any]])
        let share = try #require(levels.first { $0["level"] as? String == "attribute:gender" }?["cross_share"] as? Double)
        #expect(abs(Double(table.last![cross])! - share) < 1e-12)
        for synonym in ["community", "communities"] {
            #expect(try Meshwork.run(["brokers", school, "--level", synonym, "--top", "3"]).status == 0)
        }
        #expect(try Meshwork.run(["map", school, "--level", "attribute:gender", "--format", "dot", "-o", dir.path + "/m.dot"]).status == 0)
        #expect(try Meshwork.run(["growth", school, "--level", "attribute:nope"]).status == 64)
        #expect(try Meshwork.run(["growth", school, "--level", "county"]).status == 64)
    }

    @Test("centrality pagerank: converged by default, iterations in --stats, no warning")
    func pagerank() throws {
        let dir = try TemporaryDirectory()
        let run = try Meshwork.run(["centrality", Meshwork.fixture("email-eu-core.edges.gz"), "--measure", "pagerank",
                                    "--stats", dir.path + "/p.json"])
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let iterations = try #require(try json(dir.path + "/p.json")["pagerank_iterations"] as? Int)
        let golden = try Fixtures.golden("email-eu-core-edges").column("pagerank")
        let ours = rows(run.stdout).dropFirst().map { Double($0[1])! }
        for (a, b) in zip(ours, golden) { #expect(agrees(a, Double(b)!, tolerance: 1e-9)) }
        #expect(iterations > 20)
    }
}
