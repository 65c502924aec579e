import MeshworkCore

/// When each node and tie of a dated network appears, for a dynamic GEXF file: Gephi's timeline
/// then replays the network's growth.
public struct GEXFTimeline: Sendable {
    /// Per vertex, the day (since the epoch) from which it is present; `Int32.max`: never dated.
    public var vertexStartDays: [Int32]
    /// Per slot of the graph's `targets`, the day its tie first appears; `Int32.max`: never dated.
    public var edgeStartDays: [Int32]

    public init(vertexStartDays: [Int32], edgeStartDays: [Int32]) {
        self.vertexStartDays = vertexStartDays
        self.edgeStartDays = edgeStartDays
    }

    /// The timeline of a dataset's member network: a member is present from the earlier of its
    /// `joined` date and its first tie record (the growth series' rule), a tie from its first
    /// dated record (interaction or shared event attendance). With `--from/--until`, the records
    /// are those of the span.
    ///
    /// - Throws: ``GEXFTimelineError`` when `loaded` is not a dataset directory.
    /// - Complexity: O(R log d + V + E) for R interaction records.
    public init(_ loaded: LoadedGraph) throws {
        guard let community = loaded.community else { throw GEXFTimelineError() }
        vertexStartDays = community.presenceDays
        edgeStartDays = community.tieStartDays(in: loaded.graph)
    }
}

/// A dynamic GEXF needs dated records, which only a dataset directory has.
public struct GEXFTimelineError: Error, Sendable, CustomStringConvertible {
    public var description: String { "a dynamic GEXF needs a dataset directory (dated interactions)" }
}

