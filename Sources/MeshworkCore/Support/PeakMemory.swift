#if canImport(Glibc)
import Glibc
#endif

/// The process's peak resident memory so far, as the kernel records it for the running program.
///
/// On Linux this is `VmHWM` from `/proc/self/status`: the high-water mark of the program's own
/// address space since it was started by `exec`. `getrusage`'s `ru_maxrss` is not used because it
/// also keeps the resident size of the process the program was forked from (the kernel records the
/// old address space's high-water mark at `exec`), so a child of a large harness reports the
/// harness's memory.
package enum PeakMemory {
    /// Bytes, or nil where the figure is not available (not Linux, or `/proc` unreadable).
    /// - Complexity: O(1): one read of a small file.
    package static func residentBytes() -> Int? {
        #if os(Linux)
        let fd = open("/proc/self/status", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return kibibytes(after: Array("VmHWM:".utf8), in: bytes[..<count]).map { $0 * 1024 }
        #else
        return nil
        #endif
    }

    /// The number after `key` on its line of a `/proc` status text (`VmHWM:   123456 kB`).
    static func kibibytes(after key: [UInt8], in text: ArraySlice<UInt8>) -> Int? {
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[lineStart..<lineEnd]
            if line.starts(with: key) {
                var value = 0, digits = 0
                for byte in line.dropFirst(key.count) where byte >= 48 && byte <= 57 {
                    value = value * 10 + Int(byte - 48)
                    digits += 1
                }
                return digits > 0 ? value : nil
            }
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return nil
    }
}
