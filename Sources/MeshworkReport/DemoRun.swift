import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `demo` workflow: load a dataset, summarise it, and write the results to a folder.
public enum DemoRun {
    public struct Result: Sendable {
        public var outputDirectory: String
        public var summaryText: String
        /// The HTML report (`index.html`).
        public var reportPath: String
    }

    /// Where the bundled example community is: `fixtures/example-community` under the current
    /// directory, or beside the repository that holds the executable (`.build/<config>/meshwork`).
    public static func bundledExample(executable: String) -> String? {
        var candidates = ["fixtures/example-community"]
        if let slash = executable.lastIndex(of: "/") {
            let binDir = String(executable[..<slash])
            candidates.append(binDir + "/../../fixtures/example-community")
            candidates.append(binDir + "/../../../fixtures/example-community")
        }
        return candidates.first { DatasetReader.isDataset($0) }
    }

    /// Writes `index.html` (the ``HTMLReport``), `summary.txt`, `summary.json` and `members.csv` into
    /// `output` (created if missing).
    /// - Complexity: O(dataset size).
    public static func run(dataset: String, output: String, threads: Int = Parallelism.defaultThreads) throws -> Result {
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
        let html = try HTMLReport(loaded, options: .init(title: "Example improvement community", threads: threads))
        return Result(outputDirectory: output, summaryText: report.text, reportPath: try html.write(to: output))
    }
}
