// swift-tools-version: 6.1
// Meshwork's package-benchmark suite, as a nested package so that a plain `swift test` at the
// repository root never builds ordo-one/benchmark (about 2 minutes cold).
//
//   cd Benchmarks && swift package --disable-sandbox benchmark
//
// One executable target per area; each folder sits directly in Benchmarks/ (the plugin runs
// executable targets whose folder's parent is named `Benchmarks`). See README.md.
import PackageDescription

// A path dependency's identity is the name of its folder, which depends on where the repository was
// cloned (`main` here, something else in CI): derive it instead of spelling it.
let meshwork: String = {
    let root = Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "main"
    return root.lowercased()
}()

@MainActor func suite(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark"), "BenchmarkInputs"]
            + modules.map { .product(name: $0, package: meshwork) },
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
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
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MeshworkCore", package: meshwork),
                .product(name: "MeshworkIO", package: meshwork),
                .product(name: "MeshworkSynthesis", package: meshwork),
            ],
            path: "Inputs"
        ),
        suite("Load", ["MeshworkCore", "MeshworkIO"]),
        suite("Build", ["MeshworkCore", "MeshworkIO"]),
        suite("Components", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Degree", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Centrality", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("CutStructure", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Communities", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Boundaries", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Growth", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
        suite("Cultivation", ["MeshworkCore", "MeshworkIO", "MeshworkAlgorithms"]),
    ],
    swiftLanguageModes: [.v6]
)
