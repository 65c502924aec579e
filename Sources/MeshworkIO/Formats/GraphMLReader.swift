import MeshworkCore

/// Reads a GraphML file (plain or gzip) with the semantics of NetworkX `read_graphml` for a
/// single graph: nodes in document order, `edgedefault` as ``LabelledEdges/declaredDirected``,
/// the `weight` key as the edge weight (with `weighted`), node `<data>` as attribute columns.
/// What is read, what differs from NetworkX, and how problems are reported:
/// <doc:GraphMLReading>.
///
///     let graph = try GraphMLReader(weighted: true).read(path: "karate.graphml")
///     let directed = graph.declaredDirected ?? false
///     let built = graph.edges.build(vertexCount: graph.labels.count, directed: directed)
///
/// - Complexity: O(bytes) time; the file's bytes plus 8 bytes per edge (16 with weights), the
///   labels, and the node attribute values.
public struct GraphMLReader: Sendable {
    /// Whether to read edge weights from the `weight` key.
    public var weighted: Bool
    /// The largest document accepted (it is held in memory whole).
    public var limits: InputLimits

    /// A reader that reads weights when `weighted` is true.
    public init(weighted: Bool, limits: InputLimits = InputLimits()) {
        self.weighted = weighted
        self.limits = limits
    }

    /// Reads and parses the GraphML file at `path` (`.gz` files are decompressed).
    ///
    /// A NUL byte (never allowed in XML) stops the read at once, with its line: a device or a
    /// binary file named `.graphml` is not buffered whole.
    ///
    /// - Throws: ``InputError`` when the file cannot be read, is larger than
    ///   `limits.maxInputBytes`, is not well-formed XML, or is not a GraphML graph that Meshwork
    ///   can use.
    /// - Complexity: O(bytes).
    public func read(path: String) throws -> LabelledEdges {
        let source = try ByteSource(path: path, limits: limits)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let room = chunk.count
            let n = try chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return try source.read(into: base, count: room)
            }
            if n <= 0 { break }
            if let nul = chunk[0 ..< n].firstIndex(of: 0) {
                let line = 1 + bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + chunk[0 ..< nul].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                throw InputError(file: path, line: line, "a NUL byte: not an XML text file")
            }
            bytes.append(contentsOf: chunk[0 ..< min(n, room)])
            // Larger reads once the file proves large.
            if bytes.count >= chunk.count * 4 && chunk.count < 1 << 22 {
                chunk = [UInt8](repeating: 0, count: chunk.count * 4)
            }
        }
        return try parse(bytes, path: path)
    }

    /// Parses a GraphML document held in memory; `path` is used in messages.
    func parse(_ bytes: [UInt8], path: String) throws -> LabelledEdges {
        var parser = GraphMLParser(bytes: bytes, path: path, weighted: weighted)
        let read = try parser.run()
        let edges = read.edges
        if weighted, let overflow = TieWeightSums.firstOverflow(sources: edges.sources, targets: edges.targets,
                                                                weights: edges.weights, count: edges.count) {
            // Only for the message: parse again, noting the line of that edge.
            var again = GraphMLParser(bytes: bytes, path: path, weighted: true)
            again.wantedEdge = overflow.record
            _ = try again.run()
            let i = overflow.record
            throw InputError(file: path, line: again.wantedLine, TieWeightSums.message(
                weight: edges.weights[i], read.labels[edges.sources[i]], read.labels[edges.targets[i]], sum: overflow.sum))
        }
        return read
    }
}

/// The GraphML state machine over ``XMLScanner`` tokens.
private struct GraphMLParser {
    enum Domain { case node, edge, graph, all, other }

    struct Key {
        var id: String
        var name: String
        var domain: Domain
        var defaultValue: String?
        /// A yEd graphics key (`yfiles.type` and no `attr.name`): drawing data, not an attribute.
        var isGraphics = false
    }

    /// What the element being read is, for the elements GraphML gives a meaning.
    enum Context {
        case graphml
        case key(Int)
        case keyDefault(Int)
        case graph
        case node(Int32)            // -1 when the node is invalid
        case edge
        case nodeData(Int, Int32)   // key index, node
        case edgeData(Bool)         // whether it is the weight
        case ignored
    }

    var scanner: XMLScanner
    let path: String
    let weighted: Bool
    var problems = ProblemLog()

    var keys: [Key] = []
    var keyIndex: [String: Int] = [:]
    var weightKey: Int?
    var labels = LabelTable(capacity: 1 << 10)
    var nodeLines: [Int32] = []
    var edges: EdgeBuffer
    var declaredDirected: Bool?
    var sawGraph = false
    var nodeData: [[(Int32, String)]] = []   // per key
    var contexts: [Context] = []
    var collected: [UInt8] = []              // text of the current <data> or <default>

