import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// The co-attendance ties computed from the attendance rows (``CoAttendance``) against the ties
/// expanded the plain way: every two rows of an event with different members, dated by the later
/// row, appended to the interactions and the whole sorted stably by time.
@Suite("Co-attendance ties from attendance rows equal the expanded ties")
struct CoAttendanceTests {
    struct Record: Equatable {
        var source: Int32, target: Int32, time: Int64, weight: Double
    }

    /// The records the expansion gives: the interactions followed by each event's pairs (events
    /// in order of first appearance, rows in file order), sorted stably by time.
    static func expanded(_ community: Community) -> [Record] {
        let log = community.interactions, co = community.coAttendance
        var records = (0..<log.count).map {
            Record(source: log.sources[$0], target: log.targets[$0], time: log.times[$0], weight: log.weights[$0])
        }
        for e in 0..<(co.eventStarts.count - 1) {
            let rows = Int(co.eventStarts[e]) ..< Int(co.eventStarts[e + 1])
            for a in rows {
                for b in rows where b > a && co.members[a] != co.members[b] {
                    records.append(Record(source: co.members[a], target: co.members[b],
                                          time: max(co.times[a], co.times[b]), weight: 1))
                }
            }
        }
        let order = records.indices.sorted { records[$0].time != records[$1].time ? records[$0].time < records[$1].time : $0 < $1 }
        return order.map { records[$0] }
    }

    static func records(_ community: Community, from: Int64? = nil, through: Int64? = nil) -> [Record] {
        var records: [Record] = []
        community.forEachRecord(from: from, through: through) { records.append(Record(source: $0, target: $1, time: $2, weight: $3)) }
        return records
    }

    /// The member network of `records` built from a plain edge buffer.
    static func network(_ community: Community, _ records: [Record], weighted: Bool, directed: Bool) -> GraphBuild {
        var edges = EdgeBuffer(weighted: weighted)
        for r in records {
            let u = community.memberIndex[Int(r.source)], v = community.memberIndex[Int(r.target)]
            if u >= 0 && v >= 0 { edges.append(u, v, weight: r.weight) }
        }
        return edges.build(vertexCount: community.memberCount, directed: directed)
    }

    static func expectSame(_ a: GraphBuild, _ b: GraphBuild) {
        #expect(a.graph.offsets == b.graph.offsets)
        #expect(a.graph.targets == b.graph.targets)
        #expect(a.graph.weights?.map(\.bitPattern) == b.graph.weights?.map(\.bitPattern))
        #expect(a.graph.inOffsets == b.graph.inOffsets && a.graph.inSources == b.graph.inSources)
        #expect(a.graph.inWeights?.map(\.bitPattern) == b.graph.inWeights?.map(\.bitPattern))
        #expect(a.selfLoops == b.selfLoops && a.duplicateEdges == b.duplicateEdges)
    }

