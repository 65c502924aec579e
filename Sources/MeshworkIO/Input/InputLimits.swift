/// Sizes that no real input reaches, so that a runaway input (`/dev/zero`, a gzip bomb, a file that is
/// not text) stops with a located error in bounded memory instead of exhausting it.
///
/// - `maxLineBytes`: the longest line of an edge list, and the longest record of a CSV file (a quoted
///   field may span lines). Default 16 MiB: a line buffer never grows past it.
/// - `maxInputBytes`: the most bytes read from one file, counted after gzip decompression. Default
///   16 GiB. A GraphML document is held in memory whole, so this also bounds its memory.
///
/// The command-line tool sets them with `--max-line-bytes` and `--max-input-bytes`.
public struct InputLimits: Sendable, Equatable {
    public let maxLineBytes: Int
    public let maxInputBytes: Int

    public static let defaultMaxLineBytes = 16 << 20
    public static let defaultMaxInputBytes = 16 << 30

    public init(maxLineBytes: Int = defaultMaxLineBytes, maxInputBytes: Int = defaultMaxInputBytes) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxInputBytes = max(1, maxInputBytes)
    }

    /// `file:line: line longer than N bytes (raise with --max-line-bytes)`.
    func lineTooLong(_ path: String, line: Int, what: String = "line") -> InputError {
        InputError(file: path, line: line, "\(what) longer than \(maxLineBytes) bytes (raise with --max-line-bytes)")
    }

    /// `file: more than N bytes (raise with --max-input-bytes)`.
    func inputTooLarge(_ path: String, compressed: Bool) -> InputError {
        InputError(file: path, line: 0, "more than \(maxInputBytes) bytes\(compressed ? " after decompression" : "") (raise with --max-input-bytes)")
    }

    /// Parses a size such as `1048576`, `64K`, `16M` or `2G` (binary multiples; `KiB`, `MB` and the
    /// like are accepted too); `nil` if `text` is not a positive size.
    public static func parseSize(_ text: String) -> Int? {
        var body = Substring(text.uppercased())
        let binary = body.hasSuffix("IB")
        if binary { body = body.dropLast(2) } else if body.hasSuffix("B") { body = body.dropLast() }
        var unit = 1
        if let last = body.last, let power = "KMGT".firstIndex(of: last) {
            unit = 1 << (10 * ("KMGT".distance(from: "KMGT".startIndex, to: power) + 1))
            body = body.dropLast()
        } else if binary {
            return nil
        }
        guard !body.isEmpty, body.allSatisfy({ $0 >= "0" && $0 <= "9" }), let value = Int(body), value > 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : product
    }
}
