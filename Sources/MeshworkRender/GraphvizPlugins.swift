/// The layout engines and output formats a Graphviz installation registered.
///
///     let plugins = GraphvizPlugins(layouts: ["dot", "neato"], formats: ["svg"])
///     try plugins.check(engine: .neato, format: .svg)   // fine
///     try plugins.check(engine: .sfdp, format: .svg)    // throws .missingPlugin
///     try GraphvizPlugins(layouts: [], formats: []).check(engine: .neato, format: .svg)
///     // throws .missingPluginRegistry: tell the user to run `dot -c`
///
/// An installation without its plugin registry (`/usr/lib/<arch>/graphviz/config6a`, written by
/// the package's install script or `dot -c`) still creates a context, but with no plugins at all;
/// this type tells that case apart from one missing engine.
package struct GraphvizPlugins: Sendable, Equatable {
    /// Layout engine names (`neato`, `sfdp`, ...).
    package var layouts: [String]
    /// Output device names (`svg`, `png`, `pdf`, ...).
    package var formats: [String]

    package init(layouts: [String], formats: [String]) {
        self.layouts = layouts
        self.formats = formats
    }

    /// Throws when the registry is missing, or when `engine` or `format` (if it needs a layout)
    /// is not registered.
    /// - Complexity: O(plugins).
    package func check(engine: LayoutEngine, format: RenderFormat) throws {
        if layouts.isEmpty || formats.isEmpty { throw GraphvizError.missingPluginRegistry }
        guard format.needsLayout else { return }
        if !layouts.contains(engine.rawValue) {
            throw GraphvizError.missingPlugin(kind: "layout", name: engine.rawValue, available: layouts)
        }
        if !formats.contains(format.rawValue) {
            throw GraphvizError.missingPlugin(kind: "output", name: format.rawValue, available: formats)
        }
    }
}