    /// Records, counts, bounds, networks (weighted, directed, over date windows), tie start days,
    /// presence and restricted communities, all against the expansion.
    static func check(_ community: Community, windows: [(Int64?, Int64?)], spans: [DateSpan]) {
        let expected = expanded(community)
        #expect(records(community) == expected)
        #expect(community.recordCount == expected.count)
        #expect(community.recordBounds == expected.first.map { $0.time...expected.last!.time })
        for (from, through) in windows {
            let inWindow = expected.filter { record in
                record.time >= from ?? .min && record.time <= through ?? .max
            }
            #expect(records(community, from: from, through: through) == inWindow)
            for (weighted, directed) in [(false, false), (true, false), (true, true), (false, true)] {
                expectSame(community.memberNetwork(from: from, through: through, weighted: weighted, directed: directed),
                           network(community, inWindow, weighted: weighted, directed: directed))
            }
        }
        for directed in [false, true] {
            let graph = community.memberNetwork(weighted: false, directed: directed).graph
            var days = [Int32](repeating: .max, count: graph.targets.count)
            var presence = community.members.map { community.joined[Int($0)] == .min ? Int32.max : community.joined[Int($0)] }
            for r in expected {
                let u = community.memberIndex[Int(r.source)], v = community.memberIndex[Int(r.target)]
                guard u >= 0, v >= 0, u != v else { continue }
                let day = CivilDate.day(ofSeconds: r.time)
                presence[Int(u)] = min(presence[Int(u)], day)
                presence[Int(v)] = min(presence[Int(v)], day)
                if let slot = graph.edgeIndex(u, v) { days[slot] = min(days[slot], day) }
                if !directed, let slot = graph.edgeIndex(v, u) { days[slot] = min(days[slot], day) }
            }
            #expect(community.tieStartDays(in: graph) == days)
            #expect(community.presenceDays == presence)
        }
        for span in spans {
            let restricted = community.restricted(to: span)
            // The restricted community's records, in the original node indices, are the span's
            // records among kept nodes.
            let original = (0..<restricted.kinds.count).map { community.ids.id(of: restricted.ids[Int32($0)])! }
            let kept = Set(original)
            let inSpan = expected.filter { span.contains($0.time) && kept.contains($0.source) && kept.contains($0.target) }
            let got = records(restricted).map {
                Record(source: original[Int($0.source)], target: original[Int($0.target)], time: $0.time, weight: $0.weight)
            }
            #expect(got == inSpan)
            #expect(restricted.recordCount == inSpan.count)
            #expect(restricted.recordTimes == inSpan.first.map { $0.time...inSpan.last!.time })
            // Its attendance keeps the rows of earlier ties as partners, not those ties.
            #expect(expanded(restricted).filter { span.contains($0.time) } == records(restricted))
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    @Test("the example community (single-date events)")
    func exampleCommunity() throws {
        let community = try DatasetReader().read(directory: Self.root.appendingPathComponent("fixtures/example-community").path)
        #expect(community.coAttendance.tieCount > 10_000)
        let mid = Int64(Self.day(2019, 3, 1).daysSinceEpoch) * 86_400
        Self.check(community, windows: [(nil, nil), (nil, mid), (mid, nil), (mid, mid + 400 * 86_400)],
                   spans: [DateSpan(from: nil, until: Self.day(2019, 6, 30)),
                           DateSpan(from: Self.day(2018, 1, 1), until: Self.day(2020, 12, 31))])
    }

    @Test("seeded random datasets: events over several dates, repeated members, fractional weights", arguments: 0..<12)
    func random(seed: UInt64) throws {
        var rng = SplitMix64(seed: 900 + seed)
        let members = 2 + rng.below(12)
        var nodes = "id,kind,parent,joined\nO,organisation,,\n"
        for m in 0..<members { nodes += "M\(m),member,O,\(rng.below(3) == 0 ? "2020-01-0\(1 + rng.below(9))" : "")\n" }
        func date() -> String {
            let d = rng.below(6)
            return "2020-01-0\(1 + d)" + (rng.below(4) == 0 ? "T\(10 + rng.below(10)):00:00Z" : "")
        }
        func node() -> String { rng.below(8) == 0 ? "O" : "M\(rng.below(members))" }
        var interactions = "source,target,date,kind,weight\n"
        for _ in 0..<rng.below(40) {
            interactions += "\(node()),\(node()),\(date()),\(rng.below(2) == 0 ? "lab" : "event"),\([0.1, 0.3, 1, 2.5][rng.below(4)])\n"
        }
        var attendance = "event,member,date\n"
        let events = rng.below(6)
        for _ in 0..<(events == 0 ? 0 : rng.below(40)) {
            attendance += "E\(rng.below(events)),M\(rng.below(members)),\(date())\n"
        }
        let dir = try Scratch.dataset(["nodes.csv": nodes, "interactions.csv": interactions, "attendance.csv": attendance])
        defer { Scratch.remove(dir) }
        let community = try DatasetReader().read(directory: dir)
        let second = Int64(Self.day(2020, 1, 2).daysSinceEpoch) * 86_400
        let fifth = Int64(Self.day(2020, 1, 5).daysSinceEpoch) * 86_400
        Self.check(community, windows: [(nil, nil), (second, nil), (nil, second + 50_000), (second + 3_600, fifth), (fifth, second)],
                   spans: [DateSpan(from: nil, until: Self.day(2020, 1, 3)), DateSpan(from: Self.day(2020, 1, 2), until: Self.day(2020, 1, 4)),
                           DateSpan(from: Self.day(2020, 1, 5), until: nil)])
    }

    @Test("an event's rows over several dates: each tie dated by its later row, in (date, event, rows) order")
    func blocks() {
        // Event 0: rows A@3, B@1, A@2, C@3; event 1: rows B@2, C@2.
        let co = CoAttendance(events: [0, 0, 1, 0, 0, 1], members: [10, 11, 11, 10, 12, 12], times: [3, 1, 2, 2, 3, 2],
                              eventCount: 2)
        var ties: [[Int64]] = []
        co.forEachTie { ties.append([Int64($0), Int64($1), $2]) }
        // Event 0's pairs: (A@3, B@1) 3, (A@3, A@2) same member, (A@3, C@3) 3, (B@1, A@2) 2, (B@1, C@3) 3,
        // (A@2, C@3) 3; event 1: (B@2, C@2) 2.
        #expect(ties == [[11, 10, 2], [11, 12, 2], [10, 11, 3], [10, 12, 3], [11, 12, 3], [10, 12, 3]])
        #expect(co.tieCount == 6)
        #expect(co.blocks(from: 3, through: 3) == 2..<3)
        let late = co.restricted(newIndex: (0..<13).map { Int32($0) }, from: 3, through: nil)
        #expect(late.tieCount == 4)
        let early = co.restricted(newIndex: (0..<13).map { $0 == 12 ? -1 : Int32($0) }, from: nil, through: 2)
        var earlyTies: [[Int64]] = []
        early.forEachTie { earlyTies.append([Int64($0), Int64($1), $2]) }
        #expect(earlyTies == [[11, 10, 2]])
    }
}
