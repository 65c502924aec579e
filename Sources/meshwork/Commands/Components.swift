import ArgumentParser
import MeshworkReport

struct Components: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connected components (weakly connected when --directed).",
        discussion: """
        Prints `id,component`, one row per node in input order. Components are numbered 0, 1, ... \
        by decreasing size; ties go to the component whose first node comes first.
        """)

    @OptionGroup var options: GraphOptions

    func run() throws {
        try runAnalysis(options) { ComponentAnalysis($0) }
    }
}
