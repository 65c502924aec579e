import ArgumentParser
import MeshworkIO
import MeshworkReport

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Headline figures: nodes, ties, components, density, top members, per-level counts.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: GraphOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "How many top members by degree to list.")
    var top = 10

    func validate() throws {
        if top < 0 { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        try reportingErrors {
            var timer = PhaseTimer()
            let loaded = try loadGraph(options, &timer)
            let report = SummaryReport(loaded, top: top)
            timer.mark("compute")
            var buffer = ByteBuffer()
            switch format {
            case .text: buffer.append(report.text)
            case .json:
                report.json.write(into: &buffer, pretty: true, indent: 0)
                buffer.appendNewline()
            }
            try writeAtomically(&buffer, to: options.output)
            timer.mark("write")
            try writeStats(options.stats, loaded: loaded, timer: timer)
        }
    }
}
