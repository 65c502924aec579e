import Foundation
import Testing

/// The output rules end to end: inputs are never overwritten, map names must match the format,
/// and a SIGTERM leaves no temporary file.
@Suite("Output rules end to end")
struct OutputRulesCommandTests {
    @Test("--progress: the long steps on stderr (betweenness and closeness shares, the brokers' steps); stdout unchanged")
    func progressLines() throws {
        let graph = Meshwork.fixture("ca-grqc/ca-grqc.edges")
        let args = ["centrality", graph, "--measure", "betweenness", "--measure", "closeness", "--samples", "300"]
        let quiet = try Meshwork.run(args)
        let told = try Meshwork.run(args + ["--progress"])
        #expect(quiet.status == 0 && told.status == 0 && told.stdout == quiet.stdout)
        #expect(quiet.stderr.isEmpty, "stderr is not a terminal: no progress without --progress")
        let lines = told.stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
        #expect(lines.contains("meshwork: computing…"))
        #expect(lines.contains("centrality: betweenness, sources searched 100%"))
        #expect(lines.contains("centrality: closeness and harmonic, sources searched 100%"))
        let shares = lines.compactMap { line -> Int? in
            guard line.hasPrefix("centrality: betweenness, sources searched ") else { return nil }
            return Int(line.dropFirst("centrality: betweenness, sources searched ".count).dropLast())
        }
        #expect(shares.count > 2 && zip(shares, shares.dropFirst()).allSatisfy { $0 < $1 })

        let brokers = try Meshwork.run(["brokers", Meshwork.fixture("lazega-lawyers"), "--progress"])
        #expect(brokers.status == 0)
        for step in ["groups", "brokerage roles", "structural holes", "module roles", "bridges and articulation points"] {
            #expect(brokers.stderr.contains("brokers: \(step)… "), "\(step)")
        }
        // The long steps' shares rewrite their line; the duration ends it.
        let brokerLines = brokers.stderr.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
        #expect(brokerLines.contains { $0.hasPrefix("brokers: structural holes… 100% ") && $0.hasSuffix(" s") })
    }

    @Test("-o or --stats naming an input is refused (64) and the input is unchanged; .gz is honoured; map names checked")
    func refusals() throws {
        let dir = try TemporaryDirectory()
        try dir.write("g.edges", "a b\nb c\nc a\n")
        for args in [["convert", "g.edges", "-o", "g.edges"], ["convert", "g.edges", "-o", "./sub/../g.edges"],
                     ["components", "g.edges", "--stats", dir.path + "/g.edges"]] {
            try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
            let run = try Meshwork.run(args, in: dir.path)
            #expect(run.status == 64 && run.stderr.contains("refusing to write"), "\(args): \(run.stderr)")
            #expect(try dir.read("g.edges") == "a b\nb c\nc a\n")
        }
        let gz = try Meshwork.run(["convert", "g.edges", "-o", "deep/folder/g.edges.gz"], in: dir.path)
        #expect(gz.status == 0, "\(gz.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/deep/folder/g.edges.gz")).starts(with: [0x1F, 0x8B]))
        let back = try Meshwork.run(["summary", "deep/folder/g.edges.gz"], in: dir.path)
        #expect(back.status == 0 && back.stdout.contains("Nodes: 3"))
        for args in [["map", "g.edges", "-o", "m.jpg"], ["map", "g.edges", "--format", "png", "-o", "m.svg"],
                     ["convert", "g.edges", "--to", "edgelist", "-o", "g.graphml"]] {
            let run = try Meshwork.run(args, in: dir.path)
            #expect(run.status == 64, "\(args): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/m.jpg"))
    }

    @Test("SIGTERM while writing removes the temporary file, and the process ends by the signal")
    func sigterm() throws {
        let dir = try TemporaryDirectory()
        var text = ""
        text.reserveCapacity(12_000_000)
        for i in 0 ..< 700_000 { text += "n\(i % 150_001) n\(i * 7 % 150_011)\n" }
        try dir.write("big.edges", text)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Meshwork.executable)
        process.arguments = ["convert", dir.path + "/big.edges", "-o", dir.path + "/out/big.graphml"]
        process.standardError = FileHandle.nullDevice
        // The test runner's threads block most signals and a child inherits the mask of the
        // thread that starts it: unblock SIGTERM around the start, as a shell would have it.
        var term = sigset_t(), saved = sigset_t()
        sigemptyset(&term)
        sigaddset(&term, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &term, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var sawTemporary = false
        while process.isRunning && Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path + "/out")) ?? []
            if names.contains(where: { $0.hasPrefix(".big.graphml.tmp-") }) {
                sawTemporary = true
                process.terminate()  // SIGTERM
                break
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        process.waitUntilExit()
        #expect(sawTemporary, "the write finished before a temporary file was seen")
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").isEmpty)
    }
}
