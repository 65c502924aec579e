import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

@Suite("Resilience analysis")
struct ResilienceAnalysisTests {
    @Test("four orders plus the random band, steps from nobody to the maximum share, the chart, and the first members of each order")
    func curves() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let analysis = try ResilienceAnalysis(loaded, .init(level: .hierarchy(.region), steps: 4, maximumShare: 0.2, keyPlayers: 5, randomOrders: 4))
        #expect(analysis.result.curves.map(\.order) == ["betweenness", "brokerage", "key_players", "random", "random_low", "random_high"])
        #expect(analysis.result.removed == [0, 3, 7, 10, 14])
        for curve in analysis.result.curves {
            #expect(curve.largestComponentShare.count == 5 && curve.groupPairsConnected.first == 1)
            #expect(zip(curve.largestComponentShare, curve.largestComponentShare.dropFirst()).allSatisfy { $0 >= $1 })
        }
        let path = try Scratch.file("", suffix: ".csv")
        defer { Scratch.remove(path) }
        try analysis.write(to: path)
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "order,removed,removed_share,largest_component_share,group_pairs_connected" && rows.count == 1 + 6 * 5)
        #expect(analysis.chart.hasPrefix("<svg") && analysis.chart.contains("key players"))
        #expect(analysis.leaders.map(\.order) == ["betweenness", "brokerage", "key_players"])
    }

    @Test("brokerage roles passed in (the report's broker section) order members as the roles computed here; other roles another way")
    func givenBrokerage() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let level = BoundaryLevel.hierarchy(.region)
        let groups = try loaded.partitions([level], seed: 42)[0]
        let configuration = ResilienceAnalysis.Configuration(level: level, steps: 4, maximumShare: 0.2, keyPlayers: 5, randomOrders: 2)
        var given = configuration
        given.brokerage = Brokerage().run(loaded.graph, partition: groups)
        let computed = try ResilienceAnalysis(loaded, configuration)
        let reused = try ResilienceAnalysis(loaded, given)
        #expect(reused.leaders.map(\.members) == computed.leaders.map(\.members))
        #expect(reused.result.curves.map(\.largestComponentShare) == computed.result.curves.map(\.largestComponentShare))
        // Roles of one group for everyone (no brokerage across groups): the brokerage order is then betweenness's.
        var none = configuration
        none.brokerage = Brokerage().run(loaded.graph, partition: Partition(groups: [Int32](repeating: 0, count: loaded.graph.vertexCount)))
        let flat = try ResilienceAnalysis(loaded, none)
        #expect(flat.leaders[1].members == flat.leaders[0].members)
        #expect(computed.leaders[1].members != computed.leaders[0].members)
    }
}
