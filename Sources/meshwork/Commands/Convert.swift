import ArgumentParser
import MeshworkIO

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

    enum Format: String, ExpressibleByArgument, CaseIterable { case edgelist, graphml }

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
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            timer.mark("compute")
            let format = to ?? (namesGraphML ? .graphml : .edgelist)
            switch format {
            case .edgelist:
                try EdgeListWriter.write(loaded.graph, labels: loaded.labels, to: options.output)
            case .graphml:
                let attributes = GraphAttributes(loaded)
                try GraphMLWriter.write(loaded.graph, labels: loaded.labels, attributeNames: attributes.names,
                                        attributeValues: attributes.values, to: options.output)
            }
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer)
        }
    }
}
