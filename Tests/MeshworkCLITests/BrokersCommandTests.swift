import Foundation
import MeshworkTestSupport
import Testing

/// `meshwork brokers` against the broker goldens (fixtures/goldens/make_broker_goldens.py).
@Suite("meshwork brokers")
struct BrokersCommandTests {
    typealias Case = Fixtures.BrokerCase

    func table(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    @Test("every member's row agrees with the reference", arguments: Case.all)
    func golden(c: Case) throws {
        var args = ["brokers", Meshwork.fixture(c.input), "--level", c.level]
        if c.directed { args.append("--directed") }
        if c.weighted { args.append("--weighted") }
        let run = try Meshwork.run(args)
        #expect(run.status == 0, "\(run.stderr)")
        let ours = table(run.stdout)
        let golden = table(try String(contentsOfFile: Fixtures.root + "/goldens/\(c.name).csv", encoding: .utf8))
        #expect(ours.rows.count == golden.rows.count)
        for (column, name) in golden.header.enumerated() {
            let mine = try #require(ours.header.firstIndex(of: name == "brokerage_total" ? "brokerage" : name), "\(name)")
            for (a, b) in zip(ours.rows, golden.rows) {
                let x = a[mine], y = b[column] == "nan" ? "" : b[column]  // undefined: an empty field
                let same = x == y || (Double(x).flatMap { fx in Double(y).map { agrees(fx, $0, tolerance: 1e-9) } } ?? false)
                #expect(same, "\(c.name) \(a[0]) \(name): \(x) vs \(y)")
            }
        }
    }

    @Test("--top K lists the strongest spanners, strongest first")
    func top() throws {
        let all = table(try Meshwork.run(["brokers", Meshwork.fixture("lazega-lawyers")]).stdout)
        let top = table(try Meshwork.run(["brokers", Meshwork.fixture("lazega-lawyers"), "--top", "5"]).stdout)
        #expect(top.rows.count == 5)
        func across(_ row: [String]) -> Int { (3...6).reduce(0) { $0 + (Int(row[$1]) ?? 0) } }  // gatekeeper empty
        let best = all.rows.map(across).max()!
        #expect(across(top.rows[0]) == best)
        #expect(top.rows.map(across) == top.rows.map(across).sorted(by: >))
        #expect(try Meshwork.run(["brokers", Meshwork.fixture("karate/karate.edges"), "--level", "region"]).status == 64)
    }

    @Test("--top lists only members who span a boundary, and says when nobody does")
    func nobodySpans() throws {
        // email-Eu-core's temporal data: no tie joins two departments.
        let none = try Meshwork.run(["brokers", Meshwork.fixture("email-eu-core-temporal"), "--top", "5"])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(table(none.stdout).rows.isEmpty)
        #expect(none.stderr.contains("nobody spans a boundary"))
        // Krackhardt's managers by department: every listed member spans something.
        let some = table(try Meshwork.run(["brokers", Meshwork.fixture("krackhardt-managers"), "--top", "30"]).stdout)
        let participation = try #require(some.header.firstIndex(of: "participation"))
        let brokerage = (2...6).map { some.header[$0] }
        #expect(brokerage == ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"])
        for row in some.rows {
            let across = (3...6).reduce(0) { $0 + (Int(row[$1]) ?? 0) }
            #expect(across > 0 || Double(row[participation])! > 0, "\(row[0])")
            #expect(row[5].isEmpty)   // undirected: no separate gatekeeper count
        }
        #expect(some.rows.count < 21)   // 21 managers, not all of whom span a department boundary
    }
}
