import Foundation
import MeshworkAlgorithms
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
}
