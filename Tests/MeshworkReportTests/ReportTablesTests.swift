import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The report's tables as a reader and a spreadsheet see them: rounded numbers on the page, the
/// full-precision value in each cell's `data-value` (what "Download CSV" writes).
@Suite("Report tables")
struct ReportTablesTests {
    /// Every `<td>` of the page: its `data-value` (if any) and its text.
    static func cells(_ html: String) -> [(value: String?, text: String)] {
        var cells: [(String?, String)] = []
        var rest = html[...]
        while let open = rest.range(of: "<td") {
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">")!
            let attributes = rest[open.upperBound ..< tagEnd]
            let close = rest[tagEnd...].range(of: "</td>")!
            let value = attributes.range(of: "data-value=\"").map { start in
                String(attributes[start.upperBound...].prefix { $0 != "\"" })
            }
            cells.append((value, String(rest[rest.index(after: tagEnd) ..< close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return cells
    }

    /// The number a cell shows ("2,240", "-4.6 points", "23.4%", "+9"), its decimals, and whether
    /// it is a percentage; `nil` for text.
    static func shown(_ text: String) -> (number: Double, decimals: Int, percent: Bool, digits: String)? {
        var body = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " points", with: "")
        let percent = body.hasSuffix("%") || text.hasSuffix(" points")
        if body.hasSuffix("%") { body.removeLast() }
        if body.hasPrefix("+") { body.removeFirst() }
        guard let number = Double(body), body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        let decimals = body.firstIndex(of: ".").map { body.distance(from: $0, to: body.endIndex) - 1 } ?? 0
        return (number, decimals, percent, body.filter(\.isNumber))
    }

    @Test("numbers show three significant digits (percentages one decimal), and data-value keeps the full value",
          arguments: ["workplace-invs15", "lazega-lawyers"])
    func rounding(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let spans = (before: DateSpan(from: nil, until: nil), after: DateSpan(from: nil, until: nil))
        let html = try HTMLReport(loaded, options: .init(threads: 2, comparison: spans)).html
        let cells = Self.cells(html)
        #expect(cells.count > 50)
        var measures = 0
        for (value, text) in cells {
            guard let shown = Self.shown(text) else { continue }
            guard let value else {
                // Without a full value the cell shows it whole: an integer (an id, a count below 1,000).
                #expect(shown.decimals == 0 && !text.contains(","), "\(text) is rounded but keeps no full value")
                continue
            }
            let full = try #require(Double(value), "data-value \(value)")
            #expect(NumberFormatting.shortest(full) == value, "data-value \(value) is not the shortest round trip")
            let scaled = shown.percent ? 100 * full : full
            var unit = 1.0
            for _ in 0..<shown.decimals { unit /= 10 }
            #expect(abs(scaled - shown.number) <= unit / 2 + 1e-9, "\(text) does not show \(value)")
            if full == full.rounded() && !shown.percent {
                #expect(shown.number == full, "\(text): a count is shown whole")
            } else if shown.percent {
                #expect(shown.decimals == 1, "\(text): one decimal for a percentage")
            } else if shown.decimals != 3 || !text.hasPrefix("0.0") {
                // Three significant digits (a p-value keeps its three decimals: 0.001).
                let significant = shown.digits.drop { $0 == "0" }
                #expect(significant.count == 3 || (significant.count < 3 && shown.decimals == 0), "\(text) for \(value)")
                measures += 1
            }
        }
        #expect(measures > 10)
    }

    @Test("the summary figures: the mean number of ties to three significant digits")
    func summaryFigures() throws {
        // Through the page: the mean degree fact of a graph whose mean degree is known.
        // 7 members, 10 ties: mean degree 20/7 = 2.857142... shown "2.86".
        let path = try Scratch.file("a b\na c\na d\nb c\nb d\nc d\nd e\ne f\nf g\ne g\n")
        defer { Scratch.remove(path) }
        let loaded = try GraphLoader.load(path, options: LoadOptions())
        let html = try HTMLReport(loaded, options: .init(threads: 1)).html
        #expect(html.contains("<dt>Mean ties per member</dt><dd>2.86</dd>"))
    }

    /// The rows (cells' text) of the first table after `marker`.
    static func table(after marker: String, in html: String) throws -> [[String]] {
        let start = try #require(html.range(of: marker))
        let end = try #require(html[start.upperBound...].range(of: "</table>"))
        return html[start.upperBound ..< end.lowerBound].components(separatedBy: "<tr>").dropFirst().map { row in
            cells(row).map(\.text) + (row.contains("<th>") ? row.components(separatedBy: "<th>").dropFirst()
                .map { String($0.prefix { $0 != "<" }) } : [])
        }
    }

    @Test("tables name organisations and regions by their nodes.csv names, ids last; a one-group level gets a sentence")
    func names() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let community = try #require(loaded.community)
        let html = try HTMLReport(loaded, options: .init(threads: 2)).html
        var organisations: [String: String] = [:]  // id -> name
        for node in 0 ..< community.kinds.count where community.kinds[node] == .organisation {
            organisations[community.ids[Int32(node)]] = community.names[node]
        }
        try #require(organisations.count == 12 && organisations.values.allSatisfy { $0.hasPrefix("Department ") })

        let brokers = try Self.table(after: "<section id=\"brokers\">", in: html)
        #expect(brokers[0] == ["Member", "Organisation", "Brokerage across organisations", "Participation", "Effective size", "Role"])
        #expect(brokers.count == 16)
        for row in brokers.dropFirst() {
            #expect(Set(organisations.values).contains(row[1]), "\(row[1]) is not an organisation's name")
            #expect(ModuleRole.allCases.contains { row[5].hasSuffix("(\($0.rawValue.prefix(2)))") } && !row[5].contains("kinless"), "\(row[5])")
        }

        let groups = try Self.table(after: "<h3>Largest organisations</h3>", in: html)
        #expect(groups[0].first == "Organisation" && groups[0].last == "Id")
        #expect(groups.count == 13)
        for row in groups.dropFirst() { #expect(organisations[row.last!] == row[0], "\(row)") }

        // One region, one partner: a sentence each, no table, no E-I index of -1.
        #expect(!html.contains("<h3>Largest regions</h3>") && !html.contains("<h3>Largest partners</h3>"))
        #expect(html.contains("All 232 members with a known region are in one, InVS office building (France)"))
        let levels = try Self.table(after: "<section id=\"boundaries\">", in: html)
        let region = try #require(levels.first { $0.first == "Region" })
        #expect(region[4 ... 6].allSatisfy { $0.isEmpty }, "\(region)")
        let agreement = try Self.table(after: "<section id=\"communities\">", in: html)
        #expect(agreement.map { $0[0] } == ["Level", "Organisation"])
        // A group below the minimum cell keeps its size out of that sentence too.
        let suppressed = try HTMLReport(loaded, options: .init(minimumCell: 300, threads: 2)).html
        #expect(suppressed.contains("All members with a known region are in one, InVS office building (France): every tie stays inside it."))
        #expect(!suppressed.contains("All 232 members with a known region"))
    }

    /// The growth section's charts (their SVG text), in page order.
    static func charts(_ html: String) -> [String] {
        let growth = html.components(separatedBy: "<section id=\"growth\">").dropFirst().first?
            .components(separatedBy: "<section ")[0] ?? ""
        return growth.components(separatedBy: "<div class=\"chart\">").dropFirst().map { String($0.components(separatedBy: "</svg>")[0]) }
    }

    @Test("charts: shares read in percent, thousands separated, no line for a level of one group",
          arguments: [("workplace-invs15", ["Share of ties across organisations"], [String]()),
                      ("example-community", ["Share of ties crossing a boundary"], ["across organisations", "across regions", "across partners"])])
    func charts(dataset: String, titles: [String], lines: [String]) throws {
        // Without the introductions and resilience (ReportCultivationTests), which are slow on the
        // example community in a debug build.
        let html = try HTMLReport(Fixtures.load(dataset), options: .init(memberMapLimit: 300, cultivationLimit: 300, threads: 2)).html
        let charts = Self.charts(html)
        #expect(html.contains("With more than 300 members this section is left out of the report") == (dataset == "example-community"))
        #expect(charts.count == 5)
        let crossing = try #require(charts.first { chart in titles.contains { chart.contains(">\($0)</text>") } })
        #expect(crossing.contains(">0%</text>") && !crossing.contains(">0.2</text>"))
        for line in lines { #expect(crossing.contains(">\(line)</text>"), "\(line)") }
        #expect(!crossing.contains("region") || lines.contains("across regions"))
        let largest = try #require(charts.first { $0.contains(">Share of members in the largest connected group</text>") })
        #expect(largest.contains(">100%</text>"))
        if dataset == "workplace-invs15" {
            #expect(charts[0].contains(">4,000</text>") && !charts[0].contains(">4000</text>"))
            #expect(charts.allSatisfy { $0.contains(">Start of each day</text>") })
        }
    }

    @Test("growth in one period: a sentence, not five charts of one dot")
    func onePeriod() throws {
        let html = try HTMLReport(Fixtures.load("email-eu-core"), options: .init(cultivationLimit: 300, threads: 2)).html
        #expect(Self.charts(html).isEmpty)
        #expect(html.contains("All dated records fall in one day, from 2005-05-31: growth over time needs records in at least two."))
    }
}
