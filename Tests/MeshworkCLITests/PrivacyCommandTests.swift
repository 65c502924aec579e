import Foundation
import Testing

/// `--pseudonymise` across every command and every output file: no original member id, name or
/// identifying attribute value may appear in any byte written.
@Suite("Privacy end to end")
struct PrivacyCommandTests {
    static let environment = ["MESHWORK_PSEUDONYM_KEY": "a key that is long enough for tests"]

    /// Ids, names and e-mail addresses that cannot occur by chance in numbers or markup.
    static let members: [(id: String, name: String, email: String, organisation: String)] = [
        ("mem-zorblax", "Zorblax Quintavelle", "zorblax@quintmail.example", "O1"),
        ("mem-yuvqar", "Yuvqar Ostrelind", "yuvqar@ostremail.example", "O1"),
        ("mem-wexmold", "Wexmold Prandigast", "wexmold@prandmail.example", "O2"),
        ("mem-vintrop", "Vintrop Aldercasque", "vintrop@aldermail.example", "O2"),
        ("mem-tamsquid", "Tamsquid Huelvarro", "tamsquid@huelmail.example", "O1"),
        ("mem-kelbrith", "Kelbrith Sunnavoy", "kelbrith@sunnamail.example", "O2"),
    ]

    /// Every string that must not appear, lower-cased: ids, each word of each name, e-mails and
    /// their parts.
    static var forbidden: [String] {
        members.flatMap { member -> [String] in
            let parts = member.email.split(separator: "@").map(String.init)
            return [member.id, member.email] + member.name.split(separator: " ").map(String.init) + parts
        }.map { $0.lowercased() }.filter { $0 != "example" }
    }

