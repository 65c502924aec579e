#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a regular file (or anything but a directory) exists at `path`.
func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
}

/// The size in bytes of the file at `path` (its compressed size, if gzip), or 0 when it cannot be read.
func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// Whether a directory exists at `path`.
public func directoryExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// Creates `path` and any missing parents (like `mkdir -p`).
public func makeDirectory(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
        prefix += part
        if !directoryExists(prefix) && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
            throw OutputError(message: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
        }
        prefix += "/"
    }
}
