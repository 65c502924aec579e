import MeshworkCore

extension DateSpan {
    /// Reads a span written `FROM..UNTIL` (ISO 8601 days, either end may be left empty for an
    /// open end), or `nil` when the text is not one or ends before it starts.
    ///
    ///     DateSpan(parsing: "2023-01-01..2023-12-31")   // the year 2023
    ///     DateSpan(parsing: "..2023-12-31")             // everything up to the end of 2023
    ///
    /// - Complexity: O(length of the text).
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].isEmpty else { return nil }
        func day(_ part: Substring) -> CivilDate?? {
            if part.isEmpty { return .some(nil) }
            return CivilDate(iso8601: String(part)).map { .some($0) }
        }
        guard let from = day(parts[0]), let until = day(parts[2]) else { return nil }
        if let from, let until, until < from { return nil }
        self.init(from: from, until: until)
    }
}

extension CivilDate {
    /// The UTC day of an ISO 8601 date (`YYYY-MM-DD`) or date-time, or `nil` when the text is not one
    /// (the parser of `interactions.csv` dates).
    /// - Complexity: O(length of the text).
    public init?(iso8601 text: String) {
        var text = text
        guard let days = text.withUTF8({ bytes -> Int32? in
            guard case .success(let days) = ISO8601.day(bytes) else { return nil }
            return days
        }) else { return nil }
        self.init(daysSinceEpoch: days)
    }
}
