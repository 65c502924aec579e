#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns vertex labels (arbitrary byte strings) to dense ``VertexID``s in order of first appearance.
///
/// All label bytes live in one arena; an open-addressing hash table of `Int32` slots maps them to
/// ids. This is what lets the edge-list reader work on raw bytes without creating a `String` per
/// token.
///
///     var labels = LabelTable()
///     labels.intern("alice")   // 0
///     labels.intern("bob")     // 1
///     labels.intern("alice")   // 0
///     labels[1]                // "bob"
///
/// - Complexity: expected O(length) per lookup or insertion; about 28 bytes per label plus its
///   bytes.
public struct LabelTable: Sendable {
    // Each label is a record in the arena: its id (4 bytes), its length (4 bytes), then its bytes.
    // A slot is 16 bytes in one cache line: `tag` = hash (24 bits) | length (8 bits) | id + 1
    // (32 bits; 0 = empty), and `key` = the label's bytes when it has at most 8 (zero-padded),
    // otherwise its record's arena offset. A lookup of a short label (member ids such as
    // "M0012345") touches one slot and nothing else: one cache miss on a large table.
    @usableFromInline var _arena: [UInt8] = []
    @usableFromInline var _records: [Int32] = []  // arena offset of each label's record, by id
    @usableFromInline var _slots: [Slot]
    @usableFromInline var _mask: Int
    // A cache for canonical decimal labels ("0", "17", not "017"): `_numeric[value]` is the id of
    // the label that spells `value`, or -1 when not cached yet. Edge lists with integer ids then
    // cost one 4-byte lookup per token. Every label is also in the hash slots, which stay the
    // source of truth; the cache only grows while it stays small next to the table.
    @usableFromInline var _numeric: [Int32] = []

    @usableFromInline
    struct Slot: Sendable, BitwiseCopyable {
        @usableFromInline var tag: UInt64
        var key: UInt64
    }

