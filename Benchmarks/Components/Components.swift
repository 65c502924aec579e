// Components suite: ConnectedComponents on the CSR graph of genN (loading is not measured).
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        BenchmarkInputs.register("components.\(name)", configuration: BenchmarkInputs.configuration(members: members, checkCPU: members >= 1_000_000)) { benchmark, graph in
            for _ in benchmark.scaledIterations {
                blackHole(ConnectedComponents().run(graph))
            }
        } setup: {
            try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions()).graph
        }
    }
}
