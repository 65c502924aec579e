import Foundation
import MeshworkCore
import MeshworkIO
import Testing

/// The rules every output follows (``OutputFile``): folders, inputs, `.gz`, stale temporaries.
@Suite("Output files")
struct OutputFileTests {
    /// A fresh folder under the temporary directory, removed after `body`.
    func inFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    func write(_ text: String, to path: String) throws {
        var buffer = ByteBuffer()
        buffer.append(text)
        try writeAtomically(&buffer, to: path)
    }

    func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("missing parent folders are created; no temporary file is left")
    func parentFolders() throws {
        try inFolder { folder in
            try write("a b\n", to: folder + "/x/y/z.csv")
            #expect(try String(contentsOfFile: folder + "/x/y/z.csv", encoding: .utf8) == "a b\n")
            #expect(try entries(folder + "/x/y") == ["z.csv"])
            try write("", to: folder + "/plain.csv")
            #expect(throws: OutputError.self) { try write("a", to: folder + "/plain.csv/below.csv") }
        }
    }

    @Test("a file read as input is refused as an output, by identity: path, symlink, other spelling, hard link")
    func inputsRefused() throws {
        try inFolder { folder in
            let input = folder + "/graph.edges"
            try write("a b\nb c\n", to: input)
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.edges", withDestinationPath: input)
            try FileManager.default.linkItem(atPath: input, toPath: folder + "/hard.edges")
            try write("x y\n", to: folder + "/other.edges")  // not read: may be replaced
            _ = try EdgeListReader(weighted: false).read(path: input)
            for path in [input, folder + "/link.edges", folder + "/./graph.edges", folder + "/../" + (folder as NSString).lastPathComponent + "/graph.edges", folder + "/hard.edges"] {
                #expect(throws: OutputUsageError.self, "\(path)") { try write("overwritten\n", to: path) }
            }
            #expect(try String(contentsOfFile: input, encoding: .utf8) == "a b\nb c\n")
            try write("replaced\n", to: folder + "/other.edges")
            #expect(try String(contentsOfFile: folder + "/other.edges", encoding: .utf8) == "replaced\n")
        }
    }

    @Test(".gz names are written gzip-compressed, read back the same, and the bytes do not change run to run")
    func gzip() throws {
        try inFolder { folder in
            // More than one 256 KiB output chunk and several writes.
            var text = ""
            for i in 0 ..< 60_000 { text += "n\(i * 7919 % 100_003) n\(i)\n" }
            let out = try OutputFile(path: folder + "/edges.txt.GZ")
            var buffer = ByteBuffer()
            for line in text.split(separator: "\n") {
                buffer.append(String(line) + "\n")
                try out.flushIfLarge(&buffer, threshold: 100_000)
            }
            try out.write(&buffer)
            try out.commit()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/edges.txt.GZ"))
            #expect(bytes.starts(with: [0x1F, 0x8B]) && bytes.count < text.utf8.count / 2)
            let read = try EdgeListReader(weighted: false).read(path: folder + "/edges.txt.GZ")
            #expect(read.edges.count == 60_000)
            try write(text, to: folder + "/again.gz")
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/again.gz")) == bytes)
            try write("", to: folder + "/empty.gz")
            var lines = 0
            try ByteSource(path: folder + "/empty.gz").forEachLine { _, _ in lines += 1 }
            let empty = try Data(contentsOf: URL(fileURLWithPath: folder + "/empty.gz"))
            #expect(lines == 0 && empty.starts(with: [0x1F, 0x8B]))
        }
    }

    @Test("temporaries of the same target left by a process that no longer runs are removed; others stay")
    func staleTemporaries() throws {
        try inFolder { folder in
            let dead = folder + "/.out.csv.tmp-999999999"     // above any pid_max
            let running = folder + "/.out.csv.tmp-\(getppid())" // the parent of this test runs
            let otherTarget = folder + "/.other.csv.tmp-999999999"
            for path in [dead, running, otherTarget] { try write("partial", to: path) }
            try write("done\n", to: folder + "/out.csv")
            #expect(try entries(folder) == [".other.csv.tmp-999999999", ".out.csv.tmp-\(getppid())", "out.csv"])
        }
    }
}