/// Writes a graph as GEXF 1.3 (UTF-8), the format of Gephi: nodes with their label and string
/// attributes, edges with their weight, and, given a ``GEXFTimeline``, the day each node and edge
/// starts (`mode="dynamic"`, `timeformat="date"`), so that Gephi's timeline replays the growth.
///
/// The document validates against the GEXF 1.3 schema (gexf.net/1.3/gexf.xsd). Node ids are the
/// graph's labels; a node's `label` is its `name` attribute when it has one, otherwise its id.
/// Attribute columns are declared in order with ids `0`, `1`, ...; edges are numbered `0`, `1`,
/// ... in CSR order, an undirected edge once (from its smaller endpoint). There is no date in the
/// document's `meta`, so the same input always gives the same bytes.
///
///     let loaded = try GraphLoader.load("fixtures/karate-club", options: LoadOptions(weighted: true))
///     try GEXFWriter.write(loaded.graph, labels: loaded.labels, attributeNames: ["name"],
///                          attributeValues: [names], timeline: try GEXFTimeline(loaded),
///                          to: "karate.gexf")
///
/// The file is written atomically through ``OutputFile``.
///
/// - Complexity: O(V + E + total attribute length) time; O(1 MiB) extra space for buffering.
public enum GEXFWriter {
    /// Writes `graph` with vertex `v` named `labels[v]` and attribute column `c` holding
    /// `attributeValues[c][v]`, to `path` (standard output when `nil` or `-`).
    ///
    /// - Throws: ``OutputError`` when the file cannot be written or the labels, attribute columns
    ///   or timeline do not match the graph; ``XMLTextError`` when a label or attribute is not
    ///   UTF-8 or holds a control character other than tab, newline and carriage return.
    /// - Complexity: O(V + E + total attribute length).
    public static func write(_ graph: CSRGraph, labels: LabelTable, attributeNames: [String] = [],
                             attributeValues: [[String]] = [], timeline: GEXFTimeline? = nil,
                             to path: String?) throws {
        let n = graph.vertexCount
        guard labels.count >= n,
              attributeValues.count == attributeNames.count, attributeValues.allSatisfy({ $0.count == n }),
              timeline.map({ $0.vertexStartDays.count == n && $0.edgeStartDays.count == graph.targets.count }) ?? true
        else {
            throw OutputError(message: "GEXF: the labels, attribute columns or timeline do not match the graph")
        }
        try XMLEscaping.checkWritable(format: "GEXF", labels: labels, vertexCount: n,
                                      attributeNames: attributeNames, attributeValues: attributeValues)
        let nameColumn = attributeNames.firstIndex(of: "name")
        let out = try OutputFile(path: path)
        var buffer = ByteBuffer(capacity: 1 << 20)
        buffer.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        buffer.append("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
        buffer.append("xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n")
        buffer.append("  <meta>\n    <creator>Meshwork</creator>\n  </meta>\n")
        buffer.append(graph.isDirected ? "  <graph defaultedgetype=\"directed\"" : "  <graph defaultedgetype=\"undirected\"")
        buffer.append(timeline == nil ? ">\n" : " mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\">\n")
        if !attributeNames.isEmpty {
            buffer.append("    <attributes class=\"node\">\n")
            for (column, name) in attributeNames.enumerated() {
                buffer.append("      <attribute id=\"\(column)\" title=\"")
                XMLEscaping.append(name, to: &buffer)
                buffer.append("\" type=\"string\"/>\n")
            }
            buffer.append("    </attributes>\n")
        }
        buffer.append("    <nodes count=\"\(n)\">\n")
        for v in 0 ..< n {
            buffer.append("      <node id=\"")
            labels.withLabelBytes(VertexID(v)) { XMLEscaping.append($0, to: &buffer) }
            buffer.append("\" label=\"")
            if let nameColumn, !attributeValues[nameColumn][v].isEmpty {
                XMLEscaping.append(attributeValues[nameColumn][v], to: &buffer)
            } else {
                labels.withLabelBytes(VertexID(v)) { XMLEscaping.append($0, to: &buffer) }
            }
            buffer.append("\"")
            if let timeline { appendStart(timeline.vertexStartDays[v], to: &buffer) }
            let columns = attributeValues.indices.filter { !attributeValues[$0][v].isEmpty }
            if columns.isEmpty {
                buffer.append("/>\n")
            } else {
                buffer.append(">\n        <attvalues>\n")
                for column in columns {
                    buffer.append("          <attvalue for=\"\(column)\" value=\"")
                    XMLEscaping.append(attributeValues[column][v], to: &buffer)
                    buffer.append("\"/>\n")
                }
                buffer.append("        </attvalues>\n      </node>\n")
            }
            try out.flushIfLarge(&buffer)
        }
        buffer.append("    </nodes>\n    <edges count=\"\(graph.edgeCount)\">\n")
        var edge = 0
        for u in 0 ..< n {
            for slot in graph.row(VertexID(u)) {
                let v = Int(graph.targets[slot])
                if !graph.isDirected && v <= u { continue }
                buffer.append("      <edge id=\"")
                buffer.append(int: edge)
                buffer.append("\" source=\"")
                labels.withLabelBytes(VertexID(u)) { XMLEscaping.append($0, to: &buffer) }
                buffer.append("\" target=\"")
                labels.withLabelBytes(VertexID(v)) { XMLEscaping.append($0, to: &buffer) }
                buffer.append("\"")
                if let weights = graph.weights {
                    buffer.append(" weight=\"")
                    buffer.append(NumberFormatting.shortest(weights[slot]))
                    buffer.append("\"")
                }
                if let timeline { appendStart(timeline.edgeStartDays[slot], to: &buffer) }
                buffer.append("/>\n")
                edge += 1
            }
            try out.flushIfLarge(&buffer)
        }
        buffer.append("    </edges>\n  </graph>\n</gexf>\n")
        try out.write(&buffer)
        try out.commit()
    }

    /// ` start="YYYY-MM-DD"`, or nothing for an undated node or edge (present throughout).
    private static func appendStart(_ day: Int32, to buffer: inout ByteBuffer) {
        guard day != Int32.max else { return }
        buffer.append(" start=\"")
        buffer.append(CivilDate(daysSinceEpoch: day).description)
        buffer.append("\"")
    }
}
