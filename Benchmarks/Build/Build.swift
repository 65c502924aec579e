// Build suite: EdgeBuffer.build, the counting-sort CSR builder (dedup, self-loop removal,
// symmetrisation), on the edges of genN as read from its edge list (reading is not measured).
import Benchmark
import BenchmarkInputs
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        BenchmarkInputs.register("build.\(name)", configuration: BenchmarkInputs.configuration(members: members)) { benchmark, edges in
            for _ in benchmark.scaledIterations {
                blackHole(edges.edges.build(vertexCount: edges.labels.count, directed: false))
            }
        } setup: {
            try EdgeListReader(weighted: false).read(path: BenchmarkInputs.edgeList(members: members))
        }
    }
}
