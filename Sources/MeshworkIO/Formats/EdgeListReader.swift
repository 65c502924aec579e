import MeshworkCore

/// Which fields of an edge-list line are the source, the target and (optionally) the weight:
/// 0-based positions, written 1-based on the command line (`--columns 2,3` or `--columns 2,3,5`).
public struct EdgeColumns: Sendable, Equatable {
    public var source: Int
    public var target: Int
    public var weight: Int?

    public init(source: Int, target: Int, weight: Int? = nil) {
        self.source = source
        self.target = target
        self.weight = weight
    }

    /// Parses `2,3` or `2,3,5` (1-based, distinct, positive); `nil` otherwise.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingSpaces) }
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        let fields = parts.map { $0! - 1 }
        guard Set(fields).count == fields.count else { return nil }
        self.init(source: fields[0], target: fields[1], weight: fields.count == 3 ? fields[2] : nil)
    }

    /// The number of fields a line needs.
    var fieldsNeeded: Int { max(source, target, weight ?? 0) + 1 }

    /// The 1-based spelling, `2,3` or `2,3,5`.
    public var description: String {
        ([source, target] + (weight.map { [$0] } ?? [])).map { String($0 + 1) }.joined(separator: ",")
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " { result = result.dropFirst() }
        while result.last == " " { result = result.dropLast() }
        return result
    }
}

/// Reads a whitespace-separated edge list (plain or gzip): one edge `u v [weight]` per line.
///
/// Lines whose first non-blank byte is `#` or `%`, and blank lines, are skipped. Node ids are
/// arbitrary tokens, interned in order of first appearance. Without `weighted`, a third column is
/// ignored; with it, the third column must be a decimal number in ``AcceptedWeights/range``. A line
/// with more than three fields is bad input (it is most likely another kind of table), unless
/// `columns` names the fields to read: then a line needs at least those fields, and the others are
/// ignored. With `weighted` and `columns`, `columns.weight` must be given.
///
///     let edges = try EdgeListReader(weighted: false).read(path: "ca-AstroPh.txt")
///     let built = edges.edges.build(vertexCount: edges.labels.count, directed: false)
///
/// The reader works on raw bytes (no `String` per line or token); every problem is reported as
/// `file:line: message`, up to 50 listed (the rest counted). Lines longer than
/// `limits.maxLineBytes` stop it.
///
/// - Complexity: O(bytes) time; 8 bytes per edge (16 with weights) plus the labels.
public struct EdgeListReader: Sendable {
    public var weighted: Bool
    /// The fields to read; `nil`: `u v [weight]`, and no more than three fields.
    public var columns: EdgeColumns?
    public var limits: InputLimits

    public init(weighted: Bool, columns: EdgeColumns? = nil, limits: InputLimits = InputLimits()) {
        self.weighted = weighted
        self.columns = columns
        self.limits = limits
    }

    public func read(path: String) throws -> LabelledEdges {
        if weighted, let columns, columns.weight == nil {
            throw InputError(file: path, line: 0, "--weighted needs a weight column in --columns (e.g. --columns \(columns.description),3)")
        }
        let source = try ByteSource(path: path, limits: limits)
        var labels = LabelTable(capacity: 1 << 12)
        var edges = EdgeBuffer(weighted: weighted)
        var problems = ProblemLog()
        var sawEdge = false
        let weighted = self.weighted
        let picked = columns ?? EdgeColumns(source: 0, target: 1, weight: 2)
        let sourceField = picked.source, targetField = picked.target, weightField = picked.weight ?? -1
        // The fields needed, and one more to tell a line with too many fields without columns.
        let scanFields = columns == nil ? 4 : picked.fieldsNeeded
        try source.forEachLine { line, number in
            let n = line.count
            var i = 0
            while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == n || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "%") { return }
            var tokens: (Range<Int>, Range<Int>, Range<Int>) = (0..<0, 0..<0, 0..<0)
            var found = 0
            while i < n && found < scanFields {
                let start = i
                while i < n && line[i] != 0x20 && line[i] != 0x09 { i += 1 }
                switch found {
                case sourceField: tokens.0 = start..<i
                case targetField: tokens.1 = start..<i
                case weightField: tokens.2 = start..<i
                default: break
                }
                found += 1
                while i < n && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            }
            if let columns {
                guard found >= columns.fieldsNeeded else {
                    problems.report(path, number, "expected at least \(columns.fieldsNeeded) fields (--columns \(columns.description)), found \(found)")
                    return
                }
            } else {
                guard found >= 2 else {
                    problems.report(path, number, "expected two node ids (u v), found one field")
                    return
                }
                guard found <= 3 else {
                    problems.report(path, number, "\(Self.fieldCount(line)) fields, but an edge list line is 'u v [weight]' (is this another kind of table?): name the fields to read with --columns SOURCE,TARGET[,WEIGHT], e.g. --columns 2,3")
                    return
                }
            }
            var weight = 1.0
            if weighted {
                guard found > weightField else {
                    problems.report(path, number, "expected a weight in the third column (--weighted)")
                    return
                }
                let text = UnsafeBufferPointer(rebasing: line[tokens.2])
                guard let value = NumberParsing.double(text) else {
                    problems.report(path, number, "weight '\(String(decoding: text, as: UTF8.self))' is not a decimal number")
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
        if !sawEdge && problems.isEmpty {
            problems.report(path, 0, source.bytesRead == 0 ? "empty file: expected one edge 'u v [weight]' per line"
                                                           : "no edges: the file has only comments or blank lines")
        }
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
        try ByteSource(path: path, limits: limits).forEachLine { line, number in
            guard found == 0 else { return }
            var i = 0
            while i < line.count && (line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == line.count || line[i] == UInt8(ascii: "#") || line[i] == UInt8(ascii: "%") { return }
            if seen == index { found = number }
            seen += 1
        }
        return found
    }

    /// The number of blank-separated fields of `line`.
    private static func fieldCount(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inField = false
        for byte in line {
            let blank = byte == 0x20 || byte == 0x09
            if !blank && !inField { count += 1 }
            inField = !blank
        }
        return count
    }
}
