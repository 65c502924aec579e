/// Makes Graphviz's PDF output the same bytes on every run.
///
/// cairo 1.16 (Graphviz's PDF renderer) stamps the document information dictionary with
/// `/CreationDate (D:YYYYMMDDHHmmSS…)`, the wall-clock time in the local zone, and does not read
/// `SOURCE_DATE_EPOCH` (support came in cairo 1.17.2); Graphviz gives no way to set it. So the
/// entry, from `/CreationDate` to its closing parenthesis, is overwritten with spaces: the
/// dictionary stays valid (whitespace between entries), and since no byte moves, the
/// cross-reference table's offsets stay right. The date is the only part of cairo's PDF that
/// changes from run to run.
///
/// - Complexity: O(bytes) in the worst case; the entry is found from the end of the file, where
///   cairo writes the information dictionary.
enum PDFCreationDate {
    private static let key = Array("/CreationDate".utf8)
    /// The longest date string cairo writes, `(D:YYYYMMDDHHmmSS+HH'mm)`, with room to spare.
    private static let longestValue = 40

    /// Overwrites the last `/CreationDate (D:…)` entry of `pdf` with spaces; leaves `pdf`
    /// unchanged when it has none.
    static func erase(in pdf: inout [UInt8]) {
        guard pdf.count >= key.count else { return }
        var start = pdf.count - key.count
        while start >= 0 {
            if pdf[start] == key[0] && pdf[start ..< start + key.count].elementsEqual(key) { break }
            start -= 1
        }
        guard start >= 0 else { return }
        var index = start + key.count
        while index < pdf.count && (pdf[index] == UInt8(ascii: " ") || pdf[index] == UInt8(ascii: "\n")) { index += 1 }
        guard index < pdf.count, pdf[index] == UInt8(ascii: "(") else { return }
        let limit = min(pdf.count, index + longestValue)
        guard let close = pdf[index ..< limit].firstIndex(of: UInt8(ascii: ")")) else { return }
        for i in start ... close { pdf[i] = UInt8(ascii: " ") }
    }
}