    static func writeDataset(in dir: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: dir.path + "/ds", withIntermediateDirectories: true)
        var nodes = "id,kind,name,parent,joined,email,team\nP1,partner,Partner Uno,,,,\nR1,region,Region Norte,P1,,,\n"
        nodes += "O1,organisation,Org Alpha,R1,,,\nO2,organisation,Org Beta,R1,,,\n"
        for (i, member) in members.enumerated() {
            nodes += "\(member.id),member,\(member.name),\(member.organisation),2020-0\(i + 1)-05,\(member.email),\(i % 2 == 0 ? "red" : "blue")\n"
        }
        var interactions = "source,target,date,kind,weight\n"
        let pairs = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2), (4, 5), (5, 1)]
        for (k, (a, b)) in pairs.enumerated() {
            interactions += "\(members[a].id),\(members[b].id),2020-\(String(format: "%02d", k + 1))-10,event,\(k % 3 + 1)\n"
        }
        try dir.write("ds/nodes.csv", nodes)
        try dir.write("ds/interactions.csv", interactions)
        try dir.write("ds/attendance.csv", "event,member,date\nev1,\(members[0].id),2020-09-01\nev1,\(members[3].id),2020-09-01\n")
        return dir.path + "/ds"
    }

    /// Every file under `path`, recursively.
    static func files(under path: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path + "/" + name)
            }
        }
        return found.sorted()
    }

    @Test("every command's every output: no original id, name or e-mail; kept columns stay")
    func everyOutput() throws {
        let dir = try TemporaryDirectory()
        let ds = try Self.writeDataset(in: dir)
        let plain = dir.path + "/plain.graphml"
        let converted = try Meshwork.run(["convert", ds, "--to", "graphml", "-o", plain])
        #expect(converted.status == 0, "\(converted.stderr)")
        // The GraphML input carries the names and e-mails as node data: the reproducer of the leak.
        #expect(try String(contentsOfFile: plain, encoding: .utf8).contains(Self.members[0].email))
        let out = dir.path + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let runs: [[String]] = [
            ["summary", ds, "-o", out + "/summary.txt", "--stats", out + "/summary.json"],
            ["components", ds, "-o", out + "/components.csv"],
            ["centrality", ds, "--measure", "degree", "--measure", "pagerank", "-o", out + "/centrality.csv"],
            ["bridges", ds], ["articulation-points", ds], ["biconnected-components", ds], ["edge-betweenness", ds],
            ["communities", ds, "-o", out + "/communities.csv", "--stats", out + "/communities.json"],
            ["boundaries", ds, "--min-cell", "1", "--mixing", out + "/mixing.csv", "--ties", out + "/ties.csv",
             "--stats", out + "/boundaries.json", "--level", "organisation", "--level", "communities"],
            ["boundaries", ds, "--min-cell", "1", "--level", "organisation", "--quotient", out + "/quotient.graphml"],
            ["boundaries", ds, "--min-cell", "1", "--level", "attribute:team", "--keep-attribute", "team",
             "-o", out + "/team.csv"],
            ["brokers", ds, "--level", "organisation", "-o", out + "/brokers.csv"],
            ["growth", ds, "--period", "month", "--charts", out + "/charts", "--stats", out + "/growth.json"],
            ["growth", ds, "--period", "month", "--member", Self.members[0].id, "-o", out + "/member.csv",
             "--stats", out + "/member.json"],
            ["map", ds, "-o", out + "/members.svg"], ["map", ds, "--format", "dot", "-o", out + "/members.dot"],
            ["map", ds, "--ego", Self.members[0].id, "--labels", "6", "-o", out + "/ego.svg"],
            ["map", ds, "--level", "organisation", "-o", out + "/organisations.svg"],
            ["report", ds, "-o", out + "/report"],
            ["convert", ds, "--to", "graphml", "-o", out + "/dataset.graphml"],
            ["convert", ds, "-o", out + "/dataset.edges"],
            ["convert", plain, "--to", "graphml", "-o", out + "/graphml.graphml"],
            ["centrality", plain, "--measure", "degree"],
            ["map", plain, "--labels", "6", "-o", out + "/graphml.svg"],
        ]
        var printed: [String] = []
        for args in runs {
            let run = try Meshwork.run(args + ["--pseudonymise"], environment: Self.environment)
            #expect(run.status == 0, "\(args.joined(separator: " ")): \(run.stderr)")
            printed += [run.stdout, run.stderr]
        }
        let written = Self.files(under: out)
        #expect(written.count >= 30, "\(written)")
        let texts = try printed + written.map { String(decoding: try Data(contentsOf: URL(fileURLWithPath: $0)), as: UTF8.self) }
        for (index, text) in texts.enumerated() {
            let lowered = text.lowercased()
            for secret in Self.forbidden where lowered.contains(secret) {
                Issue.record("\(secret) leaked into \(index < printed.count ? "printed output \(index)" : written[index - printed.count])")
            }
        }
        // The kept column is there; the others are not.
        let team = try String(contentsOfFile: out + "/team.csv", encoding: .utf8)
        #expect(team.contains("red,") && team.contains("blue,"))
        let graphml = try String(contentsOfFile: out + "/dataset.graphml", encoding: .utf8)
        #expect(!graphml.contains("attr.name=\"email\"") && !graphml.contains("attr.name=\"team\""))
        #expect(graphml.contains("Org Alpha") || graphml.contains(">O1<"), "groups are not persons and stay")
        // The member's series is found by the original id; the stats name its pseudonym.
        #expect(try String(contentsOfFile: out + "/member.json", encoding: .utf8).contains("\"member\": \"p"))
    }

    @Test("a level on a dropped column is refused with its reason; --keep-attribute must name a column")
    func refusals() throws {
        let dir = try TemporaryDirectory()
        let ds = try Self.writeDataset(in: dir)
        for command in ["boundaries", "brokers"] {
            let run = try Meshwork.run([command, ds, "--pseudonymise", "--level", "attribute:email"], environment: Self.environment)
            #expect(run.status == 64 && run.stderr.contains("--keep-attribute email"), "\(command): \(run.stderr)")
            #expect(!run.stdout.contains("@"))
        }
        let colour = try Meshwork.run(["map", ds, "--pseudonymise", "--colour-by", "attribute:email"], environment: Self.environment)
        #expect(colour.status == 64 && colour.stderr.contains("--keep-attribute email"))
        let unknown = try Meshwork.run(["summary", ds, "--pseudonymise", "--keep-attribute", "phone"], environment: Self.environment)
        #expect(unknown.status == 64 && unknown.stderr.contains("no attribute column phone"))
        let withoutFlag = try Meshwork.run(["summary", ds, "--keep-attribute", "team"])
        #expect(withoutFlag.status == 64)
    }
}
