import MeshworkCore

/// Reads a dataset directory (`nodes.csv`, `interactions.csv`, optional `attendance.csv`) into a
/// ``Community``, validating everything and reporting every problem as `file:line: message`.
///
///     let community = try DatasetReader().read(directory: "fixtures/example-community")
///
/// Checks: missing or empty files, missing columns, wrong field counts, unterminated quotes,
/// empty or duplicate ids, unknown kinds, a parent that is missing or of the wrong kind, cycles in
/// the hierarchy, bad or impossible dates, unknown node ids in interactions and attendance,
/// non-positive or non-finite weights. A byte-order mark and CRLF line ends are accepted.
///
/// - Complexity: O(bytes) plus O(n log n) to sort interactions that are not in date order, and
///   O(k²) per event of k attendees for the co-attendance projection.
public struct DatasetReader: Sendable {
    public init() {}

    /// Whether `path` is a dataset directory (it holds `nodes.csv`).
    public static func isDataset(_ path: String) -> Bool { fileExists(path + "/nodes.csv") }

    public func read(directory: String) throws -> Community {
        var problems = ProblemLog()
        let nodes = try readNodes(directory + "/nodes.csv", &problems)
        try problems.throwIfAny()
        var log = InteractionLog()
        try readInteractions(directory + "/interactions.csv", nodes, &log, &problems)
        var span: ClosedRange<Int64>? = log.times.min().map { $0...log.times.max()! }
        let attendancePath = directory + "/attendance.csv"
        if fileExists(attendancePath) {
            try readAttendance(attendancePath, nodes, &log, &span, &problems)
        }
        try problems.throwIfAny()
        log.sortByTime()
        var community = Community(ids: nodes.ids, kinds: nodes.kinds, names: nodes.names, parents: nodes.parents,
                                  joined: nodes.joined, attributeNames: nodes.attributeNames,
                                  attributeValues: nodes.attributeValues, interactions: log)
        community.recordTimes = span
        return community
    }

    // MARK: - nodes.csv

    struct Nodes {
        var ids = LabelTable()
        var kinds: [NodeKind] = []
        var names: [String] = []
        var parents: [Int32] = []
        var joined: [Int32] = []
        var lines: [Int] = []
        /// False where the kind column was not a known kind (reported once, not again as a parent problem).
        var kindKnown: [Bool] = []
        var attributeNames: [String] = []
        var attributeValues: [[String]] = []
    }

