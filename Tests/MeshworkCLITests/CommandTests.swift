import Foundation
import MeshworkTestSupport
import Testing

/// End-to-end: the built `meshwork` executable, its whole output compared where it is small.
@Suite("meshwork commands")
struct CommandTests {
    static let karate = Meshwork.fixture("karate/karate.edges")

    /// `id,<column>` rows of a NetworkX golden file, in golden order.
    func golden(_ name: String, columns: [String]) throws -> [[String]] {
        let golden = try Fixtures.golden(name)
        let selected = (["id"] + columns).map(golden.column)
        return golden.rows.indices.map { row in selected.map { $0[row] } }
    }

    func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("help lists every command")
    func help() throws {
        let result = try Meshwork.run(["--help"])
        #expect(result.status == 0)
        for command in ["summary", "components", "centrality", "convert", "generate", "demo"] {
            #expect(result.stdout.contains("  \(command) "))
        }
        let centrality = try Meshwork.run(["centrality", "--help"])
        #expect(centrality.stdout.contains("--measure"))
        #expect(centrality.stdout.contains("--stats"))
    }

    @Test("components and degree print id,value rows in input order, as NetworkX",
          arguments: ["karate-edges", "ca-grqc-edges", "email-eu-core-edges-directed", "workplace-invs15"])
    func perNode(name: String) throws {
        let inputs = ["karate-edges": "karate/karate.edges", "ca-grqc-edges": "ca-grqc/ca-grqc.edges",
                      "email-eu-core-edges-directed": "email-eu-core.edges.gz", "workplace-invs15": "workplace-invs15"]
        let flags = name.hasSuffix("directed") ? ["--directed"] : []
        let components = try Meshwork.run(["components", Meshwork.fixture(inputs[name]!)] + flags)
        #expect(components.status == 0)
        #expect(csvRows(components.stdout) == [["id", "component"]] + (try golden(name, columns: ["component"])))
        let degree = try Meshwork.run(["centrality", Meshwork.fixture(inputs[name]!), "--measure", "degree",
                                       "--measure", "in_degree"] + flags)
        #expect(degree.status == 0)
        #expect(csvRows(degree.stdout) == [["id", "degree", "in_degree"]] + (try golden(name, columns: ["degree", "in_degree"])))
    }

    @Test("weighted strength agrees with NetworkX")
    func strength() throws {
        let result = try Meshwork.run(["centrality", Meshwork.fixture("workplace-invs15.weighted.edges"),
                                       "--weighted", "--measure", "strength"])
        #expect(result.status == 0)
        let rows = csvRows(result.stdout)
        #expect(rows.first == ["id", "strength"])
        let expected = try golden("workplace-invs15-edges-weighted", columns: ["strength"])
        #expect(rows.count == expected.count + 1)
        for (row, want) in zip(rows.dropFirst(), expected) {
            #expect(row[0] == want[0])
            #expect(abs(Double(row[1])! - Double(want[1])!) <= 1e-9 * Double(want[1])!)
        }
    }

