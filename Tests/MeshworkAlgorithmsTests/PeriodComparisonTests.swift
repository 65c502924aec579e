import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("PeriodComparison")
struct PeriodComparisonTests {
    /// Each span's figures agree with the growth series' rows for the same periods, computed
    /// independently (incremental and checked against Python goldens): cumulative spans against
    /// the cumulative series, one-period spans against the series with a window of one period.
    @Test("spans agree with the growth series on the example community", .tags(.large), .largeLane)
    func largeAgreesWithGrowth() throws { try agreesWithGrowth(dataset: "example-community") }

    @Test("spans agree with the growth series", arguments: ["workplace-invs15", "email-eu-core-temporal"])
    func agreesWithGrowth(dataset: String) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        let levels = HierarchyLevel.allCases.map { community.partition($0) }
        for window in [nil, 1] as [Int?] {
            let series = GrowthSeries(period: .quarter, window: window).run(community, levels: levels)
            let rows = series.rows
            let periods = try #require(series.periods)
            for q in 1..<min(rows.count, 8) {
                func span(_ p: Int) -> DateSpan { DateSpan(from: window == nil ? nil : periods.start(p), until: periods.end(p)) }
                let result = PeriodComparison(before: span(q - 1), after: span(q), threads: 2).run(community, levels: levels)
                for (figures, row) in [(result.before, rows[q - 1]), (result.after, rows[q])] {
                    #expect(figures.members == row.members && figures.ties == row.ties, "\(dataset) \(q)")
                    #expect(figures.largestComponent == row.largestComponent, "\(dataset) \(q)")
                }
                #expect(result.tiesGained == rows[q].newTies && result.tiesLost == rows[q].lostTies, "\(dataset) \(q)")
                #expect(result.tiesKept == rows[q].retainedTies)
                #expect(result.joined.count == rows[q].newcomers, "\(dataset) \(q)")
                for l in levels.indices {
                    let (a, b) = (result.levels[l].before, result.levels[l].after)
                    #expect(a.insideTies == rows[q - 1].insideTies[l] && a.acrossTies == rows[q - 1].acrossTies[l])
                    #expect(b.insideTies == rows[q].insideTies[l] && b.acrossTies == rows[q].acrossTies[l])
                }
            }
        }
    }

    /// A hand-made community: a, b, e in X, c and d in Y. 2020: a-b, a-e (a brokers inside X only);
    /// 2021: a-b, b-c (b brokers a and c across the boundary), and d joins without a tie.
    @Test("ties gained, lost and kept; brokers who start and stop")
    func handMade() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshwork-compare-\(UUID())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try """
            id,kind,name,parent,joined
            X,organisation,X,,
            Y,organisation,Y,,
            a,member,A,X,
            b,member,B,X,
            c,member,C,Y,
            d,member,D,Y,2021-06-01
            e,member,E,X,

            """.write(toFile: scratch + "/nodes.csv", atomically: true, encoding: .utf8)
        try """
            source,target,date
            a,b,2020-03-01
            a,e,2020-04-01
            a,b,2021-03-01
            b,c,2021-04-01

            """.write(toFile: scratch + "/interactions.csv", atomically: true, encoding: .utf8)
        let community = try DatasetReader().read(directory: scratch)
        let organisations = community.partition(.organisation)
        let year = { (y: Int) in DateSpan(from: CivilDate(year: y, month: 1, day: 1), until: CivilDate(year: y, month: 12, day: 31)) }
        let result = PeriodComparison(before: year(2020), after: year(2021)).run(community, levels: [organisations])
        #expect(result.before.members == 3 && result.after.members == 5)   // a, b, e; then c (first tie) and d (joined)
        #expect(result.before.ties == 2 && result.after.ties == 2)
        #expect(result.tiesKept == 1 && result.tiesGained == 1 && result.tiesLost == 1)
        #expect(result.joined.map { community.ids[community.members[Int($0)]] } == ["c", "d"])
        #expect(result.before.largestComponent == 3 && result.after.largestComponent == 3)
        let level = result.levels[0]
        #expect(level.before.insideTies == 2 && level.before.acrossTies == 0)
        #expect(level.after.insideTies == 1 && level.after.acrossTies == 1)
        #expect(level.after.crossShare == 0.5 && level.after.eiIndex == 0 && level.before.eiIndex == -1)
        #expect(level.newCrossTies == 1)
        #expect(level.before.brokers == 0 && level.after.brokers == 1)
        #expect(level.becameBrokers.map { community.ids[community.members[Int($0)]] } == ["b"])
        #expect(level.stoppedBrokers.isEmpty)
    }
}
