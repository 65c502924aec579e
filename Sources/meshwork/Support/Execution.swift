import ArgumentParser
import MeshworkCore
import MeshworkIO
import MeshworkPrivacy
import MeshworkRender
import MeshworkReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command body, turning library errors into the exit statuses of docs/data-contract.md:
/// bad input data -> 65 with `file:line: message` lines on stderr; a level or map the input does
/// not allow (a missing level, a map too large, an analysis or a dynamic GEXF that needs a dataset), load options
/// the input does not take, a bad pseudonym key, or an output that would replace an input or
/// contradicts its format -> 64; Graphviz and other output failures -> 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(65)
    } catch let error as XMLTextError {
        printError(error.description)
        throw ExitCode(65)
    } catch {
        guard let status = exitStatus(of: error) else { throw error }
        printNotice(String(describing: error))
        throw ExitCode(status)
    }
}

/// The exit status of a library error other than bad input data (its description is the message),
/// or `nil` for an error the library does not describe.
private func exitStatus(of error: any Error) -> Int32? {
    switch error {
    case is OutputUsageError, is BoundaryLevelError, is MapOptionError, is MapSizeError, is GEXFTimelineError, is LoadOptionError,
         is SpanWithoutDatesError, is PseudonymKeyError, is KeptAttributeError:
        64
    case is GraphvizError, is OutputError:
        1
    default:
        nil
    }
}

/// Runs an analysis command over GRAPH: loads it (with progress; the `load` phase), runs
/// `analysis` (`compute`), writes its primary output to -o or standard output and then the
/// `secondary` outputs (`write`), prints its notices on stderr, and writes the `--stats` file with
/// its statistics. Errors map to exit statuses as in ``reportingErrors(_:)``; an
/// ``AnalysisInputError`` names the GRAPH argument (usage: 64; data: 65 as `GRAPH:0: message`).
func runAnalysis<Output: AnalysisOutput>(_ options: GraphOptions, _ analysis: (LoadedGraph) throws -> Output,
                                         thenWrite secondary: (Output) throws -> Void = { _ in }) throws {
    try reportingErrors {
        var timer = PhaseTimer()
        let loaded = try loadGraph(options, &timer)
        let output: Output
        let progress = options.progressLines
        progress.phase("computing")
        do {
            output = try analysis(loaded)
        } catch let error as AnalysisInputError {
            switch error.kind {
            case .usage:
                printNotice(error.message(input: options.graph))
                throw ExitCode(64)
            case .data:
                throw InputError(file: options.graph, line: 0, error.message(input: options.graph))
            }
        }
        timer.mark("compute")
        progress.ended("computing", seconds: timer.seconds("compute"))
        do {
            try output.write(to: options.output)
        } catch let error as XMLTextError {
            throw error.located(inGraph: options.graph)
        }
        try secondary(output)
        timer.mark("write")
        output.notices.forEach(printNotice)
        try writeStats(options.stats, loaded: loaded, timer: timer, extra: output.statistics)
    }
}

/// Prints `meshwork: text` on stderr.
func printNotice(_ text: String) {
    printError("meshwork: \(text)")
}

