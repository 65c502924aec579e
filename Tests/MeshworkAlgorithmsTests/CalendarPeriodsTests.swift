import MeshworkAlgorithms
import MeshworkCore
import Testing

@Suite("CalendarPeriods")
struct CalendarPeriodsTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }

    @Test("ISO weeks run Monday to Sunday, across years and before 1970")
    func weeks() {
        // 2020-12-31 is a Thursday: its ISO week runs 2020-12-28 .. 2021-01-03.
        let weeks = CalendarPeriods(.week, from: day(2020, 12, 31), through: day(2021, 1, 4))
        #expect(weeks.count == 2)
        #expect(weeks.start(0) == day(2020, 12, 28) && weeks.end(0) == day(2021, 1, 3))
        #expect(weeks.start(1) == day(2021, 1, 4) && weeks.end(1) == day(2021, 1, 10))
        #expect(weeks.index(ofDay: day(2021, 1, 3)) == 0 && weeks.index(ofDay: day(2021, 1, 4)) == 1)
        // 1969-12-28 is a Sunday, 1969-12-29 a Monday.
        let early = CalendarPeriods(.week, from: day(1969, 12, 28), through: day(1970, 1, 1))
        #expect(early.count == 2 && early.start(1) == day(1969, 12, 29) && early.end(0) == day(1969, 12, 28))
        // Every day of 2000-2030 lies in the week starting on the Monday at or before it.
        let all = CalendarPeriods(.week, from: day(2000, 1, 1), through: day(2030, 12, 31))
        for d in day(2000, 1, 1).daysSinceEpoch...day(2030, 12, 31).daysSinceEpoch {
            let p = all.index(ofDay: CivilDate(daysSinceEpoch: d))
            let start = all.start(p).daysSinceEpoch
            #expect(start <= d && d - start < 7)
            #expect((Int(start) + 3) % 7 == 0, "a Monday (1970-01-01 + 4 days was one)")
        }
    }

    @Test("days, and instants taken as UTC days")
    func days() {
        let days = CalendarPeriods(.day, from: day(2009, 10, 1), through: day(2009, 10, 2))
        #expect(days.count == 2 && days.start(1) == day(2009, 10, 2) && days.end(1) == day(2009, 10, 2))
        let noon = Int64(day(2009, 10, 2).daysSinceEpoch) * 86_400 + 43_200
        #expect(days.index(ofTime: noon) == 1)
        #expect(days.endTime(0) == Int64(day(2009, 10, 2).daysSinceEpoch) * 86_400 - 1)
    }

    @Test("total at the end of the calendar: the last period of every length ends on 9999-12-31",
          arguments: PeriodLength.allCases)
    func endOfRange(length: PeriodLength) {
        let last = day(9999, 12, 31)
        let periods = CalendarPeriods(length, from: day(9999, 12, 1), through: last)
        let p = periods.count - 1
        if length != .week { #expect(periods.end(p) == last) }
        #expect(periods.start(p) <= last && periods.index(ofDay: last) == p)
        #expect(periods.endTime(p) >= Int64(last.daysSinceEpoch) * 86_400 + 86_399)
        #expect(periods.startDay(p + 1) > Int(last.daysSinceEpoch))
    }

    @Test("the automatic period: the longest with at least 8 periods, else day")
    func automatic() {
        #expect(PeriodLength.automatic(from: day(2009, 10, 1), through: day(2009, 10, 2)) == .day)
        #expect(PeriodLength.automatic(from: day(2015, 6, 1), through: day(2015, 6, 12)) == .day)
        #expect(PeriodLength.automatic(from: day(2015, 6, 1), through: day(2015, 7, 31)) == .week)
        #expect(PeriodLength.automatic(from: day(2003, 10, 7), through: day(2005, 12, 1)) == .quarter)
        #expect(PeriodLength.automatic(from: day(2003, 1, 1), through: day(2003, 10, 1)) == .month)
        #expect(PeriodLength.automatic(from: day(1990, 1, 1), through: day(2005, 1, 1)) == .year)
        // Never more than 60 periods below 60 years.
        for span in stride(from: 0, to: 20_000, by: 37) {
            let first = day(2001, 3, 5)
            let last = first.adding(days: Int32(span))
            let chosen = PeriodLength.automatic(from: first, through: last)
            #expect(CalendarPeriods(chosen, from: first, through: last).count <= 60, "\(span) days: \(chosen)")
        }
    }
}
