import MeshworkCore
import MeshworkIO

/// A streaming CSV row writer: formats bytes into a fixed scratch area and hands them to a
/// ``ByteBuffer`` / ``OutputFile`` pair about every megabyte.
///
/// Rows are written with raw stores (no `String`, no per-byte array growth); callers call
/// ``flushIfFull()`` once per row, which keeps at least ``slack`` bytes free for the next row.
///
///     var sink = try ByteSink(path: dir + "/interactions.csv")
///     sink.append("source,target\n" as StaticString)
///     sink.append(id: 42, prefix: UInt8(ascii: "M"), width: 6)   // M000042
///     try sink.flushIfFull()
///     try sink.finish()
///
/// - Complexity: O(1) per byte; O(threshold + slack) extra space.
struct ByteSink: ~Copyable {
    /// Bytes that are flushed together.
    static let threshold = 1 << 20
    /// Room guaranteed for one row after a flush check (rows are far shorter).
    static let slack = 1 << 12

    private let file: OutputFile
    private var buffer: ByteBuffer
    private let base: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Bytes handed to the file so far (the file's size once finished).
    private(set) var bytesWritten = 0

    init(path: String) throws {
        file = try OutputFile(path: path)
        buffer = ByteBuffer(capacity: ByteSink.threshold + ByteSink.slack)
        base = .allocate(capacity: ByteSink.threshold + ByteSink.slack)
    }

    deinit { base.deallocate() }

    /// Flushes when the scratch area holds at least ``threshold`` bytes.
    @inline(__always)
    mutating func flushIfFull() throws {
        if count >= ByteSink.threshold { try flush() }
    }

    /// Moves the scratch bytes to the file.
    mutating func flush() throws {
        guard count > 0 else { return }
        buffer.append(UnsafeBufferPointer(start: base, count: count))
        try file.write(&buffer)
        bytesWritten += count
        count = 0
    }

    /// Flushes the rest and atomically moves the file into place.
    consuming func finish() throws {
        try flush()
        try file.commit()
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    /// Appends a literal (kind names, fixed columns).
    @inline(__always)
    mutating func append(_ text: StaticString) {
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count &+= text.utf8CodeUnitCount
    }

    /// Appends `bytes` (pre-encoded names).
    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        (base + count).update(from: bytes.baseAddress!, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends a short `String` (organisation names, headers); at most ``slack`` bytes.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `prefix` then `value` as exactly `width` zero-padded decimal digits (`M000042`).
    @inline(__always)
    mutating func append(id value: Int, prefix: UInt8, width: Int) {
        base[count] = prefix
        var v = value
        var p = count &+ width
        while p > count {
            base[p] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            p &-= 1
        }
        count &+= width &+ 1
    }

    /// Appends the decimal digits of a non-negative `value`.
    @inline(__always)
    mutating func append(decimal value: Int) {
        var digits = 1
        var probe = value
        while probe >= 10 { probe /= 10; digits += 1 }
        var v = value
        var p = count &+ digits &- 1
        while p >= count {
            base[p] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
            p &-= 1
        }
        count &+= digits
    }

    /// Appends the 10-byte date `YYYY-MM-DD` starting at `date`.
    @inline(__always)
    mutating func append(date: UnsafePointer<UInt8>) {
        (base + count).update(from: date, count: 10)
        count &+= 10
    }
}

/// `YYYY-MM-DD` for every day of a span, 10 bytes each, so rows copy dates instead of formatting.
///
/// - Complexity: O(days) time and 10 bytes per day to build; O(1) per lookup.
struct DateTable: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let days: Int

    /// The dates of `days` consecutive days from `firstDay` (days since 1970-01-01).
    init(firstDay: Int32, days: Int) {
        self.days = max(days, 1)
        base = .allocate(capacity: 10 * self.days)
        for offset in 0..<self.days {
            let (year, month, day) = CivilDate(daysSinceEpoch: firstDay + Int32(offset)).components
            let p = base + 10 * offset
            var y = year
            for k in stride(from: 3, through: 0, by: -1) {
                p[k] = 0x30 + UInt8(y % 10)
                y /= 10
            }
            p[4] = UInt8(ascii: "-")
            p[5] = 0x30 + UInt8(month / 10)
            p[6] = 0x30 + UInt8(month % 10)
            p[7] = UInt8(ascii: "-")
            p[8] = 0x30 + UInt8(day / 10)
            p[9] = 0x30 + UInt8(day % 10)
        }
    }

    deinit { base.deallocate() }

    /// The 10 bytes of day `offset` (counted from `firstDay`).
    @inline(__always)
    func date(_ offset: Int32) -> UnsafePointer<UInt8> {
        assert(offset >= 0 && Int(offset) < days)
        return UnsafePointer(base + 10 * Int(offset))
    }
}

/// A list of short strings encoded once as UTF-8, so rows copy their bytes.
///
/// - Complexity: O(total bytes) to build; O(1) per lookup.
struct EncodedStrings: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    let count: Int

    init(_ strings: [String]) {
        count = strings.count
        let total = strings.reduce(0) { $0 + $1.utf8.count }
        base = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: strings.count + 1)
        var cursor = 0
        for (index, string) in strings.enumerated() {
            starts[index] = cursor
            for byte in string.utf8 {
                base[cursor] = byte
                cursor += 1
            }
        }
        starts[strings.count] = cursor
    }

    deinit {
        base.deallocate()
        starts.deallocate()
    }

    /// The bytes of string `index`.
    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + starts[index], count: starts[index + 1] - starts[index])
    }
}