func printError(_ text: String) {
    var line = text
    line.append("\n")
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Wall-clock phases of a run, for `--stats`.
struct PhaseTimer {
    private var start = ContinuousClock.now
    private(set) var phases: [(String, Double)] = []

    /// Records the time since the previous mark under `name`.
    mutating func mark(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = start.duration(to: now)
        phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        start = now
    }

    func seconds(_ name: String) -> Double { phases.first { $0.0 == name }?.1 ?? 0 }
}

/// Progress messages on stderr, shown when stderr is a terminal or `forced` (`--progress`), and
/// never with `quiet` (`--quiet`).
struct Progress: Sendable {
    let enabled: Bool

    init(forced: Bool = false, quiet: Bool = false) { enabled = !quiet && (forced || isatty(2) != 0) }

    /// `label: step…` when a step starts (`seconds` nil), then ` 3.2 s` and a new line on the
    /// same line when it ends.
    func step(_ label: String, _ name: String, _ seconds: Double?) {
        guard enabled else { return }
        var line = seconds.map { " \(($0 * 10).rounded() / 10) s\n" } ?? "\(label): \(name)…"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Runs `body` between the two ``step(_:_:_:)`` lines of `name`.
    func timed<T>(_ label: String, _ name: String, _ body: () throws -> T) rethrows -> T {
        step(label, name, nil)
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = start.duration(to: .now)
        step(label, name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        return result
    }

    /// ``step(_:_:_:)`` for a library's progress callback, or `nil` when nothing is shown.
    func callback(_ label: String) -> (@Sendable (String, Double?) -> Void)? {
        guard enabled else { return nil }
        return { @Sendable [self] name, seconds in step(label, name, seconds) }
    }

    /// The load's steps that take a second or more, one line each as it ends
    /// (`meshwork: load: reading interactions.csv… 6.1 s`); `nil` when not enabled.
    var loadSteps: LoadProgress? {
        guard enabled else { return nil }
        return { step, seconds in
            if seconds >= 1 { printError("meshwork: load: \(step)… \((seconds * 10).rounded() / 10) s") }
        }
    }

    func phase(_ text: String) {
        if enabled { printError("meshwork: \(text)…") }
    }

    /// `meshwork: computing… 134.0 s` when a ``phase(_:)`` of a second or more ends.
    func ended(_ text: String, seconds: Double) {
        if enabled && seconds >= 1 { printError("meshwork: \(text)… \((seconds * 10).rounded() / 10) s") }
    }

    /// The share done of a ``step(_:_:_:)`` that has started, rewriting its line
    /// (`brokers: structural holes… 45%`); the step's end appends its duration to the line.
    func share(_ label: String, _ name: String, _ value: Double) {
        guard enabled else { return }
        var line = "\r\(label): \(name)… \(Int((value * 100).rounded(.down)))%"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    func fraction(_ label: String, _ value: Double) {
        guard enabled else { return }
        let percent = Int((value * 100).rounded(.down))
        var line = "\r\(label) \(percent)%"
        if value >= 1 { line += "\n" }
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}

/// Writes the `--stats` JSON object: graph counts, phase timings and command-specific values.
func writeStats(_ path: String?, loaded: LoadedGraph, timer: PhaseTimer, extra: [(String, JSONValue)] = []) throws {
    guard let path else { return }
    var members: [(String, JSONValue)] = [
        ("nodes", .int(loaded.graph.vertexCount)),
        ("edges", .int(loaded.graph.edgeCount)),
        ("self_loops", .int(loaded.selfLoops)),
        ("duplicate_edges", .int(loaded.duplicateEdges)),
        ("directed", .bool(loaded.graph.isDirected)),
        ("weighted", .bool(loaded.graph.isWeighted)),
        ("input", .string(loaded.source.rawValue)),
        ("graph_bytes", .int(loaded.graph.storageBytes)),
        ("peak_memory_bytes", PeakMemory.residentBytes().map { .int($0) } ?? .null),
        ("span", loaded.span.map { span in
            .object([("from", span.from.map { .string($0.description) } ?? .null),
                     ("until", span.until.map { .string($0.description) } ?? .null)])
        } ?? .null),
        ("seconds", .object([("load", .double(timer.seconds("load"))),
                             ("compute", .double(timer.seconds("compute"))),
                             ("write", .double(timer.seconds("write")))])),
    ]
    members.append(contentsOf: extra)
    var buffer = ByteBuffer()
    JSONValue.object(members).write(into: &buffer, pretty: true, indent: 0)
    buffer.appendNewline()
    try writeAtomically(&buffer, to: path)
}

/// Loads GRAPH (pseudonymised with --pseudonymise), timing the load and showing progress.
private func loadGraph(_ options: GraphOptions, _ timer: inout PhaseTimer) throws -> LoadedGraph {
    let pseudonyms = options.pseudonymise ? try Pseudonymiser.loadingKey(file: options.pseudonymKey) : nil
    options.progressLines.phase("loading \(options.graph)")
    var loaded = try GraphLoader.load(options.graph, options: options.loadOptions)
    if let pseudonyms {
        loaded = try pseudonyms.pseudonymised(loaded, keepingAttributes: options.keptAttributes)
    }
    try OutputFile.refuseInput(options.output)
    try OutputFile.refuseInput(options.stats)
    timer.mark("load")
    return loaded
}
