/// What ``Graphviz/render(_:engine:format:)`` produces.
///
/// `svg`, `png` and `pdf` are laid out and drawn by Graphviz. `dot` is the DOT document itself,
/// checked by Graphviz's parser but not laid out: it is deterministic whatever the engine (sfdp
/// and fdp layouts are not), so it is what golden files compare, and `neato FILE` or `sfdp FILE`
/// (the engine is named in its `layout` attribute) draws it later.
public enum RenderFormat: String, Sendable, CaseIterable {
    case svg, png, pdf, dot

    /// Whether Graphviz lays the graph out and draws it in this format.
    public var needsLayout: Bool { self != .dot }
}
