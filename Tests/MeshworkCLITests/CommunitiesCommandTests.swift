import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// `meshwork communities` end to end: determinism, line-order independence, the stats file.
@Suite("meshwork communities")
struct CommunitiesCommandTests {
    static let methods = ["louvain", "leiden", "label-propagation"]

    /// `id -> community` from the command's output.
    func assignment(_ output: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            result[String(fields[0])] = String(fields[1])
        }
        return result
    }

    /// Whether two assignments are the same partition up to the names of the groups.
    func samePartition(_ a: [String: String], _ b: [String: String]) -> Bool {
        guard Set(a.keys) == Set(b.keys) else { return false }
        var forward: [String: String] = [:], backward: [String: String] = [:]
        for (id, x) in a {
            let y = b[id]!
            if forward[x, default: y] != y || backward[y, default: x] != x { return false }
            forward[x] = y
            backward[y] = x
        }
        return true
    }

    /// The e-mail network (1,005 nodes) in the large lane; the default lane runs the command on
    /// Lazega's lawyers, and the kernels' thread tests (CommunityDetectionTests,
    /// ConsensusClusteringTests) run in process on larger random graphs.
    @Test("--threads 1 and 2 give byte-identical output on email-Eu-core, with and without --runs",
          .tags(.large), .largeLane, arguments: methods)
    func largeThreads(method: String) throws { try threads(method: method, input: "email-eu-core") }

    @Test("--threads 1 and 2 give byte-identical output, with and without --runs", arguments: methods)
    func threads(method: String) throws { try threads(method: method, input: "lazega-lawyers") }

    func threads(method: String, input: String) throws {
        for extra in [[], ["--runs", "4"]] {
            let args = ["communities", Meshwork.fixture(input), "--method", method, "--seed", "7"] + extra
            let one = try Meshwork.run(args + ["--threads", "1"])
            let two = try Meshwork.run(args + ["--threads", "2"])
            #expect(one.status == 0, "\(one.stderr)")
            #expect(one.stdout == two.stdout)
            #expect(one.stdout == (try Meshwork.run(args + ["--threads", "1"])).stdout, "same seed, same bytes")
        }
    }

    @Test("shuffling the input lines gives the same partition up to the community numbers", arguments: methods)
    func lineOrder(method: String) throws {
        let dir = try TemporaryDirectory()
        let original = try String(contentsOfFile: Meshwork.fixture("ca-grqc/ca-grqc.edges"), encoding: .utf8)
        var lines = original.split(separator: "\n").filter { !$0.hasPrefix("#") }
        var rng = SplitMix64(seed: 99)
        lines.shuffle(using: &rng)
        // Also swap the two ends of every other line: an undirected tie is the same either way.
        for i in stride(from: 0, to: lines.count, by: 2) {
            let ends = lines[i].split(separator: "\t", omittingEmptySubsequences: false)
            if ends.count == 2 { lines[i] = Substring(ends[1] + "\t" + ends[0]) }
        }
        try dir.write("shuffled.edges", lines.joined(separator: "\n") + "\n")
        let args = ["--method", method, "--seed", "3"]
        let first = try Meshwork.run(["communities", Meshwork.fixture("ca-grqc/ca-grqc.edges")] + args)
        let second = try Meshwork.run(["communities", dir.path + "/shuffled.edges"] + args)
        #expect(first.status == 0 && second.status == 0)
        #expect(first.stdout != second.stdout, "the rows follow the input order")
        #expect(samePartition(assignment(first.stdout), assignment(second.stdout)))
    }

    @Test("the stats file reports the modularity of the written partition", arguments: methods)
    func stats(method: String) throws {
        let dir = try TemporaryDirectory()
        let input = Meshwork.fixture("workplace-invs15")
        let run = try Meshwork.run(["communities", input, "--weighted", "--method", method,
                                    "--stats", dir.path + "/stats.json", "-o", dir.path + "/out.csv"])
        #expect(run.status == 0 && run.stdout.isEmpty)
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/stats.json"))) as! [String: Any]
        let loaded = try GraphLoader.load(input, options: LoadOptions(weighted: true))
        let written = assignment(try String(contentsOfFile: dir.path + "/out.csv", encoding: .utf8))
        let groups = loaded.labels.labels.map { Int32(written[$0]!)! }
        let partition = Partition(groups: groups)
        #expect(partition == partition.canonicalised(), "numbered by decreasing size")
        #expect(stats["communities"] as? Int == partition.groupCount)
        let modularity = try #require(stats["modularity"] as? Double)
        #expect(agrees(modularity, Modularity().run(loaded.graph, partition: partition).quality, tolerance: 1e-12))
        for key in ["levels", "iterations", "moves", "nodes", "edges", "self_loops"] { #expect(stats[key] != nil, "\(key)") }
    }

    @Test("--runs adds a stability column in [0, 1] and the consensus to the stats")
    func runs() throws {
        let dir = try TemporaryDirectory()
        let run = try Meshwork.run(["communities", Meshwork.fixture("lazega-lawyers"), "--runs", "6",
                                    "--stats", dir.path + "/stats.json"])
        #expect(run.status == 0)
        let rows = run.stdout.split(separator: "\n")
        #expect(rows.first == "id,community,stability")
        for row in rows.dropFirst() {
            let stability = Double(row.split(separator: ",")[2])!
            #expect(stability >= 0 && stability <= 1)
        }
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path + "/stats.json"))) as! [String: Any]
        #expect((stats["runs_modularity"] as? [Double])?.count == 6)
        #expect(stats["consensus_converged"] != nil && stats["mean_stability"] != nil)
    }

    @Test("bad flags are usage errors (exit 64)")
    func usage() throws {
        for flags in [["--directed"], ["--runs", "0"], ["--method", "walktrap"], ["--resolution", "-1"],
                      ["--method", "label-propagation", "--quality", "cpm"]] {
            let run = try Meshwork.run(["communities", Meshwork.fixture("karate/karate.edges")] + flags)
            #expect(run.status == 64, "\(flags): \(run.stderr)")
        }
    }
}
