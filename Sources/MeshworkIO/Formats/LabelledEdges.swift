import MeshworkCore

/// A graph as read from a file, before it is built: vertex labels in order of first appearance,
/// the edges between them, and any per-vertex attributes the format carries.
public struct LabelledEdges: Sendable {
    /// Vertex labels; a vertex's id is its position.
    public var labels: LabelTable
    /// Edges as label ids.
    public var edges: EdgeBuffer
    /// Whether the file declares its edges directed (GraphML `edgedefault`); `nil` when it does not say.
    public var declaredDirected: Bool?
    /// Per-vertex attribute columns (GraphML node data), by attribute name; empty strings where absent.
    public var attributeNames: [String]
    public var attributeValues: [[String]]

    public init(labels: LabelTable, edges: EdgeBuffer, declaredDirected: Bool? = nil,
                attributeNames: [String] = [], attributeValues: [[String]] = []) {
        self.labels = labels
        self.edges = edges
        self.declaredDirected = declaredDirected
        self.attributeNames = attributeNames
        self.attributeValues = attributeValues
    }
}
