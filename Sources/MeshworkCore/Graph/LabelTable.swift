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
/// - Complexity: expected O(length) per lookup or insertion; about 13 bytes per label plus its
///   bytes.
public struct LabelTable: Sendable {
    @usableFromInline var _bytes: [UInt8] = []
    @usableFromInline var _ends: [Int32] = []  // _ends[i] is where label i stops in _bytes
    @usableFromInline var _hashes: [UInt32] = []
    @usableFromInline var _slots: [Int32]      // -1 = empty, otherwise a label id
    @usableFromInline var _mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        _slots = [Int32](repeating: -1, count: size)
        _mask = size - 1
    }

    /// A table holding `labels` in order; duplicates keep their first id.
    public init<S: Sequence>(_ labels: S) where S.Element == String {
        self.init()
        for label in labels { intern(label) }
    }

    /// The number of distinct labels.
    @inlinable public var count: Int { _ends.count }

    /// The label with id `id`.
    public subscript(id: Int32) -> String {
        let range = byteRange(id)
        return _bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// All labels in id order.
    public var labels: [String] { (0..<Int32(count)).map { self[$0] } }

    /// The bytes of label `id` within the arena.
    @inlinable
    public func byteRange(_ id: Int32) -> Range<Int> {
        (id == 0 ? 0 : Int(_ends[Int(id) - 1])) ..< Int(_ends[Int(id)])
    }

    /// Calls `body` with the raw bytes of label `id`.
    @inlinable
    public func withLabelBytes<R>(_ id: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = byteRange(id)
        return try _bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
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
        let hash = Self.hash(bytes)
        var slot = Int(hash) & _mask
        while true {
            let id = _slots[slot]
            if id < 0 { return nil }
            if _hashes[Int(id)] == hash && equals(id, bytes) { return id }
            slot = (slot + 1) & _mask
        }
    }

    /// The id of the label `bytes`, interning a copy of them if they are new.
    @discardableResult
    public mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        var slot = Int(hash) & _mask
        while true {
            let id = _slots[slot]
            if id < 0 { break }
            if _hashes[Int(id)] == hash && equals(id, bytes) { return id }
            slot = (slot + 1) & _mask
        }
        let id = Int32(count)
        _bytes.append(contentsOf: bytes)
        precondition(_bytes.count < Int(Int32.max), "label arena exceeds 2 GiB")
        _ends.append(Int32(_bytes.count))
        _hashes.append(hash)
        _slots[slot] = id
        if count * 2 > _mask { grow() }
        return id
    }

    @usableFromInline
    func equals(_ id: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let range = byteRange(id)
        guard range.count == bytes.count else { return false }
        return _bytes.withUnsafeBufferPointer { arena in
            var i = 0
            while i < bytes.count {
                if arena[range.lowerBound + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = (_mask + 1) * 2
        _mask = size - 1
        _slots = [Int32](repeating: -1, count: size)
        for id in 0..<count {
            var slot = Int(_hashes[id]) & _mask
            while _slots[slot] >= 0 { slot = (slot + 1) & _mask }
            _slots[slot] = Int32(id)
        }
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
