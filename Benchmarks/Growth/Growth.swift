// Growth suite (issue 6): the quarterly growth series of genN's generated dataset with the three
// hierarchy levels (organisation, region, partner), cumulative and with a 4-quarter window, as
// `meshwork growth DIR --period quarter --basic [--window 4]` computes it. What is timed is
// `GrowthSeries(period: .quarter[, window: 4]).run(community, levels: ...)`: the series'
// set-up (tie records in time order, presence) and the incremental pass. Loading the dataset and the
// partitions are not measured; the non-basic columns (clustering, path length, modularity per
// period) are not in this suite.
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes where members <= 100_000 {
        let configuration = BenchmarkInputs.configuration(members: members)
        let setup = { () throws -> (Community, [Partition]) in
            let community = try BenchmarkInputs.community(members: members).community!
            return (community, HierarchyLevel.allCases.map { community.partition($0) })
        }
        BenchmarkInputs.register("growth_quarter.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                blackHole(GrowthSeries(period: .quarter).run(input.0, levels: input.1))
            }
        } setup: { try setup() }
        BenchmarkInputs.register("growth_quarter_window4.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                blackHole(GrowthSeries(period: .quarter, window: 4).run(input.0, levels: input.1))
            }
        } setup: { try setup() }
    }
}
