import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// A map's colours mean what its legend says, and the report's member map can switch between the
/// colourings the `map` command draws.
@Suite("Map colourings")
struct MapColouringTests {
    @Test("group map coloured by its own groups: each legend entry's colour is that group's fill",
          arguments: ["workplace-invs15", "school-like"])
    func groupLegend(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        var options = NetworkMap.Options()
        options.level = .groups(.hierarchy(.organisation))
        options.colourBy = .hierarchy(.organisation)
        let map = try NetworkMap.document(loaded, options: options)
        let named = map.legend.filter { !$0.label.hasSuffix("other groups") && $0.label != "unknown" }
        #expect(named.count >= 10)
        for entry in named {
            let node = try #require(map.nodes.first { $0.tooltip.hasPrefix(entry.label + " (") }, "\(entry.label)")
            #expect(node.fill == entry.colour, "\(entry.label): legend \(entry.colour), drawn \(node.fill)")
        }
        // Ranked by members: the largest organisation first.
        let community = try #require(loaded.community)
        let sizes = community.partition(.organisation).sizes
        let largest = community.partition(.organisation).names[sizes.indices.max { sizes[$0] < sizes[$1] }!]
        #expect(named[0].label == community.names[Int(community.ids.id(of: largest)!)])
    }

    @Test("memberColouring gives the fills and legend that the map coloured by that level draws",
          arguments: [BoundaryLevel.communities, .hierarchy(.organisation)])
    func memberColouring(level: BoundaryLevel) throws {
        let loaded = try Fixtures.load("workplace-invs15")
        var options = NetworkMap.Options()
        options.colourBy = level
        let map = try NetworkMap.document(loaded, options: options)
        let colouring = try NetworkMap.memberColouring(loaded, by: level, options: options)
        #expect(colouring.fills.count == loaded.graph.vertexCount)
        #expect(colouring.legend == map.legend && colouring.title == map.legendTitle)
        let drawn = Dictionary(uniqueKeysWithValues: map.nodes.map { ($0.id, $0.fill) })
        for v in 0 ..< loaded.graph.vertexCount {
            #expect(drawn[loaded.labels[Int32(v)]] == colouring.fills[v])
        }
    }

    @Test("report: the member map carries one legend per level with two groups or more, all but the first hidden")
    func reportSwitch() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let html = try HTMLReport(loaded, options: .init(threads: 2)).html
        // One region and one partner: communities and organisations only.
        #expect(html.contains("<ul class=\"legend\" data-colouring=\"0\"><li class=\"title\">Community</li>"))
        #expect(html.contains("<ul class=\"legend\" data-colouring=\"1\" hidden><li class=\"title\">Organisation</li>"))
        #expect(!html.contains("data-colouring=\"2\""))
        #expect(html.contains("Members, coloured by <span class=\"coloured-by\">community</span>."))
        let start = try #require(html.range(of: "<script type=\"application/json\" class=\"colourings\">"))
        let json = html[start.upperBound...].prefix { $0 != "<" }
        #expect(json.hasPrefix("{\"ids\":[\"n-"))
        #expect(json.contains("{\"title\":\"Organisation\",\"word\":\"organisation\",\"colours\":[\"#"))
        // A plain graph has one colouring: no switch.
        let plain = try HTMLReport(Fixtures.load("karate/karate.edges"), options: .init(threads: 1)).html
        #expect(!plain.contains("data-colouring=\"") && !plain.contains("class=\"colourings\">"))
    }

    @Test("a member coloured by community names its organisation in its tooltip (the report's click panel)")
    func organisationInTooltip() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let community = try #require(loaded.community)
        let organisations = community.partition(.organisation)
        let map = try NetworkMap.document(loaded, options: NetworkMap.Options())
        for node in map.nodes {
            let v = try #require(loaded.labels.id(of: node.id))
            let g = organisations.group[Int(v)]
            guard g >= 0 else { continue }
            let name = community.names[Int(community.ids.id(of: organisations.names[Int(g)])!)]
            #expect(node.tooltip.hasSuffix(" · \(name)") && node.tooltip.contains(" · Community "), "\(node.tooltip)")
        }
        var byOrganisation = NetworkMap.Options()
        byOrganisation.colourBy = .hierarchy(.organisation)
        let coloured = try NetworkMap.document(loaded, options: byOrganisation)
        #expect(coloured.nodes.allSatisfy { $0.tooltip.components(separatedBy: " · Department ").count <= 2 })
    }
}
