/// A failure inside Graphviz, with the messages Graphviz reported.
public enum GraphvizError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Graphviz loaded no layout or output plugins: its plugin registry (`config6a`) is missing.
    case missingPluginRegistry
    /// Graphviz has plugins, but none for this engine or format.
    case missingPlugin(kind: String, name: String, available: [String])
    /// The DOT text did not parse.
    case syntax(messages: [String])
    /// Layout or rendering failed.
    case failed(stage: String, messages: [String])

    public var description: String {
        switch self {
        case .missingPluginRegistry:
            return """
            Graphviz found no layout engines or output formats: its plugin registry is missing. \
            Run `dot -c` as root (from the graphviz package), or reinstall the library \
            (`apt-get install --reinstall libgvc6`), which writes the registry.
            """
        case .missingPlugin(let kind, let name, let available):
            return "Graphviz has no \(kind) plugin \(name) (it has: \(available.joined(separator: ", ")))"
        case .syntax(let messages):
            return "Graphviz could not parse the DOT text" + Self.detail(messages)
        case .failed(let stage, let messages):
            return "Graphviz \(stage) failed" + Self.detail(messages)
        }
    }

    private static func detail(_ messages: [String]) -> String {
        messages.isEmpty ? "" : ": " + messages.joined(separator: "; ")
    }
}
