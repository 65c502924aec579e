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
            var copy = String(part)
            return copy.withUTF8 { bytes in
                guard case .success(let days) = ISO8601.day(bytes) else { return nil }
                return .some(CivilDate(daysSinceEpoch: days))
            }
        }
        guard let from = day(parts[0]), let until = day(parts[2]) else { return nil }
        if let from, let until, until < from { return nil }
        self.init(from: from, until: until)
    }
}
