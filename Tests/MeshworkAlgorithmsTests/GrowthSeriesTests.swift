import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("GrowthSeries")
struct GrowthSeriesTests {
    static let datasets = ["example-community", "workplace-invs15", "email-eu-core", "karate-club"]

    @Test("incremental and rebuilt-from-scratch series are identical",
          arguments: datasets, [PeriodLength.month, .quarter, .year])
    func incrementalMatchesRebuild(dataset: String, period: PeriodLength) throws {
        let community = try #require(try GraphLoader.load(Fixtures.root + "/" + dataset, options: LoadOptions()).community)
        let levels = HierarchyLevel.allCases.map { community.partition($0) }
        for window in [nil, 1, 2, 5] {
            let series = GrowthSeries(community, period: period, window: window, levels: levels)
            let rows = series.compute()
            #expect(rows == series.rebuild(), "window \(String(describing: window))")
            #expect(rows.count == series.count)
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