    /// Edge endpoints not yet declared as nodes: negative ids `-(p + 1)` into `pending`.
    var pending = LabelTable()
    var pendingLines: [Int] = []

    // The edge being read.
    var edgeSource: Int32 = 0
    var edgeTarget: Int32 = 0
    var edgeValid = false
    var edgeLine = 0
    var edgeWeight: [UInt8] = []            // the weight <data> text, when hasEdgeWeight
    var hasEdgeWeight = false
    var lastKey: (id: [UInt8], index: Int)?  // the key of the previous <data>, to skip the dictionary
    var edgeWeightLine = 0
    /// The edge (by position in `edges`) whose line ``wantedLine`` records; -1 for none.
    var wantedEdge = -1
    var wantedLine = 0

    init(bytes: [UInt8], path: String, weighted: Bool) {
        scanner = XMLScanner(bytes: bytes)
        self.path = path
        self.weighted = weighted
        edges = EdgeBuffer(weighted: weighted)
    }

    mutating func report(_ line: Int, _ message: String) {
        problems.report(path, max(1, line), message)
    }

    mutating func run() throws -> LabelledEdges {
        var blank = true
        for byte in scanner.bytes where !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
            blank = false
            break
        }
        if blank {
            report(1, "empty file: expected a GraphML document")
            try problems.throwIfAny()
        }
        do throws(XMLSyntaxError) {
            loop: while true {
                switch try scanner.next() {
                case .startTag:
                    start()
                    if scanner.isSelfClosing { end() }
                case .endTag:
                    end()
                case .text:
                    if case .nodeData = contexts.last { collected.append(contentsOf: scanner.text) }
                    else if case .edgeData(true) = contexts.last { collected.append(contentsOf: scanner.text) }
                    else if case .keyDefault = contexts.last { collected.append(contentsOf: scanner.text) }
                case .endOfDocument:
                    break loop
                }
            }
        } catch {
            report(error.line, error.message)
            try problems.throwIfAny()
        }
        if !sawGraph { report(scanner.line, "no <graph> element in the GraphML document") }
        try problems.throwIfAny()
        return LabelledEdges(labels: labels, edges: edges, declaredDirected: declaredDirected,
                             attributeNames: columnNames(), attributeValues: columnValues())
    }

    // MARK: Elements

    mutating func start() {
        let line = scanner.tagLine
        guard let context = contexts.last else {
            if scanner.tagLocalNameIs("graphml") {
                contexts.append(.graphml)
            } else {
                report(line, "the root element is <\(scanner.tagNameString)>, not <graphml>: not a GraphML file")
                contexts.append(.ignored)
            }
            return
        }
        switch context {
        case .graphml:
            if scanner.tagLocalNameIs("key") {
                contexts.append(.key(declareKey(line: line)))
            } else if scanner.tagLocalNameIs("graph") {
                if sawGraph {
                    contexts.append(.ignored)  // only the first graph is read
                } else {
                    sawGraph = true
                    startGraph(line: line)
                    contexts.append(.graph)
                }
            } else {
                contexts.append(.ignored)
            }
        case .key(let index):
            if scanner.tagLocalNameIs("default") {
                collected.removeAll(keepingCapacity: true)
                contexts.append(.keyDefault(index))
            } else {
                contexts.append(.ignored)
            }
        case .graph:
            if scanner.tagLocalNameIs("node") {
                contexts.append(.node(startNode(line: line)))
            } else if scanner.tagLocalNameIs("edge") {
                startEdge(line: line)
                contexts.append(.edge)
            } else if scanner.tagLocalNameIs("hyperedge") {
                report(line, "hyperedges are not supported")
                contexts.append(.ignored)
            } else {
                contexts.append(.ignored)  // graph <data>, <desc>, <locator>, foreign elements
            }
        case .node(let node):
            if scanner.tagLocalNameIs("data") {
                if let key = dataKey(line: line), node >= 0, !keys[key].isGraphics {
                    collected.removeAll(keepingCapacity: true)
                    contexts.append(.nodeData(key, node))
                } else {
                    contexts.append(.ignored)
                }
            } else if scanner.tagLocalNameIs("graph") {
                report(line, "nested graphs (a <graph> inside a <node>) are not supported")
                contexts.append(.ignored)
            } else if scanner.tagLocalNameIs("port") {
                report(line, "ports are not supported")
                contexts.append(.ignored)
            } else {
                contexts.append(.ignored)
            }
        case .edge:
            if scanner.tagLocalNameIs("data") {
                let key = dataKey(line: line)
                let isWeight = weighted && key != nil && key == weightKey
                if isWeight {
                    collected.removeAll(keepingCapacity: true)
                    edgeWeightLine = line
                }
                contexts.append(.edgeData(isWeight))
            } else if scanner.tagLocalNameIs("graph") {
                report(line, "nested graphs (a <graph> inside an <edge>) are not supported")
                contexts.append(.ignored)
            } else {
                contexts.append(.ignored)
            }
        case .keyDefault, .nodeData, .edgeData, .ignored:
            contexts.append(.ignored)
        }
    }

    mutating func end() {
        guard let context = contexts.popLast() else { return }
        switch context {
        case .keyDefault(let index):
            if index >= 0 && index < keys.count {
                keys[index].defaultValue = String(decoding: collected, as: UTF8.self)
            }
        case .nodeData(let key, let node):
            if key >= 0 && key < nodeData.count {
                nodeData[key].append((node, String(decoding: collected, as: UTF8.self)))
            }
        case .edgeData(let isWeight):
            if isWeight {
                swap(&edgeWeight, &collected)
                hasEdgeWeight = true
            }
        case .edge:
            finishEdge()
        case .graph:
            resolvePending()
        default:
            break
        }
    }

    mutating func declareKey(line: Int) -> Int {
        guard let id = scanner.attributeValue("id") else {
            report(line, "<key> without an id attribute")
            return -1
        }
        let domain: Domain
        switch scanner.attributeValue("for") ?? "all" {
        case "node": domain = .node
        case "edge": domain = .edge
        case "graph": domain = .graph
        case "all": domain = .all
        case "graphml", "hyperedge", "port", "endpoint": domain = .other
        case let other:
            report(line, "<key id=\"\(id)\"> has for=\"\(other)\"; expected node, edge, graph, graphml, hyperedge, port, endpoint or all")
            domain = .other
        }
        if keyIndex[id] != nil {
            report(line, "key '\(id)' is declared twice")
            return -1
        }
        let name = scanner.attributeValue("attr.name") ?? id
        let isGraphics = scanner.attribute("attr.name") == nil && scanner.attribute("yfiles.type") != nil
        let index = keys.count
        keys.append(Key(id: id, name: name, domain: domain, isGraphics: isGraphics))
        nodeData.append([])
        keyIndex[id] = index
        if weightKey == nil && name == "weight" && (domain == .edge || domain == .all) { weightKey = index }
        return index
    }

    /// The key of the current `<data>` element, or `nil` (reported) when it has none or is unknown.
    mutating func dataKey(line: Int) -> Int? {
        guard let attribute = scanner.attribute("key") else {
            report(line, "<data> without a key attribute")
            return nil
        }
        // Files usually repeat one key: compare bytes with the previous one before hashing a String.
        if let lastKey, scanner.withAttributeBytes(attribute, { $0.elementsEqual(lastKey.id) }) {
            return lastKey.index
        }
        let id = scanner.attributeValue(attribute)
        guard let index = keyIndex[id] else {
            report(line, "<data> refers to undeclared key '\(id)' (keys must be declared before the graph)")
            return nil
        }
        lastKey = (Array(id.utf8), index)
        return index
    }

    mutating func startGraph(line: Int) {
        guard let value = scanner.attributeValue("edgedefault") else { return }
        switch value {
        case "directed": declaredDirected = true
        case "undirected": declaredDirected = false
        default: report(line, "edgedefault=\"\(value)\" must be \"directed\" or \"undirected\"")
        }
    }

    mutating func startNode(line: Int) -> Int32 {
        guard let index = scanner.attribute("id") else {
            report(line, "<node> without an id attribute")
            return -1
        }
        let (id, isNew) = scanner.withAttributeBytes(index) { bytes -> (Int32, Bool) in
            if let existing = labels.find(bytes) { return (existing, false) }
            return (labels.intern(bytes), true)
        }
        if !isNew {
            let first = Int(id) < nodeLines.count ? " (first declared on line \(nodeLines[Int(id)]))" : ""
            report(line, "duplicate node id '\(scanner.attributeValue(index))'\(first)")
            return -1
        }
        nodeLines.append(Int32(clamping: line))
        return id
    }

    mutating func startEdge(line: Int) {
        edgeValid = false
        edgeLine = line
        hasEdgeWeight = false
        edgeWeightLine = line
        if let directed = scanner.attributeValue("directed"), let graphDirected = declaredDirected {
            if directed == "true" && !graphDirected {
                report(line, "directed=\"true\" edge in an undirected graph (mixed graphs are not supported)")
                return
            }
            if directed == "false" && graphDirected {
                report(line, "directed=\"false\" edge in a directed graph (mixed graphs are not supported)")
                return
            }
        }
        if scanner.attribute("sourceport") != nil || scanner.attribute("targetport") != nil {
            report(line, "ports are not supported (sourceport/targetport on an edge)")
            return
        }
        guard let source = scanner.attribute("source") else {
            report(line, "<edge> without a source attribute")
            return
        }
        guard let target = scanner.attribute("target") else {
            report(line, "<edge> without a target attribute")
            return
        }
        edgeSource = endpoint(source, line: line)
        edgeTarget = endpoint(target, line: line)
        edgeValid = true
    }

    /// The node id named by attribute `index`, or a negative placeholder for a node not yet declared.
    mutating func endpoint(_ index: Int, line: Int) -> Int32 {
        scanner.withAttributeBytes(index) { bytes -> Int32 in
            if let id = labels.find(bytes) { return id }
            let before = pending.count
            let p = pending.intern(bytes)
            if pending.count > before { pendingLines.append(line) }
            return -(p + 1)
        }
    }

    mutating func finishEdge() {
        guard edgeValid else { return }
        edgeValid = false
        var weight = 1.0
        var line = edgeLine
        if weighted {
            line = edgeWeightLine
            if !hasEdgeWeight, let key = weightKey, key < keys.count, let text = keys[key].defaultValue {
                edgeWeight = Array(text.utf8)
                hasEdgeWeight = true
                line = edgeLine
            }
            if hasEdgeWeight {
                guard let value = Self.parseWeight(edgeWeight) else {
                    report(line, "weight '\(Self.trimmed(edgeWeight))' is not a decimal number")
                    return
                }
                if let problem = AcceptedWeights.problem(value, text: Self.trimmed(edgeWeight)) {
                    report(line, problem)
                    return
                }
                weight = value
            }
        }
        if edges.count == wantedEdge { wantedLine = hasEdgeWeight ? line : edgeLine }
        edges.append(edgeSource, edgeTarget, weight: weight)
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    /// The bytes without leading and trailing whitespace.
    static func trimmedRange(_ bytes: [UInt8]) -> Range<Int> {
        var start = 0, end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return start ..< end
    }

    static func trimmed(_ bytes: [UInt8]) -> String {
        String(decoding: bytes[trimmedRange(bytes)], as: UTF8.self)
    }

    /// The number in `bytes` (surrounding whitespace allowed, as NetworkX's `float`), or `nil`.
    static func parseWeight(_ bytes: [UInt8]) -> Double? {
        let range = trimmedRange(bytes)
        return bytes.withUnsafeBufferPointer { NumberParsing.double(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Replaces the placeholders of forward references by node ids, reporting nodes never declared.
    mutating func resolvePending() {
        guard pending.count > 0 else { return }
        var resolved = [Int32](repeating: -1, count: pending.count)
        for p in 0 ..< pending.count {
            let id = pending.withLabelBytes(Int32(p)) { labels.find($0) }
            if let id {
                resolved[p] = id
            } else {
                let line = p < pendingLines.count ? pendingLines[p] : 0
                report(line, "edge refers to unknown node '\(pending[Int32(p)])' (no <node> declares it)")
            }
        }
        func map(_ v: Int32) -> Int32 {
            guard v < 0 else { return v }
            let p = Int(-(v + 1))
            return p < resolved.count ? resolved[p] : -1
        }
        for i in 0 ..< edges.count {
            edges.sources[i] = map(edges.sources[i])
            edges.targets[i] = map(edges.targets[i])
        }
    }

    // MARK: Attribute columns

    /// Keys that become node columns: those for nodes (yEd graphics keys aside), and any other key
    /// a node uses.
    var columnKeys: [Int] {
        var result: [Int] = []
        for (index, key) in keys.enumerated()
        where (key.domain == .node && !key.isGraphics) || !nodeData[index].isEmpty {
            result.append(index)
        }
        return result
    }

    func columnNames() -> [String] { columnKeys.map { keys[$0].name } }

    func columnValues() -> [[String]] {
        let n = labels.count
        return columnKeys.map { key in
            var column = [String](repeating: keys[key].defaultValue ?? "", count: n)
            for (node, value) in nodeData[key] where node >= 0 && Int(node) < n { column[Int(node)] = value }
            return column
        }
    }
}
