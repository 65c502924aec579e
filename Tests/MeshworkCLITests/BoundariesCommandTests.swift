import Foundation
import MeshworkTestSupport
import Testing

/// `meshwork boundaries` and `--pseudonymise` end to end.
@Suite("meshwork boundaries")
struct BoundariesCommandTests {
    static let key = "a secret phrase for the tests"

    func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("the group table agrees with the reference script")
    func groups() throws {
        let run = try Meshwork.run(["boundaries", Meshwork.fixture("lazega-lawyers"), "--level", "attribute:practice"])
        #expect(run.status == 0, "\(run.stderr)")
        let table = rows(run.stdout)
        #expect(Array(table[0].prefix(5)) == ["group", "members", "internal_ties", "external_ties", "ei_index"])
        let golden = try Fixtures.golden("lazega-lawyers-practice.boundaries")
        #expect(table.dropFirst().map { $0[0] } == golden.column("group"))
        #expect(table.dropFirst().map { $0[2] } == golden.column("internal_ties"))
        for (row, expected) in zip(table.dropFirst(), golden.column("ei_index")) {
            #expect(agrees(Double(row[4])!, Double(expected)!))
        }
    }

    @Test("every level in one run, with mixing, crossing ties and a quotient graph")
    func outputs() throws {
        let dir = try TemporaryDirectory()
        let all = try Meshwork.run(["boundaries", Meshwork.fixture("example-community"), "--mixing", dir.path + "/mixing.csv",
                                    "--ties", dir.path + "/ties.csv", "--stats", dir.path + "/stats.json"])
        #expect(all.status == 0, "\(all.stderr)")
        let levels = Set(rows(all.stdout).dropFirst().map { $0.last! })
        #expect(levels == ["organisation", "region", "partner"])
        let mixing = try String(contentsOfFile: dir.path + "/mixing.csv", encoding: .utf8)
        #expect(mixing.hasPrefix("group_a,group_b,ties,weight,level\n"))
        let ties = try String(contentsOfFile: dir.path + "/ties.csv", encoding: .utf8)
        #expect(ties.hasPrefix("source,target,source_group,target_group,bridge,sole_tie,level\n"))
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/stats.json"))) as! [String: Any]
        #expect((stats["levels"] as? [[String: Any]])?.count == 3)
        let quotient = try Meshwork.run(["boundaries", Meshwork.fixture("example-community"), "--level", "region",
                                         "--quotient", dir.path + "/regions.graphml", "-o", dir.path + "/regions.csv"])
        #expect(quotient.status == 0)
        let graphml = try String(contentsOfFile: dir.path + "/regions.graphml", encoding: .utf8)
        #expect(graphml.components(separatedBy: "<node ").count - 1 == 18)
        let weak = try Meshwork.run(["boundaries", Meshwork.fixture("karate-club"), "--level", "communities",
                                     "--ties", dir.path + "/weak.csv", "--weak-ties", "3"])
        #expect(weak.status == 0)
        let ranked = rows(try String(contentsOfFile: dir.path + "/weak.csv", encoding: .utf8))
        #expect(ranked.count == 4 && ranked[0][6] == "edge_betweenness")
        let scores = ranked.dropFirst().map { Double($0[6])! }
        #expect(scores == scores.sorted(by: >))
    }

    @Test("--pseudonymise: no original member id or name in any output; small groups suppressed", .tags(.large), .largeLane)
    func largePseudonymise() throws {
        let dir = try TemporaryDirectory()
        let dataset = Meshwork.fixture("example-community")
        let nodes = rows(try String(contentsOfFile: dataset + "/nodes.csv", encoding: .utf8))
        let members = nodes.filter { $0.count > 2 && $0[1] == "member" }
        var outputs: [String] = []
        let environment = ["MESHWORK_PSEUDONYM_KEY": Self.key]
        for args in [["boundaries", dataset, "--ties", dir.path + "/ties.csv", "--mixing", dir.path + "/mixing.csv",
                      "--min-cell", "30"],
                     ["centrality", dataset, "--measure", "degree"], ["communities", dataset, "--runs", "3"],
                     ["bridges", dataset], ["articulation-points", dataset]] {
            let run = try Meshwork.run(args + ["--pseudonymise", "--stats", dir.path + "/stats.json"], environment: environment)
            #expect(run.status == 0, "\(args[0]): \(run.stderr)")
            outputs += [run.stdout, run.stderr, try String(contentsOfFile: dir.path + "/stats.json", encoding: .utf8)]
        }
        for args in [["convert", dataset, "-o", dir.path + "/members.graphml"], ["summary", dataset],
                     ["map", dataset, "--level", "organisation", "--format", "svg", "-o", dir.path + "/map.svg"],
                     ["report", dataset, "-o", dir.path + "/report"]] {
            let run = try Meshwork.run(args + ["--pseudonymise"], environment: environment)
            #expect(run.status == 0, "\(args[0]): \(run.stderr)")
            outputs += [run.stdout, run.stderr]
        }
        outputs += [try String(contentsOfFile: dir.path + "/ties.csv", encoding: .utf8),
                    try String(contentsOfFile: dir.path + "/mixing.csv", encoding: .utf8),
                    try String(contentsOfFile: dir.path + "/members.graphml", encoding: .utf8),
                    try String(contentsOfFile: dir.path + "/map.svg", encoding: .utf8),
                    try String(contentsOfFile: dir.path + "/report/index.html", encoding: .utf8)]
        // Every word (and pair of adjacent words) of every output, against every member id and
        // name: a leaked id is a word, a leaked name has its first two words side by side.
        let (words, pairs) = Self.words(outputs)
        for member in members {
            let name = member[2].split(separator: " ").map(String.init)
            let leakedName = name.count >= 2 ? pairs.contains(name[0] + " " + name[1]) : words.contains(member[2])
            #expect(!words.contains(member[0]) && !leakedName, "\(member[0]) / \(member[2]) leaked")
        }
        #expect(!rows(outputs[3]).dropFirst().isEmpty, "pseudonymised rows were written")
        // Organisations with fewer than 30 members are suppressed and say so.
        let suppressed = rows(outputs[0]).dropFirst().filter { $0.last?.hasPrefix("suppressed") == true }
        #expect(!suppressed.isEmpty && suppressed.allSatisfy { $0[1].isEmpty && $0[4].isEmpty })
        #expect(outputs[1].contains("suppressed"))
    }

