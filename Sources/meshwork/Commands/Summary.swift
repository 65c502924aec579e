import ArgumentParser
import MeshworkReport

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Headline figures: nodes, ties, components, density, top members, per-level counts.")

    typealias Format = SummaryReport.Format

    @OptionGroup var options: GraphOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "How many top members by degree to list.")
    var top = 10

    func validate() throws {
        if top < 0 { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        try runAnalysis(options) { SummaryReport($0, top: top, format: format) }
    }
}

extension SummaryReport.Format: ExpressibleByArgument {}
