import Foundation

/// The files this process has opened for reading, by identity (device and inode number), so
/// that no output replaces one of them: `convert graph.edges -o graph.edges` would otherwise
/// destroy its own input. Identity, not the path string, is compared, so `./a`, `dir/../a`, a
/// symbolic link and a hard link to the same file are all recognised.
///
/// ``ByteSource`` records every file it opens; ``OutputFile`` refuses to write over a recorded one.
///
/// - Complexity: O(1) expected per record or look-up.
package enum InputFiles {
    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: [Identity: String] = [:]
    }

    private static let registry = Registry()

    /// Records the file that `path` names (after symbolic links) as an input; does nothing when
    /// it cannot be examined.
    package static func record(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        record(info, path: path)
    }

    /// Records the file that `info` (from `stat`) describes as the input `path`.
    static func record(_ info: stat, path: String) {
        let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.paths[identity] = path   // the latest path: an earlier one may have been removed since
    }

    /// The input path recorded for the file that `path` names, or `nil` when it is not an input
    /// (or does not exist). A recorded input that has since been removed no longer counts, even
    /// when the system has given its inode number to a new file.
    package static func input(sameAs path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        registry.lock.lock()
        let recorded = registry.paths[identity]
        registry.lock.unlock()
        guard let recorded else { return nil }
        var now = stat()
        guard stat(recorded, &now) == 0, UInt64(now.st_dev) == identity.device, UInt64(now.st_ino) == identity.inode else {
            return nil
        }
        return recorded
    }
}
