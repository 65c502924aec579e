import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

@Suite("Report narrative")
struct NarrativeTests {
    /// The sentences of the report's opening list, tags removed, and the sections they link to.
    static func sentences(_ html: String) throws -> [(text: String, link: String)] {
        let start = try #require(html.range(of: "<ul class=\"narrative\">"))
        let end = try #require(html[start.upperBound...].range(of: "</ul>"))
        return html[start.upperBound ..< end.lowerBound].split(separator: "\n").map { line in
            let link = line.range(of: "href=\"#").map { String(line[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            var text = "", inTag = false
            for c in line { if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.append(c) } }
            return (text, link)
        }
    }

    @Test("the report opens with five to eight sentences from its own figures, each linked to a section of the page",
          arguments: ["lazega-lawyers", "workplace-invs15", "email-eu-core-temporal", "sfhh-conference"])
    func opening(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let html = try HTMLReport(loaded, options: .init(threads: 2)).html
        let sentences = try Self.sentences(html)
        #expect((5 ... 8).contains(sentences.count), "\(sentences.map(\.text))")
        for sentence in sentences {
            #expect(html.contains("<section id=\"\(sentence.link)\">"), "\(sentence.link) is not a section")
        }
        let members = loaded.graph.vertexCount
        let grouped = members >= 1000 ? "\(members / 1000),\(String(members % 1000).count < 3 ? String(repeating: "0", count: 3 - String(members % 1000).count) : "")\(members % 1000)" : "\(members)"
        #expect(sentences[0].text.hasPrefix("The community has \(grouped) members"))
        // A level with a single group says nothing about crossing it.
        #expect(!sentences.contains { $0.text.contains("cross region boundaries") } || dataset == "lazega-lawyers")
        if dataset == "sfhh-conference" {
            // Its participants have no organisations: no sentence speaks of them as if they did.
            #expect(!sentences.contains { $0.text.contains("organisations.") || $0.text.contains("links two") })
            #expect(sentences.contains { $0.text.hasPrefix("No organisations, regions or partners are recorded") })
            #expect(sentences.contains { $0.text.contains("the members' average number of ties") })
        } else {
            // The bridges sentence names members (or says nobody links organisations), never an empty list.
            #expect(sentences.contains { $0.text.hasPrefix("The strongest bridges between organisations are ") || $0.text.hasPrefix("No member yet links") })
        }
    }
}

@Suite("Report of a plain graph")
struct PlainGraphReportTests {
    @Test("an edge list gets the summary, the member map and the communities, and each missing section says what it needs")
    func edgeList() throws {
        let loaded = try Fixtures.load("karate/karate.edges")
        let html = try HTMLReport(loaded, options: .init(threads: 2)).html
        let sentences = try NarrativeTests.sentences(html)
        #expect(sentences.count == 4 && sentences[0].text.hasPrefix("The network has 34 members and 78 ties."))
        for section in ["summary", "maps", "growth", "brokers", "boundaries", "communities"] {
            #expect(html.contains("<section id=\"\(section)\">"))
        }
        #expect(html.contains("Growth over time needs dated interactions"))
        #expect(html.contains("<figure class=\"map\">"))
        #expect(throws: MapOptionError.self) {
            try HTMLReport(loaded, options: .init(comparison: (DateSpan(from: nil, until: nil), DateSpan(from: nil, until: nil))))
        }
    }
}
