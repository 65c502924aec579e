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
///   O(k²) per event of k attendees to count its co-attendance ties (which are kept as the
///   attendance rows: ``CoAttendance``).
public struct DatasetReader: Sendable {
    /// Worker threads for parsing `interactions.csv` (the result does not depend on it).
    public var threads: Int
    /// The longest line and the largest file accepted.
    public var limits: InputLimits
    /// Told of each file read and of the ordering of the records as each ends; `nil`: not told.
    public var progress: LoadProgress?

    public init(threads: Int = Parallelism.defaultThreads, limits: InputLimits = InputLimits()) {
        self.threads = max(1, threads)
        self.limits = limits
    }

    /// Whether `path` is a dataset directory (it holds `nodes.csv`).
    public static func isDataset(_ path: String) -> Bool { fileExists(path + "/nodes.csv") }

    public func read(directory: String) throws -> Community {
        var problems = ProblemLog()
        var steps = LoadSteps(progress)
        let nodes = try readNodes(directory + "/nodes.csv", &problems)
        try problems.throwIfAny()
        steps.done("reading nodes.csv")
        let interactionsPath = directory + "/interactions.csv"
        try Self.requireFile(interactionsPath, "interactions.csv")
        let attendancePath = directory + "/attendance.csv"
        var attendanceProblems = ProblemLog()
        let attendanceStatus = PathStatus(attendancePath)
        if case .unreachable(let reason) = attendanceStatus { throw InputError(file: attendancePath, line: 0, reason) }
        // Attendance first (as it always was read, for which file's fatal problem is reported);
        // its problems are still listed after those of interactions.csv.
        let attendance = attendanceStatus != .absent ? try readAttendance(attendancePath, nodes, &attendanceProblems) : nil
        if attendance != nil { steps.done("reading attendance.csv") }
        var log = InteractionLog()
        log.reserveCapacity(fileSize(interactionsPath) / 32)
        try readInteractions(interactionsPath, nodes, &log, &problems)
        steps.done("reading interactions.csv")
        var span: ClosedRange<Int64>? = log.times.min().map { $0...log.times.max()! }
        problems.append(attendanceProblems)
        try problems.throwIfAny()
        // Every row of interactions.csv is in the log, in file order.
        if let overflow = TieWeightSums.firstOverflow(sources: log.sources, targets: log.targets,
                                                      weights: log.weights, count: log.count) {
            let i = overflow.record
            throw InputError(file: interactionsPath, line: try Self.line(ofRow: i, in: interactionsPath, limits: limits), TieWeightSums.message(
                weight: log.weights[i], nodes.ids[log.sources[i]], nodes.ids[log.targets[i]], sum: overflow.sum))
        }
        // Attendance adds ties of weight 1, which cannot lift a sum at most 1e100 above it.
        if let attendance, let first = attendance.rowTimes.min(), let last = attendance.rowTimes.max() {
            span = min(first, span?.lowerBound ?? first)...max(last, span?.upperBound ?? last)
        }
        log.sortByTime()
        steps.done("ordering the interactions by date")
        let coAttendance = attendance.map {
            CoAttendance(events: $0.events, members: $0.members, times: $0.rowTimes, eventCount: $0.eventCount)
        }
        if coAttendance != nil { steps.done("grouping the attendance by event and date") }
        var community = Community(ids: nodes.ids, kinds: nodes.kinds, names: nodes.names, parents: nodes.parents,
                                  joined: nodes.joined, attributeNames: nodes.attributeNames,
                                  attributeValues: nodes.attributeValues, interactions: log,
                                  coAttendance: coAttendance ?? CoAttendance())
        community.recordTimes = span
        return community
    }

    /// The line of data row `index` (0 for the first row after the header) of a CSV file. Only for
    /// messages: it reads the file again.
    static func line(ofRow index: Int, in path: String, limits: InputLimits) throws -> Int {
        var record = -1, found = 0
        try CSVReader.forEachRecord(path: path, limits: limits) { row in
            if record == index { found = row.line }
            record += 1
        }
        return found
    }

    /// Throws unless a file `name` is at `path`: saying whether it is missing or what else is wrong.
    static func requireFile(_ path: String, _ name: String) throws {
        switch PathStatus(path) {
        case .file: return
        case .absent: throw InputError(file: path, line: 0, "missing: a dataset directory needs \(name)")
        case .directory: throw InputError(file: path, line: 0, "is a directory, not a file")
        case .unreachable(let reason): throw InputError(file: path, line: 0, reason)
        }
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
        try Self.requireFile(path, "nodes.csv")
        var nodes = Nodes()
        nodes.ids = LabelTable(capacity: fileSize(path) / 64)  // rows are rarely shorter: no regrowth
        var header: Header?
        var parentNames: [String] = []
        var attributeColumns: [Int] = []
        try CSVReader.forEachRecord(path: path, limits: limits) { record in
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
                case .failure(.outOfRange):
                    problems.report(path, record.line, "date '\(record[column])' in joined is outside the supported range \(ISO8601.supportedRangeText)")
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
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row (such as 'id,kind,name,parent')") }
        if nodes.kinds.isEmpty && problems.isEmpty { problems.report(path, 1, "no nodes: the file has only a header row") }
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

    /// The rows of `attendance.csv`, in file order.
    private struct AttendanceRows {
        var events: [Int32] = [], members: [Int32] = [], rowTimes: [Int64] = []
        var eventCount = 0
    }

    private func readAttendance(_ path: String, _ nodes: Nodes, _ problems: inout ProblemLog) throws -> AttendanceRows {
        var header: Header?
        var events = LabelTable()
        var rows = AttendanceRows()
        try CSVReader.forEachRecord(path: path, limits: limits) { record in
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
            rows.events.append(record.withField(eventColumn) { events.intern($0) })
            rows.members.append(member)
            rows.rowTimes.append(time)
        }
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row (such as 'event,member,date')") }
        rows.eventCount = events.count
        return rows
    }

    func lookUp(_ record: CSVRecord, _ column: Int, _ what: String, _ nodes: Nodes, _ path: String,
                        _ problems: inout ProblemLog) -> Int32? {
        if let id = record.withField(column, { nodes.ids.find($0) }) { return id }
        if record.isEmpty(column) {
            problems.report(path, record.line, "empty \(what) id")
        } else {
            problems.report(path, record.line, "unknown node id '\(record[column])' in \(what) (not in nodes.csv)")
        }
        return nil
    }

    func readTime(_ record: CSVRecord, _ column: Int, _ path: String, _ problems: inout ProblemLog) -> Int64? {
        switch record.withField(column, ISO8601.seconds) {
        case .success(let time): return time
        case .failure(.impossible):
            problems.report(path, record.line, "impossible date '\(record[column])'")
        case .failure(.outOfRange):
            problems.report(path, record.line, "date '\(record[column])' is outside the supported range \(ISO8601.supportedRangeText)")
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
