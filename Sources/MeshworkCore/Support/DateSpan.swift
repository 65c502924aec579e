/// The days an analysis looks at: `--from DATE` and `--until DATE`, both inclusive (UTC), either
/// open.
///
///     let span = DateSpan(from: CivilDate(year: 2004, month: 1, day: 1), until: CivilDate(year: 2004, month: 3, day: 31))
///     span.contains(time)      // 2004-01-01T00:00:00Z ... 2004-03-31T23:59:59Z
///
/// - Complexity: O(1) for every operation.
public struct DateSpan: Sendable, Hashable, CustomStringConvertible {
    /// The first day, or `nil` for no lower bound.
    public var from: CivilDate?
    /// The last day, or `nil` for no upper bound.
    public var until: CivilDate?

    /// - Precondition: `from <= until` when both are given.
    public init(from: CivilDate? = nil, until: CivilDate? = nil) {
        if let from, let until { precondition(from <= until, "a span must not end before it starts") }
        self.from = from
        self.until = until
    }

    /// The first instant of the span (seconds since the epoch), or `nil` when open.
    public var firstTime: Int64? { from.map { Int64($0.daysSinceEpoch) * 86_400 } }

    /// The last instant of the span (the last second of `until`), or `nil` when open.
    public var lastTime: Int64? { until.map { (Int64($0.daysSinceEpoch) + 1) * 86_400 - 1 } }

    /// Whether the instant `time` (seconds since the epoch) falls in the span.
    public func contains(_ time: Int64) -> Bool {
        (firstTime.map { time >= $0 } ?? true) && (lastTime.map { time <= $0 } ?? true)
    }

    /// `FROM..UNTIL`, an open end left empty.
    public var description: String { (from?.description ?? "") + ".." + (until?.description ?? "") }
}
