import Foundation
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
}
