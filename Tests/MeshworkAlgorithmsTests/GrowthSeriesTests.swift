@testable import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("GrowthSeries")
struct GrowthSeriesTests {
    static let datasets = ["workplace-invs15", "email-eu-core", "karate-club"]

    @Test("incremental and rebuilt-from-scratch series are identical on the example community",
          .tags(.large), .largeLane, arguments: [PeriodLength.month, .quarter, .year])
    func largeIncrementalMatchesRebuild(period: PeriodLength) throws {
        try incrementalMatchesRebuild(dataset: "example-community", period: period)
    }

    @Test("incremental and rebuilt-from-scratch series are identical",
          arguments: datasets, [PeriodLength.month, .quarter, .year])
    func incrementalMatchesRebuild(dataset: String, period: PeriodLength) throws {
        let community = try #require(try Fixtures.load(dataset).community)
        let levels = HierarchyLevel.allCases.map { community.partition($0) }
        for window in [nil, 1, 2, 5] {
            let series = GrowthSeries(period: period, window: window).run(community, levels: levels)
            let rebuilt = GrowthSeries(period: period, window: window, method: .rebuild).run(community, levels: levels)
            #expect(series.rows == rebuilt.rows, "window \(String(describing: window))")
            #expect(series.rows.count == series.count)
        }
    }

    @Test("calendar periods")
    func periods() {
        let first = CivilDate(year: 2015, month: 2, day: 14)!, last = CivilDate(year: 2016, month: 1, day: 3)!
        let quarters = CalendarPeriods(.quarter, from: first, through: last)
        #expect(quarters.count == 5)
        #expect(quarters.start(0).description == "2015-01-01" && quarters.end(0).description == "2015-03-31")
        #expect(quarters.end(4).description == "2016-03-31")
        #expect(quarters.index(ofDay: CivilDate(year: 2015, month: 7, day: 1)!) == 2)
        let months = CalendarPeriods(.month, from: first, through: last)
        #expect(months.count == 12 && months.end(0).description == "2015-02-28")
        #expect(CalendarPeriods(.year, from: first, through: last).count == 2)
        #expect(CalendarPeriods.day(of: -1).description == "1969-12-31")
        #expect(quarters.endTime(0) + 1 == quarters.startTime(1))
    }
}

@Suite("Growth: weights, cohorts, ego, bootstrap")
struct GrowthExtensionsTests {
    static func series(_ window: Int? = nil, dataset: String = "example-community", period: PeriodLength = .quarter,
                       cohort: Cohort? = nil) throws -> GrowthSeries.Result {
        let community = try #require(try Fixtures.load(dataset).community)
        return GrowthSeries(period: period, window: window, cohort: cohort)
            .run(community, levels: HierarchyLevel.allCases.map { community.partition($0) })
    }

    /// On the workplace study by day; `largeConsistency` on the e-mail network by month (1,005
    /// ego series, each a pass over its 50,460 interactions).
    @Test("unit weights give the plain series; ego degrees add up to twice the ties", arguments: [nil, 2])
    func consistency(window: Int?) throws {
        try consistency(try Self.series(window, dataset: "workplace-invs15", period: .day))
    }

    @Test("unit weights give the plain series; ego degrees add up to twice the ties, e-mail network by month",
          .tags(.large), .largeLane, arguments: [nil, 2])
    func largeConsistency(window: Int?) throws {
        try consistency(try Self.series(window, dataset: "email-eu-core-temporal", period: .month))
    }

