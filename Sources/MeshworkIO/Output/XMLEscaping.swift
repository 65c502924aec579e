import MeshworkCore

/// Text that an XML 1.0 document (GraphML, GEXF) cannot hold: bytes that are not UTF-8, or a
/// control character other than tab, newline and carriage return (XML 1.0 forbids them even as
/// character references, so a strict reader such as Gephi's or libxml2's would refuse the whole
/// file). Bad input data: the command exits with status 65.
public struct XMLTextError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// The label or attribute text that cannot be written, as its bytes.
    public let text: [UInt8]

    /// The same problem as ``InputError`` `file:line: message` at the first line of the graph's
    /// input (`nodes.csv` of a dataset directory, else the file itself) that holds ``text``; `self`
    /// when no line holds it (a pseudonym, a quoted field written differently, an unreadable file).
    /// - Complexity: O(input size), on the error path only.
    public func located(inGraph path: String) -> any Error {
        let file = directoryExists(path) ? path + "/nodes.csv" : path
        guard !text.isEmpty, let source = try? ByteSource(path: file) else { return self }
        var found: Int?
        try? source.forEachLine { line, number in
            guard found == nil, line.count >= text.count else { return }
            for start in 0...(line.count - text.count)
            where line[start] == text[0] && text.indices.allSatisfy({ line[start + $0] == text[$0] }) {
                found = number
                return
            }
        }
        return found.map { InputError(file: file, line: $0, description) } ?? self
    }
}

/// Escaping of text for XML attribute values and character data (GraphML, GEXF).
enum XMLEscaping {
    /// Throws ``XMLTextError`` naming the first label, attribute name or attribute value that XML
    /// 1.0 cannot hold, so that a writer fails before it writes anything.
    /// - Complexity: O(total length of the labels and attributes).
    static func checkWritable(format: String, labels: LabelTable, vertexCount: Int,
                              attributeNames: [String], attributeValues: [[String]]) throws {
        for v in 0 ..< vertexCount {
            try labels.withLabelBytes(VertexID(v)) { try check($0, format: format, what: "node id") }
        }
        for name in attributeNames { try check(name, format: format, what: "attribute name") }
        for (column, values) in attributeValues.enumerated() {
            for value in values where !value.isEmpty {
                try check(value, format: format, what: "value of attribute \(display(attributeNames[column].utf8))")
            }
        }
    }

    private static func check(_ text: String, format: String, what: String) throws {
        var text = text
        try text.withUTF8 { try check($0, format: format, what: what) }
    }

    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, format: String, what: String) throws {
        if let byte = bytes.first(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            let code = String(byte, radix: 16, uppercase: true)
            throw XMLTextError(description: "\(format): \(what) \(display(bytes)) holds the control character "
                + "U+\(String(repeating: "0", count: 4 - code.count))\(code), which XML 1.0 cannot hold; "
                + "remove it from the input (CSV outputs keep it)", text: Array(bytes))
        }
        if String(validating: bytes, as: UTF8.self) == nil {
            throw XMLTextError(description: "\(format): \(what) \(display(bytes)) is not valid UTF-8; "
                + "convert the input to UTF-8 (for example with iconv)", text: Array(bytes))
        }
    }

    /// `bytes` in quotes, with invalid UTF-8 shown as U+FFFD and control characters as `\u{…}`.
    private static func display<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var shown = "\""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar.value < 0x20 { shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" }
            else { shown.unicodeScalars.append(scalar) }
        }
        return shown + "\""
    }

    static func append(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { append($0, to: &buffer) }
    }

    /// Appends `bytes` escaped for both attribute values and character data: `& < > " '` as
    /// entities, and tab, newline and carriage return as character references, since they would be
    /// normalised to spaces in attribute values and must read back unchanged. The other control
    /// characters are refused beforehand by ``checkWritable(format:labels:vertexCount:attributeNames:attributeValues:)``.
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
