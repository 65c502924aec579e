import MeshworkCore

/// The length of a reporting period.
public enum PeriodLength: String, Sendable, CaseIterable {
    case day, week, month, quarter, year

    /// Months per period, for the month-based lengths; `nil` for days and weeks.
    var months: Int? {
        switch self {
        case .day, .week: return nil
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        }
    }

    /// The fewest periods ``automatic(from:through:)`` aims for.
    public static let automaticMinimum = 8

    /// The period for a series from `firstDay` to `lastDay` when none is asked for: the longest of
    /// year, quarter, month, week and day that gives at least ``automaticMinimum`` (8) periods,
    /// else day. A 2-day contact study gets days, 5 weeks of data weeks, 26 months quarters,
    /// 15 years years; below 8 periods only days remain, and a length is chosen over a shorter one
    /// whenever it gives 8, so a series has at most about 60 periods (8 × 7 days) unless it spans
    /// more than 60 years.
    /// - Complexity: O(1).
    public static func automatic(from firstDay: CivilDate, through lastDay: CivilDate) -> PeriodLength {
        for length in [PeriodLength.year, .quarter, .month, .week]
        where CalendarPeriods(length, from: firstDay, through: lastDay).count >= automaticMinimum {
            return length
        }
        return .day
    }
}

/// Consecutive calendar periods (UTC): days, ISO weeks (Monday to Sunday), months, quarters
/// (January-March, April-June, ...) or years, from the one holding a first day to the one holding
/// a last day.
///
///     let periods = CalendarPeriods(.quarter, from: first, through: last)
///     periods.start(0), periods.end(0)      // 2015-01-01, 2015-03-31
///     periods.index(ofDay: day)             // 0 ..< periods.count inside the span
///
/// Every function is total: the period after 9999-12-31 starts on day 10000-01-01 (its
/// ``startDay(_:)`` count is exact, though ``CivilDate`` prints only years up to 9999).
///
/// - Complexity: O(1) per lookup.
public struct CalendarPeriods: Sendable {
    public let length: PeriodLength
    /// The absolute number of period 0: days since the epoch (days), Monday-weeks since the one
    /// holding the epoch (weeks), or months since year 0 divided by the period's months.
    let first: Int
    /// The number of periods.
    public let count: Int

    public init(_ length: PeriodLength, from firstDay: CivilDate, through lastDay: CivilDate) {
        precondition(firstDay <= lastDay, "the span must not be empty")
        self.length = length
        first = Self.absolute(firstDay, length)
        count = Self.absolute(lastDay, length) - first + 1
    }

    /// The period holding `day`, relative to period 0 (negative before, `count` or more after).
    public func index(ofDay day: CivilDate) -> Int { Self.absolute(day, length) - first }

    /// The period holding the instant `seconds` since the epoch (UTC).
    public func index(ofTime seconds: Int64) -> Int { index(ofDay: Self.day(of: seconds)) }

    /// The first day of period `p`, in days since the epoch (any `p`, the one after the last
    /// representable date included).
    public func startDay(_ p: Int) -> Int {
        let absolute = first + p
        guard let months = length.months else {
            // 1970-01-01 was a Thursday: Monday-week 0 starts on 1969-12-29, day −3.
            return length == .day ? absolute : 7 * absolute - 3
        }
        let month = absolute * months
        let year = month >= 0 ? month / 12 : -((-month + 11) / 12)
        return CivilDate.days(year: year, month: month - 12 * year + 1, day: 1)
    }

    /// The first day of period `p`.
    public func start(_ p: Int) -> CivilDate { CivilDate(daysSinceEpoch: Int32(clamping: startDay(p))) }

    /// The last day of period `p`.
    public func end(_ p: Int) -> CivilDate { CivilDate(daysSinceEpoch: Int32(clamping: startDay(p + 1) - 1)) }

    /// The last instant (seconds since the epoch) of period `p`.
    public func endTime(_ p: Int) -> Int64 { Int64(startDay(p + 1)) * 86_400 - 1 }

    /// The first instant of period `p`.
    public func startTime(_ p: Int) -> Int64 { Int64(startDay(p)) * 86_400 }

    /// The calendar day (UTC) of an instant.
    public static func day(of seconds: Int64) -> CivilDate {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        return CivilDate(daysSinceEpoch: Int32(clamping: days))
    }

    private static func absolute(_ day: CivilDate, _ length: PeriodLength) -> Int {
        guard let months = length.months else {
            let days = Int(day.daysSinceEpoch)
            return length == .day ? days : floorDivide(days + 3, 7)
        }
        let (year, month, _) = day.components
        return floorDivide(year * 12 + month - 1, months)
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
