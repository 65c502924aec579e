import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `compare` analysis: two spans of a dataset side by side (``PeriodComparison``), as a table
/// and as JSON.
///
///     let report = try ComparisonReport(loaded, before: year1, after: year2, levels: [.hierarchy(.region)])
///     try report.writeTable(to: "compare.csv")
///
/// The table is long: one row per figure, `level,figure,before,after,change` (then
/// `p_before,p_after` with permutations: the p-values of the E-I index and cross share rows). Figures of a span
/// (members, ties, density, largest component, and per level the cross-boundary share, E-I index
/// and brokers) fill `before` and `after`; figures of the change itself (ties gained, lost and
/// kept, members who joined, new cross-boundary ties, members who became or stopped being
/// brokers) fill only `change`. The JSON also lists the members who joined and who became or
/// stopped being brokers (pseudonyms under `--pseudonymise`).
///
/// - Complexity: ``PeriodComparison``'s, plus Leiden's for the `community` level.
public struct ComparisonReport: Sendable {
    public let before: DateSpan
    public let after: DateSpan
    public let levels: [BoundaryLevel]
    public let result: PeriodComparison.Result
    /// Label permutations behind the p-values (0: none).
    public let permutations: Int
    /// Member labels (ids or pseudonyms), indexed like the community's members.
    public let labels: LabelTable
    /// The encoding of ``write(to:)``: the table or ``json``.
    public let format: TableFormat

    /// Compares `before` with `after` on a loaded dataset at each of `levels`; the `community`
    /// level is the Leiden partition (`seed`) of the whole member network.
    /// - Throws: ``MapOptionError`` without a dataset; ``BoundaryLevelError`` for a level the dataset does not have.
    public init(_ loaded: LoadedGraph, before: DateSpan, after: DateSpan, levels: [BoundaryLevel],
                permutations: Int = 0, seed: UInt64 = 42, threads: Int = Parallelism.defaultThreads, format: TableFormat = .csv) throws {
        self.format = format
        guard let community = loaded.community else {
            throw MapOptionError("compare needs a dataset directory (its interactions carry the dates)")
        }
        let partitions = try loaded.partitions(levels, seed: seed)
        self.before = before
        self.after = after
        self.levels = levels
        self.permutations = permutations
        self.result = PeriodComparison(before: before, after: after, permutations: permutations, seed: seed,
                                       threads: threads).run(community, levels: partitions)
        self.labels = loaded.labels
    }

    /// One table row: level, figure, and the before, after and change fields (NaN prints empty).
    private typealias Row = (level: String, figure: String, before: Double, after: Double, change: Double,
                             pBefore: Double, pAfter: Double)

    /// The rows of the table, in order; p-values NaN where they do not apply.
    private var rows: [Row] {
        let r = result
        func span(_ figure: String, _ a: Double, _ b: Double) -> Row {
            ("network", figure, a, b, b - a, .nan, .nan)
        }
        func change(_ level: String, _ figure: String, _ value: Int) -> Row {
            (level, figure, .nan, .nan, Double(value), .nan, .nan)
        }
        var rows: [Row] = [
            span("members", Double(r.before.members), Double(r.after.members)),
            span("ties", Double(r.before.ties), Double(r.after.ties)),
            span("density", r.before.density, r.after.density),
            span("largest_component", Double(r.before.largestComponent), Double(r.after.largestComponent)),
            span("largest_component_share", r.before.largestComponentShare, r.after.largestComponentShare),
            change("network", "ties_gained", r.tiesGained),
            change("network", "ties_lost", r.tiesLost),
            change("network", "ties_kept", r.tiesKept),
            change("network", "members_joined", r.joined.count),
        ]
        for (level, figures) in zip(levels, r.levels) {
            let name = level.description
            let (a, b) = (figures.before, figures.after)
            rows.append((name, "cross_share", a.crossShare, b.crossShare, b.crossShare - a.crossShare, a.pValue, b.pValue))
            rows.append((name, "ei_index", a.eiIndex, b.eiIndex, b.eiIndex - a.eiIndex, a.pValue, b.pValue))
            rows.append((name, "brokers", Double(a.brokers), Double(b.brokers), Double(b.brokers - a.brokers), .nan, .nan))
            rows.append(change(name, "new_cross_ties", figures.newCrossTies))
            rows.append(change(name, "became_brokers", figures.becameBrokers.count))
            rows.append(change(name, "stopped_brokers", figures.stoppedBrokers.count))
        }
        return rows
    }

    /// Writes `level,figure,before,after,change` (then `p_before,p_after` with permutations), one
    /// row per figure.
    public func writeTable(to path: String?) throws {
        var buffer = ByteBuffer()
        buffer.append(permutations > 0 ? "level,figure,before,after,change,p_before,p_after\n"
                                        : "level,figure,before,after,change\n")
        for row in rows {
            buffer.append(csvField: row.level); buffer.append(UInt8(ascii: ","))
            buffer.append(row.figure)
            let values = permutations > 0 ? [row.before, row.after, row.change, row.pBefore, row.pAfter]
                                          : [row.before, row.after, row.change]
            for value in values {
                buffer.append(UInt8(ascii: ","))
                if !value.isNaN { buffer.append(double: value) }
            }
            buffer.appendNewline()
        }
        try writeAtomically(&buffer, to: path)
    }

    /// The comparison as one JSON object: the spans, the rows of the table grouped by level, and
    /// the members who joined, became or stopped being brokers.
    public var json: JSONValue {
        func number(_ value: Double) -> JSONValue { value.isNaN ? .null : .double(value) }
        func members(_ list: [Int32]) -> JSONValue { .array(list.map { .string(labels[$0]) }) }
        var byLevel: [(String, [(String, JSONValue)])] = []
        for row in rows {
            var fields: [(String, JSONValue)] = [("before", number(row.before)), ("after", number(row.after)),
                                                 ("change", number(row.change))]
            if permutations > 0 && !(row.pBefore.isNaN && row.pAfter.isNaN) {
                fields += [("p_before", number(row.pBefore)), ("p_after", number(row.pAfter))]
            }
            let entry: JSONValue = row.before.isNaN && row.after.isNaN ? number(row.change) : .object(fields)
            if let last = byLevel.indices.last, byLevel[last].0 == row.level {
                byLevel[last].1.append((row.figure, entry))
            } else {
                byLevel.append((row.level, [(row.figure, entry)]))
            }
        }
        var network = byLevel.first?.1 ?? []
        network.append(("joined", members(result.joined)))
        let levelObjects: [JSONValue] = zip(byLevel.dropFirst(), result.levels).map { entry, change in
            .object([("level", .string(entry.0))] + entry.1 + [
                ("became_brokers_members", members(change.becameBrokers)),
                ("stopped_brokers_members", members(change.stoppedBrokers)),
            ])
        }
        return .object([
            ("before", .string(before.description)),
            ("after", .string(after.description)),
            ("permutations", .int(permutations)),
            ("network", .object(network)),
            ("levels", .array(levelObjects)),
        ])
    }

    /// Writes ``json``.
    public func writeJSON(to path: String?) throws {
        var buffer = ByteBuffer()
        json.write(into: &buffer, pretty: true, indent: 0)
        buffer.appendNewline()
        try writeAtomically(&buffer, to: path)
    }
}
