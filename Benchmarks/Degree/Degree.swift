// Degree suite: Degree().run (distinct neighbours per vertex) on the CSR graph of genN (loading
// is not measured). One result array per call: the malloc count should stay at a handful.
import Benchmark
import BenchmarkInputs
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        BenchmarkInputs.register("degree.\(name)", configuration: BenchmarkInputs.configuration(members: members, checkCPU: false)) { benchmark, graph in
            for _ in benchmark.scaledIterations {
                blackHole(Degree().run(graph).degrees)
            }
        } setup: {
            try GraphLoader.load(BenchmarkInputs.edgeList(members: members), options: LoadOptions()).graph
        }
    }
}
