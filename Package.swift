// swift-tools-version: 6.1
// Meshwork: collaboration-network analytics. One module per layer:
//   MeshworkCore        graph storage (CSR), labels, partitions, the community domain model
//   MeshworkAlgorithms  kernels over CSR graphs (components, degree, ...)
//   MeshworkIO          readers and writers (edge list, .gz, CSV, dataset directory, GraphML, JSON)
//   MeshworkPrivacy     keyed pseudonyms for member ids and names (the one user of swift-crypto)
//   MeshworkSynthesis   the synthetic improvement-community generator
//   MeshworkRender      network maps: deterministic DOT, laid out and drawn by Graphviz (CGraphviz);
//                       it knows nothing of graphs or communities (MeshworkReport builds the maps)
//   MeshworkReport      summaries and reports that combine analyses for people to read
//   meshwork            the command-line tool: parses arguments and calls the library
import PackageDescription

let package = Package(
    name: "Meshwork",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "meshwork", targets: ["meshwork"]),
        .library(name: "MeshworkCore", targets: ["MeshworkCore"]),
        .library(name: "MeshworkAlgorithms", targets: ["MeshworkAlgorithms"]),
        .library(name: "MeshworkIO", targets: ["MeshworkIO"]),
        .library(name: "MeshworkPrivacy", targets: ["MeshworkPrivacy"]),
        .library(name: "MeshworkSynthesis", targets: ["MeshworkSynthesis"]),
        .library(name: "MeshworkReport", targets: ["MeshworkReport"]),
        .library(name: "MeshworkRender", targets: ["MeshworkRender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            path: "Sources/CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]
        ),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .systemLibrary(name: "CSpinWait", path: "Sources/CSpinWait"),
        .target(name: "CSignalCleanup"),
        .target(name: "MeshworkCore"),
        .target(name: "MeshworkAlgorithms", dependencies: ["MeshworkCore", "CPrefetch", "CSpinWait"]),
        .target(name: "MeshworkIO", dependencies: ["MeshworkCore", "CZlib", "CSignalCleanup"]),
        .target(name: "MeshworkPrivacy", dependencies: [
            "MeshworkCore", "MeshworkIO", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "MeshworkSynthesis", dependencies: ["MeshworkCore", "MeshworkIO"]),
        .target(name: "MeshworkRender", dependencies: ["CGraphviz"]),
        .target(name: "MeshworkReport", dependencies: [
            "MeshworkCore", "MeshworkAlgorithms", "MeshworkIO", "MeshworkRender", "MeshworkSynthesis",
        ]),
        .executableTarget(
            name: "meshwork",
            dependencies: [
                "MeshworkCore", "MeshworkAlgorithms", "MeshworkIO", "MeshworkPrivacy", "MeshworkSynthesis",
                "MeshworkReport", "MeshworkRender", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "MeshworkTestSupport", dependencies: ["MeshworkIO"], path: "Tests/MeshworkTestSupport"),
        .testTarget(name: "MeshworkCoreTests", dependencies: ["MeshworkCore"]),
        .testTarget(name: "MeshworkAlgorithmsTests",
                    dependencies: ["MeshworkAlgorithms", "MeshworkIO", "MeshworkTestSupport"]),
        .testTarget(name: "MeshworkIOTests", dependencies: ["MeshworkIO", "MeshworkTestSupport"]),
        .testTarget(name: "MeshworkPrivacyTests", dependencies: ["MeshworkPrivacy", "MeshworkIO", "MeshworkTestSupport"]),
        .testTarget(name: "MeshworkSynthesisTests", dependencies: ["MeshworkSynthesis", "MeshworkIO", "MeshworkTestSupport"]),
        .testTarget(name: "MeshworkReportTests", dependencies: [
            "MeshworkReport", "MeshworkAlgorithms", "MeshworkCore", "MeshworkIO", "MeshworkRender", "MeshworkTestSupport",
        ]),
        .testTarget(name: "MeshworkRenderTests", dependencies: ["MeshworkRender", "MeshworkTestSupport"]),
        .testTarget(name: "MeshworkCLITests", dependencies: ["meshwork", "MeshworkTestSupport", "MeshworkAlgorithms", "MeshworkCore", "MeshworkIO"]),
    ],
    swiftLanguageModes: [.v6]
)
