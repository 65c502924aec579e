import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Edge lists, dates and datasets")
struct ReaderTests {
    func temporaryFile(_ bytes: [UInt8], suffix: String = ".txt") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-\(UUID().uuidString)\(suffix)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("edge list: tokens, comments, tabs, CRLF, first-appearance order, an ignored third column")
    func edgeList() throws {
        let path = try temporaryFile(Array("# header\r\n  bob\talice 3\r\n\r\n% note\ncarol bob\nalice alice\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try EdgeListReader(weighted: false).read(path: path)
        #expect(read.labels.labels == ["bob", "alice", "carol"])
        let built = read.edges.build(vertexCount: 3, directed: false)
        #expect(built.graph.edgeCount == 2)
        #expect(built.selfLoops == 1)
        let weighted = try EdgeListReader(weighted: true).read(path: try temporaryFile(Array("a b 0.1\nb a 0.2\n".utf8)))
        #expect(weighted.edges.build(vertexCount: 2, directed: false).graph.weight(0, 1) == 0.1 + 0.2)
    }

    @Test("gzip edge lists read the same as plain ones")
    func gzip() throws {
        let plain = try EdgeListReader(weighted: false).read(path: Fixtures.root + "/karate/karate.edges")
        let gz = try EdgeListReader(weighted: false).read(path: Fixtures.root + "/email-eu-core.edges.gz")
        #expect(plain.labels.count == 34)
        #expect(gz.labels.count == 1005)
        #expect(gz.edges.count == 25_571)
    }

    @Test("numbers parse exactly", arguments: ["1", "0.1", "2.5", "-3", "1e-3", "123456789012.345", "0.30000000000000004", "7.", ".5"])
    func numbers(text: String) {
        let parsed = Array(text.utf8).withUnsafeBufferPointer { NumberParsing.double($0) }
        #expect(parsed == Double(text) ?? Double("0" + text))
    }

    @Test("ISO 8601 dates and date-times")
    func dates() {
        func seconds(_ text: String) -> Int64? {
            Array(text.utf8).withUnsafeBufferPointer { try? ISO8601.seconds($0).get() }
        }
        #expect(seconds("1970-01-02") == 86_400)
        #expect(seconds("2020-03-01T10:30:00Z") == seconds("2020-03-01")! + 37_800)
        #expect(seconds("2020-03-01T10:30:00+01:00") == seconds("2020-03-01")! + 34_200)
        #expect(seconds("2020-03-01 10:30") == seconds("2020-03-01")! + 37_800)
        #expect(seconds("2020-03-01T10:30:00.250-0130") == seconds("2020-03-01")! + 37_800 + 5_400)
        #expect(seconds("2020-02-30") == nil)
        #expect(seconds("2020-3-1") == nil)
        #expect(seconds("2020-03-01T25:00") == nil)
    }

    @Test("attendance projects to co-attendance ties dated by the later attendance")
    func attendance() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-att-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("id,kind\nA,member\nB,member\nC,member\n".utf8).write(to: URL(fileURLWithPath: dir + "/nodes.csv"))
        try Data("source,target,date\nA,B,2020-01-01\n".utf8).write(to: URL(fileURLWithPath: dir + "/interactions.csv"))
        try Data("event,member,date\nE,A,2020-02-01\nE,B,2020-02-03\nF,C,2020-01-01\nE,C,2020-02-02\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/attendance.csv"))
        let community = try DatasetReader().read(directory: dir)
        #expect(community.interactions.count == 1)
        #expect(community.recordCount == 4)  // A-B interaction, then the three pairs of event E
        var records: [(Int32, Int32, Int64)] = []
        community.forEachRecord { source, target, time, _ in records.append((source, target, time)) }
        #expect(records.map(\.2) == records.map(\.2).sorted())
        let network = community.memberNetwork(weighted: true).graph
        #expect(network.weight(0, 1) == 2)   // one interaction and one shared event
        #expect(network.weight(0, 2) == 1)
        #expect(community.memberNetwork(through: records[0].2, weighted: false).graph.edgeCount == 1)
        let pairDates = records.dropFirst().map { $0.2 / 86_400 }
        #expect(pairDates.map { CivilDate(daysSinceEpoch: Int32($0)).description }
                == ["2020-02-02", "2020-02-03", "2020-02-03"])
    }

    @Test("the load tells each of its steps, in order, when asked to")
    func loadSteps() throws {
        final class Steps: @unchecked Sendable {
            let lock = NSLock()
            var names: [String] = [], seconds: [Double] = []
            func add(_ name: String, _ took: Double) { lock.withLock { names.append(name); seconds.append(took) } }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let steps = Steps()
        _ = try GraphLoader.load(root.appendingPathComponent("fixtures/example-community").path,
                                 options: LoadOptions(span: DateSpan(from: nil, until: CivilDate(year: 2020, month: 6, day: 30)),
                                                      progress: steps.add))
        #expect(steps.names == ["reading nodes.csv", "reading attendance.csv", "reading interactions.csv",
                                "ordering the interactions by date", "grouping the attendance by event and date",
                                "restricting to ..2020-06-30",
                                "building the member network", "labelling the members"])
        #expect(steps.seconds.allSatisfy { $0 >= 0 })
        let edges = Steps()
        _ = try GraphLoader.load(root.appendingPathComponent("fixtures/karate/karate.edges").path,
                                 options: LoadOptions(progress: edges.add))
        #expect(edges.names == ["reading the edge list", "building the graph"])
    }

    @Test("co-attendance ties come in date order among the interactions, where a stable sort puts them", arguments: [false, true])
    func attendanceMergedInOrder(eventsOutOfOrder: Bool) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-merge-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("id,kind\nA,member\nB,member\nC,member\n".utf8).write(to: URL(fileURLWithPath: dir + "/nodes.csv"))
        try Data("source,target,date,kind,weight\nA,B,2020-01-01,lab,0.1\nA,B,2020-02-01,lab,0.2\nC,B,2020-03-01,lab,1\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/interactions.csv"))
        // Event F listed first puts its ties before E's, out of date order: they still come by date.
        let e = "E,A,2020-01-01\nE,B,2020-01-01\n", f = "F,A,2020-02-01\nF,B,2020-02-01\nF,C,2020-02-01\n"
        try Data(("event,member,date\n" + (eventsOutOfOrder ? f + e : e + f)).utf8)
            .write(to: URL(fileURLWithPath: dir + "/attendance.csv"))
        let community = try DatasetReader().read(directory: dir)
        var times: [Int64] = [], sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
        community.forEachRecord { times.append($2); sources.append($0); targets.append($1); weights.append($3) }
        let day = { (text: String) -> Int64 in
            let parts = text.split(separator: "-").map { Int($0)! }
            return Int64(CivilDate(year: parts[0], month: parts[1], day: parts[2])!.daysSinceEpoch) * 86_400
        }
        // At equal times the interactions come first, then the ties in attendance order.
        #expect(times == ["2020-01-01", "2020-01-01", "2020-02-01", "2020-02-01", "2020-02-01", "2020-02-01", "2020-03-01"].map(day))
        #expect(sources == [0, 0, 0, 0, 0, 1, 2])
        #expect(targets == [1, 1, 1, 1, 2, 2, 1])
        #expect(weights == [0.1, 1, 0.2, 1, 1, 1, 1])
    }

    @Test("a dataset larger than one chunk reads the same on one and two threads, with file line numbers",
          .tags(.large), .largeLane)
    func largeChunkedInteractions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-big-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let members = 500
        var nodes = "id,kind\n"
        for m in 0..<members { nodes += "M\(m),member\n" }
        try Data(nodes.utf8).write(to: URL(fileURLWithPath: dir + "/nodes.csv"))
        // About 18 MB, five chunks of 4 MiB: the first two (with the header) are parsed in turn, the
        // next two in parallel, the last one in turn again because it holds quoted fields (in the
        // kind column, which is read and not kept).
        var rng = SplitMix64(seed: 3)
        var lines = ["source,target,date,kind,weight"]
        let count = 600_000
        for i in 0..<count {
            let kind = i < 300_000 ? "message" : i < 580_000 ? "lab" : "\"mentor, formal\""
            let month = 1 + i * 12 / count
            lines.append("M\(rng.below(members)),M\(rng.below(members)),2020-\(month < 10 ? "0" : "")\(month)-0\(1 + i % 9),\(kind),\(1 + i % 4)\r")
        }
        let rows = lines.joined(separator: "\n") + "\n"
        try Data(rows.utf8).write(to: URL(fileURLWithPath: dir + "/interactions.csv"))
        let one = try DatasetReader(threads: 1).read(directory: dir).interactions
        let two = try DatasetReader(threads: 2).read(directory: dir).interactions
        #expect(one.count == count)
        #expect(one.sources == two.sources && one.targets == two.targets && one.times == two.times)
        #expect(one.weights == two.weights)

        // Problems deep in the file carry their file line numbers, in order, on any thread count.
        lines[150_001] = "M1,nobody,2020-01-01,message,1\r"
        lines[350_001] = "M1,M2,2020-13-01,message,1\r"
        lines[590_001] = "M1,M2,2020-01-01,message,heavy\r"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/interactions.csv"))
        for threads in [1, 2] {
            #expect {
                _ = try DatasetReader(threads: threads).read(directory: dir)
            } throws: { error in
                (error as? InputError)?.problems.map(\.line) == [150_002, 350_002, 590_002]
            }
        }
    }

    @Test("hierarchy levels group members by their ancestors")
    func levels() throws {
        let community = try DatasetReader().read(directory: Fixtures.root + "/lazega-lawyers")
        let organisations = community.partition(.organisation)
        #expect(organisations.knownCount == community.memberCount)
        let partners = community.partition(.partner)
        #expect(partners.groupCount >= 1)
    }
}
