import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a rendered SVG holds, read with Foundation's XML parser (FoundationXML on Linux): it
/// fails on anything that is not well-formed XML.
public struct SVGInspection {
    /// `id` attributes of `<g class="node ...">` elements.
    public var nodeIDs: [String] = []
    /// The `class` attribute of each node group, by id.
    public var nodeClasses: [String: String] = [:]
    /// Every `xlink:title` (tooltips) and text content.
    public var titles: [String] = []

    /// Parses `bytes`; `nil` when they are not well-formed XML.
    public init?(_ bytes: [UInt8]) {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = delegate
        guard parser.parse() else { return nil }
        nodeIDs = delegate.nodeIDs
        nodeClasses = delegate.nodeClasses
        titles = delegate.titles
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var nodeIDs: [String] = []
        var nodeClasses: [String: String] = [:]
        var titles: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "g", let cls = attributes["class"], cls.split(separator: " ").first == "node",
               let id = attributes["id"] {
                nodeIDs.append(id)
                nodeClasses[id] = cls
            }
            if let title = attributes["xlink:title"] { titles.append(title) }
        }
    }
}
