// Communities suite: Louvain, Leiden and label propagation (seed 42, nodes visited in the sorted-label
// order the `meshwork communities` command uses), and the modularity of a fixed partition, on the
// CSR graph of genN (loading is not measured). gen10k and gen100k only: one gen1m run takes seconds.
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes where members <= 100_000 {
        // Each run allocates per level and per iteration (quotient graphs, arrays of the current
        // level), never per vertex: a few hundred allocations at most.
        let configuration = BenchmarkInputs.configuration(members: members,
                                                          checkCPU: members >= 100_000, iterative: true)
        let setup = { () throws -> (CSRGraph, [Int32]) in
            let loaded = try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions())
            return (loaded.graph, loaded.labels.labelOrder())
        }
        BenchmarkInputs.register("louvain.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                let result = Louvain(seed: 42).run(input.0, order: input.1)
                benchmark.measurement(BenchmarkInputs.iterations, result.iterations)
                blackHole(result)
            }
        } setup: { try setup() }
        BenchmarkInputs.register("leiden.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                let result = Leiden(seed: 42).run(input.0, order: input.1)
                benchmark.measurement(BenchmarkInputs.iterations, result.iterations)
                blackHole(result)
            }
        } setup: { try setup() }
        BenchmarkInputs.register("label_propagation.\(name)", configuration: configuration) { benchmark, input in
            for _ in benchmark.scaledIterations {
                let result = LabelPropagation(seed: 42).run(input.0, order: input.1)
                benchmark.measurement(BenchmarkInputs.iterations, result.iterations)
                blackHole(result)
            }
        } setup: { try setup() }
        // Modularity().run of the Louvain partition (computed in the setup, not timed): one O(m) pass.
        let modularityConfiguration = BenchmarkInputs.configuration(members: members, checkCPU: false)
        BenchmarkInputs.register("modularity.\(name)", configuration: modularityConfiguration) { benchmark, input in
            for _ in benchmark.scaledIterations { blackHole(Modularity().run(input.0, partition: input.1).quality) }
        } setup: { () throws -> (CSRGraph, Partition) in
            let (graph, order) = try setup()
            return (graph, Louvain(seed: 42).run(graph, order: order).partition)
        }
    }
}
