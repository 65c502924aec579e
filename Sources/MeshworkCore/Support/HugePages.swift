#if canImport(Glibc)
import Glibc
#endif

/// Large arrays whose memory is backed by transparent huge pages where the kernel allows it
/// (`madvise(MADV_HUGEPAGE)`), so that random access into them (hash tables, CSR rows) misses the
/// TLB far less often. Elsewhere, or for small arrays, these are plain arrays.
package enum HugePages {
    /// Arrays below this size are left alone.
    @usableFromInline static let threshold = 4 << 20

    /// An array of `count` copies of `value`, advised to use huge pages before it is touched.
    /// - Complexity: O(count).
    @inlinable
    public static func array<T: BitwiseCopyable>(repeating value: T, count: Int) -> [T] {
        guard count * MemoryLayout<T>.stride >= threshold else { return [T](repeating: value, count: count) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawPointer(buffer.baseAddress!), count * MemoryLayout<T>.stride)
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// Asks the kernel to back the whole pages of `[pointer, pointer + byteCount)` with huge pages.
    @usableFromInline
    static func advise(_ pointer: UnsafeMutableRawPointer, _ byteCount: Int) {
        #if os(Linux)
        let page = 4096
        let start = (Int(bitPattern: pointer) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(page - 1)
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */)
        }
        #endif
    }
}
