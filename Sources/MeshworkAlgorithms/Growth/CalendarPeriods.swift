import MeshworkCore

/// The length of a reporting period.
public enum PeriodLength: String, Sendable, CaseIterable {
    case month, quarter, year

    /// Months per period.
    var months: Int {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        }
    }
}

/// Consecutive calendar periods (UTC): months, quarters (January-March, April-June, ...) or
/// years, from the one holding a first day to the one holding a last day.
///
///     let periods = CalendarPeriods(.quarter, from: first, through: last)
///     periods.start(0), periods.end(0)      // 2015-01-01, 2015-03-31
///     periods.index(ofDay: day)             // 0 ..< periods.count inside the span
///
/// - Complexity: O(1) per lookup.
public struct CalendarPeriods: Sendable {
    public let length: PeriodLength
    /// The absolute number (months since year 0, divided by the period's months) of period 0.
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

    /// The first day of period `p` (10000-01-01 for the period after the one holding 9999-12-31,
    /// so that ``end(_:)`` and ``endTime(_:)`` of the last supported period are defined).
    public func start(_ p: Int) -> CivilDate {
        CivilDate(firstDayOfMonth: (first + p) * length.months)
    }

    /// The last day of period `p`.
    public func end(_ p: Int) -> CivilDate { start(p + 1).adding(days: -1) }

    /// The last instant (seconds since the epoch) of period `p`.
    public func endTime(_ p: Int) -> Int64 { Int64(start(p + 1).daysSinceEpoch) * 86_400 - 1 }

    /// The first instant of period `p`.
    public func startTime(_ p: Int) -> Int64 { Int64(start(p).daysSinceEpoch) * 86_400 }

    /// The calendar day (UTC) of an instant.
    public static func day(of seconds: Int64) -> CivilDate {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        return CivilDate(daysSinceEpoch: Int32(clamping: days))
    }

    private static func absolute(_ day: CivilDate, _ length: PeriodLength) -> Int {
        let (year, month, _) = day.components
        let months = year * 12 + month - 1
        return months >= 0 ? months / length.months : -((-months + length.months - 1) / length.months)
    }
}
