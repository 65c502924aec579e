// Cut-structure suite: bridges and articulation points (one iterative DFS) and biconnected
// components on the CSR graph of genN (loading is not measured).
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        let configuration = BenchmarkInputs.configuration(members: members, checkCPU: members >= 1_000_000)
        BenchmarkInputs.register("bridges.\(name)", configuration: configuration) { benchmark, graph in
            for _ in benchmark.scaledIterations { blackHole(CutStructure(components: false).run(graph)) }
        } setup: {
            try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions()).graph
        }
        BenchmarkInputs.register("biconnected.\(name)", configuration: configuration) { benchmark, graph in
            for _ in benchmark.scaledIterations { blackHole(CutStructure(components: true).run(graph)) }
        } setup: {
            try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions()).graph
        }
    }
}
