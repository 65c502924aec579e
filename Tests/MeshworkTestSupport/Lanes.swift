import Foundation
import MeshworkIO
import Testing

/// The two test lanes (docs/testing.md). The default `swift test` runs the small fixtures through
/// every check; tests tagged `.large` (the largest fixtures in the golden comparisons, long growth
/// series, heavy command runs) run only when `MESHWORK_LARGE_TESTS=1`, as `.ci/run` does in a
/// release build, and are reported as skipped otherwise.
extension Tag {
    /// A test on large inputs: enabled only by `MESHWORK_LARGE_TESTS=1`.
    @Tag public static var large: Self
}

public enum Lanes {
    /// Whether the large lane runs: `MESHWORK_LARGE_TESTS=1` in the environment.
    public static let large = ProcessInfo.processInfo.environment["MESHWORK_LARGE_TESTS"] == "1"
}

extension Trait where Self == ConditionTrait {
    /// Enables a test only in the large lane; use with `.tags(.large)`.
    public static var largeLane: Self {
        .enabled(if: Lanes.large, "large lane: set MESHWORK_LARGE_TESTS=1 (see docs/testing.md)")
    }
}

extension Fixtures {
    /// The manifest entries read from the two largest fixtures (ca-grqc, 5,242 nodes; the example
    /// community, 2,500 nodes and 46,989 ties): all-pairs kernels on them belong to the large lane.
    public static let largeInputs: Set<String> = ["ca-grqc/ca-grqc.edges", "example-community"]

    /// Manifest entries on small fixtures: the default lane's goldens for the expensive kernels.
    public static let small: [Entry] = manifest.filter { !largeInputs.contains($0.input) }

    /// Manifest entries on the largest fixtures: the large lane's goldens for the expensive kernels.
    public static let large: [Entry] = manifest.filter { largeInputs.contains($0.input) }
}

extension Fixtures {
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var graphs: [String: LoadedGraph] = [:]
    }

    private static let cache = Cache()

    /// The fixture at `path` (relative to `fixtures/`) loaded with the default options but
    /// `directed` and `weighted`, read once per test process and shared by every test that asks for
    /// the same file and flags (the tests only read it).
    public static func load(_ path: String, directed: Bool = false, weighted: Bool = false) throws -> LoadedGraph {
        let key = "\(path)|\(directed)|\(weighted)"
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let graph = cache.graphs[key] { return graph }
        let graph = try GraphLoader.load(root + "/" + path, options: LoadOptions(directed: directed, weighted: weighted))
        cache.graphs[key] = graph
        return graph
    }

    /// The graph of a manifest entry, read once per test process.
    public static func load(_ entry: Entry) throws -> LoadedGraph {
        try load(entry.input, directed: entry.directed, weighted: entry.weighted)
    }
}
