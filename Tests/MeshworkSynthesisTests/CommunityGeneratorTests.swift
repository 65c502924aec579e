import Foundation
import MeshworkSynthesis
import MeshworkTestSupport
import Testing

/// A generated dataset in a fresh temporary directory, parsed naively (the generator never quotes).
private struct Generated {
    let directory: String
    let summary: GenerationSummary
    let nodes: [[String]]
    let interactions: [[String]]
    let attendance: [[String]]

    init(members: Int, seed: UInt64, configure: (inout CommunityGenerator.Configuration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshwork-synthesis-\(UUID().uuidString)").path
        var configuration = CommunityGenerator.Configuration(members: members, seed: seed)
        configure(&configuration)
        summary = try CommunityGenerator(configuration).write(to: directory)
        nodes = try Generated.rows(directory + "/nodes.csv")
        interactions = try Generated.rows(directory + "/interactions.csv")
        attendance = try Generated.rows(directory + "/attendance.csv")
    }

    static func rows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// Member id -> joined date.
    var joined: [String: String] {
        var map: [String: String] = [:]
        for row in nodes.dropFirst() where row[1] == "member" { map[row[0]] = row[4] }
        return map
    }
}

@Suite("CommunityGenerator")
struct CommunityGeneratorTests {
    static let files = ["nodes.csv", "interactions.csv", "attendance.csv"]

    @Test("the same seed gives byte-identical files")
    func sameSeedSameBytes() throws {
        let a = try Generated(members: 1_500, seed: 7)
        let b = try Generated(members: 1_500, seed: 7)
        defer { a.remove(); b.remove() }
        for file in Self.files {
            #expect(try a.bytes(file) == b.bytes(file), "\(file) differs")
        }
        #expect(a.summary == b.summary)
    }

    @Test("the example configuration writes fixtures/example-community byte for byte (what `demo` analyses)")
    func exampleIsTheFixture() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshwork-example-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try CommunityGenerator(.example).write(to: directory)
        for file in Self.files {
            let written = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            let committed = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/example-community/" + file))
            #expect(written == committed, "\(file) differs from the committed example community")
        }
    }

    @Test("a different seed gives different files")
    func differentSeedDifferentBytes() throws {
        let a = try Generated(members: 1_500, seed: 7)
        let b = try Generated(members: 1_500, seed: 8)
        defer { a.remove(); b.remove() }
        for file in Self.files {
            #expect(try a.bytes(file) != b.bytes(file), "\(file) is the same")
        }
    }

