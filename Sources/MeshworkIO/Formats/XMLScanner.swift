/// A malformed XML document: the line where the problem starts and what is wrong.
struct XMLSyntaxError: Error, Sendable {
    var line: Int
    var message: String
}

/// What ``XMLScanner/next()`` found.
enum XMLToken: Equatable, Sendable {
    /// A start tag (or an empty-element tag `<a/>`, see ``XMLScanner/isSelfClosing``); its name and
    /// attributes are in the scanner.
    case startTag
    /// An end tag, already checked against the matching start tag.
    case endTag
    /// Character data inside the root element (entities decoded, CDATA sections verbatim), in
    /// ``XMLScanner/text``.
    case text
    /// The end of a well-formed document.
    case endOfDocument
}

/// A small, strict, byte-level XML tokenizer: enough of XML 1.0 for GraphML, with no Foundation.
///
/// It skips the XML declaration, processing instructions, comments and the DOCTYPE (an internal
/// subset included), decodes the five predefined entities and numeric character references in text
/// and attribute values (attribute values are whitespace-normalised), passes CDATA sections through
/// verbatim, and checks that tags nest, that there is one root element and that no text lies
/// outside it. Entities declared in a DOCTYPE are not expanded (they are reported as unknown).
///
///     var scanner = XMLScanner(bytes: Array("<a x='1'>hi &amp; bye</a>".utf8))
///     try scanner.next()   // .startTag; scanner.attribute("x") == 0
///     try scanner.next()   // .text; scanner.text == "hi & bye"
///     try scanner.next()   // .endTag
///     try scanner.next()   // .endOfDocument
///
/// Every read is bounds-checked against the input: malformed input gives an ``XMLSyntaxError``,
/// never a trap.
///
/// - Complexity: O(bytes) time over the whole document; extra space is the current tag's
///   attributes, the current text run and the stack of open elements.
struct XMLScanner {
    /// One attribute of the current start tag.
    struct Attribute {
        /// The qualified name, as a range of ``XMLScanner/bytes``.
        var name: Range<Int>
        /// The decoded value, as a range of ``XMLScanner/values``.
        var value: Range<Int>
    }

    /// The whole document.
    let bytes: [UInt8]
    /// The next byte to read.
    private(set) var position = 0
    /// The 1-based line of ``position``.
    private(set) var line = 1

    /// The current tag's qualified name (a range of ``bytes``).
    private(set) var tagName: Range<Int> = 0 ..< 0
    /// The line where the current tag starts.
    private(set) var tagLine = 1
    /// Whether the current start tag is an empty-element tag (`<a/>`); no end tag follows it.
    private(set) var isSelfClosing = false
    /// The current start tag's attributes, in document order.
    private(set) var attributes: [Attribute] = []
    /// Decoded attribute values of the current start tag.
    private(set) var values: [UInt8] = []
    /// Decoded character data of the current text token.
    private(set) var text: [UInt8] = []
    /// The line where the current text token starts.
    private(set) var textLine = 1

    private var open: [(name: Range<Int>, line: Int)] = []
    /// The names of the current tag's attributes, once it has more than 8 (see ``isRepeated(_:)``).
    private var attributeNames = Set<ArraySlice<UInt8>>()
    private var sawRoot = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    /// How many elements are open (the root counts as one).
    var depth: Int { open.count }

    // MARK: Names and attributes

    /// The current tag's name as a `String`.
    var tagNameString: String { string(tagName) }

    /// Whether the current tag's local name (the part after any `prefix:`) is `name`.
    func tagLocalNameIs(_ name: StaticString) -> Bool {
        var start = tagName.lowerBound
        for i in tagName where bytes[i] == UInt8(ascii: ":") { start = i + 1 }
        return equal(start ..< tagName.upperBound, name)
    }

    /// The index of the attribute whose qualified name is `name`, if the current tag has one.
    func attribute(_ name: StaticString) -> Int? {
        for (index, attribute) in attributes.enumerated() where equal(attribute.name, name) { return index }
        return nil
    }

