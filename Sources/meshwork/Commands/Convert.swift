import ArgumentParser
import MeshworkReport

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a graph between formats (edge list, GraphML).",
        discussion: """
        Reads GRAPH like every command (a dataset directory gives its member network) and writes \
        it in the format named by --to, or guessed from the output file's extension (.graphml: \
        GraphML, anything else: edge list). A name ending in .gz is written gzip-compressed, as \
        every output of every command is. GraphML output keeps node attributes (for a dataset: \
        name, organisation, region and partner of each member); with --pseudonymise, names are \
        pseudonyms and attribute columns are dropped unless named by --keep-attribute.
        """)

    typealias Format = GraphConversion.Format

    @OptionGroup var options: GraphOptions

    @Option(help: "Output format: edgelist or graphml.")
    var to: Format?

    /// Whether -o ends in `.graphml` or `.graphml.gz`.
    private var namesGraphML: Bool {
        let lowered = (options.output ?? "").lowercased()
        return lowered.hasSuffix(".graphml") || lowered.hasSuffix(".graphml.gz")
    }

    func validate() throws {
        if to == .edgelist && namesGraphML {
            throw ValidationError("--to edgelist contradicts the extension of \(options.output ?? "")")
        }
    }

    func run() throws {
        try runAnalysis(options) { GraphConversion($0, format: to ?? (namesGraphML ? .graphml : .edgelist)) }
    }
}

extension GraphConversion.Format: ExpressibleByArgument {}
