import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkSynthesis

/// The `demo` workflow: load a dataset, summarise it, and write the results to a folder.
package enum DemoRun {
    package struct Result: Sendable {
        package var outputDirectory: String
        package var summaryText: String
        /// The HTML report (`index.html`).
        package var reportPath: String
    }

    /// Writes the example community (``CommunityGenerator/Configuration/example``, byte-identical to
    /// the repository's `fixtures/example-community`) into `output/example-community` and returns
    /// that folder, so that the demo needs nothing but the executable.
    /// - Complexity: O(members + records) of the example community.
    package static func writeExample(into output: String) throws -> String {
        let folder = output + "/example-community"
        _ = try CommunityGenerator(.example).write(to: folder)
        return folder
    }

    /// Writes `index.html` (the ``HTMLReport``), `summary.txt`, `summary.json` and `members.csv` into
    /// `output` (created if missing).
    /// - Complexity: O(dataset size).
    /// `progress` is told of the report's long steps (``HTMLReport/Options/progress``).
    package static func run(dataset: String, output: String, threads: Int = Parallelism.defaultThreads,
                            progress: (@Sendable (String, Double?) -> Void)? = nil) throws -> Result {
        let loaded = try GraphLoader.load(dataset, options: LoadOptions())
        try makeDirectory(output)
        let report = SummaryReport(loaded, top: 10)
        var text = ByteBuffer()
        text.append(report.text)
        try writeAtomically(&text, to: output + "/summary.txt")
        var json = ByteBuffer()
        report.json.write(into: &json, pretty: true, indent: 0)
        json.appendNewline()
        try writeAtomically(&json, to: output + "/summary.json")
        let components = ConnectedComponents().run(loaded.graph)
        let attributes = GraphAttributes(loaded)
        var columns: [TableColumn] = [
            .integers(name: "degree", values: Degree().run(loaded.graph).degrees),
            .integers(name: "component", values: components.partition.group),
        ]
        // The member's name and its group at each level; the dataset's extra columns stay out.
        for (name, values) in zip(attributes.names, attributes.values).prefix(1 + HierarchyLevel.allCases.count) {
            columns.append(.strings(name: name, values: values))
        }
        try NodeTableWriter.write(labels: loaded.labels, columns: columns, to: output + "/members.csv")
        let html = try HTMLReport(loaded, options: .init(title: "Example improvement community", threads: threads, progress: progress))
        try html.write(to: output)
        return Result(outputDirectory: output, summaryText: report.text, reportPath: HTMLReport.indexPath(in: output))
    }
}
