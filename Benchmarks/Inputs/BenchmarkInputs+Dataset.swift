import Foundation
import MeshworkIO
import MeshworkSynthesis

extension BenchmarkInputs {
    /// The path of `genN`'s *dataset directory* (nodes.csv, interactions.csv, attendance.csv: the
    /// output of `meshwork generate --members N --seed 42`), for the suites that need the community
    /// (hierarchy levels, dated records) and not only the member network: Boundaries and Growth.
    ///
    /// Written once into the cache folder as `genN-seed42.community/` (not `.dataset`, which
    /// ``edgeList(members:)`` uses as a scratch folder and deletes) and reused by later runs. It is
    /// generated into a temporary sibling folder and renamed into place, so a half-written
    /// directory is never used.
    ///
    /// - Complexity: O(1) when cached; otherwise one generator run, O(members + records).
    public static func dataset(members: Int) throws -> String {
        let fm = FileManager.default
        let dir = cacheDirectory
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = "\(dir)/gen\(label(members))-seed\(seed).community"
        if fm.fileExists(atPath: "\(path)/nodes.csv") { return path }

        let started = Date()
        let partial = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: partial)
        let summary = try CommunityGenerator(.init(members: members, seed: seed)).write(to: partial)
        try? fm.removeItem(atPath: path)
        try fm.moveItem(atPath: partial, toPath: path)
        let seconds = Date().timeIntervalSince(started)
        print("[BenchmarkInputs] wrote \(path): \(summary.members) members, \(summary.interactions) " +
              "interactions, \(summary.attendances) attendances (\(String(format: "%.1f", seconds)) s)")
        return path
    }

    /// `genN`'s dataset loaded as `meshwork boundaries` / `growth` load it: the member network and
    /// the community (`loaded.community` is never nil for a dataset directory).
    public static func community(members: Int) throws -> LoadedGraph {
        try GraphLoader.load(dataset(members: members), options: LoadOptions())
    }
}
