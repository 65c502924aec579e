#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A destination for output that never leaves a half-written file behind.
///
/// Bytes go to a temporary file beside the target (`.NAME.tmp-PID`), which ``commit()`` renames
/// over the target in one step; if the writer is dropped without `commit()`, the temporary file is
/// removed. With no path the bytes go to standard output. A target that exists and is not a
/// regular file (`/dev/null`, a named pipe, a terminal) is written directly, never replaced.
///
///     let out = try OutputFile(path: "degrees.csv")   // or OutputFile(path: nil) for stdout
///     try out.write(&buffer)                          // flushes and empties the buffer
///     try out.commit()
///
/// - Complexity: O(bytes written).
public final class OutputFile {
    private let targetPath: String?
    private let temporaryPath: String?
    private var descriptor: Int32
    private var committed = false

    /// Opens `path` for atomic writing, or standard output when `path` is `nil` or `-`.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            targetPath = nil
            temporaryPath = nil
            descriptor = 1
            return
        }
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            targetPath = path
            temporaryPath = nil
            descriptor = fd
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + "." + name + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError(message: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        targetPath = path
        temporaryPath = temporary
        descriptor = fd
    }

    /// Writes the buffer's bytes and empties it.
    public func write(_ buffer: inout ByteBuffer) throws {
        try buffer.bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc_write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError(message: "cannot write \(targetPath ?? "standard output"): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        buffer.removeAll()
    }

    /// Writes `buffer` when it holds at least `threshold` bytes (streaming writers call this per row).
    @inline(__always)
    public func flushIfLarge(_ buffer: inout ByteBuffer, threshold: Int = 1 << 20) throws {
        if buffer.count >= threshold { try write(&buffer) }
    }

    /// Closes the file and moves it over the target path.
    public func commit() throws {
        guard !committed else { return }
        committed = true
        guard let temporaryPath, let targetPath else {
            if descriptor > 2 { close(descriptor) }
            return
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, targetPath) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw OutputError(message: "cannot write \(targetPath): \(reason)")
        }
    }

    deinit {
        if let temporaryPath, !committed {
            close(descriptor)
            unlink(temporaryPath)
        } else if temporaryPath == nil && descriptor > 2 && !committed {
            close(descriptor)
        }
    }
}

/// Writes `buffer` to `path` (or standard output) atomically in one call.
public func writeAtomically(_ buffer: inout ByteBuffer, to path: String?) throws {
    let file = try OutputFile(path: path)
    try file.write(&buffer)
    try file.commit()
}

/// An output file could not be created or written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
