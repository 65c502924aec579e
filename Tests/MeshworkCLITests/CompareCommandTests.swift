import Foundation
import MeshworkTestSupport
import Testing

@Suite("compare command")
struct CompareCommandTests {
    static let dataset = Meshwork.fixture("email-eu-core-temporal")

    @Test("two programme years of real data: the table, its JSON, p-values on any thread count")
    func twoYears() throws {
        let arguments = ["compare", Self.dataset, "--before", "2004-01-01..2004-12-31", "--after", "2005-01-01..2005-12-31",
                         "--level", "organisation", "--permutations", "200", "--seed", "3"]
        let one = try Meshwork.run(arguments + ["--threads", "1"])
        let two = try Meshwork.run(arguments + ["--threads", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let lines = one.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "level,figure,before,after,change,p_before,p_after")
        let figures = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func row(_ level: String, _ figure: String) throws -> [String] {
            try #require(figures.first { $0[0] == level && $0[1] == figure })
        }
        let gained = try #require(Int(try row("network", "ties_gained")[4]))
        let lost = try #require(Int(try row("network", "ties_lost")[4]))
        let kept = try #require(Int(try row("network", "ties_kept")[4]))
        let ties = try row("network", "ties")
        #expect(Int(ties[2]) == lost + kept && Int(ties[3]) == gained + kept)
        let ei = try row("organisation", "ei_index")
        for p in [ei[5], ei[6]] {
            let value = try #require(Double(p))
            #expect(value > 0 && value <= 1 && (value * 201).rounded() == value * 201)
        }
        let json = try Meshwork.run(arguments + ["--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let network = try #require(object["network"] as? [String: Any])
        #expect(network["ties_gained"] as? Int == gained)
        #expect((network["joined"] as? [String])?.count == Int(try row("network", "members_joined")[4]))
    }

    @Test("pseudonyms in every member list; spans from --before/--after only; bad spans are usage errors")
    func privacyAndUsage() throws {
        let arguments = ["compare", Self.dataset, "--before", "..2004-06-30", "--after", "2004-07-01..", "--format", "json"]
        let plain = try Meshwork.run(arguments)
        #expect(plain.stdout.contains("\"d1-"))
        let hidden = try Meshwork.run(arguments + ["--pseudonymise"], environment: ["MESHWORK_PSEUDONYM_KEY": "a key of sixteen bytes or more"])
        #expect(hidden.status == 0, "\(hidden.stderr)")
        #expect(!hidden.stdout.contains("d1-") && !hidden.stdout.contains("d2-"))
        for bad in [["--from", "2004-01-01"], ["--before", "2004-12-31..2004-01-01"], ["--after", "2004"]] {
            var call = ["compare", Self.dataset, "--before", "..2004-06-30", "--after", "2004-07-01.."]
            if let index = call.firstIndex(of: bad[0]) { call[index + 1] = bad[1] } else { call += bad }
            #expect(try Meshwork.run(call).status == 64, "\(bad)")
        }
    }

    @Test("report --before/--after adds the comparison section; one without the other is a usage error")
    func reportSection() throws {
        let dir = try TemporaryDirectory()
        let spans = ["--before", "2004-01-01..2004-06-30", "--after", "2004-07-01..2004-12-31"]
        let report = try Meshwork.run(["report", Self.dataset, "-o", dir.path + "/r"] + spans)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try dir.read("r/index.html")
        #expect(html.contains("id=\"comparison\"") && html.contains("2004-01-01 to 2004-06-30"))
        #expect(html.contains("Share of ties across organisations"))
        #expect(try Meshwork.run(["report", Self.dataset, "-o", dir.path + "/s", "--before", "..2004-06-30"]).status == 64)
    }
}
