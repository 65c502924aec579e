import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkReport

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the HTML report of a community: maps, growth charts, boundary spanners, tables.",
        discussion: """
        Writes one self-contained index.html into -o DIR (default: meshwork-report): opening \
        sentences written from the figures, the summary, a map per level (partners, regions, organisations) and of the members coloured by \
        community (up to 5,000 members), growth charts by --period, the strongest boundary \
        spanners, the ties within and across groups at every level and across communities, how \
        the communities compare with the organisations, regions and partners, and the \
        definitions of every measure. It needs no network access. With --pseudonymise, members \
        appear by pseudonym and groups with fewer than --min-cell members (default 5) are \
        suppressed in the tables. On an edge list or GraphML file (no hierarchy, no dates) the \
        report holds the summary, the member map and the communities, and says what the other \
        sections need. Prints the report's path. On a terminal, each long step is shown on stderr \
        with its time ("report: communities (Leiden)… 3.2 s"); --quiet hides them.
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "The report's title.")
    var title = "Network report"

    @Option(help: "day, week, month, quarter or year: the growth charts' periods (default: chosen from the data's span).")
    var period: PeriodLength?

    @Option(help: "Seed of the Leiden runs and map layouts.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Suppress groups with fewer members in the tables (default 5 with --pseudonymise).", valueName: "K"))
    var minCell: Int?

    @Option(help: ArgumentHelp("With --after: add a section comparing this earlier span, FROM..UNTIL, with the later one.", valueName: "span"))
    var before: DateSpan?

    @Option(help: ArgumentHelp("With --before: the later span, FROM..UNTIL.", valueName: "span"))
    var after: DateSpan?

    func validate() throws {
        if (before == nil) != (after == nil) { throw ValidationError("--before and --after go together") }
    }

    func run() throws {
        try runAnalysis(options) {
            try HTMLReport($0, options: .init(
                title: title, seed: seed, period: period,
                minimumCell: options.minimumCell(minCell), threads: options.workerThreads,
                comparison: before.flatMap { before in after.map { (before, $0) } },
                progress: options.progressLines.callback("report")))
        }
        print(HTMLReport.indexPath(in: options.output))
    }
}
