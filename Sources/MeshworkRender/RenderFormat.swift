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

extension RenderFormat {
    /// The format of a map written to `path`: `format` when given, else the one its extension
    /// names (`.svg`, `.png`, `.pdf`, `.dot` or `.gv`, any case), else SVG. A name without an
    /// extension (`-`, `/dev/stdout`, `map`) takes `format` or SVG.
    ///
    /// - Throws: ``RenderFormatError`` when the extension names no format Meshwork writes
    ///   (`map.jpg`, `map.svg.gz`) or another format than `format` (`--format png -o map.svg`).
    public static func forOutput(_ path: String?, format: RenderFormat?) throws -> RenderFormat {
        guard let path, let named = fileExtension(path) else { return format ?? .svg }
        let implied: RenderFormat? = named == "gv" ? .dot : RenderFormat(rawValue: named)
        guard let implied else {
            throw RenderFormatError(message: "cannot write a map as \(path): use the extension .svg, .png, .pdf or .dot")
        }
        if let format, format != implied {
            throw RenderFormatError(message: "--format \(format.rawValue) contradicts the extension of \(path) (.\(named))")
        }
        return implied
    }

    /// The lower-cased extension of the last component of `path`, or `nil` when it has none
    /// (hidden files such as `.map` have none).
    private static func fileExtension(_ path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return name[name.index(after: dot)...].lowercased()
    }
}

/// A map's output name and format do not agree (bad usage).
public struct RenderFormatError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
