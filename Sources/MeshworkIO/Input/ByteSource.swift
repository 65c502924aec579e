import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in large chunks, decompressing gzip transparently (through zlib), so that huge
/// inputs stream in bounded memory.
///
///     let source = try ByteSource(path: "edges.txt.gz")
///     try source.forEachLine { line, number in ... }   // line excludes "\n" and a trailing "\r"
///
/// - Complexity: O(bytes); memory is one chunk plus the longest line.
public final class ByteSource {
    /// The path as given, used in messages.
    public let path: String
    private let file: gzFile
    private static let chunkSize = 1 << 20

    /// Opens `path` for reading; gzip-compressed files are recognised by their magic bytes.
    public init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: path, line: 0, "cannot open: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            throw InputError(file: path, line: 0, "is a directory, not a file")
        }
        InputFiles.record(info, path: path)
        guard let file = gzopen(path, "rb") else {
            throw InputError(file: path, line: 0, "cannot open: \(String(cString: strerror(errno)))")
        }
        gzbuffer(file, UInt32(Self.chunkSize))
        self.path = path
        self.file = file
    }

    deinit { gzclose(file) }

    /// Reads up to `count` bytes into `buffer`; returns the number read, 0 at the end.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let n = gzread(file, buffer, UInt32(count))
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw InputError(file: path, line: 0, "cannot read: \(message)")
        }
        return Int(n)
    }

    /// Calls `body` with each line (without its `\n`, a trailing `\r`, or a leading UTF-8 byte-order
    /// mark on the first line) and its 1-based number. A final line without `\n` is included.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize * 2)
        var carried = 0        // bytes of an unfinished line at the buffer's start
        var lineNumber = 0
        var first = true
        while true {
            if carried == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let room = buffer.count - carried
            let n = try buffer.withUnsafeMutableBytes { try read(into: $0.baseAddress! + carried, count: room) }
            let end = carried + n
            let atEnd = n == 0
            var consumed = 0
            try buffer.withUnsafeBufferPointer { bytes in
                var start = 0
                if first && end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
                if first && (end >= 3 || atEnd) { first = false }
                var i = start
                while i < end {
                    if bytes[i] == 0x0A {
                        var stop = i
                        if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                        lineNumber += 1
                        try body(UnsafeBufferPointer(rebasing: bytes[start..<stop]), lineNumber)
                        start = i + 1
                    }
                    i += 1
                }
                if atEnd && start < end {
                    var stop = end
                    if bytes[stop - 1] == 0x0D { stop -= 1 }
                    lineNumber += 1
                    try body(UnsafeBufferPointer(rebasing: bytes[start..<stop]), lineNumber)
                    start = end
                }
                consumed = start
            }
            if atEnd { return }
            // Move the unfinished line to the front.
            carried = end - consumed
            if carried > 0 && consumed > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, carried)
                }
            }
        }
    }
}
