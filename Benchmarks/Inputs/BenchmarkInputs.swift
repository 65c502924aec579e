import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkSynthesis

/// The benchmark inputs shared by every suite: `genN`, the member network of
/// `meshwork generate --members N --seed 42`, written once as an edge list (string tokens, as a user
/// would pass it) into the cache folder and reused by later runs.
///
/// The cache folder is `$MESHWORK_BENCH_CACHE`, or `Benchmarks/.cache` (gitignored). Delete it to
/// regenerate (for example after the generator changed: the file names carry no generator version).
public enum BenchmarkInputs {
    /// The generated sizes, smallest first, with the suffix used in benchmark names.
    public static let sizes: [(name: String, members: Int)] = [
        ("gen10k", 10_000), ("gen100k", 100_000), ("gen1m", 1_000_000),
    ]

    /// The seed of every generated input.
    public static let seed: UInt64 = 42

    /// The cache folder.
    public static var cacheDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["MESHWORK_BENCH_CACHE"], !dir.isEmpty { return dir }
        // #filePath = .../Benchmarks/Inputs/BenchmarkInputs.swift
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".cache").path
    }

    /// The path of `genN`'s edge list, generating it first if the cache does not hold it.
    ///
    /// - Complexity: O(1) when cached; otherwise one generator run and one load, O(members + records).
    public static func edgeList(members: Int) throws -> String {
        let fm = FileManager.default
        let dir = cacheDirectory
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let name = "gen\(label(members))-seed\(seed)"
        let edges = "\(dir)/\(name).edges"
        if fm.fileExists(atPath: edges) { return edges }

        let started = Date()
        let dataset = "\(dir)/\(name).dataset"
        try? fm.removeItem(atPath: dataset)
        _ = try CommunityGenerator(.init(members: members, seed: seed)).write(to: dataset)
        let loaded = try GraphLoader.load(dataset, options: LoadOptions())
        let partial = "\(edges).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try EdgeListWriter.write(loaded.graph, labels: loaded.labels, to: partial)
        try? fm.removeItem(atPath: edges)
        try fm.moveItem(atPath: partial, toPath: edges)   // atomic: a half-written file is never used
        try? fm.removeItem(atPath: dataset)
        let seconds = Date().timeIntervalSince(started)
        print("[BenchmarkInputs] wrote \(edges): \(loaded.graph.vertexCount) vertices, " +
              "\(loaded.graph.edgeCount) edges (\(String(format: "%.1f", seconds)) s)")
        return edges
    }

    /// `10k`, `100k`, `1m` for 10,000, 100,000, 1,000,000.
    public static func label(_ n: Int) -> String {
        if n >= 1_000_000, n % 1_000_000 == 0 { return "\(n / 1_000_000)m" }
        if n >= 1_000, n % 1_000 == 0 { return "\(n / 1_000)k" }
        return "\(n)"
    }

    /// Prints a warning when the library was built with `MESHWORK_INTERNAL_CHECKS` (figures are then
    /// not representative) or without optimisation. Call it from every suite.
    public static func warnIfNotRepresentative() {
        #if MESHWORK_INTERNAL_CHECKS
        print("warning: built with MESHWORK_INTERNAL_CHECKS: invariant checks are on and the figures are not representative")
        #endif
        #if DEBUG
        print("warning: debug build: the figures are not representative (run without --debug)")
        #endif
    }
}
