import Foundation
import MeshworkTestSupport
import Testing

/// `meshwork compare-partitions A B`: the whole stdout, and bad input as `file:line: message`, 65.
@Suite("compare-partitions")
struct ComparePartitionsTests {
    /// The golden partitions of `partition-<name>.csv` split into two files, B in reverse order
    /// (the join is on ids, not on rows).
    static func split(_ name: String, into scratch: TemporaryDirectory) throws {
        let golden = try Fixtures.golden("partition-\(name)")
        let ids = golden.column("id"), a = golden.column("a"), b = golden.column("b")
        try scratch.write("a.csv", "id,group\n" + zip(ids, a).map { "\($0),\($1)\n" }.joined())
        try scratch.write("b.csv", "id,community\n" + zip(ids, b).reversed().map { "\($0),\($1)\n" }.joined())
    }

    @Test("text output: nmi, ari and counts, agreeing with the textbook formulas")
    func text() throws {
        let scratch = try TemporaryDirectory()
        try Self.split("email-eu-core-departments-louvain", into: scratch)
        let result = try Meshwork.run(["compare-partitions", "a.csv", "b.csv"], in: scratch.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == """
            nmi 0.5960820798877887
            ari 0.3213750080321847
            vertices 1005
            groups_a 42
            groups_b 27
            unmatched_a 0
            unmatched_b 0

            """)
    }

    @Test("JSON output and named group columns (a dataset's nodes.csv against itself)")
    func json() throws {
        let nodes = Meshwork.fixture("lazega-lawyers/nodes.csv")
        let result = try Meshwork.run(["compare-partitions", nodes, nodes, "--column-a", "parent",
                                       "--column-b", "practice", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["vertices"] as? Int == 71)
        #expect(object["unmatched_a"] as? Int == 6)   // the hierarchy rows: a parent, no practice
        #expect(agrees(object["nmi"] as! Double, 0.01841574119758937, tolerance: 1e-12))
        #expect(agrees(object["ari"] as! Double, 0.00633819931627809, tolerance: 1e-12))
        #expect(result.stdout.hasPrefix("{\n  \"nmi\": "))
    }

    @Test("bad input: file:line: message and exit 65")
    func badInput() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("good.csv", "id,c\nx,1\ny,2\n")
        try scratch.write("bad.csv", "id,c\nx,1\nx,2\nz\n")
        try scratch.write("other.csv", "id,c\nq,1\n")
        let cases: [([String], String)] = [
            (["bad.csv", "good.csv"], "bad.csv:3: duplicate id 'x' (first on line 2)\nbad.csv:4: expected 2 fields, found 1\n"),
            (["good.csv", "missing.csv"], "missing.csv: no such file\n"),
            (["good.csv", "other.csv"], "other.csv: no id has a group in both good.csv and this file\n"),
            (["good.csv", "good.csv", "--column-b", "dept"],
             "good.csv:1: no group column 'dept' after the id column in the header (found: id,c)\n"),
        ]
        for (arguments, stderr) in cases {
            let result = try Meshwork.run(["compare-partitions"] + arguments, in: scratch.path)
            #expect(result.status == 65)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == stderr)
        }
        #expect(try Meshwork.run(["compare-partitions", "good.csv"], in: scratch.path).status == 64)
    }
}
