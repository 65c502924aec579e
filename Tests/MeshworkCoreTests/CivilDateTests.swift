import MeshworkCore
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("round trips every day from 1900 to 2100")
    func roundTrip() {
        let start = CivilDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        let end = CivilDate(year: 2100, month: 12, day: 31)!.daysSinceEpoch
        var previous = start - 1
        for day in start...end {
            let (y, m, d) = CivilDate(daysSinceEpoch: day).components
            #expect(CivilDate(year: y, month: m, day: d)?.daysSinceEpoch == day)
            #expect(day == previous + 1)
            previous = day
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CivilDate(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
    }

    @Test("rejects impossible days", arguments: [(2023, 2, 29), (2100, 2, 29), (2024, 4, 31), (2024, 13, 1), (2024, 0, 10)])
    func impossible(date: (Int, Int, Int)) {
        #expect(CivilDate(year: date.0, month: date.1, day: date.2) == nil)
    }
}

@Suite("CivilDate: the supported range")
struct CivilDateRangeTests {
    @Test("the supported range is 0001-01-01 through 9999-12-31")
    func bounds() {
        #expect(CivilDate.supportedRange.lowerBound.description == "0001-01-01")
        #expect(CivilDate.supportedRange.upperBound.description == "9999-12-31")
        #expect(CivilDate.supportedRange.lowerBound.adding(days: 1).description == "0001-01-02")
        #expect(CivilDate.supportedRange.upperBound.adding(days: -1).description == "9999-12-30")
    }

    @Test("first days of months agree with the checked initialiser, from 0001-01 to 10000-01")
    func firstDays() {
        for months in 12 ..< 120_000 {
            let (year, month) = (months / 12, months % 12 + 1)
            #expect(CivilDate(firstDayOfMonth: months) == CivilDate(year: year, month: month, day: 1)!)
        }
        // The day after the range: where the last period of the range ends.
        #expect(CivilDate(firstDayOfMonth: 120_000).adding(days: -1) == CivilDate.supportedRange.upperBound)
        #expect(CivilDate(firstDayOfMonth: 12).adding(days: -1).components == (0, 12, 31))
        #expect(CivilDate(firstDayOfMonth: -1).components == (-1, 12, 1))
    }

    @Test("first days of months are total: extreme month numbers clamp instead of trapping")
    func total() {
        #expect(CivilDate(firstDayOfMonth: .max).daysSinceEpoch == .max)
        #expect(CivilDate(firstDayOfMonth: .min).daysSinceEpoch == .min)
    }
}
