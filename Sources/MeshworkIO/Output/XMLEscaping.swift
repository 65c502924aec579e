/// Escaping of text for XML attribute values and character data (GraphML, GEXF).
enum XMLEscaping {
    static func append(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { append($0, to: &buffer) }
    }

    /// Appends `bytes` escaped for both attribute values and character data: `& < > " '` as
    /// entities, and every control character as a character reference, since tabs and newlines
    /// would be normalised to spaces in attribute values and must read back unchanged.
    /// - Complexity: O(bytes).
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"): buffer.append("&amp;")
            case UInt8(ascii: "<"): buffer.append("&lt;")
            case UInt8(ascii: ">"): buffer.append("&gt;")
            case UInt8(ascii: "\""): buffer.append("&quot;")
            case UInt8(ascii: "'"): buffer.append("&apos;")
            case 0 ..< 0x20:
                buffer.append("&#")
                buffer.append(int: Int(byte))
                buffer.append(UInt8(ascii: ";"))
            default: buffer.append(byte)
            }
        }
    }
}