    static let longLength: UInt64 = 0xFF

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        _slots = HugePages.array(repeating: Slot(tag: 0, key: 0), count: size)
        _mask = size - 1
    }

    /// A table holding `labels` in order; duplicates keep their first id.
    public init<S: Sequence>(_ labels: S) where S.Element == String {
        self.init()
        for label in labels { intern(label) }
    }

    /// The number of distinct labels.
    @inlinable public var count: Int { _records.count }

    /// The label with id `id`.
    public subscript(id: Int32) -> String {
        withLabelBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// All labels in id order.
    public var labels: [String] { (0..<Int32(count)).map { self[$0] } }

    /// The bytes of label `id` within the arena.
    @inlinable
    public func byteRange(_ id: Int32) -> Range<Int> {
        let record = Int(_records[Int(id)])
        return _arena.withUnsafeBytes { raw in
            let length = Int(raw.loadUnaligned(fromByteOffset: record + 4, as: Int32.self))
            return record + 8 ..< record + 8 + length
        }
    }

    /// Calls `body` with the raw bytes of label `id`.
    @inlinable
    public func withLabelBytes<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = byteRange(id)
        return try _arena.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The id of `label`, interning it if it is new.
    @discardableResult
    public mutating func intern(_ label: String) -> Int32 {
        var label = label
        return label.withUTF8 { intern($0) }
    }

    /// The id of `label`, or `nil` if it was never interned.
    public func id(of label: String) -> Int32? {
        var label = label
        return label.withUTF8 { find($0) }
    }

    /// The id of the label `bytes`, or `nil`.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        let value = Self.canonicalDecimal(bytes)
        if value >= 0 && value < _numeric.count && _numeric[value] >= 0 { return _numeric[value] }
        let hash = Self.hash(bytes)
        let probe = lookup(bytes, hash, Self.tagPrefix(hash, bytes.count), Self.packed(bytes))
        return probe.id >= 0 ? probe.id : nil
    }

    /// What a lookup of one label needs, computed ahead so that many lookups can be in flight: see
    /// ``prefetch(_:)``.
    public struct Probe: Sendable {
        @usableFromInline let hash: UInt32
        @usableFromInline let prefix: UInt64
        @usableFromInline let packed: UInt64
        @usableFromInline let numeric: Int
    }

    /// The probe of the label `bytes`.
    public func probe(_ bytes: UnsafeBufferPointer<UInt8>) -> Probe {
        let hash = Self.hash(bytes)
        return Probe(hash: hash, prefix: Self.tagPrefix(hash, bytes.count), packed: Self.packed(bytes),
                     numeric: Self.canonicalDecimal(bytes))
    }

    /// Reads the slot where the lookup of `probe` starts and returns its tag (callers add the tags
    /// into a value they keep, so the reads are not optimised away). Reading the slots of the
    /// next few labels before looking up the current one overlaps their cache misses: on a table
    /// far larger than the caches that is most of a lookup's time.
    @inlinable
    public func prefetch(_ probe: Probe) -> UInt64 {
        if probe.numeric >= 0 && probe.numeric < _numeric.count { return UInt64(UInt32(bitPattern: _numeric[probe.numeric])) }
        return _slots.withUnsafeBufferPointer { $0[Int(probe.hash) & _mask].tag }
    }

    /// The id of the label `bytes` with the probe `probe`, or `nil`.
    public func find(_ bytes: UnsafeBufferPointer<UInt8>, _ probe: Probe) -> Int32? {
        if probe.numeric >= 0 && probe.numeric < _numeric.count && _numeric[probe.numeric] >= 0 { return _numeric[probe.numeric] }
        let found = lookup(bytes, probe.hash, probe.prefix, probe.packed)
        return found.id >= 0 ? found.id : nil
    }

    /// The id of the label `bytes`, interning a copy of them if they are new.
    @discardableResult
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let value = Self.canonicalDecimal(bytes)
        if value >= 0 && value < _numeric.count {
            let cached = _numeric[value]
            if cached >= 0 { return cached }
        }
        let id = internHashed(bytes)
        if value >= 0 {
            if value >= _numeric.count && value < 8 * (count + 1 << 16) {
                _numeric.append(contentsOf: repeatElement(-1, count: max(value + 1, 2 * _numeric.count) - _numeric.count))
            }
            if value < _numeric.count { _numeric[value] = id }
        }
        return id
    }

    /// The value of a label that is a canonical decimal number below 2^31 (digits only, no leading
    /// zero unless it is "0"), or -1.
    @inline(__always)
    static func canonicalDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        guard n >= 1 && n <= 9 && (bytes[0] != 0x30 || n == 1) else { return -1 }
        var value = 0
        for byte in bytes {
            let digit = Int(byte) &- 0x30
            guard digit >= 0 && digit <= 9 else { return -1 }
            value = value &* 10 &+ digit
        }
        return value
    }

    private mutating func internHashed(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let prefix = Self.tagPrefix(hash, bytes.count)
        let packed = Self.packed(bytes)
        let probe = lookup(bytes, hash, prefix, packed)
        if probe.id >= 0 { return probe.id }
        let id = Int32(count)
        let record = _arena.count
        precondition(record + 8 + bytes.count < Int(Int32.max), "label arena exceeds 2 GiB")
        withUnsafeBytes(of: id.littleEndian) { _arena.append(contentsOf: $0) }
        withUnsafeBytes(of: Int32(bytes.count).littleEndian) { _arena.append(contentsOf: $0) }
        _arena.append(contentsOf: bytes)
        _records.append(Int32(record))
        _slots[probe.slot] = Slot(tag: prefix | UInt64(UInt32(id) + 1), key: bytes.count <= 8 ? packed : UInt64(record))
        if count * 2 > _mask { grow() }
        return id
    }

    /// The upper 32 bits of a slot's tag: 24 bits of hash and the length (or `longLength`).
    @inline(__always)
    static func tagPrefix(_ hash: UInt32, _ count: Int) -> UInt64 {
        let length = count <= 8 ? UInt64(count) : longLength
        return UInt64(hash & 0xFFFF_FF00) << 32 | length << 32
    }

    /// The bytes of a label of at most 8 bytes, zero-padded into one word (0 for longer labels).
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count <= 8 else { return 0 }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return word
    }

    /// The id of `bytes` (or -1) and the slot where the probe ended.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt32, _ prefix: UInt64,
                _ packed: UInt64) -> (id: Int32, slot: Int) {
        let isShort = bytes.count <= 8
        return _slots.withUnsafeBufferPointer { slots in
            var slot = Int(hash) & _mask
            while true {
                let entry = slots[slot]
                if entry.tag == 0 { return (-1, slot) }
                if entry.tag & 0xFFFF_FFFF_0000_0000 == prefix {
                    let id = Int32(truncatingIfNeeded: entry.tag & 0xFFFF_FFFF) - 1
                    if isShort {
                        if entry.key == packed { return (id, slot) }
                    } else if longLabel(at: Int(entry.key), equals: bytes) {
                        return (id, slot)
                    }
                }
                slot = (slot + 1) & _mask
            }
        }
    }

    private func longLabel(at record: Int, equals bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        _arena.withUnsafeBytes { arena in
            Int(arena.loadUnaligned(fromByteOffset: record + 4, as: Int32.self)) == bytes.count
                && memcmp(arena.baseAddress! + record + 8, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// Doubles the table, re-hashing every label from the arena (read in order).
    private mutating func grow() {
        let size = (_mask + 1) * 2
        _mask = size - 1
        var slots = HugePages.array(repeating: Slot(tag: 0, key: 0), count: size)
        for id in 0..<Int32(count) {
            withLabelBytes(id) { bytes in
                let hash = Self.hash(bytes)
                var slot = Int(hash) & _mask
                while slots[slot].tag != 0 { slot = (slot + 1) & _mask }
                slots[slot] = Slot(tag: Self.tagPrefix(hash, bytes.count) | UInt64(UInt32(id) + 1),
                                   key: bytes.count <= 8 ? Self.packed(bytes) : UInt64(_records[Int(id)]))
            }
        }
        _slots = slots
    }

    /// FNV-1a over the bytes, finished with a multiply-shift mixer so low bits are well spread.
    @inlinable
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: h >> 32)
    }
}