    func consistency(_ series: GrowthSeries.Result) throws {
        let rows = series.rows
        #expect(series.records.rows(weights: [Int](repeating: 1, count: series.community.memberCount)) == rows)
        var degrees = [Int](repeating: 0, count: rows.count), gained = degrees, lost = degrees
        for member in 0..<series.community.memberCount {
            let ego = EgoGrowth(member: VertexID(member)).run(series)
            for p in rows.indices {
                degrees[p] += ego.degree[p]; gained[p] += ego.newTies[p]; lost[p] += ego.lostTies[p]
                if ego.degree[p] > 0 { #expect(ego.present[p]) }
            }
        }
        #expect(degrees == rows.map { 2 * $0.ties })
        #expect(gained == rows.map { 2 * $0.newTies } && lost == rows.map { 2 * $0.lostTies })
    }

    @Test("a cohort's series is the series of the community among its members")
    func cohort() throws {
        let series = try Self.series(cohort: .founding)
        let founding = try #require(series.weights)
        #expect(founding.contains(1) && founding.contains(0))
        #expect(series.records.weights(of: .founding) == founding)
        let rows = series.rows
        #expect(rows.allSatisfy { $0.members == rows[0].members && $0.newcomers == 0 || $0.periodStart == rows[0].periodStart })
        // Brute force: ties among cohort members in the final network.
        let graph = series.community.memberNetwork(weighted: false).graph
        var ties = 0
        for u in 0..<graph.vertexCount where founding[u] == 1 {
            for q in graph.row(Int32(u)) where Int(graph.targets[q]) > u && founding[Int(graph.targets[q])] == 1 { ties += 1 }
        }
        #expect(rows.last?.ties == ties)
        let year = try #require(try Self.series(cohort: .joinedIn(year: 2016)).weights)
        #expect(year.reduce(0, +) > 0 && zip(year, founding).allSatisfy { !($0 == 1 && $1 == 1) })
    }

    /// On the workplace study by day; `largeBootstrap` on the example community by quarter.
    @Test("bootstrap intervals do not depend on the thread count and bracket low <= high")
    func bootstrap() throws {
        try bootstrap(try Self.series(dataset: "workplace-invs15", period: .day))
    }

    @Test("bootstrap intervals do not depend on the thread count, the example community", .tags(.large), .largeLane)
    func largeBootstrap() throws {
        try bootstrap(try Self.series())
    }

    func bootstrap(_ series: GrowthSeries.Result) throws {
        let names = HierarchyLevel.allCases.map(\.rawValue)
        let one = GrowthBootstrap(replicates: 24, seed: 5, threads: 1).run(series, levelNames: names)
        let two = GrowthBootstrap(replicates: 24, seed: 5, threads: 2).run(series, levelNames: names)
        #expect(one.low.description == two.low.description && one.high.description == two.high.description)
        let rows = series.rows
        for (measure, name) in one.names.enumerated() {
            for p in rows.indices where !one.low[measure][p].isNaN {
                #expect(one.low[measure][p] <= one.high[measure][p], "\(name) period \(p)")
            }
        }
        let last = rows.count - 1
        #expect(one.low[0][last] < rows[last].density * 1.5 && one.high[0][last] > rows[last].density * 0.5)
        #expect(GrowthBootstrap.percentile([1, 2, 3, 4], 0.5) == 2.5)
    }
}

@Suite("GrowthSeries on seeded random communities")
struct GrowthRandomTests {
    /// A community of `members` members in 2 partners, 4 regions and 8 organisations (some members
    /// without one), with random dated interactions (some with non-members and self-interactions)
    /// and random joined dates, over `days` days from 2019-11-20.
    static func community(seed: UInt64, members: Int, interactions: Int, days: Int) -> Community {
        var rng = SplitMix64(seed: seed)
        var ids: [String] = [], kinds: [NodeKind] = [], parents: [Int32] = [], joined: [Int32] = []
        func node(_ id: String, _ kind: NodeKind, _ parent: Int32, _ day: Int32 = Int32.min) {
            ids.append(id); kinds.append(kind); parents.append(parent); joined.append(day)
        }
        for p in 0..<2 { node("P\(p)", .partner, -1) }
        for r in 0..<4 { node("R\(r)", .region, Int32(r % 2)) }
        for o in 0..<8 { node("O\(o)", .organisation, Int32(2 + o % 4)) }
        let start = CivilDate(year: 2019, month: 11, day: 20)!.daysSinceEpoch
        for m in 0..<members {
            let day = rng.below(3) == 0 ? Int32.min : start + Int32(rng.below(days))
            node("M\(m)", .member, rng.below(7) == 0 ? -1 : Int32(6 + rng.below(8)), day)
        }
        var log = InteractionLog()
        for _ in 0..<interactions {
            let a = Int32(6 + 8 + rng.below(members)), b = rng.below(20) == 0 ? Int32(rng.below(14)) : Int32(14 + rng.below(members))
            let time = Int64(start) * 86_400 + Int64(rng.below(days * 86_400))
            log.append(source: a, target: rng.below(30) == 0 ? a : b, time: time, weight: 1)
        }
        log.sortByTime()
        return Community(ids: LabelTable(ids), kinds: kinds, names: ids, parents: parents, joined: joined,
                         attributeNames: [], attributeValues: [], interactions: log)
    }

    /// Every period length and windows on random communities over 300 days (two years, four or
    /// five quarters): rebuilding a network per day is the cost, so the three-year span runs in
    /// the large lane.
    @Test("incremental and rebuilt series are identical", arguments: 0..<6)
    func incrementalMatchesRebuild(seed: Int) {
        Self.incrementalMatchesRebuild(seed: seed, days: 300)
    }

    @Test("incremental and rebuilt series are identical over three years", .tags(.large), .largeLane, arguments: 0..<10)
    func largeIncrementalMatchesRebuild(seed: Int) {
        Self.incrementalMatchesRebuild(seed: seed, days: 1100)
    }

    static func incrementalMatchesRebuild(seed: Int, days: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 90)
        let community = Self.community(seed: UInt64(seed), members: 5 + rng.below(120), interactions: rng.below(600), days: days)
        let levels = HierarchyLevel.allCases.map { community.partition($0) }
        for period in PeriodLength.allCases {
            for window in [nil, 1, 3] {
                let rows = GrowthSeries(period: period, window: window).run(community, levels: levels).rows
                let rebuilt = GrowthSeries(period: period, window: window, method: .rebuild).run(community, levels: levels).rows
                #expect(rows == rebuilt, "\(period) window \(String(describing: window))")
            }
        }
    }
}
