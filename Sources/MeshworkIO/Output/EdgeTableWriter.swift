import MeshworkCore

/// Writes a list of edges as CSV: a header `source,target[,<column>...]` and one row per edge,
/// endpoints by label; a NaN is an empty field.
///
///     try EdgeTableWriter.write(labels: loaded.labels, edges: cuts.bridges, to: nil)
///
/// - Complexity: O(edges × columns); streams in 1 MiB pieces.
public enum EdgeTableWriter {
    public static func write(labels: LabelTable, edges: [(VertexID, VertexID)],
                             columns: [TableColumn] = [], to path: String?) throws {
        for column in columns { precondition(column.count == edges.count, "one value per edge") }
        let file = try OutputFile(path: path)
        var buffer = ByteBuffer()
        buffer.append("source,target")
        for column in columns {
            buffer.append(UInt8(ascii: ","))
            buffer.append(csvField: column.name)
        }
        buffer.appendNewline()
        for (i, (u, v)) in edges.enumerated() {
            labels.withLabelBytes(u) { NodeTableWriter.appendCSVField(bytes: $0, to: &buffer) }
            buffer.append(UInt8(ascii: ","))
            labels.withLabelBytes(v) { NodeTableWriter.appendCSVField(bytes: $0, to: &buffer) }
            for column in columns {
                buffer.append(UInt8(ascii: ","))
                switch column {
                case .integers(_, let values): buffer.append(int: Int(values[i]))
                case .doubles(_, let values): if !values[i].isNaN { buffer.append(double: values[i]) }
                case .strings(_, let values): buffer.append(csvField: values[i])
                }
            }
            buffer.appendNewline()
            try file.flushIfLarge(&buffer)
        }
        try file.write(&buffer)
        try file.commit()
    }
}
