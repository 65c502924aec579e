import MeshworkCore

/// Reads a whitespace-separated edge list (plain or gzip): one edge `u v [weight]` per line.
///
/// Lines whose first non-blank byte is `#` or `%`, and blank lines, are skipped. Node ids are
/// arbitrary tokens, interned in order of first appearance. Without `weighted`, extra columns are
/// ignored; with it, the third column must be a number in ``AcceptedWeights/range``.
///
///     let edges = try EdgeListReader(weighted: false).read(path: "ca-AstroPh.txt")
///     let built = edges.edges.build(vertexCount: edges.labels.count, directed: false)
///
/// The reader works on raw bytes (no `String` per line or token); every problem is reported as
/// `file:line: message`, up to ``ProblemLog/cap``.
///
/// - Complexity: O(bytes) time; 8 bytes per edge (16 with weights) plus the labels.
public struct EdgeListReader: Sendable {
    public var weighted: Bool

    public init(weighted: Bool) { self.weighted = weighted }

    public func read(path: String) throws -> LabelledEdges {
        let source = try ByteSource(path: path)
        var labels = LabelTable(capacity: 1 << 12)
        var edges = EdgeBuffer(weighted: weighted)
        var problems = ProblemLog()
        var sawEdge = false
        let weighted = self.weighted
        try source.forEachLine { line, number in
            let n = line.count
            var i = 0
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == n || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "%") { return }
            var tokens: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
            var found = 0
            while i < n && found < 3 {
                let start = i
                while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
                switch found {
                case 0: tokens.0 = start..<i
                case 1: tokens.1 = start..<i
                default: tokens.2 = start..<i
                }
                found += 1
                while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            }
            guard found >= 2 else {
                problems.report(path, number, "expected two node ids (u v), found one field")
                return
            }
            var weight = 1.0
            if weighted {
                guard found >= 3 else {
                    problems.report(path, number, "expected a weight in the third column (--weighted)")
                    return
                }
                let text = UnsafeBufferPointer(rebasing: line[tokens.2])
                guard let value = NumberParsing.double(text) else {
                    problems.report(path, number, "weight '\(String(decoding: text, as: UTF8.self))' is not a number")
                    return
                }
                if let problem = AcceptedWeights.problem(value, text: String(decoding: text, as: UTF8.self)) {
                    problems.report(path, number, problem)
                    return
                }
                weight = value
            }
            let u = labels.intern(UnsafeBufferPointer(rebasing: line[tokens.0]))
            let v = labels.intern(UnsafeBufferPointer(rebasing: line[tokens.1]))
            edges.append(u, v, weight: weight)
            sawEdge = true
        }
        if !sawEdge && problems.isEmpty { problems.report(path, 0, "no edges: the file is empty or has only comments") }
        try problems.throwIfAny()
        if weighted, let overflow = TieWeightSums.firstOverflow(sources: edges.sources, targets: edges.targets,
                                                                weights: edges.weights, count: edges.count) {
            let i = overflow.record
            throw InputError(file: path, line: try line(ofEdge: i, in: path), TieWeightSums.message(
                weight: edges.weights[i], labels[edges.sources[i]], labels[edges.targets[i]], sum: overflow.sum))
        }
        return LabelledEdges(labels: labels, edges: edges)
    }

    /// The line of edge `index` of a file read without problems: its `index + 1`-th line that is
    /// neither blank nor a comment (each such line gave one edge). Only for messages: it reads the
    /// file again.
    private func line(ofEdge index: Int, in path: String) throws -> Int {
        var seen = 0, found = 0
        try ByteSource(path: path).forEachLine { line, number in
            guard found == 0 else { return }
            var i = 0
            while i < line.count && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == line.count || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "%") { return }
            if seen == index { found = number }
            seen += 1
        }
        return found
    }
}
