import MeshworkCore

/// Parses ISO 8601 dates and date-times straight from bytes.
package enum ISO8601 {
    /// Why a date could not be read.
    package enum Failure: Error, Equatable {
        /// Not in a recognised form.
        case malformed
        /// Well-formed but no such day or time (for example 2023-02-29 or 25:00).
        case impossible
        /// A date-time whose UTC offset moves it outside ``CivilDate/supportedRange``
        /// (for example 0001-01-01T00:00:00+14:00, which is 0000-12-31 in UTC).
        case outOfRange
    }

    /// How readers describe ``CivilDate/supportedRange`` in messages.
    package static let supportedRangeText = "0001-01-01 to 9999-12-31 UTC"

    /// Seconds since 1970-01-01T00:00:00Z for `YYYY-MM-DD` (midnight UTC) or
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM|±HHMM]` (`T` or a space; UTC when no offset), on a UTC
    /// day inside ``CivilDate/supportedRange``.
    /// - Complexity: O(length).
    package static func seconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int64, Failure> {
        let n = bytes.count
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= n else { return nil }
            var value = 0
            for i in start ..< start + count {
                let c = bytes[i]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        guard n >= 10, let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"), let day = digits(8, 2) else {
            return .failure(.malformed)
        }
        guard let date = CivilDate(year: year, month: month, day: day) else { return .failure(.impossible) }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        if n == 10 { return .success(seconds) }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
              let hour = digits(11, 2), n >= 16, bytes[13] == UInt8(ascii: ":"), let minute = digits(14, 2) else {
            return .failure(.malformed)
        }
        var i = 16
        var second = 0
        if i < n && bytes[i] == UInt8(ascii: ":") {
            guard let s = digits(i + 1, 2) else { return .failure(.malformed) }
            second = s
            i += 3
            if i < n && (bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",")) {
                i += 1
                let fractionStart = i
                while i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                guard i > fractionStart else { return .failure(.malformed) }
            }
        }
        guard hour < 24, minute < 60, second < 61 else { return .failure(.impossible) }
        seconds += Int64(hour * 3600 + minute * 60 + min(second, 59))
        if i == n { return .success(seconds) }
        if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
            return i + 1 == n ? .success(seconds) : .failure(.malformed)
        }
        guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"), let offsetHours = digits(i + 1, 2) else {
            return .failure(.malformed)
        }
        var offsetMinutes = 0
        if i + 3 == n {
            offsetMinutes = 0
        } else if i + 6 == n && bytes[i + 3] == UInt8(ascii: ":"), let m = digits(i + 4, 2) {
            offsetMinutes = m
        } else if i + 5 == n, let m = digits(i + 3, 2) {
            offsetMinutes = m
        } else {
            return .failure(.malformed)
        }
        guard offsetHours < 24, offsetMinutes < 60 else { return .failure(.impossible) }
        let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
        seconds = bytes[i] == UInt8(ascii: "+") ? seconds - offset : seconds + offset
        let range = CivilDate.supportedRange
        guard seconds >= Int64(range.lowerBound.daysSinceEpoch) * 86_400,
              seconds < (Int64(range.upperBound.daysSinceEpoch) + 1) * 86_400 else { return .failure(.outOfRange) }
        return .success(seconds)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (or the UTC day of a date-time).
    package static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Int32, Failure> {
        seconds(bytes).map(CivilDate.day(ofSeconds:))
    }
}
