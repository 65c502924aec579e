import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The report's "Introductions worth making" and "Who holds the network together" sections show
/// what `suggest` and `resilience` compute, by name and in words.
@Suite("Report: introductions and resilience")
struct ReportCultivationTests {
    /// The text of the section `id`, up to the next section.
    static func section(_ id: String, in html: String) throws -> Substring {
        let start = try #require(html.range(of: "<section id=\"\(id)\">"))
        let rest = html[start.upperBound...]
        return rest[..<(rest.range(of: "<section ")?.lowerBound ?? rest.endIndex)]
    }

    @Test("the introductions are suggest's ten best pairs, untied, with its reasons; the cut-off members are resilience's")
    func sections() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let html = try HTMLReport(loaded, options: .init(threads: 2)).html
        let introductions = try Self.section("introductions", in: html)
        let suggestions = try IntroductionSuggestions(loaded, .init(level: .hierarchy(.organisation), top: 10, threads: 1))
        #expect(suggestions.ranking.count == 10)
        let rows = ReportTablesTests.cells(String(introductions)).map(\.text)
        #expect(rows.count == 50)
        for i in 0 ..< suggestions.ranking.count {
            let (u, v) = (suggestions.ranking.sources[i], suggestions.ranking.targets[i])
            #expect(!loaded.graph.hasEdge(u, v))
            #expect(rows[5 * i] == loaded.labels[u] && rows[5 * i + 2] == loaded.labels[v])
            #expect(rows[5 * i + 4] == suggestions.reason(i).replacingOccurrences(of: "&", with: "&amp;"))
        }

        let resilience = try Self.section("resilience", in: html)
        let analysis = try ResilienceAnalysis(loaded, .init(level: .hierarchy(.organisation), randomOrders: 10, threads: 2))
        #expect(resilience.contains("<svg"))
        #expect(resilience.contains("(\(analysis.cutOffs.count) in all;"))
        let cut = ReportTablesTests.cells(String(resilience)).map(\.text)
        #expect(cut.count == 3 * min(10, analysis.cutOffs.count))
        for (i, member) in analysis.cutOffs.prefix(10).enumerated() {
            #expect(cut[3 * i] == loaded.labels[member.member] && cut[3 * i + 2] == String(member.membersCutOff))
        }
        let removed = try #require(analysis.result.removed.last)
        #expect(resilience.contains("If the \(removed) members with the most ties between others (betweenness) left"))
    }
}
