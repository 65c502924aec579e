#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What is at a path, for a reader: a file (anything but a directory), a directory, nothing at all,
/// or something that cannot be reached, with the reason a person can act on.
enum PathStatus: Equatable {
    case file, directory, absent
    case unreachable(String)

    init(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0 {
            self = (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
            return
        }
        let code = errno
        if code == ENOENT {
            // A dangling symbolic link is not the same as nothing.
            var link = stat()
            if lstat(path, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
                self = .unreachable("is a symbolic link to '\(Self.linkTarget(path))', which does not exist (a dangling link)")
                return
            }
            self = .absent
            return
        }
        self = .unreachable(Self.reason(errno: code))
    }

    /// Why a path with `errno` `code` cannot be reached or opened.
    static func reason(errno code: Int32) -> String {
        switch code {
        case ELOOP: return "cannot be reached: a loop of symbolic links (too many levels)"
        case EACCES: return "permission denied (a folder on the way cannot be searched, or the file cannot be read)"
        case ENOTDIR: return "cannot be reached: a part of the path is a file, not a folder"
        case ENAMETOOLONG: return "the path is too long"
        case ENOENT: return "no such file"
        default: return "cannot be opened: \(String(cString: strerror(code)))"
        }
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return "?" }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Whether a regular file (or anything but a directory) exists at `path`.
func fileExists(_ path: String) -> Bool { PathStatus(path) == .file }

/// The size in bytes of the file at `path` (its compressed size, if gzip), or 0 when it cannot be read.
func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}

/// Whether a directory exists at `path`.
func directoryExists(_ path: String) -> Bool { PathStatus(path) == .directory }

/// Creates `path` and any missing parents (like `mkdir -p`).
package func makeDirectory(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
        prefix += part
        if !directoryExists(prefix) && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
            throw OutputError(message: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
        }
        prefix += "/"
    }
}