    /// The words of `texts` (runs of letters, digits, `'`, `-`, `_` and `.`), and each two adjacent
    /// words joined by a space. SVG geometry (`d`, `points`, `transform` and `viewBox` attribute
    /// values, where path commands such as `M1048,-20` look like member ids) is skipped.
    static func words(_ texts: [String]) -> (words: Set<String>, pairs: Set<String>) {
        var words = Set<String>(), pairs = Set<String>()
        for original in texts {
            var text = original
            for attribute in [" d=\"", " points=\"", " transform=\"", " viewBox=\""] {
                var pieces = text.components(separatedBy: attribute)
                for i in pieces.indices.dropFirst() {
                    if let end = pieces[i].firstIndex(of: "\"") { pieces[i] = String(pieces[i][end...]) }
                }
                text = pieces.joined(separator: " ")
            }
            var previous: String?
            var current: [UInt8] = []
            func flush() {
                guard !current.isEmpty else { return }
                let word = String(decoding: current, as: UTF8.self)
                words.insert(word)
                if let previous { pairs.insert(previous + " " + word) }
                previous = word
                current.removeAll(keepingCapacity: true)
            }
            for byte in text.utf8 {
                let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x27 || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte >= 0x80
                if isWordByte { current.append(byte) } else { flush(); if byte != 0x20 { previous = nil } }
            }
            flush()
        }
        return (words, pairs)
    }

    @Test("--permutations: ei_p_value column and level p-values, the same on 1 and 2 threads; default columns unchanged")
    func permutations() throws {
        let dir = try TemporaryDirectory()
        let base = ["boundaries", Meshwork.fixture("lazega-lawyers"), "--level", "organisation", "--permutations", "199", "--seed", "5"]
        let one = try Meshwork.run(base + ["--threads", "1", "--stats", dir.path + "/stats.json"])
        let two = try Meshwork.run(base + ["--threads", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let table = rows(one.stdout)
        let column = try #require(table[0].firstIndex(of: "ei_p_value"))
        #expect(table[0][column + 1] == "name")
        for row in table.dropFirst() { #expect(Double(row[column]).map { $0 > 0 && $0 <= 1 } == true) }
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/stats.json"))) as! [String: Any]
        let level = try #require((stats["levels"] as? [[String: Any]])?.first)
        #expect(level["permutations"] as? Int == 199)
        #expect(level["cross_share_p_value"] as? Double == level["ei_p_value"] as? Double)
        // Lazega's offices: far fewer ties across than by chance, beaten by no permutation.
        #expect(level["ei_p_value"] as? Double == 1.0 / 200)
        let plain = try Meshwork.run(["boundaries", Meshwork.fixture("lazega-lawyers"), "--level", "organisation"])
        #expect(!plain.stdout.contains("ei_p_value"))
        #expect(try Meshwork.run(base.dropLast(4) + ["--permutations", "0"]).status == 64)
    }

    @Test("usage errors: unknown level, a level the input lacks, a pseudonym without a key")
    func usage() throws {
        let karate = Meshwork.fixture("karate/karate.edges")
        #expect(try Meshwork.run(["boundaries", karate, "--level", "county"]).status == 64)
        #expect(try Meshwork.run(["boundaries", karate, "--level", "region"]).status == 64)
        #expect(try Meshwork.run(["boundaries", karate, "--level", "communities"]).status == 0)
        #expect(try Meshwork.run(["components", karate, "--pseudonymise"], environment: [:]).status == 64)
    }
}
