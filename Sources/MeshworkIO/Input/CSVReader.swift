#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a CSV file: its fields' bytes (quotes removed, doubled quotes undone) and the
/// line it starts on.
public struct CSVRecord {
    /// 1-based line number where the record starts.
    public var line: Int
    @usableFromInline var _bytes: [UInt8] = []
    @usableFromInline var _ends: [Int] = []

    /// The number of fields.
    @inlinable public var count: Int { _ends.count }

    /// The bytes of field `i`.
    @inlinable
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = i == 0 ? 0 : _ends[i - 1]
        return try _bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<_ends[i]])) }
    }

    /// Field `i` as a string (invalid UTF-8 is repaired with U+FFFD).
    public subscript(i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether field `i` is empty.
    public func isEmpty(_ i: Int) -> Bool { i == 0 ? _ends[0] == 0 : _ends[i] == _ends[i - 1] }
}

/// A streaming RFC 4180 CSV reader: quoted fields (with commas, doubled quotes and line breaks
/// inside), LF or CRLF line ends, a UTF-8 byte-order mark, blank lines skipped.
///
///     try CSVReader.forEachRecord(path: "nodes.csv") { record in
///         print(record.line, record[0])
///     }
///
/// A quoted field still open at the end of the file is reported as
/// `file:line: unterminated quoted field` with the line where it opened.
///
/// - Complexity: O(bytes) time; memory is one chunk plus the longest record.
public enum CSVReader {
    public static func forEachRecord(path: String, _ body: (CSVRecord) throws -> Void) throws {
        let source = try ByteSource(path: path)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var record = CSVRecord(line: 1)
        var line = 1
        var state = State.fieldStart
        var quoteLine = 0
        var firstChunk = true
        var fieldStart = 0   // where the current field began in record._bytes

        func endField(_ record: inout CSVRecord) {
            record._ends.append(record._bytes.count)
            fieldStart = record._bytes.count
        }

        while true {
            let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
            if n == 0 { break }
            var i = 0
            if firstChunk {
                firstChunk = false
                if n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { i = 3 }
            }
            while i < n {
                let c = chunk[i]
                i += 1
                switch state {
                case .fieldStart, .unquoted:
                    if c == UInt8(ascii: ",") {
                        endField(&record)
                        state = .fieldStart
                    } else if c == 0x0A {
                        // Drop a CR that ends the line.
                        if record._bytes.count > fieldStart && record._bytes.last == 0x0D { record._bytes.removeLast() }
                        let blank = record._ends.isEmpty && record._bytes.isEmpty
                        if !blank {
                            endField(&record)
                            try body(record)
                        }
                        line += 1
                        record._bytes.removeAll(keepingCapacity: true)
                        record._ends.removeAll(keepingCapacity: true)
                        fieldStart = 0
                        record.line = line
                        state = .fieldStart
                    } else if c == UInt8(ascii: "\"") && state == .fieldStart {
                        state = .quoted
                        quoteLine = line
                    } else {
                        record._bytes.append(c)
                        state = .unquoted
                    }
                case .quoted:
                    if c == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else {
                        if c == 0x0A { line += 1 }
                        record._bytes.append(c)
                    }
                case .quoteInQuoted:
                    if c == UInt8(ascii: "\"") {
                        record._bytes.append(c)
                        state = .quoted
                    } else if c == UInt8(ascii: ",") {
                        endField(&record)
                        state = .fieldStart
                    } else if c == 0x0A || c == 0x0D {
                        state = .unquoted
                        i -= 1  // let the unquoted state end the line
                        if c == 0x0D { record._bytes.append(c); i += 1 }
                    } else {
                        throw InputError(file: path, line: line,
                                         "unexpected character after a closing quote (a quote inside a quoted field must be doubled)")
                    }
                }
            }
        }
        switch state {
        case .quoted:
            throw InputError(file: path, line: quoteLine, "unterminated quoted field")
        case .quoteInQuoted, .unquoted:
            if record._bytes.count > fieldStart && record._bytes.last == 0x0D { record._bytes.removeLast() }
            endField(&record)
            try body(record)
        case .fieldStart:
            if !record._ends.isEmpty {  // a line ending in a comma
                endField(&record)
                try body(record)
            }
        }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
}
