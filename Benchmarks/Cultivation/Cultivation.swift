// Cultivation suite (issue 18): the analyses behind `meshwork suggest` and `meshwork resilience`
// on the member network and organisations of genN's generated dataset (loading, the partition and
// the removal order are not measured):
// - suggest_organisation: resource allocation over every two-hop pair, boundary-weighted by
//   organisation, the best 1,000 pairs (what `suggest --top 1000` ranks);
// - key_players: Borgatti's greedy key-player set of 30 members (`resilience`'s third order);
// - resilience_curves: the largest component and connected organisation pairs over 21 steps as
//   up to 10% of members leave by degree, plus the 20 seeded random orders.
// One worker each, so that the malloc counts are the kernel's.
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes where members <= 100_000 {
        let configuration = BenchmarkInputs.configuration(members: members)
        let setup = { () throws -> (CSRGraph, Partition) in
            let loaded = try BenchmarkInputs.community(members: members)
            return (loaded.graph, loaded.community!.partition(.organisation))
        }
        BenchmarkInputs.register("suggest_organisation.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                blackHole(LinkPrediction(index: .resourceAllocation, top: 1_000,
                                         boundary: .init(partition: input.1), threads: 1).run(input.0))
            }
        } setup: { try setup() }
        if members <= 10_000 {
            BenchmarkInputs.register("key_players.\(name)", configuration: configuration) { benchmark, input in
                for _ in benchmark.scaledIterations { blackHole(KeyPlayers(count: 30).run(input.0)) }
            } setup: { try setup() }
        }
        BenchmarkInputs.register("resilience_curves.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                blackHole(Resilience(threads: 1).run(input.0.graph, groups: input.0.groups, orders: [("degree", input.1)]))
            }
        } setup: { () throws -> ((graph: CSRGraph, groups: Partition), [VertexID]) in
            let (graph, groups) = try setup()
            let byDegree = (0 ..< graph.vertexCount).map { VertexID($0) }.sorted {
                graph.degree($0) != graph.degree($1) ? graph.degree($0) > graph.degree($1) : $0 < $1
            }
            return ((graph, groups), byDegree)
        }
    }
}
