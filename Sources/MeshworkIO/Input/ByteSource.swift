import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in large chunks, decompressing gzip transparently (through zlib's `inflate`), so
/// that huge inputs stream in bounded memory.
///
///     let source = try ByteSource(path: "edges.txt.gz")
///     try source.forEachLine { line, number in ... }   // line excludes "\n" and a trailing "\r"
///
/// A file is gzip when it starts with the gzip magic bytes. Its data must end cleanly: every member
/// must reach its end with a matching CRC-32 and length, several members one after the other are
/// read as one stream (as `gzip -d` does), and anything else after the last member is an error.
/// A truncated, corrupt or padded file is therefore reported (`file: ...`, exit 65), never read
/// as if complete. At most ``InputLimits/maxInputBytes`` bytes are read (after decompression).
///
/// - Complexity: O(bytes); memory is one chunk plus the longest line (at most
///   ``InputLimits/maxLineBytes``).
package final class ByteSource {
    /// The path as given, used in messages.
    package let path: String
    package let limits: InputLimits
    private let fd: Int32
    /// The inflate state of a gzip file (it must not move: zlib keeps a pointer to it).
    private var stream: UnsafeMutablePointer<z_stream>?
    /// Compressed bytes read ahead (for a plain file: the bytes read to look for the gzip magic).
    private let input: UnsafeMutablePointer<UInt8>
    private static let inputSize = 1 << 18
    private var inputStart = 0, inputEnd = 0
    private var atEndOfFile = false
    private enum GzipState { case inMember, betweenMembers, finished }
    private var gzipState = GzipState.inMember
    /// Bytes handed out so far (decompressed).
    package private(set) var bytesRead = 0
    /// Compressed bytes consumed so far (gzip only), for messages.
    private var compressedRead = 0
    private static let chunkSize = 1 << 20

    /// Opens `path` for reading; gzip-compressed files are recognised by their magic bytes.
    package init(path: String, limits: InputLimits = InputLimits()) throws {
        switch PathStatus(path) {
        case .file: break
        case .directory: throw InputError(file: path, line: 0, "is a directory, not a file")
        case .absent: throw InputError(file: path, line: 0, "no such file")
        case .unreachable(let reason): throw InputError(file: path, line: 0, reason)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, line: 0, PathStatus.reason(errno: errno)) }
        var info = stat()
        if fstat(fd, &info) == 0 { InputFiles.record(info, path: path) }
        self.path = path
        self.limits = limits
        self.fd = fd
        input = .allocate(capacity: Self.inputSize)
        // From here on, a throw runs `deinit`, which frees what is open.
        try fillInput(atLeast: 2)
        guard inputEnd - inputStart >= 2 && input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B else { return }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 16: a gzip wrapper only, with the largest window.
        guard inflateInit2_(stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw InputError(file: path, line: 0, "cannot start gzip decompression (out of memory?)")
        }
        self.stream = stream
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        input.deallocate()
        close(fd)
    }

    /// Reads more of the file into `input` until it holds `count` unread bytes or the file ends.
    private func fillInput(atLeast count: Int) throws {
        if inputStart > 0 {
            memmove(input, input + inputStart, inputEnd - inputStart)
            inputEnd -= inputStart
            inputStart = 0
        }
        while inputEnd < count && !atEndOfFile {
            let n = systemRead(fd, input + inputEnd, Self.inputSize - inputEnd)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, line: 0, "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEndOfFile = true }
            inputEnd += n
        }
    }

    /// Reads up to `count` bytes into `buffer`; returns the number read, 0 at the end.
    ///
    /// - Throws: ``InputError`` when the file cannot be read, when its gzip data are truncated,
    ///   corrupt or followed by other bytes, or when it holds more than
    ///   ``InputLimits/maxInputBytes`` bytes.
    package func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        // One byte past the limit is enough to know it is crossed.
        let left = limits.maxInputBytes - bytesRead
        let wanted = left >= count ? count : left + 1
        guard wanted > 0 else { return 0 }
        let n = stream == nil ? try readPlain(into: buffer, count: wanted) : try decompress(into: buffer, count: wanted)
        bytesRead += n
        if bytesRead > limits.maxInputBytes { throw limits.inputTooLarge(path, compressed: stream != nil) }
        return n
    }

    private func readPlain(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if inputEnd > inputStart {
            let n = min(count, inputEnd - inputStart)
            buffer.copyMemory(from: input + inputStart, byteCount: n)
            inputStart += n
            return n
        }
        while !atEndOfFile {
            let n = systemRead(fd, buffer, count)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, line: 0, "cannot read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEndOfFile = true }
            return n
        }
        return 0
    }

    private func decompress(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        guard let stream else { return 0 }
        stream.pointee.next_out = buffer.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(min(count, Int(UInt32.max)))
        let room = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 && gzipState != .finished {
            if gzipState == .betweenMembers {
                try fillInput(atLeast: 2)
                let left = inputEnd - inputStart
                if left == 0 {
                    gzipState = .finished
                    break
                }
                guard left >= 2 && input[inputStart] == 0x1F && input[inputStart + 1] == 0x8B else {
                    throw InputError(file: path, line: 0, "\(left >= Self.inputSize ? "more than \(left)" : "\(left)") bytes after the end of the gzip data that are not another gzip member: the file is damaged (or something was appended to it)")
                }
                inflateReset(stream)
                gzipState = .inMember
            }
            if inputEnd == inputStart { try fillInput(atLeast: 1) }
            stream.pointee.next_in = input + inputStart
            stream.pointee.avail_in = UInt32(inputEnd - inputStart)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let consumed = inputEnd - inputStart - Int(stream.pointee.avail_in)
            inputStart += consumed
            compressedRead += consumed
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                gzipState = .betweenMembers
            case Z_BUF_ERROR where inputStart == inputEnd && atEndOfFile:
                throw InputError(file: path, line: 0, "the gzip data end early, after \(compressedRead) bytes of the file: it was cut short (copy or download it again)")
            case Z_BUF_ERROR:
                continue
            case Z_DATA_ERROR:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                throw InputError(file: path, line: 0, "corrupt gzip data near byte \(compressedRead) of the file (\(reason)): the file is damaged")
            default:
                throw InputError(file: path, line: 0, "cannot decompress (zlib error \(status))")
            }
        }
        return room - Int(stream.pointee.avail_out)
    }

    /// Calls `body` with each line (without its `\n`, a trailing `\r`, or a leading UTF-8 byte-order
    /// mark on the first line) and its 1-based number. A final line without `\n` is included.
    ///
    /// - Throws: ``InputError`` `file:line: line longer than N bytes` as soon as a line is longer
    ///   than ``InputLimits/maxLineBytes``: the buffer never grows past about twice that.
    package func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize * 2)
        var carried = 0        // bytes of an unfinished line at the buffer's start
        var lineNumber = 0
        var first = true
        while true {
            if carried > limits.maxLineBytes { throw limits.lineTooLong(path, line: lineNumber + 1) }
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
                // The carried bytes hold no line feed: scan only what is new (linear in a long line).
                var i = max(start, carried)
                while i < end {
                    if bytes[i] == 0x0A {
                        var stop = i
                        if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                        lineNumber += 1
                        if stop - start > limits.maxLineBytes { throw limits.lineTooLong(path, line: lineNumber) }
                        try body(UnsafeBufferPointer(rebasing: bytes[start..<stop]), lineNumber)
                        start = i + 1
                    }
                    i += 1
                }
                if atEnd && start < end {
                    var stop = end
                    if bytes[stop - 1] == 0x0D { stop -= 1 }
                    lineNumber += 1
                    if stop - start > limits.maxLineBytes { throw limits.lineTooLong(path, line: lineNumber) }
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

/// `read(2)`, out of reach of ``ByteSource/read(into:count:)``'s name.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
