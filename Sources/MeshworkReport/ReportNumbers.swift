import MeshworkIO

/// A cell of a report table: the text the page shows and, when it is a rounded number, the
/// full-precision value that the table's CSV download keeps (the cell's `data-value`).
///
///     _Cell.measure(0.123456)   // shows "0.123", downloads "0.123456"
///     _Cell.share(0.23412)      // shows "23.4%", downloads "0.23412"
///     _Cell.count(8317)         // shows "8,317", downloads "8317"
struct _Cell: Equatable, ExpressibleByStringLiteral {
    var text: String
    /// `nil`: the CSV keeps ``text``.
    var value: String?

    init(_ text: String, value: String? = nil) {
        self.text = text
        self.value = value
    }

    init(stringLiteral text: String) { self.init(text) }

    /// A real-valued measure (E-I index, effective size, NMI, ...): three significant digits;
    /// empty for NaN or infinity.
    static func measure(_ value: Double) -> _Cell {
        value.isFinite ? _Cell(_significant(value), value: NumberFormatting.shortest(value)) : ""
    }

    /// A value with a fixed number of decimals (p-values: 0.001); empty for NaN.
    static func decimals(_ value: Double, _ digits: Int) -> _Cell {
        value.isFinite ? _Cell(_format(value, digits), value: NumberFormatting.shortest(value)) : ""
    }

    /// A share of 1 (0.234) shown as a percentage with one decimal ("23.4%"); the CSV keeps the
    /// share. Empty for NaN.
    static func share(_ value: Double) -> _Cell {
        value.isFinite ? _Cell(_format(100 * value, 1) + "%", value: NumberFormatting.shortest(value)) : ""
    }

    /// A count, with thousands separators on the page.
    static func count(_ value: Int) -> _Cell { _Cell(_thousands(value), value: String(value)) }
}

/// `value` to `digits` significant digits, as a reader wants a measure: 0.123, 12.3, -1.00,
/// 0.00457; from 10^digits up, a whole number with thousands separators (12,300); "0" for 0 and an
/// empty string for NaN or infinity.
func _significant(_ value: Double, _ digits: Int = 3) -> String {
    guard value.isFinite else { return "" }
    guard value != 0 else { return "0" }
    var exponent = 0, magnitude = abs(value)
    while magnitude >= 10 { magnitude /= 10; exponent += 1 }
    while magnitude < 1 { magnitude *= 10; exponent -= 1 }
    // Rounding may carry into the next decade (9.996 -> 10.0).
    var decimals = digits - 1 - exponent
    if abs(Double(_format(value, max(0, decimals))) ?? 0) >= _power10(exponent + 1) { decimals -= 1 }
    if decimals > 0 { return _format(value, decimals) }
    let step = _power10(-decimals)
    let rounded = (value / step).rounded() * step
    return abs(rounded) < 9.0e18 ? _thousands(Int(rounded)) : _format(rounded, 0)
}

/// 10^k for a small integer k.
private func _power10(_ k: Int) -> Double {
    var v = 1.0
    for _ in 0..<abs(k) { v *= 10 }
    return k >= 0 ? v : 1 / v
}
