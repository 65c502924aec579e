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
