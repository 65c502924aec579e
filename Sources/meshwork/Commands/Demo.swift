import Foundation
import ArgumentParser
import MeshworkCore
import MeshworkIO
import MeshworkReport

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse the bundled example community and write the results to a folder.",
        discussion: """
        Runs on the example community (a generated community of 2,500 members, written into \
        --output as example-community/, the same files as the repository's \
        fixtures/example-community) or on --dataset, and writes the HTML report (index.html: maps, growth charts, boundary spanners, boundary \
        tables, communities and definitions), summary.txt, summary.json and members.csv (degree, \
        component, organisation, region and partner of each member) into --output, then prints \
        the report's path.
        """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the results.", valueName: "dir"))
    var output = "meshwork-demo"

    @Option(help: ArgumentHelp("The dataset to analyse (default: the bundled example community).", valueName: "dir"))
    var dataset: String?

    @Flag(help: "No progress lines on stderr (they are shown only on a terminal).")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let path = try dataset ?? DemoRun.writeExample(into: output)
            let progress = Progress(quiet: quiet)
            progress.phase("analysing \(path)")
            let result = try DemoRun.run(dataset: path, output: output,
                                         threads: Parallelism.defaultThreads, progress: progress.callback("report"))
            print(result.summaryText, terminator: "")
            print("\nResults written to \(result.outputDirectory)/")
            print("Open the report: \(result.reportPath)")
        }
    }
}
