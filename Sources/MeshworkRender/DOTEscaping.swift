/// Safe spellings of user text (names, ids, group names, URLs) inside Graphviz DOT documents.
///
///     DOTEscaping.quoted("A \"B\" & C\\D")   // "\"A \\\"B\\\" &amp; C/D\""
///     DOTEscaping.elementID("Dr O'Neil")      // "n-Dr_20O_27Neil"
///     DOTEscaping.url("https://x.org/a b?q=1&r=2")  // "https://x.org/a%20b?q=1%26r=2"
///
/// What Graphviz 2.42 does with text, and so what these functions avoid:
/// - A backslash starts an escape sequence in labels, ids, URLs and tooltips (`\N` is the node
///   name; tooltips are expanded twice): user backslashes become `/`.
/// - Labels and tooltips decode HTML entities and the SVG writer passes entity-like text through,
///   so `&`, `<` and `>` are written as entities, which every output then shows as the character.
/// - URLs are copied into the SVG without escaping: a raw `&`, `<` or `"` makes invalid XML, so
///   URLs are percent-encoded.
/// - Line breaks and other control characters become spaces; ids keep only `[A-Za-z0-9-]`.
public enum DOTEscaping {
    /// `text` as a double-quoted DOT string for a label or tooltip.
    /// - Complexity: O(length).
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text, quote: "\\\"") + "\""
    }

    /// `text` as the content of a cell of an HTML-like label (`<TD>...</TD>`).
    /// - Complexity: O(length).
    public static func html(_ text: String) -> String {
        escaped(text, quote: "&quot;")
    }

    /// `text` with `&`, `<`, `>` as entities, `"` as `quote`, backslashes as `/` and control
    /// characters as spaces.
    private static func escaped(_ text: String, quote: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += quote
            case "\\": out += "/"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// An XML id (and DOT node name) for a user id: `n-` and the id's UTF-8 bytes, letters, digits
    /// and `-` kept, every other byte written `_HH` (upper-case hex). Different ids give different
    /// element ids, so a page can find a node by its id.
    /// - Complexity: O(length).
    public static func elementID(_ id: String, prefix: String = "n-") -> String {
        prefix + classToken(id)
    }

    /// A CSS class token for any text: the encoding of ``elementID(_:prefix:)`` without a prefix.
    /// - Complexity: O(length).
    public static func classToken(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "_" + hex(byte)
            }
        }
        return out
    }

    /// `url` percent-encoded: unreserved characters and the delimiters `:/?#[]@!$()*+,;=` stay, an
    /// existing `%HH` escape stays, every other byte (including `&`, `'`, `"`, `<`, `>`, `\`,
    /// spaces and non-ASCII) becomes `%HH`.
    /// - Complexity: O(length).
    public static func url(_ url: String) -> String {
        let bytes = Array(url.utf8)
        var out = ""
        for (i, byte) in bytes.enumerated() {
            let keep: Bool
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                keep = true
            case UInt8(ascii: "%"):
                keep = i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            default:
                keep = "-._~:/?#[]@!$()*+,;=".utf8.contains(byte)
            }
            if keep { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += "%" + hex(byte) }
        }
        return out
    }

    /// `value` with three decimals, the same on every platform (DOT sizes and widths).
    /// - Complexity: O(digits).
    static func fixed(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let fraction = String(magnitude % 1000)
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
