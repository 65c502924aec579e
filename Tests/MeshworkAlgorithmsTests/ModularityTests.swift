import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// Two triangles {0,1,2} and {3,4,5} joined by the edge 2-3.
func twoTriangles(weighted: Bool = false) -> CSRGraph {
    var edges = EdgeBuffer(weighted: weighted)
    for (u, v) in [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)] {
        edges.append(Int32(u), Int32(v), weight: 1)
    }
    return edges.build(vertexCount: 6, directed: false).graph
}

/// The partitions of `fixtures/goldens/<name>.communities.csv`, by column.
func goldenPartitions(_ name: String) throws -> (ids: [String], louvain: Partition, blocks: Partition) {
    let golden = try Fixtures.golden("\(name).communities")
    func partition(_ column: String) -> Partition {
        var index: [String: Int32] = [:]
        return Partition(groups: golden.column(column).map { name in
            if let known = index[name] { return known }
            index[name] = Int32(index.count)
            return Int32(index.count - 1)
        })
    }
    return (golden.column("id"), partition("louvain"), partition("blocks"))
}

struct CommunityGolden: Decodable {
    struct Values: Decodable {
        var communities: Int
        var modularity: [String: Double]
    }
    var louvain: Values
    var blocks: Values

    static func load(_ name: String) throws -> CommunityGolden {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/goldens/\(name).communities.json"))
        return try JSONDecoder().decode(CommunityGolden.self, from: data)
    }
}

@Suite("Modularity")
struct ModularityTests {
    @Test("agrees with networkx.community.modularity on every fixture", arguments: Fixtures.manifest)
    func golden(entry: Fixtures.Entry) throws {
        let loaded = try Fixtures.load(entry)
        let partitions = try goldenPartitions(entry.name)
        let expected = try CommunityGolden.load(entry.name)
        #expect(loaded.labels.labels == partitions.ids, "node order")
        for (partition, values) in [(partitions.louvain, expected.louvain), (partitions.blocks, expected.blocks)] {
            #expect(partition.groupCount == values.communities)
            for (resolution, value) in values.modularity {
                let q = Modularity(resolution: Double(resolution)!).run(loaded.graph, partition: partition).quality
                #expect(agrees(q, value, tolerance: 1e-12), "resolution \(resolution): \(q) vs \(value)")
            }
        }
    }

    @Test("two triangles joined by an edge")
    func twoTrianglesByHand() {
        let split = Partition(groups: [0, 0, 0, 1, 1, 1])
        #expect(agrees(Modularity().run(twoTriangles(), partition: split).quality, 6.0 / 7 - 0.5, tolerance: 1e-15))
        #expect(agrees(Modularity().run(twoTriangles(), partition: Partition(groups: [0, 0, 0, 0, 0, 0])).quality, 0, tolerance: 1e-15))
        // CPM: Σ_c L_c − γ n_c (n_c − 1) / 2 = 2 (3 − 0.5 · 3).
        #expect(Modularity(quality: .cpm, resolution: 0.5).run(twoTriangles(), partition: split).quality == 3)
        #expect(Modularity(quality: .cpm).run(twoTriangles(), partition: Partition(groups: [0, 1, 2, 3, 4, 5])).quality == 0)
    }

    @Test("unknown vertices count as singletons; no edges gives 0")
    func edgeCases() {
        let withUnknown = Partition(groups: [0, 0, 0, -1, 1, 1])
        let explicit = Partition(groups: [0, 0, 0, 2, 1, 1])
        #expect(Modularity().run(twoTriangles(), partition: withUnknown).quality == Modularity().run(twoTriangles(), partition: explicit).quality)
        let empty = EdgeBuffer(weighted: false).build(vertexCount: 3, directed: false).graph
        #expect(Modularity().run(empty, partition: Partition(groups: [0, 0, 1])).quality == 0)
    }
}
