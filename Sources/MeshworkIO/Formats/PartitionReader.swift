import MeshworkCore

/// A partition read from a CSV file: the ids in file order and the group of each.
///
///     let departments = try PartitionReader.read(path: "departments.csv")
///     departments.ids[0]                        // the first row's id
///     departments.partition.names               // group names in order of first appearance
///
/// - Complexity: O(rows) space: one label-table entry per id and per group name, 4 bytes per row.
public struct LabelledPartition: Sendable {
    /// The ids, in file order: vertex `v` of ``partition`` is `ids[v]`.
    public var ids: LabelTable
    /// The group of each id (``Partition/unknown`` where the group field is empty); group names
    /// in order of first appearance.
    public var partition: Partition

    public init(ids: LabelTable, partition: Partition) {
        precondition(ids.count == partition.vertexCount, "a group for every id")
        self.ids = ids
        self.partition = partition
    }

    /// The groups of the ids of `other`, in `other`'s order: an id this file does not list is
    /// ``Partition/unknown``. This is how two files are joined on their ids.
    ///
    ///     let a = try PartitionReader.read(path: "communities.csv")
    ///     let b = try PartitionReader.read(path: "departments.csv")
    ///     PartitionComparison().run(a.partition, b.aligned(to: a.ids))   // MeshworkAlgorithms
    ///
    /// - Complexity: O(total bytes of `other`'s ids), one hash lookup per id.
    public func aligned(to other: LabelTable) -> Partition {
        var groups = [Int32](repeating: Partition.unknown, count: other.count)
        for v in 0..<other.count {
            if let mine = other.withLabelBytes(Int32(v), { ids.find($0) }) {
                groups[v] = partition.group[Int(mine)]
            }
        }
        return Partition(groups: groups, names: partition.names)
    }
}

/// Reads a partition from a CSV file with a header row: one row per id, with the id in the
/// first column and its group in the second (or in the column named `groupColumn`), for example
/// the `id,community` output of `meshwork communities` or `id,component` of `meshwork components`.
///
///     id,community
///     alice,0
///     bob,0
///     carol,1
///     dave,            <- empty group: unknown, left out of comparisons
///
/// RFC 4180 quoting, CRLF line ends and a byte-order mark are accepted. Group
/// names are arbitrary text. Every problem is reported as `file:line: message` in one
/// ``InputError``: a missing or empty file, a header with fewer than two columns, an unknown
/// `groupColumn`, a row with the wrong number of fields, an empty or duplicate id, a file with
/// no rows.
///
/// - Complexity: O(bytes) time; O(rows) space.
public enum PartitionReader {
    public static func read(path: String, groupColumn: String? = nil) throws -> LabelledPartition {
        var problems = ProblemLog()
        var header: [String]? = nil
        var groupIndex = 1
        var headerValid = true
        var ids = LabelTable()
        var groupNames = LabelTable()
        var groups: [Int32] = []
        var lines: [Int] = []
        try CSVReader.forEachRecord(path: path) { record in
            guard let columns = header else {
                let names = (0..<record.count).map { record[$0] }
                header = names
                if names.count < 2 {
                    headerValid = false
                    problems.report(path, record.line,
                                    "expected a header with an id column and a group column, found: \(names.joined(separator: ","))")
                } else if let groupColumn {
                    if let index = names.firstIndex(of: groupColumn), index > 0 {
                        groupIndex = index
                    } else {
                        headerValid = false
                        problems.report(path, record.line,
                                        "no group column '\(groupColumn)' after the id column in the header (found: \(names.joined(separator: ",")))")
                    }
                }
                return
            }
            guard headerValid else { return }
            guard record.count == columns.count else {
                problems.report(path, record.line, "expected \(columns.count) fields, found \(record.count)")
                return
            }
            if record.isEmpty(0) { problems.report(path, record.line, "empty id"); return }
            let before = ids.count
            let id = record.withField(0) { ids.intern($0) }
            if Int(id) < before {
                problems.report(path, record.line, "duplicate id '\(record[0])' (first on line \(lines[Int(id)]))")
                return
            }
            lines.append(record.line)
            groups.append(record.isEmpty(groupIndex) ? Partition.unknown : record.withField(groupIndex) { groupNames.intern($0) })
        }
        guard header != nil else { throw InputError(file: path, line: 0, "empty file: expected a header row") }
        if groups.isEmpty && problems.isEmpty { problems.report(path, 1, "no rows: the file has only a header row") }
        try problems.throwIfAny()
        return LabelledPartition(ids: ids, partition: Partition(groups: groups, names: groupNames.labels))
    }
}
