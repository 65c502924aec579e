import Foundation
import MeshworkIO
import MeshworkTestSupport
import Testing

/// `meshwork export`'s writer (``DatasetExport``): interactions in gzipped parts for Spark.
@Suite("Dataset export")
struct DatasetExportTests {
    static let nodes = #"""
        id,kind,name,parent
        O1,organisation,"Ward 1, east",
        A,member,"Smith, ""Jo""",O1
        B,member,B,O1
        C,member,C,O1

        """#
    static let interactions = #"""
        source,target,date,kind,weight
        A,B,2020-01-01,"lab, ""quoted""",1
        B,C,2020-01-02,message,2
        A,C,2020-01-03,message,1
        A,B,2020-02-01,message,1
        C,A,2020-02-02T10:00:00Z,mentoring,3

        """#
    static let attendance = "event,member,date\nE1,A,2020-03-01\nE1,C,2020-03-01\n"

    /// The records of a CSV file (plain or gzip), header first.
    func records(_ path: String) throws -> [[String]] {
        var rows: [[String]] = []
        try CSVReader.forEachRecord(path: path) { record in rows.append((0..<record.count).map { record[$0] }) }
        return rows
    }

    @Test("the parts hold the rows in order, each with the header; nodes and attendance are copied byte for byte")
    func parts() throws {
        let dataset = try Scratch.dataset(["nodes.csv": Self.nodes, "interactions.csv": Self.interactions,
                                           "attendance.csv": Self.attendance])
        let output = dataset + "-export"
        defer { Scratch.remove(dataset); Scratch.remove(output) }
        let summary = try DatasetExport.write(dataset: dataset, parts: 3, to: output)
        #expect(summary.interactions == 5)
        #expect(summary.files == ["interactions-00000.csv.gz", "interactions-00001.csv.gz",
                                  "interactions-00002.csv.gz", "nodes.csv", "attendance.csv"])
        let original = try records(dataset + "/interactions.csv")
        var joined: [[String]] = []
        var sizes: [Int] = []
        for part in 0..<3 {
            let path = output + "/" + DatasetExport.partName(part)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.prefix(2) == Data([0x1f, 0x8b]), "\(path) is gzip")
            let rows = try records(path)
            #expect(rows.first == original.first)
            sizes.append(rows.count - 1)
            joined += rows.dropFirst()
        }
        #expect(sizes == [1, 2, 2])
        #expect(joined == Array(original.dropFirst()))
        for name in ["nodes.csv", "attendance.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/" + name))
                    == Data(contentsOf: URL(fileURLWithPath: dataset + "/" + name)))
        }
        // The export is a dataset the reader accepts once the parts are joined again.
        #expect(try DatasetReader().read(directory: dataset).memberCount == 3)
    }

    @Test("more parts than rows: the extra parts hold only the header")
    func moreParts() throws {
        let dataset = try Scratch.dataset(["nodes.csv": Self.nodes, "interactions.csv": Self.interactions])
        let output = dataset + "-export"
        defer { Scratch.remove(dataset); Scratch.remove(output) }
        let summary = try DatasetExport.write(dataset: dataset, parts: 7, to: output)
        #expect(summary.files.count == 8)  // no attendance.csv to copy
        #expect(!FileManager.default.fileExists(atPath: output + "/attendance.csv"))
        let sizes = try (0..<7).map { try records(output + "/" + DatasetExport.partName($0)).count - 1 }
        #expect(sizes == [0, 1, 1, 0, 1, 1, 1])
        #expect(DatasetExport.partName(12345) == "interactions-12345.csv.gz")
    }

    @Test("bad input is reported before anything is written; stray interaction files and zero parts are refused")
    func refusals() throws {
        let bad = try Scratch.dataset(["nodes.csv": Self.nodes, "interactions.csv": "source,target,date\nA,Z,2020-01-01\n"])
        let output = bad + "-export"
        defer { Scratch.remove(bad); Scratch.remove(output) }
        #expect(throws: InputError.self) { try DatasetExport.write(dataset: bad, parts: 2, to: output) }
        #expect(!FileManager.default.fileExists(atPath: output))

        let good = try Scratch.dataset(["nodes.csv": Self.nodes, "interactions.csv": Self.interactions])
        defer { Scratch.remove(good) }
        #expect(throws: OutputUsageError.self) { try DatasetExport.write(dataset: good, parts: 0, to: output) }
        try DatasetExport.write(dataset: good, parts: 4, to: output)
        // Fewer parts into the same folder would leave parts 2 and 3 behind for Spark to read.
        #expect(throws: OutputUsageError.self) { try DatasetExport.write(dataset: good, parts: 2, to: output) }
        try DatasetExport.write(dataset: good, parts: 4, to: output)  // the same names: replaced
        // Exporting into the dataset itself would replace its nodes.csv: refused as an input.
        #expect(throws: OutputUsageError.self) { try DatasetExport.write(dataset: good, parts: 1, to: good) }
    }
}
