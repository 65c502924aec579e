import Foundation
import MeshworkTestSupport
import Testing

/// `meshwork map` end to end: formats, levels, ego and date maps, limits, usage errors, privacy.
@Suite("meshwork map")
struct MapCommandTests {
    @Test("--format dot is the golden DOT; SVG, PNG and PDF from the flag or the -o extension")
    func formats() throws {
        let dir = try TemporaryDirectory()
        let dot = try Meshwork.run(["map", Meshwork.fixture("karate-club"), "--colour-by", "organisation", "--format", "dot"])
        #expect(dot.status == 0, "\(dot.stderr)")
        let golden = try String(contentsOfFile: Meshwork.fixture("goldens/maps/karate-club-organisation.dot"), encoding: .utf8)
        #expect(dot.stdout == golden)
        for (file, magic) in [("m.svg", "<?xml"), ("m.png", "\u{89}PNG"), ("m.pdf", "%PDF")] {
            let result = try Meshwork.run(["map", Meshwork.fixture("lazega-lawyers"), "--level", "organisation",
                                           "-o", dir.path + "/" + file, "--stats", dir.path + "/stats.json"])
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + file))
            #expect(bytes.starts(with: Array(magic.unicodeScalars.map { UInt8($0.value) })))
        }
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/stats.json"))) as! [String: Any]
        #expect(stats["map_nodes"] as? Int == 3)
        #expect(stats["engine"] as? String == "neato")
    }

    @Test("levels: one node per group; edge lists without a hierarchy are told to use a dataset")
    func levels() throws {
        for (level, count) in [("organisation", 3), ("region", 3), ("partner", 1), ("attribute:practice", 2)] {
            let result = try Meshwork.run(["map", Meshwork.fixture("lazega-lawyers"), "--level", level, "--format", "dot"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.components(separatedBy: " [id=\"n-").count - 1 == count, "\(level)")
        }
        let community = try Meshwork.run(["map", Meshwork.fixture("karate/karate.edges"), "--level", "community", "--format", "svg"])
        // Graphviz writes "-" in attributes as the character reference &#45;.
        #expect(community.status == 0 && community.stdout.contains("class=\"node group g&#45;c0"), "\(community.stderr)")
        let top = try Meshwork.run(["map", Meshwork.fixture("lazega-lawyers"), "--level", "organisation", "--top", "2",
                                    "--ties-per-group", "1", "--format", "dot"])
        #expect(top.status == 0, "\(top.stderr)")
        #expect(top.stdout.components(separatedBy: " [id=\"n-").count - 1 == 2)
        #expect(top.stdout.components(separatedBy: " -- ").count - 1 == 1)
        #expect(top.stdout.contains("The 2 largest of 3 organisations"))
        #expect(!top.stdout.contains(">unknown<"), "no unknown legend entry for the groups left out")
        let missing = try Meshwork.run(["map", Meshwork.fixture("karate/karate.edges"), "--level", "region"])
        #expect(missing.status == 64 && missing.stderr.contains("needs a dataset directory"))
    }

    /// The default lane checks `--until` on the e-mail network (SpansAndLevelsTests: the members
    /// and ties present by the day, against the growth reference).
    @Test("--until draws fewer ties on the example community", .tags(.large), .largeLane)
    func largeUntil() throws {
        let all = try Meshwork.run(["map", Meshwork.fixture("example-community"), "--format", "dot"])
        let early = try Meshwork.run(["map", Meshwork.fixture("example-community"), "--format", "dot", "--until", "2019-06-30"])
        #expect(all.status == 0 && early.status == 0, "\(early.stderr)")
        #expect(early.stdout.components(separatedBy: " -- ").count < all.stdout.components(separatedBy: " -- ").count)
    }

    @Test("--ego keeps the neighbourhood; --until needs a dataset; --labels the top K")
    func egoAndDate() throws {
        let ego = try Meshwork.run(["map", Meshwork.fixture("karate/karate.edges"), "--ego", "34", "--radius", "1",
                                    "--format", "dot", "--labels", "1", "--size-by", "pagerank"])
        #expect(ego.status == 0, "\(ego.stderr)")
        #expect(ego.stdout.components(separatedBy: " [id=\"n-").count - 1 == 18)  // 34 and its 17 neighbours
        #expect(ego.stdout.components(separatedBy: "xlabel=").count - 1 == 1)
        #expect(ego.stdout.contains("xlabel=\"34\""))
        let unknown = try Meshwork.run(["map", Meshwork.fixture("karate/karate.edges"), "--ego", "nobody"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no member nobody"))
        let notDataset = try Meshwork.run(["map", Meshwork.fixture("karate/karate.edges"), "--until", "2020-01-01"])
        #expect(notDataset.status == 64)
    }

    @Test("usage errors exit 64 before any work")
    func usage() throws {
        for args in [["--level", "planet"], ["--colour-by", "shoe-size"], ["--until", "2020-13-01"],
                     ["--radius", "-1"], ["--level", "region", "--ego", "1"], ["--top", "3"], ["--level", "region", "--top", "0"], ["--format", "gif"], ["--engine", "twopi"]] {
            let result = try Meshwork.run(["map", Meshwork.fixture("karate-club")] + args)
            #expect(result.status == 64, "\(args): \(result.stderr)")
        }
    }

    @Test("--pseudonymise: no member id or name in the map")
    func pseudonymise() throws {
        let result = try Meshwork.run(["map", Meshwork.fixture("karate-club"), "--pseudonymise", "--format", "svg",
                                       "--labels", "34"], environment: ["MESHWORK_PSEUDONYM_KEY": "0123456789abcdef0123"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("Member 1") && !result.stdout.contains("id=\"n-34\""))
    }
}
