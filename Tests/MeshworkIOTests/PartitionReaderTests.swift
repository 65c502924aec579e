import Foundation
import MeshworkCore
import MeshworkIO
import Testing

@Suite("PartitionReader")
struct PartitionReaderTests {
    func withFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-partition-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    func problems(_ text: String, groupColumn: String? = nil) throws -> [String] {
        try withFile(text) { path in
            do {
                _ = try PartitionReader.read(path: path, groupColumn: groupColumn)
                return []
            } catch let error as InputError {
                return error.problems.map { "\($0.line): \($0.message)" }
            }
        }
    }

    @Test("id and group columns; empty group is unknown; names in order of first appearance")
    func basic() throws {
        let p = try withFile("id,community\nalice,7\nbob,\"x, y\"\r\ncarol,7\ndave,\n") { try PartitionReader.read(path: $0) }
        #expect(p.ids.labels == ["alice", "bob", "carol", "dave"])
        #expect(p.partition.group == [0, 1, 0, -1])
        #expect(p.partition.names == ["7", "x, y"])
    }

    @Test("a named group column")
    func named() throws {
        let p = try withFile("id,kind,dept\n1,member,a\n2,member,b\n") { try PartitionReader.read(path: $0, groupColumn: "dept") }
        #expect(p.partition.group == [0, 1])
        #expect(p.partition.names == ["a", "b"])
    }

    @Test("joining on ids: ids missing from this file are unknown, extra ids are ignored")
    func aligned() throws {
        let a = try withFile("id,c\nx,0\ny,0\nz,1\n") { try PartitionReader.read(path: $0) }
        let b = try withFile("node,dept\nz,north\nw,south\nx,south\n") { try PartitionReader.read(path: $0) }
        let joined = b.aligned(to: a.ids)
        #expect(joined.group == [1, -1, 0])
        #expect(joined.names == ["north", "south"])
    }

    @Test("bad input: every problem as line: message")
    func bad() throws {
        #expect(try problems("id\n1\n") == ["1: expected a header with an id column and a group column, found: id"])
        #expect(try problems("id,c\n1,0\n2\n,1\n1,2\n3,1,9\n") == [
            "3: expected 2 fields, found 1", "4: empty id", "5: duplicate id '1' (first on line 2)",
            "6: expected 2 fields, found 3",
        ])
        #expect(try problems("id,c\n") == ["1: no rows: the file has only a header row"])
        #expect(try problems("") == ["0: empty file: expected a header row"])
        #expect(try problems("id,c\n1,2\n", groupColumn: "dept") == ["1: no group column 'dept' after the id column in the header (found: id,c)"])
        #expect(try problems("id,c\n1,2\n", groupColumn: "id") == ["1: no group column 'id' after the id column in the header (found: id,c)"])
    }
}
