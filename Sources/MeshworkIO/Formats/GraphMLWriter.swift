import MeshworkCore

/// Writes a graph as GraphML (UTF-8), readable by ``GraphMLReader``, NetworkX, igraph and yEd.
///
/// The document declares one string `<key>` per attribute column (`d0`, `d1`, ... in column
/// order) and, for a weighted graph, a `weight` key of type `double` after them; `edgedefault`
/// follows `graph.isDirected`. Nodes follow in id order, each with a `<data>` per non-empty
/// attribute value; then edges in CSR order, an undirected edge once (from its smaller endpoint).
/// Ids and values are XML-escaped (`& < > " '`, and tab, newline and carriage return as character
/// references); a label or attribute that XML 1.0 cannot hold (not UTF-8, other control
/// characters) throws ``XMLTextError`` before anything is written; weights are the shortest decimal that reads back as the same number. The same input always gives the same bytes.
///
///     let graph = try EdgeBuffer(weightedEdges: [(0, 1, 2.5)]).build(vertexCount: 2, directed: false).graph
///     try GraphMLWriter.write(graph, labels: LabelTable(["alice", "bob"]),
///                             attributeNames: ["team"], attributeValues: [["red", "blue"]],
///                             to: "out.graphml")   // or `to: nil` for standard output
///
/// The file is written atomically through ``OutputFile``.
///
/// - Complexity: O(V + E + total attribute length) time; O(1 MiB) extra space for buffering.
public enum GraphMLWriter {
    /// Writes `graph` with vertex `v` named `labels[v]` and attribute column `c` holding
    /// `attributeValues[c][v]`, to `path` (standard output when `nil` or `-`).
    ///
    /// - Throws: ``OutputError`` when the file cannot be written, when `labels` has fewer labels
    ///   than the graph has vertices, or when the attribute columns do not match `attributeNames`
    ///   and the vertex count; ``XMLTextError`` when a label or attribute is not UTF-8 or holds a
    ///   control character other than tab, newline and carriage return.
    /// - Complexity: O(V + E + total attribute length).
    public static func write(_ graph: CSRGraph, labels: LabelTable, attributeNames: [String] = [],
                             attributeValues: [[String]] = [], to path: String?) throws {
        let n = graph.vertexCount
        guard labels.count >= n else {
            throw OutputError(message: "GraphML: \(labels.count) labels for \(n) vertices")
        }
        guard attributeValues.count == attributeNames.count,
              attributeValues.allSatisfy({ $0.count == n }) else {
            throw OutputError(message: "GraphML: attribute columns do not match the names or the vertex count")
        }
        try XMLEscaping.checkWritable(format: "GraphML", labels: labels, vertexCount: n,
                                      attributeNames: attributeNames, attributeValues: attributeValues)
        let out = try OutputFile(path: path)
        var buffer = ByteBuffer(capacity: 1 << 20)
        buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        buffer.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" ")
        buffer.append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
        buffer.append("xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ")
        buffer.append("http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
        for (column, name) in attributeNames.enumerated() {
            buffer.append("  <key id=\"d\(column)\" for=\"node\" attr.name=\"")
            XMLEscaping.append(name, to: &buffer)
            buffer.append("\" attr.type=\"string\"/>\n")
        }
        let weightKey = "d\(attributeNames.count)"
        if graph.isWeighted {
            buffer.append("  <key id=\"\(weightKey)\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n")
        }
        buffer.append(graph.isDirected ? "  <graph edgedefault=\"directed\">\n"
                                       : "  <graph edgedefault=\"undirected\">\n")
        for v in 0 ..< n {
            buffer.append("    <node id=\"")
            labels.withLabelBytes(Int32(v)) { XMLEscaping.append($0, to: &buffer) }
            var hasData = false
            for column in 0 ..< attributeValues.count where !attributeValues[column][v].isEmpty {
                if !hasData { buffer.append("\">\n"); hasData = true }
                buffer.append("      <data key=\"d\(column)\">")
                XMLEscaping.append(attributeValues[column][v], to: &buffer)
                buffer.append("</data>\n")
            }
            buffer.append(hasData ? "    </node>\n" : "\"/>\n")
            try out.flushIfLarge(&buffer)
        }
        for u in 0 ..< n {
            for index in graph.row(Int32(u)) {
                let v = Int(graph.targets[index])
                if !graph.isDirected && v <= u { continue }  // each undirected edge once, u < v
                buffer.append("    <edge source=\"")
                labels.withLabelBytes(Int32(u)) { XMLEscaping.append($0, to: &buffer) }
                buffer.append("\" target=\"")
                labels.withLabelBytes(Int32(v)) { XMLEscaping.append($0, to: &buffer) }
                if let weights = graph.weights {
                    buffer.append("\">\n      <data key=\"\(weightKey)\">")
                    buffer.append(NumberFormatting.shortest(weights[index]))
                    buffer.append("</data>\n    </edge>\n")
                } else {
                    buffer.append("\"/>\n")
                }
            }
            try out.flushIfLarge(&buffer)
        }
        buffer.append("  </graph>\n</graphml>\n")
        try out.write(&buffer)
        try out.commit()
    }
}