    private func readNodes(_ path: String, _ problems: inout ProblemLog) throws -> Nodes {
        guard fileExists(path) else { throw InputError(file: path, line: 0, "missing: a dataset directory needs nodes.csv") }
        var nodes = Nodes()
        var header: Header?
        var parentNames: [String] = []
        var attributeColumns: [Int] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard let columns = header else {
                let parsed = Header(record, required: ["id", "kind"], optional: ["name", "parent", "joined"],
                                    path: path, &problems)
                header = parsed
                attributeColumns = parsed.extra
                nodes.attributeNames = attributeColumns.map { parsed.names[$0] }
                nodes.attributeValues = attributeColumns.map { _ in [] }
                return
            }
            guard columns.valid, columns.checkCount(record, path, &problems) else { return }
            let id = record[columns["id"]!]
            let kindText = record[columns["kind"]!]
            if id.isEmpty { problems.report(path, record.line, "empty id") ; return }
            let index = nodes.ids.intern(id)
            if Int(index) < nodes.kinds.count {
                problems.report(path, record.line, "duplicate id '\(id)' (first on line \(nodes.lines[Int(index)]))")
                return
            }
            let kind = NodeKind(name: kindText)
            if kind == nil {
                problems.report(path, record.line,
                                "unknown kind '\(kindText)' (expected member, organisation, region or partner)")
            }
            var joinedDay = Int32.min
            if let column = columns["joined"], !record.isEmpty(column) {
                switch record.withField(column, ISO8601.day) {
                case .success(let day): joinedDay = day
                case .failure(.impossible): problems.report(path, record.line, "impossible date '\(record[column])' in joined")
                case .failure(.malformed): problems.report(path, record.line, "bad date '\(record[column])' in joined (expected YYYY-MM-DD)")
                }
            }
            nodes.kinds.append(kind ?? .member)
            nodes.kindKnown.append(kind != nil)
            nodes.names.append(columns["name"].map { record[$0] } ?? "")
            parentNames.append(columns["parent"].map { record[$0] } ?? "")
            nodes.joined.append(joinedDay)
            nodes.lines.append(record.line)
            for (slot, column) in attributeColumns.enumerated() { nodes.attributeValues[slot].append(record[column]) }
        }
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row") }
        if nodes.kinds.isEmpty && problems.isEmpty { problems.report(path, 0, "no nodes: the file has only a header") }
        resolveParents(path, parentNames, &nodes, &problems)
        if !nodes.kinds.contains(.member) && problems.isEmpty { problems.report(path, 0, "no member nodes") }
        try problems.throwIfAny()
        return nodes
    }

    private func resolveParents(_ path: String, _ parentNames: [String], _ nodes: inout Nodes,
                                _ problems: inout ProblemLog) {
        let n = nodes.kinds.count
        nodes.parents = [Int32](repeating: -1, count: n)
        for node in 0..<n where !parentNames[node].isEmpty {
            guard let parent = nodes.ids.id(of: parentNames[node]) else {
                problems.report(path, nodes.lines[node],
                                "parent '\(parentNames[node])' of '\(nodes.ids[Int32(node)])' is not a node in nodes.csv")
                continue
            }
            nodes.parents[node] = parent
        }
        // Cycles first: a node on a cycle gets that message rather than a kind mismatch.
        var state = [UInt8](repeating: 0, count: n)  // 0 unseen, 1 on the current chain, 2 done
        var onCycle = [Bool](repeating: false, count: n)
        for start in 0..<n where state[start] == 0 {
            var chain: [Int32] = []
            var current = Int32(start)
            while current >= 0 && state[Int(current)] == 0 {
                state[Int(current)] = 1
                chain.append(current)
                current = nodes.parents[Int(current)]
            }
            if current >= 0 && state[Int(current)] == 1, let loopStart = chain.firstIndex(of: current) {
                let loop = chain[loopStart...]
                let names = (loop.map { nodes.ids[$0] } + [nodes.ids[current]]).joined(separator: " -> ")
                problems.report(path, nodes.lines[Int(current)], "cycle in the hierarchy: \(names)")
                for node in loop { onCycle[Int(node)] = true }
            }
            for node in chain { state[Int(node)] = 2 }
        }
        for node in 0..<n where !onCycle[node] && nodes.kindKnown[node] {
            let parent = nodes.parents[node]
            let kind = nodes.kinds[node]
            guard parent >= 0 else { continue }
            guard let expected = kind.parentKind else {
                problems.report(path, nodes.lines[node], "partner '\(nodes.ids[Int32(node)])' cannot have a parent")
                continue
            }
            let actual = nodes.kinds[Int(parent)]
            if actual != expected && nodes.kindKnown[Int(parent)] {
                problems.report(path, nodes.lines[node],
                                "parent '\(nodes.ids[parent])' of \(kind) '\(nodes.ids[Int32(node)])' is a(n) \(actual); a \(kind)'s parent must be a(n) \(expected)")
            }
        }
    }

    // MARK: - interactions.csv and attendance.csv

    private func readInteractions(_ path: String, _ nodes: Nodes, _ log: inout InteractionLog,
                                  _ problems: inout ProblemLog) throws {
        guard fileExists(path) else { throw InputError(file: path, line: 0, "missing: a dataset directory needs interactions.csv") }
        var header: Header?
        var kinds = LabelTable()
        // Column positions, resolved once from the header (no dictionary lookups per record).
        var sourceColumn = 0, targetColumn = 0, dateColumn = 0, kindColumn = -1, weightColumn = -1
        try CSVReader.forEachRecord(path: path) { record in
            guard let columns = header else {
                let parsed = Header(record, required: ["source", "target", "date"], optional: ["kind", "weight"],
                                    path: path, &problems)
                header = parsed
                if parsed.valid {
                    sourceColumn = parsed["source"]!
                    targetColumn = parsed["target"]!
                    dateColumn = parsed["date"]!
                    kindColumn = parsed["kind"] ?? -1
                    weightColumn = parsed["weight"] ?? -1
                }
                return
            }
            guard columns.valid, columns.checkCount(record, path, &problems) else { return }
            let source = lookUp(record, sourceColumn, "source", nodes, path, &problems)
            let target = lookUp(record, targetColumn, "target", nodes, path, &problems)
            let time = readTime(record, dateColumn, path, &problems)
            var weight = 1.0
            if weightColumn >= 0 && !record.isEmpty(weightColumn) {
                guard let value = record.withField(weightColumn, NumberParsing.double) else {
                    problems.report(path, record.line, "weight '\(record[weightColumn])' is not a number")
                    return
                }
                guard value.isFinite, value > 0 else {
                    problems.report(path, record.line, "weight \(record[weightColumn]) must be a finite number > 0")
                    return
                }
                weight = value
            }
            guard let source, let target, let time else { return }
            let kind = kindColumn >= 0 ? record.withField(kindColumn) { kinds.intern($0) } : kinds.intern("interaction")
            log.append(source: source, target: target, time: time, kind: kind, weight: weight)
        }
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row") }
        log.kindNames = kinds.labels
    }

    private func readAttendance(_ path: String, _ nodes: Nodes, _ log: inout InteractionLog,
                                _ span: inout ClosedRange<Int64>?, _ problems: inout ProblemLog) throws {
        var header: Header?
        var events = LabelTable()
        var eventOf: [Int32] = [], memberOf: [Int32] = [], timeOf: [Int64] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard let columns = header else {
                header = Header(record, required: ["event", "member", "date"], optional: [], path: path, &problems)
                return
            }
            guard columns.valid, columns.checkCount(record, path, &problems) else { return }
            let eventColumn = columns["event"]!
            if record.isEmpty(eventColumn) { problems.report(path, record.line, "empty event id"); return }
            let member = lookUp(record, columns["member"]!, "member", nodes, path, &problems)
            let time = readTime(record, columns["date"]!, path, &problems)
            guard let member, let time else { return }
            guard nodes.kinds[Int(member)] == .member else {
                problems.report(path, record.line, "'\(nodes.ids[member])' is a(n) \(nodes.kinds[Int(member)]), not a member")
                return
            }
            eventOf.append(record.withField(eventColumn) { events.intern($0) })
            memberOf.append(member)
            timeOf.append(time)
        }
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row") }
        if let first = timeOf.min(), let last = timeOf.max() {
            span = min(first, span?.lowerBound ?? first)...max(last, span?.upperBound ?? last)
        }
        projectAttendance(events.count, eventOf, memberOf, timeOf, &log)
    }

    /// Every two members at the same event are tied (kind `event`, weight 1), dated by the later of
    /// their two attendance dates. Attendees are taken in file order, so the result is deterministic.
    private func projectAttendance(_ eventCount: Int, _ eventOf: [Int32], _ memberOf: [Int32],
                                   _ timeOf: [Int64], _ log: inout InteractionLog) {
        var start = [Int](repeating: 0, count: eventCount + 1)
        for e in eventOf { start[Int(e) + 1] += 1 }
        for e in 0..<eventCount { start[e + 1] += start[e] }
        var cursor = start
        var order = [Int](repeating: 0, count: eventOf.count)
        for (i, e) in eventOf.enumerated() { order[cursor[Int(e)]] = i; cursor[Int(e)] += 1 }
        let kind: Int32
        if let existing = log.kindNames.firstIndex(of: "event") {
            kind = Int32(existing)
        } else {
            kind = Int32(log.kindNames.count)
            log.kindNames.append("event")
        }
        for e in 0..<eventCount {
            let attendees = order[start[e]..<start[e + 1]]
            for (offset, a) in attendees.enumerated() {
                for b in attendees.dropFirst(offset + 1) where memberOf[a] != memberOf[b] {
                    log.append(source: memberOf[a], target: memberOf[b], time: max(timeOf[a], timeOf[b]),
                               kind: kind, weight: 1)
                }
            }
        }
    }

    private func lookUp(_ record: CSVRecord, _ column: Int, _ what: String, _ nodes: Nodes, _ path: String,
                        _ problems: inout ProblemLog) -> Int32? {
        if let id = record.withField(column, { nodes.ids.find($0) }) { return id }
        if record.isEmpty(column) {
            problems.report(path, record.line, "empty \(what) id")
        } else {
            problems.report(path, record.line, "unknown node id '\(record[column])' in \(what) (not in nodes.csv)")
        }
        return nil
    }

    private func readTime(_ record: CSVRecord, _ column: Int, _ path: String, _ problems: inout ProblemLog) -> Int64? {
        switch record.withField(column, ISO8601.seconds) {
        case .success(let time): return time
        case .failure(.impossible):
            problems.report(path, record.line, "impossible date '\(record[column])'")
        case .failure(.malformed):
            problems.report(path, record.line, record.isEmpty(column) ? "missing date"
                            : "bad date '\(record[column])' (expected YYYY-MM-DD or an ISO 8601 date-time)")
        }
        return nil
    }
}

/// The header row of a CSV file: column positions by name, and the columns it does not know.
struct Header {
    var names: [String]
    var positions: [String: Int] = [:]
    var extra: [Int] = []
    var valid = true

    init(_ record: CSVRecord, required: [String], optional: [String], path: String, _ problems: inout ProblemLog) {
        names = (0..<record.count).map { record[$0] }
        for (i, name) in names.enumerated() {
            if positions[name] != nil {
                problems.report(path, record.line, "duplicate column '\(name)' in the header")
                valid = false
            }
            positions[name] = i
            if !required.contains(name) && !optional.contains(name) { extra.append(i) }
        }
        let missing = required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            problems.report(path, record.line,
                            "missing column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")) in the header (found: \(names.joined(separator: ",")))")
            valid = false
        }
    }

    subscript(name: String) -> Int? { positions[name] }

    func checkCount(_ record: CSVRecord, _ path: String, _ problems: inout ProblemLog) -> Bool {
        guard record.count == names.count else {
            problems.report(path, record.line, "expected \(names.count) fields, found \(record.count)")
            return false
        }
        return true
    }
}
