import MeshworkCore

extension DatasetReader {
    /// Where the columns of `interactions.csv` are (-1: absent), resolved once from the header.
    struct InteractionColumns {
        var source = 0, target = 0, date = 0, weight = -1
    }

    /// Reads `interactions.csv` into `log` on ``threads`` workers, chunk by chunk (see
    /// ``CSVReader/forEachBatch(path:threads:chunkSize:limits:header:makeBatch:parse:finish:merge:)``);
    /// the log and the problems come out as a one-thread read gives them. The `kind` column is
    /// accepted and not kept (``InteractionLog``).
    func readInteractions(_ path: String, _ nodes: Nodes, _ log: inout InteractionLog,
                          _ problems: inout ProblemLog) throws {
        var header: Header?
        var columns = InteractionColumns()
        var headerProblems = ProblemLog()
        try CSVReader.forEachBatch(path: path, threads: threads, limits: limits, header: { record in
            let parsed = Header(record, required: ["source", "target", "date"], optional: ["kind", "weight"],
                                path: path, &headerProblems)
            header = parsed
            if parsed.valid {
                columns = InteractionColumns(source: parsed["source"]!, target: parsed["target"]!, date: parsed["date"]!,
                                             weight: parsed["weight"] ?? -1)
            }
        }, makeBatch: InteractionBatch.init, parse: { record, batch in
            guard let header, header.valid, header.checkCount(record, path, &batch.rowProblems) else { return }
            batch.parse(record, columns, self, path)
        }, finish: { batch in
            batch.resolve(nodes.ids, path)
        }, merge: { batch, linesBefore in
            problems.append(headerProblems)
            headerProblems = ProblemLog()
            problems.append(ProblemLog.merged(batch.idProblems, batch.rowProblems), lineOffset: linesBefore)
            log.append(contentsOf: batch.log)
        })
        problems.append(headerProblems)
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row (such as 'source,target,date,kind,weight')") }
    }
}

/// The interactions of one chunk of `interactions.csv`, read on a worker thread in two steps:
/// ``parse(_:_:_:_:)`` keeps each row's two ids and checks its date and weight; ``resolve(_:_:)``
/// then looks every id up with several look-ups in flight (on a million members nearly every one
/// misses the caches) and appends the rows in order. Problems
/// carry lines counted from the chunk's start.
struct InteractionBatch {
    var log = InteractionLog()
    /// Problems of field counts, dates and weights, in line order.
    var rowProblems = ProblemLog()
    /// Problems of ids, in line order (on a line they come before its other problems).
    var idProblems = ProblemLog()
    // Rows waiting for their ids: row r's source id is `idBytes[idEnds[2r - 1] ..< idEnds[2r]]`
    // (from 0 for r = 0), its target id the next range; `times[r]` is `Int64.min` when the row is
    // not kept (a bad date or weight).
    private var idBytes: [UInt8] = []
    private var idEnds: [Int] = []
    private var lines: [Int] = []
    private var times: [Int64] = []
    private var weights: [Double] = []
    /// The slot tags read ahead by ``resolve(_:_:)``, kept so the reads are not optimised away.
    private(set) var prefetched: UInt64 = 0

    /// Keeps the row's ids for ``resolve(_:_:)`` and checks the rest of it.
    mutating func parse(_ record: CSVRecord, _ columns: DatasetReader.InteractionColumns, _ reader: DatasetReader, _ path: String) {
        let time = reader.readTime(record, columns.date, path, &rowProblems)
        var weight: Double? = 1.0
        if columns.weight >= 0 && !record.isEmpty(columns.weight) {
            weight = nil
            if let value = record.withField(columns.weight, NumberParsing.double) {
                if let problem = AcceptedWeights.problem(value, text: record[columns.weight]) {
                    rowProblems.report(path, record.line, problem)
                } else {
                    weight = value
                }
            } else {
                rowProblems.report(path, record.line, "weight '\(record[columns.weight])' is not a decimal number")
            }
        }
        record.withField(columns.source) { idBytes.append(contentsOf: $0) }
        idEnds.append(idBytes.count)
        record.withField(columns.target) { idBytes.append(contentsOf: $0) }
        idEnds.append(idBytes.count)
        lines.append(record.line)
        guard let time, let weight else {
            times.append(.min)
            weights.append(0)
            return
        }
        times.append(time)
        weights.append(weight)
    }

    /// Looks up the ids of the rows kept by ``parse(_:_:_:_:)``, reporting unknown ones, and appends
    /// the rows whose ids and other fields are all good, in order.
    mutating func resolve(_ ids: LabelTable, _ path: String) {
        let count = idEnds.count
        var sink: UInt64 = 0
        var nodes = [Int32](repeating: -1, count: count)
        log.reserveCapacity(lines.count)
        idBytes.withUnsafeBufferPointer { bytes in
            func id(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[(k == 0 ? 0 : idEnds[k - 1]) ..< idEnds[k]])
            }
            let probes = (0..<count).map { ids.probe(id($0)) }
            // Blocks of 64 ids: first read the slot each look-up starts at, in a loop tight enough
            // for dozens of cache misses to be in flight at once, then look them up in cache.
            var start = 0
            while start < count {
                let end = min(start + 64, count)
                for k in start..<end { sink &+= ids.prefetch(probes[k]) }
                for k in start..<end { nodes[k] = ids.find(id(k), probes[k]) ?? -1 }
                start = end
            }
            for row in 0..<lines.count {
                for side in 0..<2 where nodes[2 * row + side] < 0 {
                    let what = side == 0 ? "source" : "target", text = id(2 * row + side)
                    idProblems.report(path, lines[row], text.isEmpty ? "empty \(what) id"
                        : "unknown node id '\(String(decoding: text, as: UTF8.self))' in \(what) (not in nodes.csv)")
                }
                let source = nodes[2 * row], target = nodes[2 * row + 1]
                if source >= 0 && target >= 0 && times[row] != .min {
                    log.append(source: source, target: target, time: times[row], weight: weights[row])
                }
            }
        }
        prefetched = sink
        idBytes = []; idEnds = []; lines = []; times = []; weights = []
    }
}
