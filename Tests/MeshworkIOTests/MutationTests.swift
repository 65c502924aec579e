import Foundation
import MeshworkCore
import MeshworkIO
import Testing

/// A one-byte change anywhere in a valid file must give a result or an `InputError`, never a trap.
@Suite("One-byte mutations never crash the readers")
struct MutationTests {
    static let nodes = Array("""
        id,kind,name,parent,joined,profession
        P1,partner,England,,,
        R1,region,"North, East",P1,,
        O1,organisation,Trust A,R1,,
        M1,member,"Ann ""A"" Lee",O1,2020-01-05,nurse
        M2,member,Bob,O1,2020-02-01T09:00:00+01:00,
        M3,member,Cy,O1,,analyst

        """.utf8)
    static let interactions = Array("""
        source,target,date,kind,weight
        M1,M2,2020-03-01,event,1
        M2,M3,2020-04-01T10:30:00Z,lab,2.5

        """.utf8)
    static let attendance = Array("event,member,date\nE1,M1,2020-05-01\nE1,M3,2020-05-02\n".utf8)
    static let edges = Array("# comment\na b 1.5\nb\tc 2\n% other\nc a 1e-3\n".utf8)
    static let replacements: [UInt8?] = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, UInt8(ascii: "x"),
                                         UInt8(ascii: "0"), 0xFF, 0x00, nil]

    static func mutations(of bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for position in bytes.indices {
            for replacement in replacements {
                var copy = bytes
                if let replacement { copy[position] = replacement } else { copy.remove(at: position) }
                result.append(copy)
            }
        }
        return result
    }

    @Test("dataset directory", arguments: ["nodes.csv", "interactions.csv", "attendance.csv"])
    func dataset(file: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-mutation-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let originals = ["nodes.csv": Self.nodes, "interactions.csv": Self.interactions, "attendance.csv": Self.attendance]
        for (name, bytes) in originals { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        // The valid dataset reads.
        let community = try DatasetReader().read(directory: dir)
        #expect(community.memberCount == 3)
        var outcomes = (ok: 0, rejected: 0)
        for mutated in Self.mutations(of: originals[file]!) {
            try Data(mutated).write(to: URL(fileURLWithPath: dir + "/" + file))
            do {
                let community = try DatasetReader().read(directory: dir)
                _ = community.memberNetwork(weighted: true)
                outcomes.ok += 1
            } catch let error as InputError {
                #expect(!error.problems.isEmpty)
                outcomes.rejected += 1
            }
        }
        #expect(outcomes.rejected > 0)
        #expect(outcomes.ok > 0)
    }

    @Test("edge list, weighted and not", arguments: [false, true])
    func edgeList(weighted: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-mutation-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        for mutated in Self.mutations(of: Self.edges) {
            try Data(mutated).write(to: URL(fileURLWithPath: path))
            do {
                let read = try EdgeListReader(weighted: weighted).read(path: path)
                _ = read.edges.build(vertexCount: read.labels.count, directed: false)
            } catch is InputError {}
        }
    }
}
