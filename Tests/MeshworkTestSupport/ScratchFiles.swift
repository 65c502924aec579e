import Foundation

/// Small throw-away inputs for reader and kernel tests, under the temporary directory.
public enum Scratch {
    /// A new directory holding `files` (name -> contents); remove it with `remove(_:)`.
    public static func dataset(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        return dir
    }

    /// A new file holding `text`, named with `suffix`.
    public static func file(_ text: String, suffix: String = ".edges") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-\(UUID().uuidString)\(suffix)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    public static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
