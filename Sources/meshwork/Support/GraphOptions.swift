import ArgumentParser
import MeshworkIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GRAPH argument and the flags every analysis command shares.
struct GraphOptions: ParsableArguments {
    @Argument(help: "A dataset directory, a GraphML file or an edge list (optionally .gz).")
    var graph: String

    @Flag(help: "Keep edge direction (GraphML: overrides edgedefault).")
    var directed = false

    @Flag(help: "Read edge weights (edge list: third column; dataset: interaction weights).")
    var weighted = false

    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int?

    @Option(help: ArgumentHelp("Write timings and counts as JSON to this file.", valueName: "file"))
    var stats: String?

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

    var loadOptions: LoadOptions { LoadOptions(directed: directed, weighted: weighted, threads: workerThreads) }

    /// `--threads`, or every online core.
    var workerThreads: Int { threads ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if pseudonymKey != nil && !pseudonymise { throw ValidationError("--pseudonym-key needs --pseudonymise") }
        if !keptAttributes.isEmpty && !pseudonymise { throw ValidationError("--keep-attribute needs --pseudonymise (without it every column is kept)") }
    }
}
