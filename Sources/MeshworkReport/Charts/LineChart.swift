import MeshworkIO
import MeshworkRender

/// A small, self-contained SVG line chart for a series over periods: the growth charts of the
/// report and of `meshwork growth --charts`.
///
///     var chart = LineChart(title: "Ties", xLabels: ["2015-01-01", "2015-04-01"])
///     chart.add(LineChart.Series(name: "ties", values: [14, 386]))
///     let svg = chart.svg   // same input, same bytes
///
/// Undefined values (NaN) break the line. A series may carry a band (a bootstrap interval) drawn
/// as a translucent area behind its line. Colours are the Okabe-Ito palette, distinguishable with
/// the common forms of colour blindness. Numbers in the SVG are rounded to 0.01 pixel.
///
/// - Complexity: O(periods × series).
struct LineChart: Sendable {
    struct Series: Sendable {
        var name: String
        var values: [Double]
        var band: (low: [Double], high: [Double])?

        init(name: String, values: [Double], band: (low: [Double], high: [Double])? = nil) {
            self.name = name
            self.values = values
            self.band = band
        }
    }

    /// Okabe & Ito, "Color universal design", 2008, ordered for lines on white (blue first, yellow
    /// late: ``Palette/okabeIto`` orders the same colours for filled map nodes).
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    var title: String
    var xLabels: [String]
    var series: [Series] = []
    var width = 640.0
    var height = 320.0
    /// The values are shares of 1: the axis reads in percent (0.25 -> "25%").
    var percent = false
    /// What the x labels are ("Start of each quarter"), written under them.
    var xTitle: String?

    init(title: String, xLabels: [String]) {
        self.title = title
        self.xLabels = xLabels
    }

    mutating func add(_ series: Series) {
        precondition(series.values.count == xLabels.count, "one value per period")
        self.series.append(series)
    }

    // Text is 14 px in the 640-px drawing: about 10.5 CSS px where the report shows two charts
    // side by side (480 px each).
    // The right margin holds half of a date label centred on the last period.
    private let left = 72.0, right = 44.0, top = 40.0, bottom = 72.0

    /// The chart as an SVG document.
    var svg: String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var all: [Double] = []
        for s in series {
            all += s.values.filter(\.isFinite)
            if let band = s.band { all += (band.low + band.high).filter(\.isFinite) }
        }
        let (low, high, step) = Self.niceScale(min: all.min() ?? 0, max: all.max() ?? 1)
        let count = xLabels.count
        func x(_ i: Int) -> Double { left + (count > 1 ? Double(i) / Double(count - 1) * plotWidth : plotWidth / 2) }
        func y(_ v: Double) -> Double { top + plotHeight - (v - low) / (high - low) * plotHeight }

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
        out += "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"sans-serif\" font-size=\"14\" role=\"img\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        out += "<text x=\"16\" y=\"22\" font-size=\"15\" font-weight=\"bold\">\(Self.escape(title))</text>\n"
        // Horizontal grid and y ticks.
        var tick = low
        while tick <= high + step / 2 {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(percent ? Self.number(100 * tick) + "%" : Self.number(tick))</text>\n"
            tick += step
        }
        // X labels, at most 6 (a date is about 80 px wide at 14 px).
        let every = max(1, (count + 5) / 6)
        for i in stride(from: 0, to: count, by: every) {
            out += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(Self.escape(xLabels[i]))</text>\n"
        }
        if let xTitle {
            out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - bottom + 38))\" text-anchor=\"middle\" fill=\"#555\">\(Self.escape(xTitle))</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotHeight))\" stroke=\"#555\"/>\n"
        for (k, s) in series.enumerated() {
            let colour = Self.palette[k % Self.palette.count]
            if let band = s.band {
                for run in Self.runs(count, { i in band.low[i].isFinite && band.high[i].isFinite }) {
                    var points = run.map { "\(f(x($0))),\(f(y(band.high[$0])))" }
                    points += run.reversed().map { "\(f(x($0))),\(f(y(band.low[$0])))" }
                    out += "<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
                }
            }
            for run in Self.runs(count, { s.values[$0].isFinite }) {
                let points = run.map { "\(f(x($0))),\(f(y(s.values[$0])))" }.joined(separator: " ")
                if run.count == 1 {
                    out += "<circle cx=\"\(f(x(run[0])))\" cy=\"\(f(y(s.values[run[0]])))\" r=\"2.5\" fill=\"\(colour)\"/>\n"
                } else {
                    out += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"><title>\(Self.escape(s.name))</title></polyline>\n"
                }
            }
        }
        if series.count > 1 {
            for (k, s) in series.enumerated() {
                let lx = left + 8 + Double(k) * 150, ly = height - 10
                out += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 9))\" width=\"12\" height=\"4\" fill=\"\(Self.palette[k % Self.palette.count])\"/>\n"
                out += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly - 4))\">\(Self.escape(s.name))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    /// Maximal runs of consecutive indices where `defined` holds.
    static func runs(_ count: Int, _ defined: (Int) -> Bool) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in 0..<count {
            if defined(i) { current.append(i) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Axis bounds and step on "nice" numbers (1, 2, 5 × 10^k), about five ticks, including 0 when
    /// every value is positive.
    static func niceScale(min lowest: Double, max highest: Double) -> (Double, Double, Double) {
        var lowest = Swift.min(lowest, 0), highest = highest
        if highest <= lowest { highest = lowest + 1 }
        let raw = (highest - lowest) / 5
        let magnitude = pow10(floorLog10(raw))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        lowest = (lowest / step).rounded(.down) * step
        highest = (highest / step).rounded(.up) * step
        return (lowest, highest, step)
    }

    private static func floorLog10(_ x: Double) -> Int {
        var k = 0, v = x
        while v >= 10 { v /= 10; k += 1 }
        while v < 1 { v *= 10; k -= 1 }
        return k
    }

    private static func pow10(_ k: Int) -> Double {
        var v = 1.0
        for _ in 0..<abs(k) { v *= 10 }
        return k >= 0 ? v : 1 / v
    }

    /// A tick label: up to 4 decimals, no trailing zeros; whole numbers from 1,000 up with
    /// thousands separators.
    static func number(_ v: Double) -> String {
        let rounded = (v * 10_000).rounded() / 10_000
        if abs(rounded) >= 1_000 && rounded == rounded.rounded() && abs(rounded) < 1e15 { return _thousands(Int(rounded)) }
        return NumberFormatting.shortest(rounded == 0 ? 0 : rounded)
    }

    /// Coordinates rounded to 0.01.
    private func f(_ v: Double) -> String { NumberFormatting.shortest((v * 100).rounded() / 100) }

    /// Text escaped for XML content and double-quoted attributes.
    static func escape(_ text: String) -> String { DOTEscaping.html(text) }
}
