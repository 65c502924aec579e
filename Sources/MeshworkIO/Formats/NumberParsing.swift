#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parsing numbers straight from bytes.
package enum NumberParsing {
    /// Parses a decimal number (`12`, `-0.5`, `3e-2`, `7.`, `.5`) from `bytes`; `nil` if the bytes are
    /// not one whole decimal number. Only decimal notation is accepted: `inf`, `nan`, `infinity`,
    /// hexadecimal (`0x10`) and hexadecimal floats (`0x1p4`), which `strtod` would read, are not
    /// numbers here. A decimal too large for a `Double` gives infinity (callers check the range).
    ///
    /// Plain decimals with at most 15 significant digits and at most 22 fraction digits take an
    /// exact fast path (an integer mantissa divided by an exact power of ten rounds correctly,
    /// Clinger 1990); everything else goes through `strtod`.
    ///
    /// - Complexity: O(length).
    package static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { negative = bytes[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawDot = false
        var simple = i < n
        while i < n {
            let c = bytes[i]
            if c >= 0x30 && c <= 0x39 {
                if mantissa != 0 || c != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                if sawDot { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !sawDot {
                sawDot = true
            } else {
                simple = false
                break
            }
            i += 1
        }
        if simple && digits <= 15 && fractionDigits <= 22 && !(sawDot && n == 1 + (bytes[0] == 0x2D || bytes[0] == 0x2B ? 1 : 0)) {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return slowDouble(bytes)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var p = 1.0
        for _ in 0..<exponent { p *= 10 }
        return p
    }

    /// Whether `bytes` is one decimal number: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
    static func isDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
        var mantissaDigits = 0
        while isDigit(i) { i += 1; mantissaDigits += 1 }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while isDigit(i) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return i == n
    }

    private static func slowDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.count < 512, isDecimal(bytes) else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for i in 0..<bytes.count { buffer[i] = CChar(bitPattern: bytes[i]) }
            buffer[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == bytes.count else { return nil }
            return value
        }
    }

    /// Parses a non-negative decimal integer; `nil` on anything else or on overflow.
    package static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for c in bytes {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            value = value * 10 + Int(c - 0x30)
        }
        return value
    }
}
