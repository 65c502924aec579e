/// A JSON document with object keys kept in insertion order, so output is byte-for-byte
/// deterministic.
///
///     let stats: JSONValue = .object([("nodes", .int(34)), ("seconds", .object([("load", .double(0.01))]))])
///     stats.rendered(pretty: true)
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

    /// The JSON text; `pretty` indents by two spaces. Non-finite numbers become `null`.
    public func rendered(pretty: Bool = false) -> String {
        var buffer = ByteBuffer()
        write(into: &buffer, pretty: pretty, indent: 0)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Appends the JSON text to `buffer`.
    public func write(into buffer: inout ByteBuffer, pretty: Bool, indent: Int) {
        switch self {
        case .null: buffer.append("null")
        case .bool(let value): buffer.append(value ? "true" : "false")
        case .int(let value): buffer.append(int: value)
        case .double(let value):
            if value.isFinite { buffer.append(double: value) } else { buffer.append("null") }
        case .string(let value): Self.writeString(value, into: &buffer)
        case .array(let values):
            if values.isEmpty { buffer.append("[]"); return }
            buffer.append(UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(&buffer, pretty, indent + 1)
                value.write(into: &buffer, pretty: pretty, indent: indent + 1)
            }
            newline(&buffer, pretty, indent)
            buffer.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { buffer.append("{}"); return }
            buffer.append(UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(&buffer, pretty, indent + 1)
                Self.writeString(key, into: &buffer)
                buffer.append(pretty ? ": " : ":")
                value.write(into: &buffer, pretty: pretty, indent: indent + 1)
            }
            newline(&buffer, pretty, indent)
            buffer.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ buffer: inout ByteBuffer, _ pretty: Bool, _ indent: Int) {
        guard pretty else { return }
        buffer.appendNewline()
        for _ in 0..<indent { buffer.append("  ") }
    }

    private static func writeString(_ value: String, into buffer: inout ByteBuffer) {
        buffer.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append("\\\"")
            case UInt8(ascii: "\\"): buffer.append("\\\\")
            case 0x0A: buffer.append("\\n")
            case 0x0D: buffer.append("\\r")
            case 0x09: buffer.append("\\t")
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                buffer.append("\\u00")
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 15)])
            default: buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
