import MeshworkCore

/// Writes a graph as a whitespace-separated edge list: `u v` per edge, or `u v weight` when
/// weighted, each undirected edge once. Labels containing whitespace cannot be represented and are
/// rejected.
///
/// - Complexity: O(V + E).
public enum EdgeListWriter {
    public static func write(_ graph: CSRGraph, labels: LabelTable, to path: String?) throws {
        for v in 0..<labels.count {
            let bad = labels.withLabelBytes(Int32(v)) { $0.contains { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A } }
            if bad || labels.byteRange(Int32(v)).isEmpty {
                throw OutputError(message: "node id '\(labels[Int32(v)])' cannot be written to an edge list (empty or contains whitespace); write GraphML instead")
            }
        }
        let file = try OutputFile(path: path)
        var buffer = ByteBuffer()
        for u in 0..<graph.vertexCount {
            for p in graph.row(VertexID(u)) {
                let v = graph.targets[p]
                if !graph.isDirected && Int(v) < u { continue }
                labels.withLabelBytes(Int32(u)) { buffer.append($0) }
                buffer.append(UInt8(ascii: " "))
                labels.withLabelBytes(v) { buffer.append($0) }
                if let weights = graph.weights {
                    buffer.append(UInt8(ascii: " "))
                    buffer.append(double: weights[p])
                }
                buffer.appendNewline()
            }
            try file.flushIfLarge(&buffer)
        }
        try file.write(&buffer)
        try file.commit()
    }
}
