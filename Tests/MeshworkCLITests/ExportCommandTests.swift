import Foundation
import MeshworkIO
import MeshworkTestSupport
import Testing

/// `meshwork export`: a dataset with its interactions in gzipped parts (for Spark, docs/spark.md).
@Suite("meshwork export")
struct ExportCommandTests {
    @Test("the example community in 3 parts: every interaction once, in order; bad usage exits 64")
    func example() throws {
        let scratch = try TemporaryDirectory()
        let dataset = Meshwork.fixture("example-community")
        let result = try Meshwork.run(["export", dataset, "--parts", "3", "-o", scratch.path + "/parts"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("in 3 parts"))
        var original: [[String]] = [], joined: [[String]] = []
        try CSVReader.forEachRecord(path: dataset + "/interactions.csv") { record in
            original.append((0..<record.count).map { record[$0] })
        }
        for part in 0..<3 {
            var first = true
            try CSVReader.forEachRecord(path: scratch.path + "/parts/" + DatasetExport.partName(part)) { record in
                if first { first = false; return }
                joined.append((0..<record.count).map { record[$0] })
            }
        }
        #expect(joined == Array(original.dropFirst()))
        for name in ["nodes.csv", "attendance.csv"] {
            #expect(try scratch.read("parts/" + name) == String(contentsOfFile: dataset + "/" + name, encoding: .utf8))
        }
        #expect(try Meshwork.run(["export", dataset, "--parts", "0", "-o", scratch.path + "/x"]).status == 64)
        #expect(try Meshwork.run(["export", scratch.path, "-o", scratch.path + "/x"]).status == 64)
    }
}
