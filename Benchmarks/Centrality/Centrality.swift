// Centrality suite: each kernel on the CSR graph of genN (loading is not measured). Exact
// betweenness and closeness are all-pairs (O(nm)), so they run on gen10k only; the sampled
// betweenness estimate (1,000 sources) runs on the larger graphs.
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        let configuration = BenchmarkInputs.configuration(members: members, checkCPU: members >= 100_000)
        let setup = { try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions()).graph }
        let iterative = BenchmarkInputs.configuration(members: members, checkCPU: members >= 100_000, iterative: true)
        BenchmarkInputs.register("pagerank.\(name)", configuration: iterative) { benchmark, graph in
            for _ in benchmark.scaledIterations {
                let result = PageRank(tolerance: 1e-6, threads: 2).run(graph)
                benchmark.measurement(BenchmarkInputs.iterations, result.iterations)
                blackHole(result.scores)
            }
        } setup: { try setup() }
        BenchmarkInputs.register("eigenvector.\(name)", configuration: configuration) { benchmark, graph in
            for _ in benchmark.scaledIterations { blackHole(EigenvectorCentrality(threads: 2).run(graph)) }
        } setup: { try setup() }
        BenchmarkInputs.register("kcore.\(name)", configuration: configuration) { benchmark, graph in
            for _ in benchmark.scaledIterations { blackHole(CoreNumber().run(graph).coreNumbers) }
        } setup: { try setup() }
        BenchmarkInputs.register("clustering.\(name)", configuration: configuration) { benchmark, graph in
            for _ in benchmark.scaledIterations { blackHole(Clustering(computesTransitivity: false, threads: 2).run(graph).local) }
        } setup: { try setup() }
        if members <= 10_000 {
            let allPairs = BenchmarkInputs.configuration(members: members, checkCPU: false)
            BenchmarkInputs.register("betweenness.\(name)", configuration: allPairs) { benchmark, graph in
                for _ in benchmark.scaledIterations { blackHole(Betweenness(threads: 2).run(graph)) }
            } setup: { try setup() }
            BenchmarkInputs.register("closeness.\(name)", configuration: allPairs) { benchmark, graph in
                for _ in benchmark.scaledIterations { blackHole(Closeness(threads: 2).run(graph)) }
            } setup: { try setup() }
        } else {
            BenchmarkInputs.register("betweenness_sampled1000.\(name)", configuration: configuration) { benchmark, graph in
                for _ in benchmark.scaledIterations {
                    blackHole(Betweenness(threads: 2, samples: 1_000, seed: 42).run(graph))
                }
            } setup: { try setup() }
        }
    }
}
