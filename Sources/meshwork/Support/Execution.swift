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
/// not allow (a missing level, a map too large, an analysis that needs a dataset), or an output
/// that would replace an input or contradicts its format -> 64; Graphviz and other output
/// failures -> 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(65)
    } catch let error as OutputUsageError {
        printError("meshwork: \(error.message)")
        throw ExitCode(64)
    } catch let error as BoundaryLevelError {
        printError("meshwork: \(error.description)")
        throw ExitCode(64)
    } catch let error as MapOptionError {
        printError("meshwork: \(error.description)")
        throw ExitCode(64)
    } catch let error as MapSizeError {
        printError("meshwork: \(error.description)")
        throw ExitCode(64)
    } catch let error as GraphvizError {
        printError("meshwork: \(error.description)")
        throw ExitCode.failure
    } catch let error as OutputError {
        printError("meshwork: \(error.message)")
        throw ExitCode.failure
    }
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

/// Progress messages on stderr, shown only when stderr is a terminal.
struct Progress {
    let enabled = isatty(2) != 0

    func phase(_ text: String) {
        if enabled { printError("meshwork: \(text)…") }
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

/// Loads GRAPH, timing the load and showing progress.
func loadGraph(_ options: GraphOptions, _ timer: inout PhaseTimer) throws -> LoadedGraph {
    var pseudonyms: Pseudonymiser?
    if options.pseudonymise {
        do {
            pseudonyms = try Pseudonymiser.loadingKey(file: options.pseudonymKey)
        } catch let error as PseudonymKeyError {
            printError("meshwork: \(error.description)")
            throw ExitCode(64)
        }
    }
    Progress().phase("loading \(options.graph)")
    var loaded: LoadedGraph
    do {
        loaded = try GraphLoader.load(options.graph, options: options.loadOptions)
    } catch let error as LoadOptionError {
        printError("meshwork: \(error.description)")
        throw ExitCode(64)
    } catch let error as SpanWithoutDatesError {
        printError("meshwork: \(error.description)")
        throw ExitCode(64)
    }
    if let pseudonyms {
        do {
            loaded = try pseudonyms.pseudonymised(loaded, keepingAttributes: options.keptAttributes)
        } catch let error as KeptAttributeError {
            printError("meshwork: \(error.description)")
            throw ExitCode(64)
        }
    }
    try OutputFile.refuseInput(options.output)
    try OutputFile.refuseInput(options.stats)
    timer.mark("load")
    return loaded
}
