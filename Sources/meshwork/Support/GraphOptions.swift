import ArgumentParser
import MeshworkCore
import MeshworkIO

/// The GRAPH argument and the flags every analysis command shares.
struct GraphOptions: ParsableArguments {
    @Argument(help: "A dataset directory, a GraphML file or an edge list (optionally .gz).")
    var graph: String

    @Flag(help: "Keep edge direction (GraphML: overrides edgedefault).")
    var directed = false

    @Flag(help: "Read edge weights (edge list: third column or the third of --columns; dataset: interaction weights).")
    var weighted = false

    @Option(help: ArgumentHelp(
        "Edge lists: the fields to read as source, target and (with --weighted) weight, 1-based.",
        discussion: "Without it, a line with more than three fields is bad input (it is most likely another table).",
        valueName: "s,t[,w]"))
    var columns: String?

    @Option(help: ArgumentHelp("The longest line (CSV: record) accepted, in bytes (K, M, G suffixes; default 16M).",
                               valueName: "size"))
    var maxLineBytes: String?

    @Option(help: ArgumentHelp("The most bytes read from one input file, after decompression (default 16G).",
                               valueName: "size"))
    var maxInputBytes: String?

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: ArgumentHelp("Write timings and counts as JSON to this file.", valueName: "file"))
    var stats: String?

    @Flag(help: ArgumentHelp("Progress lines on stderr for the long steps (loading, and the report's and map's steps), even when stderr is not a terminal.",
                             discussion: "On a terminal these lines are shown anyway, unless --quiet."))
    var progress = false

    @Flag(help: "No progress lines on stderr, even on a terminal.")
    var quiet = false

    /// The progress lines that --progress and --quiet ask for.
    var progressLines: Progress { Progress(forced: progress, quiet: quiet) }

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output here instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: ArgumentHelp("Replace member ids and names with stable keyed pseudonyms in every output, and drop attribute columns.",
                             discussion: "The key comes from --pseudonym-key or the MESHWORK_PSEUDONYM_KEY environment variable. Attribute columns (nodes.csv extras, GraphML node data) are dropped unless named by --keep-attribute."))
    var pseudonymise = false

    @Option(help: ArgumentHelp("A file holding the pseudonym key (at least 16 bytes).", valueName: "file"))
    var pseudonymKey: String?

    @Option(name: .customLong("keep-attribute"),
            help: ArgumentHelp("With --pseudonymise, keep this attribute column (nodes.csv or GraphML node data); repeatable.",
                               discussion: "Every other attribute column is dropped, since it may identify a person.",
                               valueName: "name"))
    var keptAttributes: [String] = []

    @Option(help: ArgumentHelp("Datasets: only ties with a record on or after this day (UTC).", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("Datasets: only ties with a record on or before this day (UTC), among the members present by then.",
                               valueName: "YYYY-MM-DD"))
    var until: String?

    var loadOptions: LoadOptions {
        LoadOptions(directed: directed, weighted: weighted, threads: workerThreads,
                    columns: columns.flatMap(EdgeColumns.init(parsing:)),
                    limits: InputLimits(maxLineBytes: maxLineBytes.flatMap(InputLimits.parseSize) ?? InputLimits.defaultMaxLineBytes,
                                        maxInputBytes: maxInputBytes.flatMap(InputLimits.parseSize) ?? InputLimits.defaultMaxInputBytes),
                    span: span, progress: progressLines.loadSteps)
    }

    /// `--from` and `--until` as a span, or `nil` when neither is given (or one is not a date:
    /// `validate()` refuses that).
    var span: DateSpan? {
        guard from != nil || until != nil else { return nil }
        let first = from.flatMap(CivilDate.init(iso8601:)), last = until.flatMap(CivilDate.init(iso8601:))
        guard (from == nil) == (first == nil), (until == nil) == (last == nil) else { return nil }
        if let first, let last, last < first { return nil }
        return DateSpan(from: first, until: last)
    }

    /// A command's `--min-cell`, else 5 with --pseudonymise (for publication), else 0.
    func minimumCell(_ given: Int?) -> Int { given ?? (pseudonymise ? 5 : 0) }

    /// `--threads`, or every online core.
    var workerThreads: Int { threads ?? Parallelism.defaultThreads }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if progress && quiet { throw ValidationError("--progress and --quiet contradict each other") }
        if pseudonymKey != nil && !pseudonymise { throw ValidationError("--pseudonym-key needs --pseudonymise") }
        for (flag, value) in [("--max-line-bytes", maxLineBytes), ("--max-input-bytes", maxInputBytes)] {
            if let value, InputLimits.parseSize(value) == nil {
                throw ValidationError("\(flag) must be a positive size in bytes, such as 1048576, 64K, 16M or 2G")
            }
        }
        if let columns {
            guard let parsed = EdgeColumns(parsing: columns) else {
                throw ValidationError("--columns must be two or three distinct field numbers from 1, such as 2,3 or 2,3,5")
            }
            if weighted && parsed.weight == nil {
                throw ValidationError("--weighted needs the weight's field as a third number in --columns (SOURCE,TARGET,WEIGHT)")
            }
            if !weighted && parsed.weight != nil {
                throw ValidationError("--columns \(columns) names a weight field: add --weighted to read it")
            }
        }
        if !keptAttributes.isEmpty && !pseudonymise { throw ValidationError("--keep-attribute needs --pseudonymise (without it every column is kept)") }
        for (flag, text) in [("--from", from), ("--until", until)] {
            if let text, CivilDate(iso8601: text) == nil { throw ValidationError("\(flag) must be a date YYYY-MM-DD, not \(text)") }
        }
        if let first = from.flatMap(CivilDate.init(iso8601:)), let last = until.flatMap(CivilDate.init(iso8601:)), last < first {
            throw ValidationError("--until \(last) is before --from \(first)")
        }
    }
}
