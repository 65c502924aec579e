import Foundation
import MeshworkCore
import MeshworkIO
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    func records(_ text: [UInt8]) throws -> [(Int, [String])] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-csv-\(UUID().uuidString).csv").path
        try Data(text).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var result: [(Int, [String])] = []
        try CSVReader.forEachRecord(path: path) { record in
            result.append((record.line, (0..<record.count).map { record[$0] }))
        }
        return result
    }

    @Test("RFC 4180: quotes, doubled quotes, commas and line breaks inside fields")
    func quoting() throws {
        let rows = try records(Array("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\nlast,row,end".utf8))
        #expect(rows.map(\.1) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["", "", ""], ["last", "row", "end"]])
        #expect(rows.map(\.0) == [1, 2, 4, 5])
    }

    @Test("CRLF, a byte-order mark and blank lines")
    func crlf() throws {
        let rows = try records([0xEF, 0xBB, 0xBF] + Array("id,kind\r\n\r\nM1,member\r\n\"q\"\r\n".utf8))
        #expect(rows.map(\.1) == [["id", "kind"], ["M1", "member"], ["q"]])
        #expect(rows.map(\.0) == [1, 3, 4])
    }

    @Test("an unterminated quote is reported at the line where it opened")
    func unterminated() throws {
        #expect {
            _ = try records(Array("a,b\n1,\"open\n2,3\n".utf8))
        } throws: { error in
            (error as? InputError)?.problems.first?.line == 2
                && (error as? InputError)?.description.contains("unterminated quoted field") == true
        }
    }

    @Test("records larger than one read chunk")
    func longRecord() throws {
        let long = String(repeating: "x", count: 3 << 20)
        let rows = try records(Array("h\n\"\(long)\"\nend\n".utf8))
        #expect(rows.count == 3)
        #expect(rows[1].1[0].count == long.count)
        #expect(rows[2].0 == 3)
    }

    func fields(_ record: CSVRecord) -> [String] { (0..<record.count).map { record[$0] } }

    @Test("batches of small chunks on several threads give forEachRecord's records and lines", arguments: [1, 2, 3])
    func batches(threads: Int) throws {
        var text = "id,name,note\r\n"
        var rng = SplitMix64(seed: UInt64(threads))
        for i in 0..<400 {
            switch rng.below(10) {
            case 0: text += "\(i),\"quoted, with a comma\",\"two\nlines\"\n"   // a record over two lines
            case 1: text += "\n"                                                 // a blank line
            default: text += "\(i),name\(i),\(rng.below(1000))\r\n"
            }
        }
        text += "last,row,without line end"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-batch-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var expected: [(Int, [String])] = []
        try CSVReader.forEachRecord(path: path) { expected.append(($0.line, fields($0))) }
        for chunkSize in [1, 7, 64, 1000, 1 << 20] {
            var header: [String] = []
            var found: [(Int, [String])] = []
            try CSVReader.forEachBatch(path: path, threads: threads, chunkSize: chunkSize, header: { record in
                header = fields(record)
            }, makeBatch: { [(Int, [String])]() }, parse: { record, batch in
                batch.append((record.line, fields(record)))
            }, merge: { batch, linesBefore in
                found += batch.map { ($0.0 + linesBefore, $0.1) }
            })
            #expect(header == expected[0].1)
            #expect(found.map(\.0) == expected.dropFirst().map(\.0))
            #expect(found.map(\.1) == expected.dropFirst().map(\.1))
        }
    }
}
