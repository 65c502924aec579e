import ArgumentParser
import MeshworkAlgorithms
import MeshworkIO

struct ComparePartitions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-partitions",
        abstract: "How far two partitions agree: normalised mutual information and adjusted Rand index.",
        discussion: """
        A and B are CSV files with a header row, one row per node: the id in the first column and \
        its group in the second (or in the column named by --column-a / --column-b), such as the output of \
        `meshwork communities` or `meshwork components`, or a table of departments. The files are \
        joined on the id; only ids with a non-empty group in both files are compared. \
        nmi is 2 I(A;B) / (H(A) + H(B)) (Danon et al. 2005; 1 when both entropies are 0), ari the \
        adjusted Rand index (Hubert & Arabie 1985). Also printed: vertices (ids compared), \
        groups_a and groups_b (groups among them), unmatched_a and unmatched_b (ids with a group \
        in one file only).
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: ArgumentHelp("The first partition (CSV: id,group).", valueName: "A"))
    var first: String

    @Argument(help: ArgumentHelp("The second partition (CSV: id,group).", valueName: "B"))
    var second: String

    @Option(help: ArgumentHelp("The group column of A, by name (default: the second column).", valueName: "name"))
    var columnA: String?

    @Option(help: ArgumentHelp("The group column of B, by name (default: the second column).", valueName: "name"))
    var columnB: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output here instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try reportingErrors {
            let a = try PartitionReader.read(path: first, groupColumn: columnA)
            let b = try PartitionReader.read(path: second, groupColumn: columnB)
            let comparison = PartitionComparison().run(a.partition, b.aligned(to: a.ids))
            guard comparison.vertices > 0 else {
                throw InputError(file: second, line: 0, "no id has a group in both \(first) and this file")
            }
            let values: [(String, JSONValue)] = [
                ("nmi", .double(comparison.normalizedMutualInformation)),
                ("ari", .double(comparison.adjustedRandIndex)),
                ("vertices", .int(comparison.vertices)),
                ("groups_a", .int(comparison.groupsA)),
                ("groups_b", .int(comparison.groupsB)),
                ("unmatched_a", .int(a.partition.knownCount - comparison.vertices)),
                ("unmatched_b", .int(b.partition.knownCount - comparison.vertices)),
            ]
            var buffer = ByteBuffer()
            switch format {
            case .text:
                for (name, value) in values {
                    buffer.append(name)
                    buffer.append(UInt8(ascii: " "))
                    value.write(into: &buffer, pretty: false, indent: 0)
                    buffer.appendNewline()
                }
            case .json:
                JSONValue.object(values).write(into: &buffer, pretty: true, indent: 0)
                buffer.appendNewline()
            }
            try writeAtomically(&buffer, to: output)
        }
    }
}
