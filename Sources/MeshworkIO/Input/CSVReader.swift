#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MeshworkCore

/// One record of a CSV file: its fields' bytes (quotes removed, doubled quotes undone) and the
/// line it starts on.
package struct CSVRecord {
    /// 1-based line number where the record starts.
    package var line: Int
    @usableFromInline var _bytes: [UInt8] = []
    @usableFromInline var _starts: [Int] = []
    @usableFromInline var _ends: [Int] = []

    /// The number of fields.
    @inlinable package var count: Int { _ends.count }

    /// The bytes of field `i`.
    @inlinable
    package func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try _bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[_starts[i]..<_ends[i]])) }
    }

    /// Field `i` as a string (invalid UTF-8 is repaired with U+FFFD).
    package subscript(i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether field `i` is empty.
    package func isEmpty(_ i: Int) -> Bool { _ends[i] == _starts[i] }

    /// Whether no field has begun.
    var isBlank: Bool { _ends.isEmpty && _bytes.isEmpty }

    mutating func clear(nextLine: Int) {
        _bytes.removeAll(keepingCapacity: true)
        _starts.removeAll(keepingCapacity: true)
        _ends.removeAll(keepingCapacity: true)
        line = nextLine
    }
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
package enum CSVReader {
    /// The chunk size of ``forEachBatch(path:threads:chunkSize:limits:header:makeBatch:parse:finish:merge:)``.
    package static let defaultChunkSize = 4 << 20

    ///
    /// - Throws: ``InputError`` for a malformed record, or `file:line: line longer than N bytes` as
    ///   soon as a line (or a record) is longer than `limits.maxLineBytes`, before buffering more.
    package static func forEachRecord(path: String, limits: InputLimits = InputLimits(),
                                     _ body: (CSVRecord) throws -> Void) throws {
        var chunks = try CSVChunks(path: path, chunkSize: defaultChunkSize, limits: limits)
        var parser = CSVParser(path: path, maxRecordBytes: limits.maxLineBytes)
        var chunk: [UInt8] = []
        do {
            while try chunks.next(into: &chunk) {
                try chunk.withUnsafeBufferPointer { try parser.feed($0, body) }
            }
        } catch let error as CSVChunks.LineTooLong {
            throw limits.lineTooLong(path, line: parser.line + error.linesBefore)
        }
        try parser.finish(body)
    }

    /// Reads `path` as ``forEachRecord(path:limits:_:)`` does, but parses the records after the first one
    /// on up to `threads` workers, for files too large for one core.
    ///
    /// The first record goes to `header`. The rest of the file is cut into chunks of whole lines;
    /// each chunk's records go, in order, to `parse` with a fresh `Batch` from `makeBatch`, then the
    /// batch goes to `finish`, both on a worker thread (they must only read shared state); each
    /// finished batch goes to `merge` on the calling thread, in file order, with the number of lines
    /// before its chunk: `record.line` inside `parse` counts from 1 at the chunk's first line, so the
    /// file line is `linesBefore + record.line`. The result therefore never depends on `threads`.
    ///
    /// A chunk is parsed on a worker only when it holds no quote character; from a chunk that does,
    /// the parse goes on sequentially (a quoted field may span lines), still batch by batch.
    ///
    /// - Complexity: O(bytes) work, spread over the workers; memory is `threads` chunks of
    ///   `chunkSize` bytes (4 MiB) plus the batches in flight.
    package static func forEachBatch<Batch>(
        path: String, threads: Int, chunkSize: Int = defaultChunkSize, limits: InputLimits = InputLimits(),
        header: (CSVRecord) throws -> Void, makeBatch: () -> Batch,
        parse: (CSVRecord, inout Batch) -> Void, finish: (inout Batch) -> Void = { _ in },
        merge: (Batch, _ linesBefore: Int) throws -> Void
    ) throws {
        var chunks = try CSVChunks(path: path, chunkSize: chunkSize, limits: limits)
        var sequential = CSVParser(path: path, maxRecordBytes: limits.maxLineBytes)
        var sawHeader = false
        let workers = max(1, threads)
        var buffers = [[UInt8]](repeating: [], count: workers)
        var tooLong: CSVChunks.LineTooLong?
        while tooLong == nil {
            var filled = 0
            do {
                while filled < workers, try chunks.next(into: &buffers[filled]) { filled += 1 }
            } catch let error as CSVChunks.LineTooLong {
                tooLong = error  // the chunks before it are parsed first, to know its line
            }
            if filled == 0 { break }
            let round = buffers[..<filled]
            let independent = sawHeader && sequential.isAtRecordStart
                && round.allSatisfy { chunk in chunk.withUnsafeBytes { memchr($0.baseAddress!, 0x22, $0.count) == nil } }
            if independent {
                var batches = round.map { _ in makeBatch() }
                var lineCounts = [Int](repeating: 0, count: round.count)
                parseConcurrently(Array(round), &batches, &lineCounts, path, parse, finish)
                for (index, batch) in batches.enumerated() {
                    try merge(batch, sequential.line - 1)
                    sequential.line += lineCounts[index]
                }
                continue
            }
            for chunk in round {
                var batch = makeBatch()
                try chunk.withUnsafeBufferPointer { bytes in
                    try sequential.feed(bytes) { record in
                        if sawHeader { parse(record, &batch) } else { sawHeader = true; try header(record) }
                    }
                }
                finish(&batch)
                try merge(batch, 0)
            }
        }
        if let tooLong { throw limits.lineTooLong(path, line: sequential.line + tooLong.linesBefore) }
        var last = makeBatch()
        try sequential.finish { record in
            if sawHeader { parse(record, &last) } else { sawHeader = true; try header(record) }
        }
        finish(&last)
        try merge(last, 0)
    }

    /// Parses each quote-free chunk into its own batch on its own worker; `lineCounts[i]` is the
    /// number of lines chunk `i` ends.
    private static func parseConcurrently<Batch>(_ chunks: [[UInt8]], _ batches: inout [Batch], _ lineCounts: inout [Int],
                                                 _ path: String, _ parse: (CSVRecord, inout Batch) -> Void,
                                                 _ finish: (inout Batch) -> Void) {
        func work(_ index: Int, _ batch: inout Batch) -> Int {
            var parser = CSVParser(path: path, maxRecordBytes: .max)
            // A quote-free chunk cannot fail to parse: neither `feed` nor `finish` throws on it.
            chunks[index].withUnsafeBufferPointer { bytes in
                try? parser.feed(bytes) { parse($0, &batch) }
                try? parser.finish { parse($0, &batch) }
            }
            finish(&batch)
            return parser.line - 1
        }
        batches.withUnsafeMutableBufferPointer { batches in
        lineCounts.withUnsafeMutableBufferPointer { lineCounts in
            // Each worker writes only its own slots; the chunks and `parse`'s captures are only read.
            forEachWorker(chunks.count) { index in lineCounts[index] = work(index, &batches[index]) }
        }}
    }
}

/// A file read in chunks of whole lines (each ends just after a line feed, except the file's last),
/// with a leading UTF-8 byte-order mark dropped. Chunks are read into buffers the caller reuses.
struct CSVChunks {
    private let source: ByteSource
    private var carried: [UInt8] = []
    private var piece = [UInt8](repeating: 0, count: 1 << 16)
    private var first = true
    private var atEnd = false
    /// A chunk holds at least `chunkSize` bytes, unless it is the file's last.
    private let chunkSize: Int
    init(path: String, chunkSize: Int, limits: InputLimits) throws {
        source = try ByteSource(path: path, limits: limits)
        self.chunkSize = max(1, chunkSize)
    }

    /// A line longer than ``InputLimits/maxLineBytes`` comes after `linesBefore` line feeds of the
    /// chunk being read (the chunks returned before it hold the lines before those); the caller
    /// knows the line number where that chunk starts.
    struct LineTooLong: Error { var linesBefore: Int }

    /// Replaces `buffer`'s contents with the next chunk; false (and `buffer` empty) after the last.
    ///
    /// - Throws: ``LineTooLong`` as soon as a line is longer than the line limit (the buffer stops
    ///   growing there), or the source's ``InputError``.
    mutating func next(into buffer: inout [UInt8]) throws -> Bool {
        buffer.removeAll(keepingCapacity: true)
        guard !atEnd else { return false }
        buffer.append(contentsOf: carried)
        carried.removeAll(keepingCapacity: true)
        var lineStart = 0  // where the last line in `buffer` starts
        while true {
            let n = try piece.withUnsafeMutableBytes { try source.read(into: $0.baseAddress!, count: $0.count) }
            var pieceStart = buffer.count
            buffer.append(contentsOf: piece[..<n])
            if first && buffer.count >= 3 {
                first = false
                if buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
                    buffer.removeFirst(3)
                    pieceStart = max(0, pieceStart - 3)
                }
            }
            try checkLines(buffer, from: pieceStart, &lineStart)
            if n == 0 {
                atEnd = true
                return !buffer.isEmpty
            }
            if buffer.count >= chunkSize && lineStart > 0 {
                carried.append(contentsOf: buffer[lineStart...])
                buffer.removeLast(buffer.count - lineStart)
                return true
            }
        }
    }

    /// Checks the lengths of the lines that end in `buffer[pieceStart...]` and of the last one, and
    /// moves `lineStart` to the start of the last line. When the limit is at least a piece, a line
    /// inside one piece cannot cross it: only the first and last line feeds of the piece are looked
    /// for (the scan back from the end stops soon, lines being short).
    private func checkLines(_ buffer: [UInt8], from pieceStart: Int, _ lineStart: inout Int) throws {
        let limit = source.limits.maxLineBytes
        let wholePieceIsShort = limit >= piece.count
        try buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            let end = bytes.count
            var i = pieceStart
            while i < end, let found = memchr(base + i, 0x0A, end - i) {
                let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if newline - lineStart > limit { throw LineTooLong(linesBefore: Self.lineFeeds(bytes, before: lineStart)) }
                lineStart = newline + 1
                i = newline + 1
                if wholePieceIsShort {
                    var j = end
                    while j > i && bytes[j - 1] != 0x0A { j -= 1 }
                    lineStart = max(lineStart, j)
                    break
                }
            }
            if end - lineStart > limit { throw LineTooLong(linesBefore: Self.lineFeeds(bytes, before: lineStart)) }
        }
    }

    private static func lineFeeds(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        bytes[..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}

/// The RFC 4180 state machine behind ``CSVReader``, fed bytes in pieces: whole records come out
/// in order, each with the line it starts on. A line without a quote character is split at its
/// commas in one step; only lines with quotes go through the state machine byte by byte.
struct CSVParser {
    let path: String
    /// The line the next byte is on.
    var line = 1
    private var record = CSVRecord(line: 1)
    private var state = State.fieldStart
    private var quoteLine = 0
    private var fieldStart = 0   // where the current field began in record._bytes

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The longest record (a quoted field may span lines); ``CSVChunks`` already bounds each line.
    let maxRecordBytes: Int

    init(path: String, maxRecordBytes: Int) {
        self.path = path
        self.maxRecordBytes = maxRecordBytes
    }

    /// Whether the bytes so far end exactly at the end of a record (or of a blank line).
    var isAtRecordStart: Bool { state == .fieldStart && record.isBlank }

    /// Parses `bytes`, calling `body` with each record they complete.
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        while i < n {
            if state == .fieldStart && record.isBlank, let newline = memchr(base + i, 0x0A, n - i) {
                let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
                if memchr(base + i, 0x22, end - i) == nil {
                    try emitLine(bytes, i, end, body)
                    i = end + 1
                    continue
                }
            }
            let c = bytes[i]
            i += 1
            switch state {
            case .fieldStart, .unquoted:
                if c == UInt8(ascii: ",") {
                    endField()
                    state = .fieldStart
                } else if c == 0x0A {
                    // Drop a CR that ends the line.
                    if record._bytes.count > fieldStart && record._bytes.last == 0x0D { record._bytes.removeLast() }
                    if !record.isBlank {
                        endField()
                        try body(record)
                    }
                    endLine()
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
                    if c == 0x0A {
                        line += 1
                        if record._bytes.count > maxRecordBytes {
                            throw InputError(file: path, line: record.line,
                                             "record longer than \(maxRecordBytes) bytes: a quoted field is not closed? (raise with --max-line-bytes)")
                        }
                    }
                    record._bytes.append(c)
                }
            case .quoteInQuoted:
                if c == UInt8(ascii: "\"") {
                    record._bytes.append(c)
                    state = .quoted
                } else if c == UInt8(ascii: ",") {
                    endField()
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

    /// Ends the input: a last record without a line end is passed to `body`.
    mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
        switch state {
        case .quoted:
            throw InputError(file: path, line: quoteLine, "unterminated quoted field")
        case .quoteInQuoted, .unquoted:
            if record._bytes.count > fieldStart && record._bytes.last == 0x0D { record._bytes.removeLast() }
            endField()
            try body(record)
        case .fieldStart:
            if !record._ends.isEmpty {  // a line ending in a comma
                endField()
                try body(record)
            }
        }
        record.clear(nextLine: line)
        fieldStart = 0
        state = .fieldStart
    }

    /// A whole quote-free line `bytes[start..<end]` (`end` is its line feed) as one record.
    private mutating func emitLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                                   _ body: (CSVRecord) throws -> Void) throws {
        var stop = end
        if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
        if stop > start {  // otherwise a blank line
            record._bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<stop]))
            var fieldBegin = 0
            for j in start..<stop where bytes[j] == UInt8(ascii: ",") {
                record._starts.append(fieldBegin)
                record._ends.append(j - start)
                fieldBegin = j - start + 1
            }
            record._starts.append(fieldBegin)
            record._ends.append(stop - start)
            try body(record)
        }
        endLine()
    }

    private mutating func endField() {
        record._starts.append(fieldStart)
        record._ends.append(record._bytes.count)
        fieldStart = record._bytes.count
    }

    private mutating func endLine() {
        line += 1
        record.clear(nextLine: line)
        fieldStart = 0
        state = .fieldStart
    }
}