    /// The decoded value of attribute `index`.
    func attributeValue(_ index: Int) -> String {
        guard index >= 0 && index < attributes.count else { return "" }
        return values.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[attributes[index].value]), as: UTF8.self)
        }
    }

    /// The decoded value of attribute `name`, if the current tag has it.
    func attributeValue(_ name: StaticString) -> String? {
        attribute(name).map { attributeValue($0) }
    }

    /// Calls `body` with the decoded bytes of attribute `index`.
    func withAttributeBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = index >= 0 && index < attributes.count ? attributes[index].value : 0 ..< 0
        return try values.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    private func equal(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let pointer = name.utf8Start
        var i = 0
        while i < range.count {
            if bytes[range.lowerBound + i] != pointer[i] { return false }
            i += 1
        }
        return true
    }

    private func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// At most `limit` bytes of `range`, for messages.
    private func excerpt(_ range: Range<Int>, limit: Int = 40) -> String {
        let end = min(range.upperBound, range.lowerBound + limit)
        return string(range.lowerBound ..< end) + (end < range.upperBound ? "..." : "")
    }

    // MARK: Tokens

    /// Reads the next token.
    mutating func next() throws(XMLSyntaxError) -> XMLToken {
        while true {
            guard position < bytes.count else {
                if let last = open.last {
                    throw XMLSyntaxError(line: line, message:
                        "unexpected end of file: <\(excerpt(last.name))> (opened on line \(last.line)) is not closed")
                }
                if !sawRoot { throw XMLSyntaxError(line: line, message: "no root element: the file holds no XML element") }
                return .endOfDocument
            }
            if bytes[position] != UInt8(ascii: "<") {
                let startLine = line
                let blank = try scanText()
                if open.isEmpty {
                    if blank { continue }
                    throw XMLSyntaxError(line: startLine, message: sawRoot
                        ? "unexpected text after the root element"
                        : "not XML: unexpected text before the root element")
                }
                return .text
            }
            let second = position + 1 < bytes.count ? bytes[position + 1] : 0
            if second == UInt8(ascii: "/") {
                try scanEndTag()
                return .endTag
            }
            if second == UInt8(ascii: "?") {
                try skip(past: "?>", from: position + 2, what: "processing instruction")
                continue
            }
            if second == UInt8(ascii: "!") {
                if hasPrefix("<!--") {
                    try skip(past: "-->", from: position + 4, what: "comment")
                    continue
                }
                if hasPrefix("<![CDATA[") {
                    guard !open.isEmpty else {
                        throw XMLSyntaxError(line: line, message: "CDATA section outside the root element")
                    }
                    textLine = line
                    let start = position + 9
                    try skip(past: "]]>", from: start, what: "CDATA section")
                    text.removeAll(keepingCapacity: true)
                    text.append(contentsOf: bytes[start ..< position - 3])
                    return .text
                }
                if hasPrefix("<!DOCTYPE") {
                    guard !sawRoot else { throw XMLSyntaxError(line: line, message: "DOCTYPE after the root element") }
                    try skipDoctype()
                    continue
                }
            }
            try scanStartTag()
            return .startTag
        }
    }

    // MARK: Scanning helpers

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        let pointer = prefix.utf8Start
        for i in 0 ..< n where bytes[position + i] != pointer[i] { return false }
        return true
    }

    /// Moves to just past the first `terminator` at or after `from`, counting lines.
    private mutating func skip(past terminator: StaticString, from: Int, what: String) throws(XMLSyntaxError) {
        let startLine = line
        let n = terminator.utf8CodeUnitCount
        let pointer = terminator.utf8Start
        var i = from
        while i + n <= bytes.count {
            var match = true
            for k in 0 ..< n where bytes[i + k] != pointer[k] { match = false; break }
            if match {
                advance(to: i + n)
                return
            }
            i += 1
        }
        throw XMLSyntaxError(line: startLine, message: "unterminated \(what) (no '\(terminator)' before the end of the file)")
    }

    /// Moves `position` forward to `end`, counting the newlines passed.
    private mutating func advance(to end: Int) {
        let stop = min(end, bytes.count)
        while position < stop {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    private mutating func skipDoctype() throws(XMLSyntaxError) {
        let startLine = line
        advance(to: position + 9)
        var depth = 0
        var quote: UInt8 = 0
        while position < bytes.count {
            let c = bytes[position]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: "<") && hasPrefix("<!--") {
                try skip(past: "-->", from: position + 4, what: "comment")
                continue
            } else if c == UInt8(ascii: "[") {
                depth += 1
            } else if c == UInt8(ascii: "]") {
                depth = max(0, depth - 1)
            } else if c == UInt8(ascii: ">") && depth == 0 {
                advance(to: position + 1)
                return
            }
            advance(to: position + 1)
        }
        throw XMLSyntaxError(line: startLine, message: "unterminated DOCTYPE declaration")
    }

    private static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c >= 0x80
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    /// Reads an XML name at `position`; `nil` (and no move) if there is none.
    private mutating func scanName() -> Range<Int>? {
        let start = position
        guard position < bytes.count, Self.isNameStart(bytes[position]) else { return nil }
        position += 1
        while position < bytes.count && Self.isNameByte(bytes[position]) { position += 1 }
        return start ..< position
    }

    /// Skips whitespace; returns whether there was any.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count && Self.isSpace(bytes[position]) {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
        return position > start
    }

    private func describe(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "byte 0x\(String(c, radix: 16))"
    }

    private mutating func scanStartTag() throws(XMLSyntaxError) {
        tagLine = line
        position += 1  // "<"
        guard let name = scanName() else {
            let what = position < bytes.count ? describe(bytes[position]) : "the end of the file"
            throw XMLSyntaxError(line: line, message: "expected an element name after '<', found \(what)")
        }
        tagName = name
        attributes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        while true {
            let spaced = skipSpace()
            guard position < bytes.count else {
                throw XMLSyntaxError(line: tagLine, message: "unterminated tag <\(excerpt(name))> (no '>' before the end of the file)")
            }
            let c = bytes[position]
            if c == UInt8(ascii: ">") {
                position += 1
                isSelfClosing = false
                break
            }
            if c == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw XMLSyntaxError(line: line, message: "in tag <\(excerpt(name))>: expected '/>'")
                }
                position += 2
                isSelfClosing = true
                break
            }
            guard spaced, let attributeName = scanName() else {
                throw XMLSyntaxError(line: line, message: "in tag <\(excerpt(name))>: unexpected \(describe(c))")
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw XMLSyntaxError(line: line, message: "in tag <\(excerpt(name))>: attribute '\(excerpt(attributeName))' has no '=' and value")
            }
            position += 1
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw XMLSyntaxError(line: line, message: "in tag <\(excerpt(name))>: the value of attribute '\(excerpt(attributeName))' must be quoted")
            }
            let quote = bytes[position]
            let valueLine = line
            position += 1
            let valueStart = values.count
            while true {
                guard position < bytes.count else {
                    throw XMLSyntaxError(line: valueLine, message: "unterminated value of attribute '\(excerpt(attributeName))' in tag <\(excerpt(name))>")
                }
                let b = bytes[position]
                if b == quote { position += 1; break }
                if b == UInt8(ascii: "<") {
                    throw XMLSyntaxError(line: valueLine, message: "'<' in the value of attribute '\(excerpt(attributeName))' (unterminated value?)")
                }
                if b == UInt8(ascii: "&") {
                    Self.appendUTF8(try decodeReference(), to: &values)
                    continue
                }
                if b == 0x0A { line += 1 }
                values.append(Self.isSpace(b) ? 0x20 : b)  // attribute-value normalisation
                position += 1
            }
            if isRepeated(attributeName) {
                throw XMLSyntaxError(line: line, message: "attribute '\(excerpt(attributeName))' appears twice in tag <\(excerpt(name))>")
            }
            attributes.append(Attribute(name: attributeName, value: valueStart ..< values.count))
        }
        if open.isEmpty {
            if sawRoot {
                throw XMLSyntaxError(line: tagLine, message: "a second root element <\(excerpt(name))> after the first one closed")
            }
            sawRoot = true
        }
        if !isSelfClosing {
            guard open.count < Self.maxDepth else {
                throw XMLSyntaxError(line: tagLine, message: "elements nested more than \(Self.maxDepth) deep (GraphML needs a handful)")
            }
            open.append((name, tagLine))
        }
    }

    /// The deepest nesting accepted: GraphML needs about 5 levels, yEd's drawing data a few more.
    static let maxDepth = 1000

    /// Whether the current tag already has an attribute named `name`. A tag's first few names are
    /// compared directly; from the ninth on, a hash set of the names is kept, so that a tag with k
    /// attributes costs O(total name length), not O(k²) comparisons.
    private mutating func isRepeated(_ name: Range<Int>) -> Bool {
        if attributes.count < 8 {
            for other in attributes where other.name.count == name.count && bytes[other.name].elementsEqual(bytes[name]) {
                return true
            }
            return false
        }
        if attributes.count == 8 {
            attributeNames.removeAll(keepingCapacity: true)
            for other in attributes { attributeNames.insert(bytes[other.name]) }
        }
        return !attributeNames.insert(bytes[name]).inserted
    }

    private mutating func scanEndTag() throws(XMLSyntaxError) {
        tagLine = line
        position += 2  // "</"
        guard let name = scanName() else {
            throw XMLSyntaxError(line: line, message: "expected an element name after '</'")
        }
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
            throw XMLSyntaxError(line: tagLine, message: "unterminated closing tag </\(excerpt(name))>")
        }
        position += 1
        guard let last = open.last else {
            throw XMLSyntaxError(line: tagLine, message: "closing tag </\(excerpt(name))> has no opening tag")
        }
        guard last.name.count == name.count && bytes[last.name].elementsEqual(bytes[name]) else {
            throw XMLSyntaxError(line: tagLine, message:
                "closing tag </\(excerpt(name))> does not match <\(excerpt(last.name))> opened on line \(last.line)")
        }
        open.removeLast()
        tagName = name
    }

    /// Reads character data up to the next `<` into ``text``; returns whether it is all whitespace.
    private mutating func scanText() throws(XMLSyntaxError) -> Bool {
        textLine = line
        text.removeAll(keepingCapacity: true)
        var blank = true
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "<") { break }
            if c == UInt8(ascii: "&") {
                blank = false
                Self.appendUTF8(try decodeReference(), to: &text)
                continue
            }
            if c == 0x0A { line += 1 } else if !Self.isSpace(c) { blank = false }
            text.append(c)
            position += 1
        }
        return blank
    }

    /// Appends the UTF-8 encoding of the code point `value` (a valid scalar).
    private static func appendUTF8(_ value: Int, to out: inout [UInt8]) {
        switch value {
        case ..<0x80:
            out.append(UInt8(value))
        case ..<0x800:
            out.append(UInt8(0xC0 | (value >> 6)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        case ..<0x10000:
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        default:
            out.append(UInt8(0xF0 | ((value >> 18) & 0x07)))
            out.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        }
    }

    /// Decodes the entity or character reference at `position` (an `&`) and moves past it; returns
    /// the code point it stands for.
    private mutating func decodeReference() throws(XMLSyntaxError) -> Int {
        let start = position + 1
        var end = start
        while end < bytes.count && end - start <= 32 && bytes[end] != UInt8(ascii: ";")
            && !Self.isSpace(bytes[end]) && bytes[end] != UInt8(ascii: "<") && bytes[end] != UInt8(ascii: "&") {
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start else {
            throw XMLSyntaxError(line: line, message: "'&' does not start a reference such as &amp; or &#38; (escape a literal '&' as &amp;)")
        }
        let name = start ..< end
        if bytes[start] == UInt8(ascii: "#") {
            var value = 0
            var i = start + 1
            var radix = 10
            if i < end && bytes[i] == UInt8(ascii: "x") { radix = 16; i += 1 }
            guard i < end else {
                throw XMLSyntaxError(line: line, message: "empty character reference &\(excerpt(name));")
            }
            while i < end {
                let c = bytes[i]
                let digit: Int
                if c >= 0x30 && c <= 0x39 { digit = Int(c - 0x30) }
                else if radix == 16 && c >= 0x61 && c <= 0x66 { digit = Int(c - 0x61 + 10) }
                else if radix == 16 && c >= 0x41 && c <= 0x46 { digit = Int(c - 0x41 + 10) }
                else { throw XMLSyntaxError(line: line, message: "bad character reference &\(excerpt(name));") }
                value = value * radix + digit
                if value > 0x10FFFF { break }
                i += 1
            }
            guard value != 0, value <= 0x10FFFF, !(0xD800 ... 0xDFFF).contains(value),
                  Unicode.Scalar(UInt32(value)) != nil else {
                throw XMLSyntaxError(line: line, message: "character reference &\(excerpt(name)); is not a valid character")
            }
            position = end + 1
            return value
        }
        let value: Int
        if equal(name, "lt") { value = 0x3C }
        else if equal(name, "gt") { value = 0x3E }
        else if equal(name, "amp") { value = 0x26 }
        else if equal(name, "quot") { value = 0x22 }
        else if equal(name, "apos") { value = 0x27 }
        else {
            throw XMLSyntaxError(line: line, message: "unknown entity &\(excerpt(name)); (only &lt; &gt; &amp; &quot; &apos; and &#...; are known)")
        }
        position = end + 1
        return value
    }
}
