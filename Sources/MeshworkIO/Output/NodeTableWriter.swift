import MeshworkCore

/// One column of a per-node or per-edge table.
public enum TableColumn: Sendable {
    case integers(name: String, values: [Int32])
    case doubles(name: String, values: [Double])
    case strings(name: String, values: [String])

    public var name: String {
        switch self {
        case .integers(let name, _), .doubles(let name, _), .strings(let name, _): name
        }
    }

    var count: Int {
        switch self {
        case .integers(_, let values): values.count
        case .doubles(_, let values): values.count
        case .strings(_, let values): values.count
        }
    }
}

/// Writes per-node results as CSV: a header `id,<column>...` and one row per vertex in vertex
/// order (the order nodes first appear in the input), numbers with round-trip precision.
///
///     try NodeTableWriter.write(labels: loaded.labels,
///                               columns: [.integers(name: "degree", values: degrees)], to: nil)
///
/// With `rows`, only those vertices are written, in the order given (for example the articulation
/// points, as a bare `id` list). `keyName` names the first column (`group` for group tables). A
/// NaN (an undefined value, such as the constraint of an isolated node) is an empty field.
///
/// - Complexity: O(V × columns); streams in 1 MiB pieces.
public enum NodeTableWriter {
    public static func write(labels: LabelTable, columns: [TableColumn], rows: [VertexID]? = nil,
                             keyName: String = "id", to path: String?) throws {
        for column in columns { precondition(column.count == labels.count, "one value per vertex") }
        let file = try OutputFile(path: path)
        var buffer = ByteBuffer()
        buffer.append(csvField: keyName)
        for column in columns {
            buffer.append(UInt8(ascii: ","))
            buffer.append(csvField: column.name)
        }
        buffer.appendNewline()
        for row in 0..<(rows?.count ?? labels.count) {
            let v = rows.map { Int($0[row]) } ?? row
            labels.withLabelBytes(Int32(v)) { appendCSVField(bytes: $0, to: &buffer) }
            for column in columns {
                buffer.append(UInt8(ascii: ","))
                switch column {
                case .integers(_, let values): buffer.append(int: Int(values[v]))
                case .doubles(_, let values): if !values[v].isNaN { buffer.append(double: values[v]) }
                case .strings(_, let values): buffer.append(csvField: values[v])
                }
            }
            buffer.appendNewline()
            try file.flushIfLarge(&buffer)
        }
        try file.write(&buffer)
        try file.commit()
    }

    /// Appends a label, quoting it only when CSV requires.
    static func appendCSVField(bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        for byte in bytes where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            buffer.append(csvField: String(decoding: bytes, as: UTF8.self))
            return
        }
        buffer.append(bytes)
    }
}
