// swift-tools-version: 6.1
// Meshwork's package-benchmark suite, as a nested package so that a plain `swift test` at the
// repository root never builds ordo-one/benchmark (about 2 minutes cold).
//
//   cd Benchmarks && swift package --disable-sandbox benchmark
//
// One executable target per area; each folder sits directly in Benchmarks/ (the plugin runs
// executable targets whose folder's parent is named `Benchmarks`). See README.md.
import PackageDescription

let benchmarkPlugins: [Target.PluginUsage] = [.plugin(name: "BenchmarkPlugin", package: "benchmark")]

func suite(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchmarkInputs"]
            + modules.map { .byName(name: $0) },
        path: name,
        plugins: benchmarkPlugins
    )
}

let package = Package(
    name: "MeshworkBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        // The default traits pull a package the local mirror lacks; MallocInterposer is enough
        // for the malloc metrics.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The graphs every suite uses: genN = the member network of `meshwork generate
        // --members N --seed 42`, written once as an edge list into Benchmarks/.cache.
        .target(
            name: "BenchmarkInputs",
            // By name, not `package:`: a path dependency's identity is its folder name, which
            // depends on where the repository was cloned.
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                "MeshworkCore", "MeshworkIO", "MeshworkSynthesis",
            ],
            path: "Inputs"
        ),
        suite("Load", ["MeshworkCore", "MeshworkIO"]),
        suite("Build", ["MeshworkCore", "MeshworkIO"]),
        suite("Components", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Degree", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
    ],
    swiftLanguageModes: [.v6]
)
