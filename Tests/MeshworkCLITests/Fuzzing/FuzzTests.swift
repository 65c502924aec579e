import Foundation
import MeshworkCore
import MeshworkTestSupport
import Testing

/// Hostile inputs against every command that reads a graph.
///
/// Each case mutates a small valid dataset (see `HostileDataset`), an edge list or a GraphML file,
/// then runs one command with randomly chosen flags on it. A case fails when the tool is killed
/// by a signal (a Swift trap, or the allocation failure of a run that passed the memory bound),
/// runs past the time bound, exits with a status other than 0, 64 or 65, or exits 64/65 without a
/// message. Each run has at most `memoryBound` bytes of address space and `timeBound` seconds.
///
/// The default lane runs `FuzzTests.defaultCases` cases from a fixed seed in a few seconds; CI runs
/// many more with `MESHWORK_FUZZ_CASES=N` (and `MESHWORK_FUZZ_SEED=S` to explore or to replay), on
/// the release binary named by `MESHWORK_EXECUTABLE`.
@Suite("Fuzzing: hostile inputs never crash a command")
struct FuzzTests {
    static let defaultCases = 48
    static let memoryBound = 1 << 30
    static let timeBound = 60
    static let shards = 4

    static var caseCount: Int {
        ProcessInfo.processInfo.environment["MESHWORK_FUZZ_CASES"].flatMap(Int.init) ?? defaultCases
    }

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["MESHWORK_FUZZ_SEED"].flatMap(UInt64.init) ?? 20261203
    }

    @Test("mutated datasets through every dataset command", arguments: 0..<shards)
    func datasets(shard: Int) throws {
        var failures: [String] = []
        for index in stride(from: shard, to: Self.caseCount, by: Self.shards) {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x1000_0001)
            var dataset = HostileDataset.valid()
            for _ in 0..<(1 + random.below(3)) { dataset.mutate(&random) }
            let scratch = try TemporaryDirectory()
            let input = scratch.path + "/in"
            try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
            try dataset.write(to: input)
            let arguments = FuzzCommands.datasetCommand(input: input, output: scratch.path + "/out", &random)
            if let failure = try Self.check(arguments, in: scratch) {
                failures.append("case \(index): \(failure)\n  changes: \(dataset.changes.joined(separator: "; "))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing cases:\n\(failures.joined(separator: "\n"))")
    }

    @Test("mutated edge lists and GraphML files, plain and gzip", arguments: 0..<shards)
    func graphFiles(shard: Int) throws {
        var failures: [String] = []
        for index in stride(from: shard, to: Self.caseCount / 2, by: Self.shards) {
            var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x2000_0003 &+ 7)
            let scratch = try TemporaryDirectory()
            let (name, bytes, changes) = try FuzzCommands.graphFile(&random)
            let input = scratch.path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: input))
            let arguments = FuzzCommands.graphCommand(input: input, output: scratch.path + "/out", &random)
            if let failure = try Self.check(arguments, in: scratch) {
                failures.append("case \(index): \(failure)\n  changes: \(changes)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing cases:\n\(failures.joined(separator: "\n"))")
    }

    /// Runs the tool under the memory and time bounds; returns why the run fails, or nil.
    static func check(_ arguments: [String], in scratch: TemporaryDirectory) throws -> String? {
        let kilobytes = memoryBound / 1024
        let script = "ulimit -v \(kilobytes); exec timeout -s KILL \(timeBound) \"$0\" \"$@\""
        let result = try Meshwork.run(["-c", script, Meshwork.executable] + arguments,
                                      in: scratch.path, environment: ["MESHWORK_PSEUDONYM_KEY": "fuzzing key, 16+ bytes"],
                                      program: "/bin/sh")
        let command = "meshwork " + arguments.map { $0.count > 60 ? String($0.prefix(60)) + "…" : $0 }.joined(separator: " ")
        switch result.status {
        case 0:
            return nil
        case 64, 65:
            let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            if message.isEmpty { return "\(command): exit \(result.status) without a message" }
            if message.contains("Fatal error") || message.contains("Stack dump") { return "\(command): \(message.prefix(300))" }
            return nil
        case 9, 137:
            return "\(command): killed after \(timeBound) s"
        default:
            return "\(command): exit \(result.status)\n  \(result.stderr.prefix(400))"
        }
    }
}
