import Foundation
import Testing

/// Every kind of bad input gets `file:line: message` on stderr and exit status 65.
@Suite("Bad input: clear messages and exit 65")
struct BadInputTests {
    static let nodes = """
        id,kind,name,parent,joined
        P1,partner,England,,
        R1,region,North,P1,
        O1,organisation,Trust A,R1,
        M1,member,Ann,O1,2020-01-05
        M2,member,Bob,O1,2020-02-01
        M3,member,Cy,O1,

        """
    static let interactions = """
        source,target,date,kind,weight
        M1,M2,2020-03-01,event,1
        M2,M3,2020-04-01T10:30:00Z,lab,2.5

        """

    struct Case: CustomStringConvertible, Sendable {
        var description: String
        var nodes: String = BadInputTests.nodes
        var interactions: String? = BadInputTests.interactions
        var attendance: String? = nil
        /// `file:line: message` fragments that stderr must contain.
        var expected: [String]
    }

    static let cases: [Case] = [
        Case(description: "duplicate id", nodes: nodes + "M2,member,Bob again,O1,\n",
             expected: ["nodes.csv:8: duplicate id 'M2' (first on line 6)"]),
        Case(description: "unknown kind", nodes: nodes + "M4,volunteer,Dee,O1,\n",
             expected: ["nodes.csv:8: unknown kind 'volunteer'"]),
        Case(description: "parent of the wrong kind", nodes: nodes + "M4,member,Dee,R1,\n",
             expected: ["nodes.csv:8: parent 'R1' of member 'M4' is a(n) region; a member's parent must be a(n) organisation"]),
        Case(description: "missing parent", nodes: nodes + "M4,member,Dee,O9,\n",
             expected: ["nodes.csv:8: parent 'O9' of 'M4' is not a node in nodes.csv"]),
        Case(description: "cycle in the hierarchy", nodes: nodes + "O2,organisation,X,O3,\nO3,organisation,Y,O2,\n",
             expected: ["cycle in the hierarchy: O2 -> O3 -> O2"]),
        Case(description: "unknown node id in interactions", interactions: interactions + "M1,M9,2020-05-01,lab,1\n",
             expected: ["interactions.csv:4: unknown node id 'M9' in target (not in nodes.csv)"]),
        Case(description: "bad date", interactions: interactions + "M1,M3,01/05/2020,lab,1\n",
             expected: ["interactions.csv:4: bad date '01/05/2020'"]),
        Case(description: "impossible date", interactions: interactions + "M1,M3,2023-02-29,lab,1\n",
             expected: ["interactions.csv:4: impossible date '2023-02-29'"]),
        Case(description: "bad joined date", nodes: nodes + "M4,member,Dee,O1,2021-13-01\n",
             expected: ["nodes.csv:8: impossible date '2021-13-01' in joined"]),
        Case(description: "zero weight", interactions: interactions + "M1,M3,2020-05-01,lab,0\n",
             expected: ["interactions.csv:4: weight 0 must be a finite number > 0"]),
        Case(description: "negative weight", interactions: interactions + "M1,M3,2020-05-01,lab,-2\n",
             expected: ["interactions.csv:4: weight -2 must be a finite number > 0"]),
        Case(description: "infinite weight", interactions: interactions + "M1,M3,2020-05-01,lab,inf\n",
             expected: ["interactions.csv:4: weight 'inf' is not a decimal number"]),
        Case(description: "NaN weight", interactions: interactions + "M1,M3,2020-05-01,lab,nan\n",
             expected: ["interactions.csv:4: weight 'nan' is not a decimal number"]),
        Case(description: "non-numeric weight", interactions: interactions + "M1,M3,2020-05-01,lab,heavy\n",
             expected: ["interactions.csv:4: weight 'heavy' is not a decimal number"]),
        Case(description: "unterminated quote", nodes: nodes + "M4,member,\"Dee,O1,\n",
             expected: ["nodes.csv:8: unterminated quoted field"]),
        Case(description: "wrong column count", interactions: interactions + "M1,M3,2020-05-01\n",
             expected: ["interactions.csv:4: expected 5 fields, found 3"]),
        Case(description: "empty nodes.csv", nodes: "", expected: ["nodes.csv: empty file"]),
        Case(description: "empty interactions.csv", interactions: "", expected: ["interactions.csv: empty file"]),
        Case(description: "missing interactions.csv", interactions: nil, expected: ["interactions.csv: missing"]),
        Case(description: "missing column", nodes: "id,name\nM1,Ann\n", expected: ["nodes.csv:1: missing column 'kind'"]),
        Case(description: "attendance by a non-member", attendance: "event,member,date\nE1,O1,2020-01-01\n",
             expected: ["attendance.csv:2: 'O1' is a(n) organisation, not a member"]),
        Case(description: "several problems are all reported",
             nodes: nodes + "M2,member,x,O1,\nM5,alien,y,O1,\n",
             interactions: interactions + "M1,M9,2020-05-01,lab,1\n",
             expected: ["nodes.csv:8: duplicate id 'M2'", "nodes.csv:9: unknown kind 'alien'"]),
    ]

