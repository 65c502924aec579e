// Load suite: reading a genN edge list (string tokens, label interning) and building the CSR graph,
// as `meshwork <command> GRAPH` does before every analysis.
//   load.genN  GraphLoader.load: read + build (what `--stats` reports as seconds.load)
//   read.genN  EdgeListReader.read only: tokenising and interning, no CSR build
import Benchmark
import BenchmarkInputs
import MeshworkCore
import MeshworkIO

let benchmarks: @Sendable () -> Void = {
    BenchmarkInputs.warnIfNotRepresentative()
    for (name, members) in BenchmarkInputs.sizes {
        BenchmarkInputs.register("load.\(name)", configuration: BenchmarkInputs.configuration(members: members)) { benchmark, path in
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try GraphLoader.load(path, options: LoadOptions(directed: false, weighted: false)))
                } catch {
                    benchmark.error("load \(path): \(error)")
                }
            }
        } setup: {
            try BenchmarkInputs.edgeList(members: members)
        }

        BenchmarkInputs.register("read.\(name)", configuration: BenchmarkInputs.configuration(members: members)) { benchmark, path in
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try EdgeListReader(weighted: false).read(path: path))
                } catch {
                    benchmark.error("read \(path): \(error)")
                }
            }
        } setup: {
            try BenchmarkInputs.edgeList(members: members)
        }
    }
}
