import CSignalCleanup
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
/// The same rules hold for every output of every command:
/// - Missing parent folders are created (like `mkdir -p`).
/// - A target that is a file this process read as input (same device and inode) is refused with ``OutputUsageError``, before anything is written.
/// - A name ending in `.gz` (any case) is written gzip-compressed (``GzipCompressor``).
/// - The temporary file is removed if the process is ended by SIGINT, SIGTERM or SIGHUP (an
///   async-signal-safe handler in `CSignalCleanup`); temporaries of the same target left by a
///   process that no longer runs (SIGKILL, a power cut) are removed on the next write.
///
///     let out = try OutputFile(path: "degrees.csv")   // or OutputFile(path: nil) for stdout
///     try out.write(&buffer)                          // flushes and empties the buffer
///     try out.commit()
///
/// - Complexity: O(bytes written), plus one pass over the target folder's entries when opening.
public final class OutputFile {
    private let targetPath: String?
    private let temporaryPath: String?
    private var descriptor: Int32
    private var committed = false
    private var cleanupSlot: Int32 = -1
    private let compressor: GzipCompressor?

    /// Opens `path` for atomic writing, or standard output when `path` is `nil` or `-`.
    ///
    /// - Throws: ``OutputUsageError`` when `path` is an input of this process; ``OutputError``
    ///   when it cannot be created.
    public init(path: String?) throws {
        guard let path, path != "-" else {
            targetPath = nil
            temporaryPath = nil
            descriptor = 1
            compressor = nil
            return
        }
        try Self.refuseInput(path)
        compressor = path.lowercased().hasSuffix(".gz") ? try GzipCompressor() : nil
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
        if !directory.isEmpty && !directoryExists(directory) { try makeDirectory(directory) }
        Self.removeStaleTemporaries(in: directory.isEmpty ? "/" : directory, name: name)
        let temporary = (directory.isEmpty ? "" : directory + "/") + "." + name + ".tmp-\(getpid())"
        // Registered before it exists, so that no signal can fall between creating and registering.
        let slot = meshwork_cleanup_register(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            meshwork_cleanup_unregister(slot)
            throw OutputError(message: "cannot create \(path): \(reason)")
        }
        targetPath = path
        temporaryPath = temporary
        descriptor = fd
        cleanupSlot = slot
    }

    /// Throws ``OutputUsageError`` when `path` names a file this process read as input; commands
    /// call it for their output paths right after loading, so that nothing is computed in vain.
    public static func refuseInput(_ path: String?) throws {
        guard let path, path != "-", let input = InputFiles.input(sameAs: path) else { return }
        throw OutputUsageError(message: input == path
            ? "refusing to write \(path): it is an input of this run"
            : "refusing to write \(path): it is the same file as the input \(input)")
    }

    /// Removes `.NAME.tmp-PID` files in `directory` whose process `PID` no longer runs.
    /// A PID that runs (or belongs to another user) may be a writer at work: its file stays.
    private static func removeStaleTemporaries(in directory: String, name: String) {
        guard let folder = opendir(directory) else { return }
        defer { closedir(folder) }
        let prefix = Array(("." + name + ".tmp-").utf8)
        let own = getpid()
        while let entry = readdir(folder) {
            let entryName: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            guard entryName.count > prefix.count, entryName.starts(with: prefix) else { continue }
            let digits = entryName[prefix.count...]
            guard digits.count <= 9, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0, pid != own else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            _ = unlink(directory + "/" + String(decoding: entryName, as: UTF8.self))
        }
    }

    /// Writes the buffer's bytes (compressed, for a `.gz` name) and empties it.
    public func write(_ buffer: inout ByteBuffer) throws {
        try buffer.bytes.withUnsafeBytes { raw in
            if let compressor {
                try compressor.compress(raw, finish: false) { try writeAll($0) }
            } else {
                try writeAll(raw)
            }
        }
        buffer.removeAll()
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
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

    /// Writes `buffer` when it holds at least `threshold` bytes (streaming writers call this per row).
    @inline(__always)
    public func flushIfLarge(_ buffer: inout ByteBuffer, threshold: Int = 1 << 20) throws {
        if buffer.count >= threshold { try write(&buffer) }
    }

    /// Ends the gzip stream, if any, closes the file and moves it over the target path.
    public func commit() throws {
        guard !committed else { return }
        if let compressor {
            try compressor.compress(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { try writeAll($0) }
        }
        committed = true
        guard let temporaryPath, let targetPath else {
            if descriptor > 2 { close(descriptor) }
            return
        }
        close(descriptor)
        descriptor = -1
        defer { meshwork_cleanup_unregister(cleanupSlot) }
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
            meshwork_cleanup_unregister(cleanupSlot)
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

/// An output that must not be written as asked: it would replace an input of the run, or its
/// name contradicts the format (bad usage, exit 64).
public struct OutputUsageError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