    @Test("dataset defects", arguments: cases)
    func datasetDefect(testCase: Case) throws {
        let dir = try TemporaryDirectory()
        try dir.write("nodes.csv", testCase.nodes)
        if let interactions = testCase.interactions { try dir.write("interactions.csv", interactions) }
        if let attendance = testCase.attendance { try dir.write("attendance.csv", attendance) }
        let result = try Meshwork.run(["components", dir.path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        for fragment in testCase.expected {
            #expect(result.stderr.contains(dir.path + "/" + fragment) || result.stderr.contains(fragment),
                    "stderr was: \(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("a byte-order mark and CRLF line ends are accepted")
    func bomAndCRLF() throws {
        let dir = try TemporaryDirectory()
        let crlf = { (text: String) in text.replacingOccurrences(of: "\n", with: "\r\n") }
        try dir.write("nodes.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(crlf(Self.nodes).utf8))
        try dir.write("interactions.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(crlf(Self.interactions).utf8))
        let result = try Meshwork.run(["centrality", dir.path, "--measure", "degree"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == "id,degree\nM1,1\nM2,2\nM3,1\n")
    }

    struct EdgeCase: CustomStringConvertible, Sendable {
        var description: String
        var contents: String
        var flags: [String]
        var expected: String
    }

    static let edgeCases: [EdgeCase] = [
        EdgeCase(description: "one field", contents: "a b\nc\n", flags: [], expected: "edges.txt:2: expected two node ids"),
        EdgeCase(description: "missing weight", contents: "a b 1\nb c\n", flags: ["--weighted"],
                 expected: "edges.txt:2: expected a weight in the third column"),
        EdgeCase(description: "negative weight", contents: "# c\na b -1\n", flags: ["--weighted"],
                 expected: "edges.txt:2: weight -1 must be a finite number > 0"),
        EdgeCase(description: "non-finite weight", contents: "a b 1e400\n", flags: ["--weighted"],
                 expected: "edges.txt:1: weight 1e400 must be a finite number > 0"),
        EdgeCase(description: "empty file", contents: "", flags: [], expected: "edges.txt: empty file"),
        EdgeCase(description: "only comments", contents: "# x\n% y\n\n", flags: [], expected: "edges.txt: no edges"),
    ]

    @Test("edge-list defects", arguments: edgeCases)
    func edgeListDefect(testCase: EdgeCase) throws {
        let dir = try TemporaryDirectory()
        try dir.write("edges.txt", testCase.contents)
        let result = try Meshwork.run(["centrality", dir.path + "/edges.txt", "--measure", "degree"] + testCase.flags)
        #expect(result.status == 65)
        #expect(result.stderr.contains(testCase.expected), "stderr was: \(result.stderr)")
    }

    @Test("bad GraphML exits 65 with a line number")
    func badGraphML() throws {
        let dir = try TemporaryDirectory()
        try dir.write("g.graphml", "<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/>\n<edge source=\"a\" target=\"zz\"/></graph></graphml>\n")
        let result = try Meshwork.run(["components", dir.path + "/g.graphml"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("g.graphml:2:"), "stderr was: \(result.stderr)")
    }

    @Test("an id that GraphML cannot hold exits 65 naming its input line, and no file is made")
    func unwritableIdLocated() throws {
        let dir = try TemporaryDirectory()
        try dir.write("edges.txt", "a b\nb x\u{1}y\n")
        let result = try Meshwork.run(["convert", dir.path + "/edges.txt", "-o", dir.path + "/g.graphml"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix(dir.path + "/edges.txt:2: GraphML: node id"), "stderr was: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/g.graphml"))
    }

    @Test("a missing file exits 65; bad usage exits 64")
    func missingAndUsage() throws {
        let missing = try Meshwork.run(["components", "/nonexistent/graph.txt"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("/nonexistent/graph.txt: no such file"))
        let usage = try Meshwork.run(["centrality", Meshwork.fixture("karate/karate.edges"), "--measure", "nonsense"])
        #expect(usage.status == 64)
        let threads = try Meshwork.run(["components", Meshwork.fixture("karate/karate.edges"), "--threads", "0"])
        #expect(threads.status == 64)
    }

    @Test("the last day of the date range: growth runs; a date-time whose offset leaves the range exits 65")
    func calendarEdges() throws {
        let dir = try TemporaryDirectory()
        try dir.write("nodes.csv", Self.nodes)
        try dir.write("interactions.csv", "source,target,date\nM1,M2,2020-03-01\nM2,M3,9999-12-31\n")
        let growth = try Meshwork.run(["growth", dir.path, "--period", "year"])
        #expect(growth.status == 0, "stderr: \(growth.stderr)")
        #expect(growth.stdout.split(separator: "\n").last?.hasPrefix("9999-01-01,9999-12-31,3,2,") == true)
        try dir.write("interactions.csv", "source,target,date\nM1,M2,2020-03-01\nM2,M3,9999-12-31T23:59:59-14:00\n")
        let summary = try Meshwork.run(["summary", dir.path])
        #expect(summary.status == 65)
        #expect(summary.stderr.contains("interactions.csv:3: date '9999-12-31T23:59:59-14:00' is outside the supported range"),
                "stderr was: \(summary.stderr)")
    }

    @Test("weights: outside [1e-100, 1e100] exits 65 at the line; the bounds themselves run every command")
    func extremeWeights() throws {
        let dir = try TemporaryDirectory()
        try dir.write("huge.edges", "a b 1\nb c 1e155\nc a 1\nc d 1\n")
        let huge = try Meshwork.run(["brokers", dir.path + "/huge.edges", "--weighted", "--level", "communities"])
        #expect(huge.status == 65)
        #expect(huge.stderr.contains("huge.edges:2: weight 1e155 is outside the accepted range [1e-100, 1e100]"),
                "stderr was: \(huge.stderr)")
        try dir.write("bounds.edges", "a b 5e99\nb a 5e99\nb c 1e-100\nc a 1\nc d 1\n")
        let brokers = try Meshwork.run(["brokers", dir.path + "/bounds.edges", "--weighted", "--level", "communities"])
        #expect(brokers.status == 0, "stderr: \(brokers.stderr)")
        #expect(!brokers.stdout.contains("nan") && !brokers.stdout.contains("inf"))
        let map = try Meshwork.run(["map", dir.path + "/bounds.edges", "--weighted", "--format", "dot", "-o", dir.path + "/m.dot"])
        #expect(map.status == 0, "stderr: \(map.stderr)")
        let katz = try Meshwork.run(["centrality", dir.path + "/bounds.edges", "--weighted", "--measure", "katz"])
        #expect(katz.status == 65)
        #expect(katz.stderr.contains("bounds.edges: katz centrality does not converge"), "stderr was: \(katz.stderr)")
    }

    @Test("another table as an edge list, --columns, a cut gzip file and the line limit")
    func readerLimits() throws {
        let dir = try TemporaryDirectory()
        try dir.write("contacts.tsv", "31220\t1558\t1567\t3B\t3B\n31240\t1560\t1570\t3B\t3B\n")
        let table = try Meshwork.run(["summary", dir.path + "/contacts.tsv"])
        #expect(table.status == 65)
        #expect(table.stderr.contains("contacts.tsv:1: 5 fields, but an edge list line is 'u v [weight]'"), "\(table.stderr)")
        #expect(table.stderr.contains("--columns"))
        let picked = try Meshwork.run(["components", dir.path + "/contacts.tsv", "--columns", "2,3"])
        #expect(picked.status == 0, "\(picked.stderr)")
        #expect(picked.stdout == "id,component\n1558,0\n1567,0\n1560,1\n1570,1\n")
        let usage = try Meshwork.run(["components", dir.path + "/contacts.tsv", "--columns", "2,3", "--weighted"])
        #expect(usage.status == 64)
        // `gzip.compress(b"a b\nb c\n", mtime=0)` without its last byte.
        try dir.write("cut.edges.gz", bytes: [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0x54, 0x48,
                                              0xe2, 0x4a, 0x52, 0x48, 0xe6, 0x02, 0x00, 0x32, 0x58, 0x35, 0xbe, 0x08, 0x00, 0x00])
        let cut = try Meshwork.run(["summary", dir.path + "/cut.edges.gz"])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("cut.edges.gz: the gzip data end early"), "\(cut.stderr)")
        try dir.write("long.edges", "a b\nccccccccccc d\n")
        let long = try Meshwork.run(["summary", dir.path + "/long.edges", "--max-line-bytes", "8"])
        #expect(long.status == 65)
        #expect(long.stderr.contains("long.edges:2: line longer than 8 bytes (raise with --max-line-bytes)"), "\(long.stderr)")
    }
}
