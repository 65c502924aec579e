import ArgumentParser
import MeshworkIO

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a dataset with its interactions in gzipped parts, for Apache Spark.",
        discussion: """
        Validates DATASET, then writes into DIR nodes.csv and attendance.csv as they are and \
        interactions.csv split into --parts gzip-compressed parts interactions-00000.csv.gz, ... \
        (each with the header row; the parts in order hold the rows in file order). A gzip file \
        cannot be split, so parts are what lets Spark read the interactions on several workers: \
        use a few times as many parts as the cluster has cores (see docs/spark.md).
        """)

    @Argument(help: "A dataset directory (it holds nodes.csv).")
    var dataset: String

    @Option(help: "Number of interaction parts.")
    var parts: Int = 8

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write (created if missing).", valueName: "dir"))
    var output: String

    func validate() throws {
        if parts < 1 { throw ValidationError("--parts must be at least 1") }
        if parts > 99_999 { throw ValidationError("--parts must be at most 99,999") }
        if !DatasetReader.isDataset(dataset) { throw ValidationError("\(dataset) is not a dataset directory (no nodes.csv)") }
    }

    func run() throws {
        try reportingErrors {
            let summary = try DatasetExport.write(dataset: dataset, parts: parts, to: output)
            print("Wrote \(output): \(summary.interactions) interactions in \(parts) parts, and "
                  + summary.files.dropFirst(parts).joined(separator: " and ") + ".")
        }
    }
}
