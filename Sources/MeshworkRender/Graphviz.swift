import CGraphviz
import Foundation

/// The process's only way into the Graphviz C library: DOT text in, rendered bytes out.
///
///     let svg = try Graphviz.render("graph { a -- b }", engine: .neato, format: .svg)
///
/// Graphviz 2.42 is not thread-safe (its DOT parser has globals, neato's overlap removal and
/// cdt's splay trees mutate shared state; separate contexts per thread still crash), and freeing
/// and recreating a context leaks and has shown a use-after-free. So one context is created on
/// first use and never freed, and every Graphviz call, from parsing to freeing the graph, runs
/// under one process-wide lock. No C pointer leaves this file; inputs are `Sendable` values and
/// the output is a fresh byte array, so any thread or task may call it.
///
/// Graphviz has no cancel or timeout call: callers bound the size of what they lay out first
/// (``MapDocument/checkSize(nodeCount:limit:)``).
///
/// - Complexity: the engine's layout time plus O(output bytes); calls run one at a time.
public enum Graphviz {
    /// The engines and formats this installation registered (empty lists when its plugin
    /// registry is missing).
    package static var plugins: GraphvizPlugins { GraphvizContext.shared.plugins }

    /// Lays out `dot` with `engine` and renders it as `format`; for ``RenderFormat/dot``, parses
    /// `dot` and returns it unchanged, without a layout. PDF output has no creation date
    /// (``PDFCreationDate``), so that a deterministic engine gives the same bytes on every run.
    ///
    /// - Throws: ``GraphvizError``: a missing plugin registry (the user should run `dot -c`), a
    ///   missing engine or format, a syntax error, or a failed layout or rendering, with the
    ///   messages Graphviz printed.
    public static func render(_ dot: String, engine: LayoutEngine, format: RenderFormat) throws -> [UInt8] {
        try GraphvizContext.shared.plugins.check(engine: engine, format: format)
        return try run(dot, engine: format.needsLayout ? engine.rawValue : nil, format: format.rawValue)
    }

    /// The node centres of `dot` laid out by `engine`, in points, by node name (Graphviz's
    /// `plain` output, whose coordinates are inches).
    /// - Throws: ``GraphvizError`` as ``render(_:engine:format:)``.
    static func nodeCentres(_ dot: String, engine: LayoutEngine) throws -> [String: (x: Double, y: Double)] {
        try GraphvizContext.shared.plugins.check(engine: engine, format: .svg)
        let plain = String(decoding: try run(dot, engine: engine.rawValue, format: "plain"), as: UTF8.self)
        var centres: [String: (x: Double, y: Double)] = [:]
        for line in plain.split(separator: "\n") where line.hasPrefix("node ") {
            let fields = plainFields(line.dropFirst(5))
            guard fields.count >= 3, let x = Double(fields[1]), let y = Double(fields[2]) else { continue }
            centres[fields[0]] = (72 * x, 72 * y)
        }
        return centres
    }

    /// Renders `dot`, whose nodes all carry a pinned `pos` (`"x,y!"`, points) and whose graph says
    /// `layout=nop` (Graphviz honours the positions, in points as `neato -n`, only then: under
    /// another layout name, the nop engine laid out and packed unconnected nodes), without moving
    /// them; edges are drawn straight.
    /// - Throws: ``GraphvizError`` as ``render(_:engine:format:)``.
    static func renderPositioned(_ dot: String, format: RenderFormat) throws -> [UInt8] {
        let plugins = GraphvizContext.shared.plugins
        try plugins.check(engine: .neato, format: format)
        if !plugins.layouts.contains("nop") {
            throw GraphvizError.missingPlugin(kind: "layout", name: "nop", available: plugins.layouts)
        }
        return try run(dot, engine: "nop", format: format.rawValue)
    }

    /// The fields of one line of `plain` output: words, or double-quoted strings (with `\"`).
    private static func plainFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = "", quoted = false, escaped = false, inField = false
        for character in line {
            if quoted {
                if escaped { current.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "\"" { quoted = false }
                else { current.append(character) }
            } else if character == " " {
                if inField { fields.append(current); current = ""; inField = false }
            } else if character == "\"" {
                quoted = true; inField = true
            } else {
                current.append(character); inField = true
            }
        }
        if inField { fields.append(current) }
        return fields
    }

    /// Parses `dot`, lays it out with `engine` (none: returns `dot` as parsed), renders `format`.
    private static func run(_ dot: String, engine: String?, format: String) throws -> [UInt8] {
        try GraphvizContext.shared.serialised { gvc in
            guard let graph = agmemread(dot) else {
                throw GraphvizError.syntax(messages: GraphvizMessages.drain())
            }
            defer { agclose(graph) }
            guard let engine else { return Array(dot.utf8) }
            guard gvLayout(gvc, graph, engine) == 0 else {
                throw GraphvizError.failed(stage: "layout (\(engine))", messages: GraphvizMessages.drain())
            }
            defer { gvFreeLayout(gvc, graph) }
            var data: UnsafeMutablePointer<CChar>?
            var length: UInt32 = 0
            guard gvRenderData(gvc, graph, format, &data, &length) == 0, let data else {
                throw GraphvizError.failed(stage: "rendering (\(format))", messages: GraphvizMessages.drain())
            }
            defer { gvFreeRenderData(data) }
            var bytes = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                Array(UnsafeBufferPointer(start: $0, count: Int(length)))
            }
            if format == RenderFormat.pdf.rawValue { PDFCreationDate.erase(in: &bytes) }
            return bytes
        }
    }
}

/// The one Graphviz context of the process and the lock every Graphviz call runs under.
private final class GraphvizContext: @unchecked Sendable {
    /// Created on first use (Swift initialises a static `let` once, thread-safely); never freed.
    static let shared = GraphvizContext()

    private let lock = NSLock()
    /// `GVC_t *`: touched only under `lock`.
    private let gvc: OpaquePointer
    let plugins: GraphvizPlugins

    private init() {
        _ = agseterrf(GraphvizMessages.receive)
        gvc = gvContext()
        plugins = GraphvizPlugins(layouts: Self.list(gvc, kind: "layout"), formats: Self.list(gvc, kind: "device"))
        _ = GraphvizMessages.drain()
    }

    /// Runs `body` with the context under the process-wide lock, after discarding stale messages.
    func serialised<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        _ = GraphvizMessages.drain()
        return try body(gvc)
    }

    /// The distinct plugin names of one kind (`gvPluginList` strdup's each name; freed here).
    private static func list(_ gvc: OpaquePointer, kind: String) -> [String] {
        var count: Int32 = 0
        guard let names = gvPluginList(gvc, kind, &count, nil) else { return [] }
        defer { free(names) }
        var result: [String] = []
        for i in 0..<Int(count) {
            guard let name = names[i] else { continue }
            result.append(String(cString: name))
            free(name)
        }
        return result
    }
}

/// Collects what Graphviz reports through `agseterrf` (it arrives in pieces, one call per
/// formatted fragment). Written and drained only while `GraphvizContext`'s lock is held, or
/// during the context's one-time initialisation, which Swift serialises.
private enum GraphvizMessages {
    nonisolated(unsafe) private static var text = ""

    /// The `agusererrf` callback: appends a fragment.
    static let receive: agusererrf = { fragment in
        if let fragment { text += String(cString: fragment) }
        return 0
    }

    /// The complete messages received since the last drain, one per non-empty line.
    static func drain() -> [String] {
        defer { text = "" }
        return text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
