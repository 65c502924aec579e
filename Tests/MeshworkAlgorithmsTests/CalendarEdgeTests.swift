import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Calendar periods at the edges of the supported range")
struct CalendarEdgeTests {
    static let first = CivilDate.supportedRange.lowerBound, last = CivilDate.supportedRange.upperBound

    @Test("the first and last periods of the range have a start, an end and instants",
          arguments: PeriodLength.allCases)
    func edges(length: PeriodLength) {
        // 0001-01-01 is a Monday and 9999-12-31 a Friday: the last ISO week ends on 10000-01-02.
        let lastEnd = length == .week ? Self.last.adding(days: 2) : Self.last
        let counts: [PeriodLength: Int] = [.day: 3_652_059, .week: 3_652_061 / 7, .month: 9999 * 12,
                                           .quarter: 9999 * 4, .year: 9999]
        let all = CalendarPeriods(length, from: Self.first, through: Self.last)
        #expect(all.count == counts[length])
        #expect(all.start(0) == Self.first)
        #expect(all.end(all.count - 1) == lastEnd)
        #expect(all.endTime(all.count - 1) == (Int64(lastEnd.daysSinceEpoch) + 1) * 86_400 - 1)
        #expect(all.index(ofDay: Self.last) == all.count - 1)
        #expect(all.index(ofTime: all.endTime(all.count - 1)) == all.count - 1)
        #expect(all.startTime(0) == Int64(Self.first.daysSinceEpoch) * 86_400)
        let lastOnly = CalendarPeriods(length, from: Self.last, through: Self.last)
        #expect(lastOnly.count == 1 && lastOnly.end(0) == lastEnd)
        let starts: [PeriodLength: String] = [.day: "9999-12-31", .week: "9999-12-27", .month: "9999-12-01",
                                              .quarter: "9999-10-01", .year: "9999-01-01"]
        #expect(lastOnly.start(0).description == starts[length])
    }

    @Test("the day of an instant is total, also for Int64.min and Int64.max")
    func dayOfInstant() {
        #expect(CalendarPeriods.day(of: -86_400).description == "1969-12-31")
        #expect(CalendarPeriods.day(of: -86_401).description == "1969-12-30")
        #expect(CalendarPeriods.day(of: .min).daysSinceEpoch == .min)
        #expect(CalendarPeriods.day(of: .max).daysSinceEpoch == .max)
    }

    @Test("growth series, cohorts and ego series run on records dated at both ends of the range",
          arguments: PeriodLength.allCases)
    func growth(length: PeriodLength) throws {
        let dir = try Scratch.dataset([
            "nodes.csv": "id,kind,parent,joined\no,organisation,,\na,member,o,0001-01-01\nb,member,o,\nc,member,o,9999-12-31\n",
            "interactions.csv": "source,target,date\na,b,9999-01-01\nb,c,9999-12-31T23:59:59Z\n",
            "attendance.csv": "event,member,date\ne,a,9999-12-31\ne,c,9999-12-31\n"])
        defer { Scratch.remove(dir) }
        let community = try DatasetReader().read(directory: dir)
        let levels = HierarchyLevel.allCases.map { community.partition($0) }
        let series = GrowthSeries(period: length).run(community, levels: levels)
        let periods = try #require(series.periods)
        #expect(periods.index(ofDay: Self.last) == periods.count - 1)
        let rows = series.rows
        #expect(rows.count == periods.count)
        #expect(rows.last?.ties == 3)
        #expect(rows == GrowthSeries(period: length, method: .rebuild).run(community, levels: levels).rows)
        #expect(GrowthSeries(period: length, cohort: .joinedIn(year: 9999)).run(community, levels: levels).weights == [0, 1, 1])
        #expect(EgoGrowth(member: 2).run(series).degree.last == 2)
    }
}
