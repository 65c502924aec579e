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
///
/// Long text is folded: Graphviz's DOT lexer (flex) rescans a token from its start each time it
/// refills its small read buffer, so one quoted string of n bytes costs it O(n² / 8 KiB) (a
/// 10 MB name took minutes). Every ``foldBytes`` bytes a quoted string gets a backslash-newline,
/// which the DOT lexer drops (the C line-continuation convention), and an HTML-like label an empty
/// comment `<!---->`, which Graphviz's HTML lexer drops: each token stays short and parsing is linear.
/// The text Graphviz sees is unchanged.
public enum DOTEscaping {
    /// The most bytes of a quoted string or HTML-like label between two folds.
    static let foldBytes = 4096

    /// `text` as a double-quoted DOT string for a label or tooltip.
    /// - Complexity: O(length).
    public static func quoted(_ text: String) -> String {
        "\"" + escaped(text, quote: "\\\"", fold: "\\\n") + "\""
    }

    /// `text` (already safe: an element id, class tokens or a URL from this enum) as a
    /// double-quoted DOT string, folded.
    /// - Complexity: O(length).
    public static func quotedVerbatim(_ text: String) -> String {
        guard text.utf8.count > foldBytes else { return "\"" + text + "\"" }
        var out = "\""
        var run = 0
        for scalar in text.unicodeScalars {
            let width = UTF8.width(scalar)
            if run + width > foldBytes && scalar != "\"" && out.unicodeScalars.last != "\\" {
                out += "\\\n"
                run = 0
            }
            out.unicodeScalars.append(scalar)
            run += width
        }
        return out + "\""
    }

    /// `text` as the content of a cell of an HTML-like label (`<TD>...</TD>`).
    /// - Complexity: O(length).
    public static func html(_ text: String) -> String {
        escaped(text, quote: "&quot;", fold: "<!---->")
    }

    /// `text` with `&`, `<`, `>` as entities, `"` as `quote`, backslashes as `/` and control
    /// characters as spaces, with `fold` between two characters every ``foldBytes`` bytes.
    private static func escaped(_ text: String, quote: String, fold: String) -> String {
        var out = ""
        var run = 0
        for scalar in text.unicodeScalars {
            if run >= foldBytes {
                out += fold
                run = 0
            }
            let before = out.utf8.count
            switch scalar {
            case "\"": out += quote
            case "\\": out += "/"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
            run += out.utf8.count - before
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
