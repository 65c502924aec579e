import Foundation

/// Runs the built `meshwork` executable and captures what it prints.
enum Meshwork {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `MESHWORK_EXECUTABLE`, or the `meshwork` executable in the products folder of this test bundle.
    static let executable: String = {
        if let chosen = ProcessInfo.processInfo.environment["MESHWORK_EXECUTABLE"], !chosen.isEmpty { return chosen }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while !url.path.isEmpty && url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("meshwork").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        return root.path + "/.build/debug/meshwork"
    }()

    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func fixture(_ path: String) -> String { repositoryRoot + "/fixtures/" + path }

    @discardableResult
    /// Runs the tool (or `program`, given the tool's path among `arguments`); `environment`, when
    /// given, replaces any `MESHWORK_PSEUDONYM_KEY` of this process's environment and adds its variables.
    static func run(_ arguments: [String], in directory: String? = nil,
                    environment: [String: String]? = nil, program: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program ?? executable)
        process.arguments = arguments
        if let environment {
            var merged = ProcessInfo.processInfo.environment
            merged.removeValue(forKey: "MESHWORK_PSEUDONYM_KEY")
            merged.merge(environment) { $1 }
            process.environment = merged
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files, so a large output can never fill a pipe and block.
        let scratch = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: scratch.path + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: scratch.path + "/err", contents: nil)
        let out = FileHandle(forWritingAtPath: scratch.path + "/out")!
        let err = FileHandle(forWritingAtPath: scratch.path + "/err")!
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out"))
        let errData = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/err"))
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed when the value is dropped.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshwork-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ contents: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path + "/" + name, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