    @Test("nodes: header, 4 partners, 18 regions, organisations, then N members with valid parents")
    func hierarchy() throws {
        let g = try Generated(members: 2_000, seed: 3)
        defer { g.remove() }
        #expect(g.nodes.first == ["id", "kind", "name", "parent", "joined", "role", "profession"])
        let rows = Array(g.nodes.dropFirst())
        for row in rows { #expect(row.count == 7, "row \(row)") }
        let kinds = rows.map { $0[1] }
        // Order: partners, regions, organisations, members.
        let order = ["partner", "region", "organisation", "member"]
        #expect(kinds == kinds.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
        var kindOf: [String: String] = [:]
        for row in rows {
            #expect(kindOf[row[0]] == nil, "duplicate id \(row[0])")
            kindOf[row[0]] = row[1]
        }
        let partners = rows.filter { $0[1] == "partner" }
        let regions = rows.filter { $0[1] == "region" }
        let organisations = rows.filter { $0[1] == "organisation" }
        let members = rows.filter { $0[1] == "member" }
        #expect(partners.map { $0[0] } == ["P1", "P2", "P3", "P4"])
        #expect(partners.map { $0[2] } == ["England", "Scotland", "Wales", "Northern Ireland"])
        #expect(regions.count == 18)
        #expect(regions.filter { $0[3] == "P1" }.count == 15)
        #expect(members.count == 2_000)
        #expect(members.first?[0] == "M0001" && members.last?[0] == "M2000")
        #expect((80...140).contains(organisations.count))
        for row in regions { #expect(kindOf[row[3]] == "partner") }
        for row in organisations { #expect(kindOf[row[3]] == "region") }
        for row in members {
            #expect(kindOf[row[3]] == "organisation")
            #expect(!row[2].isEmpty && !row[5].isEmpty && !row[6].isEmpty)
        }
        for row in partners { #expect(row[3].isEmpty) }
        #expect(g.summary == GenerationSummary(
            members: 2_000, organisations: organisations.count, regions: 18, partners: 4,
            interactions: g.interactions.count - 1, attendances: g.attendance.count - 1,
            events: Set(g.attendance.dropFirst().map { $0[0] }).count))

        // England holds most members; organisation sizes are uneven.
        var regionOf: [String: String] = [:]
        for row in organisations { regionOf[row[0]] = row[3] }
        var partnerOf: [String: String] = [:]
        for row in regions { partnerOf[row[0]] = row[3] }
        let english = members.filter { partnerOf[regionOf[$0[3]]!] == "P1" }.count
        #expect((1_560...1_800).contains(english))
        var sizes: [String: Int] = [:]
        for row in members { sizes[row[3], default: 0] += 1 }
        let largest = sizes.values.max() ?? 0
        let median = sizes.values.sorted()[sizes.count / 2]
        #expect(largest >= 5 * median)
    }

    @Test("the founding cohort: 231 members on the start date, then joining order")
    func foundingCohort() throws {
        let g = try Generated(members: 3_000, seed: 11)
        defer { g.remove() }
        let dates = g.nodes.dropFirst().filter { $0[1] == "member" }.map { $0[4] }
        #expect(dates.filter { $0 == "2015-01-01" }.count == 231)
        #expect(dates.prefix(231).allSatisfy { $0 == "2015-01-01" })
        #expect(dates == dates.sorted())
        #expect(dates.last! < "2025-01-01" && dates.last! >= "2023-01-01")
        let roles = g.nodes.dropFirst().filter { $0[1] == "member" }.map { $0[5] }
        #expect(roles.contains("connector"))
        #expect(roles.contains("mentor"))

        let small = try Generated(members: 100, seed: 11)
        defer { small.remove() }
        let smallDates = small.nodes.dropFirst().filter { $0[1] == "member" }.map { $0[4] }
        #expect(smallDates.count == 100 && smallDates.allSatisfy { $0 == "2015-01-01" })
    }

    @Test("interactions and attendance reference members and are dated after both joined")
    func recordsAreValid() throws {
        let g = try Generated(members: 2_500, seed: 42)
        defer { g.remove() }
        let joined = g.joined
        #expect(g.interactions.first == ["source", "target", "date", "kind", "weight"])
        #expect(g.attendance.first == ["event", "member", "date"])
        var kinds: [String: Int] = [:]
        var previous = ""
        for row in g.interactions.dropFirst() {
            #expect(row.count == 5)
            guard let a = joined[row[0]], let b = joined[row[1]] else {
                Issue.record("unknown member in \(row)")
                continue
            }
            #expect(row[0] != row[1])
            #expect(row[2] >= a && row[2] >= b && row[2] < "2025-01-01", "\(row)")
            #expect(row[2] >= previous)
            previous = row[2]
            #expect((Double(row[4]) ?? 0) > 0)
            kinds[row[3], default: 0] += 1
        }
        #expect(Set(kinds.keys) == ["message", "lab", "mentoring"])
        let records = g.interactions.count - 1 + g.attendance.count - 1
        #expect((7 * 2_500...13 * 2_500).contains(records))

        var eventSizes: [String: Int] = [:]
        var eventDates: [String: String] = [:]
        for row in g.attendance.dropFirst() {
            #expect(row.count == 3)
            guard let a = joined[row[1]] else {
                Issue.record("unknown member in \(row)")
                continue
            }
            #expect(row[2] >= a && row[2] < "2025-01-01")
            eventSizes[row[0], default: 0] += 1
            #expect(eventDates[row[0], default: row[2]] == row[2], "one date per event")
            eventDates[row[0]] = row[2]
        }
        #expect(!eventSizes.isEmpty)
        #expect(eventSizes.values.allSatisfy { (2...60).contains($0) })
    }

    @Test("ties are homophilous, connectors cross boundaries, few members are isolated")
    func networkShape() throws {
        let g = try Generated(members: 3_000, seed: 5)
        defer { g.remove() }
        var organisation: [String: String] = [:]
        var region: [String: String] = [:]
        var regionOf: [String: String] = [:]
        var role: [String: String] = [:]
        for row in g.nodes.dropFirst() {
            if row[1] == "organisation" { regionOf[row[0]] = row[3] }
            if row[1] == "member" {
                organisation[row[0]] = row[3]
                region[row[0]] = regionOf[row[3]]
                role[row[0]] = row[5]
            }
        }
        var tied = Set<String>()
        var sameRegion = 0, messages = 0
        var connectorCross = 0, connectorTotal = 0
        for row in g.interactions.dropFirst() {
            tied.insert(row[0]); tied.insert(row[1])
            guard row[3] == "message" else { continue }
            messages += 1
            let cross = region[row[0]] != region[row[1]]
            if !cross { sameRegion += 1 }
            if role[row[0]] == "connector" || role[row[1]] == "connector" {
                connectorTotal += 1
                if cross { connectorCross += 1 }
            }
        }
        for row in g.attendance.dropFirst() { tied.insert(row[1]) }
        #expect(Double(sameRegion) / Double(messages) > 0.6)
        #expect(connectorTotal > 0)
        #expect(Double(connectorCross) / Double(connectorTotal) > 0.4)
        #expect(tied.count >= 2_700, "isolated members: \(3_000 - tied.count)")
    }

    @Test("tiny and empty communities are still valid datasets", arguments: [0, 1, 2, 7, 40])
    func tiny(members: Int) throws {
        let g = try Generated(members: members, seed: 1)
        defer { g.remove() }
        #expect(g.summary.members == members)
        #expect(g.nodes.dropFirst().filter { $0[1] == "member" }.count == members)
        #expect(g.nodes.dropFirst().filter { $0[1] == "region" }.count == 18)
        let joined = g.joined
        for row in g.interactions.dropFirst() { #expect(joined[row[0]] != nil && joined[row[1]] != nil) }
    }

    @Test("invalid configurations and unwritable directories throw instead of trapping")
    func invalid() {
        #expect(throws: GenerationError.self) {
            _ = try CommunityGenerator(.init(members: -1, seed: 0)).write(to: "/nonexistent-never-created")
        }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshwork-synthesis-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: GenerationError.self) {
            _ = try CommunityGenerator(.init(members: 10, seed: 0)).write(to: file + "/inside")
        }
        var configuration = CommunityGenerator.Configuration(members: 10, seed: 0)
        configuration.years = 0
        #expect(throws: GenerationError.self) {
            _ = try CommunityGenerator(configuration).write(to: "/nonexistent-never-created")
        }
    }

    @Test("progress runs from 0 to 1 without going back")
    func progress() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("meshwork-synthesis-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var seen: [Double] = []
        _ = try CommunityGenerator(.init(members: 500, seed: 2)).write(to: directory) { seen.append($0) }
        #expect(seen.first == 0 && seen.last == 1)
        #expect(seen == seen.sorted())
    }
}
