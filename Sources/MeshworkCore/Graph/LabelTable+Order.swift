#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension LabelTable {
    /// The ids sorted by their labels: canonical decimal labels ("7", "12") first, by value, then
    /// every other label by its bytes.
    ///
    /// Ids are given in order of first appearance, so they change when the lines of an input file
    /// are shuffled; this order does not. Randomised algorithms that visit vertices in it (community
    /// detection) therefore give the same result, up to relabelling, whatever the line order.
    ///
    ///     LabelTable(["b", "10", "a", "9"]).labelOrder()   // [3, 1, 2, 0]: "9", "10", "a", "b"
    ///
    /// - Complexity: O(V log V) comparisons; numeric labels compare as integers, and when they
    ///   are all below 8 V (ids such as 0 ..< V) they are placed by value in O(V); other labels of
    ///   up to 16 bytes compare as two integers each.
    public func labelOrder() -> [Int32] {
        var numeric: [(value: Int, id: Int32)] = []
        var other: [Int32] = []
        var largest = 0
        for id in 0..<Int32(count) {
            let value = withLabelBytes(id) { Self.canonicalDecimal($0) }
            if value >= 0 { numeric.append((value, id)); largest = max(largest, value) } else { other.append(id) }
        }
        if largest < 8 * max(count, 1) {
            // Distinct labels have distinct values: one slot per value.
            var slot = [Int32](repeating: -1, count: numeric.isEmpty ? 0 : largest + 1)
            for entry in numeric { slot[entry.value] = entry.id }
            numeric = []
            var placed: [Int32] = []
            placed.reserveCapacity(count)
            for id in slot where id >= 0 { placed.append(id) }
            if other.isEmpty { return placed }
            return placed + sortedByBytes(other)
        }
        numeric.sort { $0.value < $1.value }
        return numeric.map(\.id) + sortedByBytes(other)
    }

    /// `ids` sorted by their labels' bytes.
    private func sortedByBytes(_ ids: [Int32]) -> [Int32] {
        if var keys = packedLabels(ids) {
            keys.sort { $0.high != $1.high ? $0.high < $1.high : $0.low < $1.low }
            return keys.map(\.id)
        }
        var ids = ids
        _arena.withUnsafeBufferPointer { arena in
            let base = arena.baseAddress!
            ids.sort { a, b in
                let ra = byteRange(a), rb = byteRange(b)
                let common = min(ra.count, rb.count)
                let order = common == 0 ? 0 : memcmp(base + ra.lowerBound, base + rb.lowerBound, common)
                return order != 0 ? order < 0 : ra.count < rb.count
            }
        }
        return ids
    }

    /// Each label of `ids` packed big-endian into two words, zero-padded, when every label has at
    /// most 16 bytes and none is a zero byte: comparing the pairs then compares the bytes (a label
    /// comes before the labels it is a prefix of, since its padding is below every byte), with
    /// integer comparisons instead of `memcmp` (member ids such as "M0001234": the 1M-member
    /// network's million labels in about a third of the time). Nil otherwise.
    private func packedLabels(_ ids: [Int32]) -> [(high: UInt64, low: UInt64, id: Int32)]? {
        var keys: [(high: UInt64, low: UInt64, id: Int32)] = []
        keys.reserveCapacity(ids.count)
        for id in ids {
            let packed = withLabelBytes(id) { bytes -> (UInt64, UInt64)? in
                guard bytes.count <= 16 else { return nil }
                var words: (UInt64, UInt64) = (0, 0)
                for i in 0..<16 {
                    let byte = i < bytes.count ? UInt64(bytes[i]) : 0
                    if i < bytes.count && byte == 0 { return nil }
                    if i < 8 { words.0 = words.0 << 8 | byte } else { words.1 = words.1 << 8 | byte }
                }
                return words
            }
            guard let packed else { return nil }
            keys.append((packed.0, packed.1, id))
        }
        return keys
    }
}
