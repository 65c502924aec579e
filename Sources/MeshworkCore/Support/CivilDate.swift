/// A proleptic-Gregorian calendar day, stored as days since 1970-01-01 (UTC).
///
/// Meshwork keeps dates as plain integers so that interactions can be stored column-wise, sorted and
/// bucketed into months, quarters and years without `Foundation.Calendar`.
///
///     let day = CivilDate(year: 2024, month: 2, day: 29)!   // nil for impossible dates
///     day.description                                         // "2024-02-29"
///
/// - Complexity: O(1) for every operation.
/// - Note: the day-count conversions follow Howard Hinnant, "chrono-Compatible Low-Level Date
///   Algorithms" (2013).
@frozen
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int32

    @inlinable
    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// The UTC day holding `seconds` since the epoch (rounding down, also before 1970).
    @inlinable public static func day(ofSeconds seconds: Int64) -> Int32 {
        Int32(clamping: (seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
    }

    /// The date `year-month-day`, or `nil` when no such day exists (for example 2023-02-29).
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        daysSinceEpoch = Int32(CivilDate.days(year: year, month: month, day: day))
    }

    /// The first day of the month numbered `months` from January of year 0 (`year * 12 + month - 1`),
    /// for any proleptic-Gregorian year, also outside 1-9999: 10000-01-01, the day after the last
    /// period of the supported range, is `CivilDate(firstDayOfMonth: 120_000)`. Total: a day beyond
    /// `Int32` is clamped to its bounds.
    @inlinable
    public init(firstDayOfMonth months: Int) {
        let months = min(max(months, -1_000_000_000_000), 1_000_000_000_000)
        let year = (months >= 0 ? months : months - 11) / 12
        daysSinceEpoch = Int32(clamping: CivilDate.days(year: year, month: months - year * 12 + 1, day: 1))
    }

    /// Days since 1970-01-01 of `year-month-day` for any year (no range check: 10000-01-01, the
    /// day after the last valid date, is fine), `month` in 1...12 (Hinnant's `days_from_civil`).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The days Meshwork reads and computes with: 0001-01-01 through 9999-12-31 (UTC). Readers
    /// reject a date, or a date-time whose UTC offset moves it, outside this range; every calendar
    /// period holding one of these days (up to the year 9999) has a computable start and end.
    public static let supportedRange: ClosedRange<CivilDate> =
        CivilDate(year: 1, month: 1, day: 1)! ... CivilDate(year: 9999, month: 12, day: 31)!

    /// Whether `year` is a Gregorian leap year.
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The calendar fields of this day.
    @inlinable
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date moved by `days` (negative moves back).
    @inlinable
    public func adding(days: Int32) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
    }

    @inlinable
    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
