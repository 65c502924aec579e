/// A growable byte buffer that formats text without going through `String` concatenation.
///
/// Writers fill a `ByteBuffer` and hand it to an ``OutputFile`` in large pieces:
///
///     var buffer = ByteBuffer()
///     buffer.append("id,degree\n")
///     buffer.append(label); buffer.append(UInt8(ascii: ",")); buffer.append(int: 3); buffer.appendNewline()
///
/// - Complexity: amortised O(1) per appended byte.
public struct ByteBuffer: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public var count: Int { bytes.count }

    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    @inlinable
    public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ raw: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: raw) }

    public mutating func appendNewline() { bytes.append(0x0A) }

    /// Appends the decimal digits of `value`.
    public mutating func append(int value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            if value == .min { append(String(value).dropFirst().description); return }
            append(int: -value)
            return
        }
        if value < 10 { bytes.append(0x30 &+ UInt8(value)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value
        var length = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while n > 0 {
                raw[19 - length] = 0x30 &+ UInt8(n % 10)
                n /= 10
                length += 1
            }
            bytes.append(contentsOf: raw[(20 - length)...])
        }
    }

    /// Appends `value` with the fewest digits that read back as the same `Double`
    /// (integral values print without a fraction: `3`, not `3.0`).
    public mutating func append(double value: Double) {
        append(NumberFormatting.shortest(value))
    }

    /// Appends `field` as one RFC 4180 CSV field, quoted only when it has to be.
    public mutating func append(csvField field: String) {
        var needsQuotes = false
        for byte in field.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
            || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else { append(field); return }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Number formatting shared by every writer, so that CSV, JSON and DOT agree digit for digit.
package enum NumberFormatting {
    /// The shortest decimal text that round-trips `value`; integral values have no fraction.
    package static func shortest(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return value.description
    }
}
