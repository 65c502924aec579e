import ArgumentParser
import MeshworkReport

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a graph between formats (edge list, GraphML, GEXF for Gephi).",
        discussion: """
        Reads GRAPH like every command (a dataset directory gives its member network) and writes \
        it in the format named by --to, or guessed from the output file's extension (.graphml: \
        GraphML, .gexf: GEXF 1.3, anything else: edge list). A name ending in .gz is written \
        gzip-compressed, as every output of every command is. GraphML and GEXF output keep node \
        attributes (for a dataset: name, organisation, region and partner of each member) and \
        weights (with --weighted); with --pseudonymise, names are pseudonyms and attribute columns \
        are dropped unless named by --keep-attribute. --dynamic (GEXF, datasets) dates each member \
        from the earlier of its joined date and first tie, and each tie from its first record, so \
        that Gephi's timeline replays the growth.
        """)

    typealias Format = GraphConversion.Format

    @OptionGroup var options: GraphOptions

    @Option(help: "Output format: edgelist, graphml or gexf.")
    var to: Format?

    @Flag(help: "GEXF: date every member and tie (a dataset's records), for Gephi's timeline.")
    var dynamic = false

    /// The format that -o's extension names (`.graphml`, `.gexf`, optionally `.gz`), if any.
    private var namedFormat: Format? {
        var lowered = (options.output ?? "").lowercased()
        if lowered.hasSuffix(".gz") { lowered.removeLast(3) }
        if lowered.hasSuffix(".graphml") { return .graphml }
        if lowered.hasSuffix(".gexf") { return .gexf }
        return nil
    }

    private var format: Format { to ?? namedFormat ?? .edgelist }

    func validate() throws {
        if let to, let namedFormat, to != namedFormat {
            throw ValidationError("--to \(to.rawValue) contradicts the extension of \(options.output ?? "")")
        }
        if dynamic && format != .gexf { throw ValidationError("--dynamic needs GEXF output (--to gexf or -o FILE.gexf)") }
    }

    func run() throws {
        try runAnalysis(options) { try GraphConversion($0, format: format, dynamic: dynamic) }
    }
}

extension GraphConversion.Format: ExpressibleByArgument {}