    @Test("--stats writes the JSON object of docs/data-contract.md; -o writes the file and nothing else")
    func statsAndOutput() throws {
        let dir = try TemporaryDirectory()
        let result = try Meshwork.run(["components", Meshwork.fixture("email-eu-core.edges.gz"),
                                       "--stats", dir.path + "/stats.json", "-o", dir.path + "/out.csv"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let stats = try JSONSerialization.jsonObject(with: Data(try dir.read("stats.json").utf8)) as! [String: Any]
        #expect(stats["nodes"] as? Int == 1005)
        #expect(stats["edges"] as? Int == 16_064)
        #expect(stats["self_loops"] as? Int == 642)
        let seconds = stats["seconds"] as! [String: Any]
        for phase in ["load", "compute", "write"] { #expect(seconds[phase] is Double) }
        #expect(try dir.read("out.csv").hasPrefix("id,component\n0,"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.csv", "stats.json"])
    }

    @Test("bad input with -o leaves no file behind")
    func atomicOnFailure() throws {
        let dir = try TemporaryDirectory()
        try dir.write("edges.txt", "a b\nc\n")
        let result = try Meshwork.run(["components", dir.path + "/edges.txt", "-o", dir.path + "/out.csv"])
        #expect(result.status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["edges.txt"])
    }

    @Test("output does not depend on --threads or on the order of input lines")
    func deterministic() throws {
        let dir = try TemporaryDirectory()
        let original = try String(contentsOfFile: Meshwork.fixture("ca-grqc/ca-grqc.edges"), encoding: .utf8)
        var lines = original.split(separator: "\n").filter { !$0.hasPrefix("#") }
        var state: UInt64 = 12345
        for i in stride(from: lines.count - 1, to: 0, by: -1) {  // a seeded Fisher-Yates shuffle
            state = state &* 6364136223846793005 &+ 1442695040888963407
            lines.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        try dir.write("shuffled.edges", lines.joined(separator: "\n") + "\n")
        let one = try Meshwork.run(["centrality", Meshwork.fixture("ca-grqc/ca-grqc.edges"), "--measure", "degree", "--threads", "1"])
        let two = try Meshwork.run(["centrality", Meshwork.fixture("ca-grqc/ca-grqc.edges"), "--measure", "degree", "--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
        let shuffled = try Meshwork.run(["centrality", dir.path + "/shuffled.edges", "--measure", "degree"])
        #expect(Set(csvRows(shuffled.stdout).map { $0.joined(separator: ",") }) == Set(csvRows(one.stdout).map { $0.joined(separator: ",") }))
    }

    @Test("convert: edge list -> GraphML -> edge list keeps the graph; datasets keep member attributes")
    func convert() throws {
        let dir = try TemporaryDirectory()
        #expect(try Meshwork.run(["convert", Self.karate, "-o", dir.path + "/k.graphml"]).status == 0)
        let fromGraphML = try Meshwork.run(["components", dir.path + "/k.graphml"])
        let fromEdges = try Meshwork.run(["components", Self.karate])
        #expect(fromGraphML.stdout == fromEdges.stdout)
        #expect(try Meshwork.run(["convert", dir.path + "/k.graphml", "-o", dir.path + "/k.edges"]).status == 0)
        // An edge list lists nodes as their edges come, so compare rows as sets.
        let roundTrip = try Meshwork.run(["centrality", dir.path + "/k.edges", "--measure", "degree"]).stdout
        let direct = try Meshwork.run(["centrality", Self.karate, "--measure", "degree"]).stdout
        #expect(Set(roundTrip.split(separator: "\n")) == Set(direct.split(separator: "\n")))
        let dataset = try Meshwork.run(["convert", Meshwork.fixture("lazega-lawyers"), "--to", "graphml"])
        #expect(dataset.status == 0)
        #expect(dataset.stdout.contains("attr.name=\"organisation\""))
    }

    @Test("convert to GEXF: the extension picks it, --dynamic dates a dataset, and is refused without dates or GEXF")
    func convertToGEXF() throws {
        let dir = try TemporaryDirectory()
        let dynamic = try Meshwork.run(["convert", Meshwork.fixture("krackhardt-managers"), "--weighted", "--dynamic",
                                        "-o", dir.path + "/k.gexf"])
        #expect(dynamic.status == 0, "stderr: \(dynamic.stderr)")
        let text = try dir.read("k.gexf")
        #expect(text.contains("mode=\"dynamic\"") && text.contains("start=\"1987-01-01\"") && text.contains("title=\"region\""))
        let undated = try Meshwork.run(["convert", Self.karate, "--dynamic", "-o", dir.path + "/karate.gexf"])
        #expect(undated.status == 64 && undated.stderr.contains("needs a dataset directory"))
        let notGEXF = try Meshwork.run(["convert", Self.karate, "--dynamic", "--to", "graphml"])
        #expect(notGEXF.status == 64)
        let contradiction = try Meshwork.run(["convert", Self.karate, "--to", "graphml", "-o", dir.path + "/k2.gexf"])
        #expect(contradiction.status == 64)
    }

    @Test("suggest: introductions with reasons, and the evaluation table with --evaluate-at")
    func suggest() throws {
        let dataset = Meshwork.fixture("workplace-invs15")
        let listed = try Meshwork.run(["suggest", dataset, "--top", "3"])
        #expect(listed.status == 0, "stderr: \(listed.stderr)")
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.first == "source,target,score,shared_contacts,group_source,group_target,ties_between_groups,reason" && lines.count == 4)
        let evaluated = try Meshwork.run(["suggest", dataset, "--evaluate-at", "2015-06-05", "--top", "20", "--samples", "500"])
        #expect(evaluated.status == 0 && evaluated.stdout.hasPrefix("ranking,hits,cross_hits,precision,recall,auc\ncommon_neighbours,"))
        #expect(try Meshwork.run(["suggest", dataset, "--evaluate-at", "June"]).status == 64)
    }

    @Test("resilience: curves per order, the chart, and bad options refused")
    func resilience() throws {
        let dir = try TemporaryDirectory()
        let result = try Meshwork.run(["resilience", Meshwork.fixture("krackhardt-managers"), "--steps", "2", "--random-orders", "2",
                                       "--chart", dir.path + "/r.svg"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("order,removed,removed_share,largest_component_share,group_pairs_connected\nbetweenness,0,0,"))
        #expect(try dir.read("r.svg").hasPrefix("<svg"))
        #expect(try Meshwork.run(["resilience", Self.karate, "--max-share", "2"]).status == 64)
    }

    @Test("generate: same seed, byte-identical files; the dataset loads")
    func generate() throws {
        let dir = try TemporaryDirectory()
        for run in ["a", "b"] {
            let result = try Meshwork.run(["generate", "--members", "400", "--seed", "9", "-o", dir.path + "/" + run])
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        for file in ["nodes.csv", "interactions.csv", "attendance.csv"] {
            #expect(try dir.read("a/" + file) == dir.read("b/" + file))
        }
        let summary = try Meshwork.run(["summary", dir.path + "/a", "--format", "json"])
        #expect(summary.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as! [String: Any]
        #expect(json["nodes"] as? Int == 400)
        let levels = json["levels"] as! [String: [String: Int]]
        #expect(levels["partner"]?["groups"] == 4)
        #expect(levels["region"]?["groups"] == 18)
    }

    @Test("summary of the example community")
    func summary() throws {
        let result = try Meshwork.run(["summary", Meshwork.fixture("example-community")])
        #expect(result.status == 0)
        for line in ["Members: 2500", "Ties: ", "Components: ", "Density: ", "Top members by degree:", "organisation ", "partner "] {
            #expect(result.stdout.contains(line), "missing \(line) in \(result.stdout)")
        }
    }

    /// The example community (2,500 members) in the large lane; the default lane runs the same
    /// command on Lazega's lawyers.
    @Test("demo runs from a folder outside the checkout, writes its results and the example community, and prints where",
          .tags(.large), .largeLane)
    func largeDemo() throws {
        let dir = try TemporaryDirectory()
        let result = try Meshwork.run(["demo", "-o", "demo"], in: dir.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Results written to demo/"))
        #expect(try dir.read("demo/example-community/nodes.csv").hasPrefix("id,kind,name,parent,joined"))
        #expect(try dir.read("demo/members.csv").hasPrefix("id,degree,component,name,organisation,region,partner\n"))
        #expect(try dir.read("demo/summary.json").contains("\"nodes\": 2500"))
    }

    @Test("demo writes its results and prints where")
    func demo() throws {
        let dir = try TemporaryDirectory()
        let result = try Meshwork.run(["demo", "-o", dir.path + "/demo", "--dataset", Meshwork.fixture("lazega-lawyers")])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Results written to \(dir.path)/demo/"))
        #expect(try dir.read("demo/index.html").contains("<html"))
        #expect(try dir.read("demo/members.csv").hasPrefix("id,degree,component,name,organisation,region,partner\n"))
        #expect(try dir.read("demo/summary.json").contains("\"nodes\": 71"))
    }
}

@Suite("Output targets")
struct OutputTargetTests {
    @Test("-o /dev/null writes to the device and never replaces it")
    func devNull() throws {
        let result = try Meshwork.run(["components", Meshwork.fixture("karate/karate.edges"), "-o", "/dev/null"])
        #expect(result.status == 0)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0)
        #expect((info.st_mode & S_IFMT) == S_IFCHR)
    }
}

@Suite("Cut structure commands")
struct CutCommandTests {
    @Test("bridges, articulation-points and biconnected-components print their goldens")
    func goldens() throws {
        for (command, golden) in [("bridges", "bridges"), ("articulation-points", "articulation"),
                                  ("biconnected-components", "biconnected")] {
            let result = try Meshwork.run([command, Meshwork.fixture("email-eu-core.edges.gz"), "--directed"])
            #expect(result.status == 0)
            let expected = try String(contentsOfFile: Meshwork.fixture("goldens/email-eu-core-edges-directed.\(golden).csv"),
                                      encoding: .utf8)
            #expect(result.stdout == expected, "\(command)")
        }
    }
}

@Suite("Centrality command")
struct CentralityCommandTests {
    static let measures = ["betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "kcore", "clustering"]

    @Test("every measure agrees with NetworkX, several columns from one load",
          arguments: [("karate-edges", "karate/karate.edges", [String]()),
                      ("lazega-lawyers-weighted", "lazega-lawyers", ["--weighted"]),
                      ("email-eu-core-edges-directed", "email-eu-core.edges.gz", ["--directed"])])
    func goldens(name: String, input: String, flags: [String]) throws {
        let result = try Meshwork.run(["centrality", Meshwork.fixture(input), "--tolerance", "1e-12"] + flags
                                      + Self.measures.flatMap { ["--measure", $0] })
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["id"] + Self.measures)
        let golden = try Fixtures.golden(name)
        let expected = golden.rows, header = golden.columns
        #expect(rows.count == expected.count + 1)
        for (row, want) in zip(rows.dropFirst(), expected) {
            #expect(row[0] == want[0])
            for (c, measure) in Self.measures.enumerated() {
                let cell = want[header.firstIndex(of: measure)!]
                if cell.isEmpty { continue }   // NetworkX declined (eigenvector on a disconnected graph)
                let a: Double = Double(row[c + 1])!
                let b: Double = Double(cell)!
                let close: Bool = abs(a - b) <= 1e-7 * max(1.0, abs(a), abs(b))
                #expect(close, "\(measure) of \(row[0]): \(a) vs \(b)")
            }
        }
    }

    @Test("--threads 1 and --threads 2 give byte-identical output", .tags(.large), .largeLane)
    func largeThreads() throws {
        let args = ["centrality", Meshwork.fixture("ca-grqc/ca-grqc.edges"), "--measure", "betweenness",
                    "--measure", "closeness", "--measure", "harmonic", "--measure", "pagerank"]
        let one = try Meshwork.run(args + ["--threads", "1"])
        let two = try Meshwork.run(args + ["--threads", "2"])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
    }

    @Test("sampled betweenness is reproducible by seed and reports its sample size")
    func sampled() throws {
        let dir = try TemporaryDirectory()
        let args = ["centrality", Meshwork.fixture("ca-grqc/ca-grqc.edges"), "--measure", "betweenness",
                    "--samples", "50", "--seed", "7"]
        let first = try Meshwork.run(args + ["--stats", dir.path + "/s.json"])
        let again = try Meshwork.run(args)
        #expect(first.status == 0 && first.stdout == again.stdout)
        #expect(try dir.read("s.json").contains("\"betweenness_samples\": 50"))
    }
}

@Suite("Edge betweenness command")
struct EdgeBetweennessCommandTests {
    //  a - b - c - d     each edge carries the shortest paths across it: 3, 4, 3
    @Test("a path: every pair's shortest path crosses its edges")
    func path() throws {
        let dir = try TemporaryDirectory()
        try dir.write("path.edges", "a b\nb c\nc d\n")
        let result = try Meshwork.run(["edge-betweenness", dir.path + "/path.edges"])
        #expect(result.status == 0)
        #expect(result.stdout == "source,target,betweenness\na,b,3\nb,c,4\nc,d,3\n")
        let top = try Meshwork.run(["edge-betweenness", dir.path + "/path.edges", "--top", "1"])
        #expect(top.stdout == "source,target,betweenness\nb,c,4\n")
    }
}
