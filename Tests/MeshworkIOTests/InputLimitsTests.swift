import Foundation
@testable import MeshworkIO
import MeshworkTestSupport
import Testing

/// Runaway, truncated and mislabelled inputs: every one stops with a located ``InputError``.
@Suite("Input limits, strict gzip, edge-list columns, decimal numbers")
struct InputLimitsTests {
    /// `gzip.compress(b"a b\nb c\nc a\nc d\n", mtime=0)`: one member, 34 bytes (the last 8 are the
    /// CRC-32 and the length).
    static let gzipped: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4b, 0x54, 0x48, 0xe2, 0x4a, 0x52, 0x48,
        0xe6, 0x4a, 0x56, 0x48, 0x04, 0xe2, 0x14, 0x2e, 0x00, 0xf8, 0x0f, 0xeb, 0xa1, 0x10, 0x00, 0x00, 0x00,
    ]

    final class Scratch {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-limits-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: directory) }

        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let path = directory + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }

        func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
    }

    /// The message of the ``InputError`` that `body` throws (and "" when it does not throw).
    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
        } catch let error as InputError {
            return error.description
        } catch {
            return "unexpected \(error)"
        }
        return ""
    }

    // MARK: gzip

    @Test("a whole gzip file reads; every shorter cut of it is an error naming the file")
    func everyCutPoint() throws {
        let scratch = try Scratch()
        let whole = try scratch.write("whole.edges.gz", Self.gzipped)
        let read = try EdgeListReader(weighted: false).read(path: whole)
        #expect(read.labels.labels == ["a", "b", "c", "d"])
        for cut in 0 ..< Self.gzipped.count {
            let path = try scratch.write("cut\(cut).edges.gz", Array(Self.gzipped[..<cut]))
            let text = message { _ = try EdgeListReader(weighted: false).read(path: path) }
            #expect(text.hasPrefix(path + ":"), "cut at \(cut): \(text)")
            // Two bytes make the gzip magic; from there on the stream is known to end early.
            if cut >= 2 { #expect(text.contains("the gzip data end early"), "cut at \(cut): \(text)") }
        }
    }

    @Test("concatenated gzip members read as one stream")
    func concatenatedMembers() throws {
        let scratch = try Scratch()
        let path = try scratch.write("two.edges.gz", Self.gzipped + Self.gzipped)
        let read = try EdgeListReader(weighted: false).read(path: path)
        #expect(read.labels.count == 4)
        #expect(read.edges.count == 8)
    }

    @Test("bytes after the last member, a wrong CRC and a wrong length are errors", arguments: [
        ("trailing", Self.gzipped + Array("x\n".utf8), "2 bytes after the end of the gzip data that are not another gzip member"),
        ("one byte", Self.gzipped + [0x1f], "1 bytes after the end of the gzip data"),
        ("crc", flipped(Self.gzipped, at: 27), "corrupt gzip data near byte 30 of the file (incorrect data check)"),
        ("length", flipped(Self.gzipped, at: 31), "corrupt gzip data near byte 34 of the file (incorrect length check)"),
    ])
    func damagedGzip(name: String, bytes: [UInt8], expected: String) throws {
        let scratch = try Scratch()
        let path = try scratch.write(name + ".edges.gz", bytes)
        let text = message { _ = try EdgeListReader(weighted: false).read(path: path) }
        #expect(text.hasPrefix(path + ": "), "\(text)")
        #expect(text.contains(expected), "\(text)")
    }

    static func flipped(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 1
        return copy
    }

    // MARK: Limits

    @Test("a line past --max-line-bytes is reported on its line; one at the limit is read")
    func edgeListLineLimit() throws {
        let scratch = try Scratch()
        let long = String(repeating: "x", count: 30)
        let path = try scratch.write("long.edges", "a b\n\(long) \(long)\nb c\n")
        let limits = InputLimits(maxLineBytes: 60)
        let text = message { _ = try EdgeListReader(weighted: false, limits: limits).read(path: path) }
        #expect(text == "\(path):2: line longer than 60 bytes (raise with --max-line-bytes)")
        let atLimit = try EdgeListReader(weighted: false, limits: InputLimits(maxLineBytes: 61)).read(path: path)
        #expect(atLimit.labels.count == 4)
    }

    @Test("an endless line (/dev/zero) stops at the limit", arguments: [1 << 10, 3 << 20])
    func endlessInput(limit: Int) throws {
        let limits = InputLimits(maxLineBytes: limit)
        #expect(message { _ = try EdgeListReader(weighted: false, limits: limits).read(path: "/dev/zero") }
            == "/dev/zero:1: line longer than \(limit) bytes (raise with --max-line-bytes)")
        #expect(message { try CSVReader.forEachRecord(path: "/dev/zero", limits: limits) { _ in } }
            == "/dev/zero:1: line longer than \(limit) bytes (raise with --max-line-bytes)")
        #expect(message { _ = try GraphMLReader(weighted: false, limits: limits).read(path: "/dev/zero") }
            == "/dev/zero:1: a NUL byte: not an XML text file")
    }

    @Test("the line of a CSV line past the limit is right on any thread count and chunk size", arguments: [1, 2, 3])
    func csvLineLimit(threads: Int) throws {
        let scratch = try Scratch()
        var text = "source,target,date\n"
        for i in 0 ..< 300 { text += "m\(i),m\(i + 1),2020-01-01\n" }
        text += String(repeating: "y", count: 500) + "\nm1,m2,2020-01-02\n"
        let path = try scratch.write("interactions.csv", text)
        let limits = InputLimits(maxLineBytes: 200)
        let expected = "\(path):302: line longer than 200 bytes (raise with --max-line-bytes)"
        #expect(message { try CSVReader.forEachRecord(path: path, limits: limits) { _ in } } == expected)
        let batched = message {
            try CSVReader.forEachBatch(path: path, threads: threads, chunkSize: 256, limits: limits, header: { _ in },
                                       makeBatch: { 0 }, parse: { _, count in count += 1 }, merge: { _, _ in })
        }
        #expect(batched == expected)
    }

    @Test("a quoted field left open stops at the record limit, with the line it opened on")
    func openQuote() throws {
        let scratch = try Scratch()
        let path = try scratch.write("nodes.csv", "id,kind\nM1,\"member\n" + String(repeating: "short line\n", count: 100))
        let text = message { try CSVReader.forEachRecord(path: path, limits: InputLimits(maxLineBytes: 300)) { _ in } }
        #expect(text.hasPrefix("\(path):2: record longer than 300 bytes"), "\(text)")
    }

    @Test("a file past --max-input-bytes stops there; gzip counts decompressed bytes")
    func inputLimit() throws {
        let scratch = try Scratch()
        let plain = try scratch.write("plain.edges", "a b\nb c\nc a\nc d\n")  // 16 bytes, as the gzip data
        let gzip = try scratch.write("packed.edges.gz", Self.gzipped)
        for path in [plain, gzip] {
            for limit in [16, 17, Int.max] {
                #expect(try EdgeListReader(weighted: false, limits: InputLimits(maxInputBytes: limit)).read(path: path).labels.count == 4)
            }
        }
        #expect(message { _ = try EdgeListReader(weighted: false, limits: InputLimits(maxInputBytes: 15)).read(path: plain) }
            == "\(plain): more than 15 bytes (raise with --max-input-bytes)")
        #expect(message { _ = try EdgeListReader(weighted: false, limits: InputLimits(maxInputBytes: 15)).read(path: gzip) }
            == "\(gzip): more than 15 bytes after decompression (raise with --max-input-bytes)")
    }

    @Test("sizes: plain bytes and binary multiples", arguments: [
        ("1048576", 1 << 20), ("64K", 64 << 10), ("16M", 16 << 20), ("2g", 2 << 30), ("3MiB", 3 << 20), ("5KB", 5 << 10),
    ])
    func sizes(text: String, value: Int) {
        #expect(InputLimits.parseSize(text) == value)
    }

    @Test("not sizes", arguments: ["", "0", "-1", "M", "1.5M", "12X", "1iB", "99999999999999999999", "9999999999T"])
    func notSizes(text: String) {
        #expect(InputLimits.parseSize(text) == nil)
    }

    // MARK: Edge-list columns

    @Test("more than three fields is bad input unless --columns names the fields")
    func columns() throws {
        let scratch = try Scratch()
        let path = try scratch.write("contacts.tsv", "# time i j ci cj\n20\t1558\t1567\t3B\t3B\n40\t1560\t1570\t3B\t2A\n")
        let text = message { _ = try EdgeListReader(weighted: false).read(path: path) }
        #expect(text.hasPrefix("\(path):2: 5 fields, but an edge list line is 'u v [weight]'"), "\(text)")
        #expect(text.contains("--columns SOURCE,TARGET[,WEIGHT], e.g. --columns 2,3"))
        #expect(text.contains("\(path):3: "))
        let picked = try EdgeListReader(weighted: false, columns: EdgeColumns(parsing: "2,3")).read(path: path)
        #expect(picked.labels.labels == ["1558", "1567", "1560", "1570"])
        let weighted = try EdgeListReader(weighted: true, columns: EdgeColumns(parsing: "3,2,1")).read(path: path)
        #expect(weighted.labels.labels == ["1567", "1558", "1570", "1560"])
        #expect(weighted.edges.weights == [20, 40])
        let short = message { _ = try EdgeListReader(weighted: false, columns: EdgeColumns(parsing: "2,6")).read(path: path) }
        #expect(short.hasPrefix("\(path):2: expected at least 6 fields (--columns 2,6), found 5"), "\(short)")
    }

    @Test("with --weighted, a fourth field is an error; without, a third is ignored")
    func weightedExtraField() throws {
        let scratch = try Scratch()
        let four = try scratch.write("four.edges", "a b 1 extra\n")
        #expect(message { _ = try EdgeListReader(weighted: true).read(path: four) }.hasPrefix("\(four):1: 4 fields"))
        let three = try scratch.write("three.edges", "a b not-a-weight\n")
        #expect(try EdgeListReader(weighted: false).read(path: three).labels.count == 2)
    }

    @Test("--columns syntax", arguments: [
        ("2,3", EdgeColumns(source: 1, target: 2)), ("2,3,5", EdgeColumns(source: 1, target: 2, weight: 4)),
        ("1, 2", EdgeColumns(source: 0, target: 1)),
    ])
    func columnSyntax(text: String, expected: EdgeColumns) {
        #expect(EdgeColumns(parsing: text) == expected)
        #expect(EdgeColumns(parsing: text)?.description == text.replacingOccurrences(of: " ", with: ""))
    }

    @Test("not --columns", arguments: ["", "2", "0,1", "2,2", "1,2,3,4", "a,b", "1,,2", "-1,2"])
    func notColumns(text: String) {
        #expect(EdgeColumns(parsing: text) == nil)
    }

    // MARK: Numbers

    @Test("only decimal numbers", arguments: ["0x10", "0X1p4", "inf", "-inf", "nan", "infinity", "1e", "e5", ".", "-", "1e+", "1.2.3", "1_000", " 1"])
    func notDecimal(text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { NumberParsing.double($0) } == nil)
    }

    @Test("decimal numbers in every notation", arguments: [("1e5", 1e5), ("-2.5E-3", -2.5e-3), ("+.5", 0.5), ("7.e1", 70),
                                                          ("1e400", Double.infinity), ("0.1234567890123456789", 0.1234567890123456789)])
    func decimal(text: String, value: Double) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { NumberParsing.double($0) } == value)
    }

    @Test("a hexadecimal or non-finite weight is not a decimal number")
    func hexWeight() throws {
        let scratch = try Scratch()
        let path = try scratch.write("hex.edges", "a b 0x10\nb c inf\nc d 2\n")
        let text = message { _ = try EdgeListReader(weighted: true).read(path: path) }
        #expect(text == "\(path):1: weight '0x10' is not a decimal number\n\(path):2: weight 'inf' is not a decimal number")
    }

    // MARK: Files that are not there, or not reachable

    @Test("empty files, header-only files, dangling links and link loops say what is wrong")
    func unreachable() throws {
        let scratch = try Scratch()
        let empty = try scratch.write("empty.edges", "")
        #expect(message { _ = try EdgeListReader(weighted: false).read(path: empty) }
            == "\(empty): empty file: expected one edge 'u v [weight]' per line")
        let dataset = scratch.directory + "/dataset"
        try FileManager.default.createDirectory(atPath: dataset, withIntermediateDirectories: true)
        _ = try scratch.write("dataset/nodes.csv", "id,kind,name\n")
        _ = try scratch.write("dataset/interactions.csv", "source,target,date\n")
        #expect(message { _ = try GraphLoader.load(dataset, options: LoadOptions()) }
            == "\(dataset)/nodes.csv:1: no nodes: the file has only a header row")
        _ = try scratch.write("dataset/nodes.csv", "id,kind,name\nM1,member,Ann\n")
        _ = try scratch.write("dataset/interactions.csv", "")
        #expect(message { _ = try GraphLoader.load(dataset, options: LoadOptions()) }
            == "\(dataset)/interactions.csv: empty file: expected a header row (such as 'source,target,date,kind,weight')")
        try FileManager.default.removeItem(atPath: dataset + "/interactions.csv")
        try FileManager.default.createSymbolicLink(atPath: dataset + "/interactions.csv", withDestinationPath: "gone.csv")
        #expect(message { _ = try GraphLoader.load(dataset, options: LoadOptions()) }
            == "\(dataset)/interactions.csv: is a symbolic link to 'gone.csv', which does not exist (a dangling link)")
        try FileManager.default.removeItem(atPath: dataset + "/interactions.csv")
        #expect(message { _ = try GraphLoader.load(dataset, options: LoadOptions()) }
            == "\(dataset)/interactions.csv: missing: a dataset directory needs interactions.csv")
        try FileManager.default.removeItem(atPath: dataset + "/nodes.csv")
        try FileManager.default.createSymbolicLink(atPath: dataset + "/nodes.csv", withDestinationPath: "nodes.csv")
        #expect(message { _ = try GraphLoader.load(dataset, options: LoadOptions()) }
            == "\(dataset)/nodes.csv: cannot be reached: a loop of symbolic links (too many levels)")
        #expect(PathStatus.reason(errno: EACCES).hasPrefix("permission denied"))
    }

    @Test("--columns is refused for a dataset or GraphML")
    func columnsOnlyForEdgeLists() throws {
        let options = LoadOptions(columns: EdgeColumns(source: 0, target: 1))
        #expect(throws: LoadOptionError.self) { try GraphLoader.load(Fixtures.root + "/example-community", options: options) }
        #expect(throws: LoadOptionError.self) { try GraphLoader.load(Fixtures.root + "/karate/karate.graphml", options: options) }
    }
}
