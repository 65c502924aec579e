import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The member map's default ties: each member's strongest ties by interaction, then shared
/// contacts, and drawings whose ties stay inside the organisations at least as often as all ties.
@Suite("Map backbone")
struct MapBackboneTests {
    /// Two triangles {0,1,2} and {3,4,5}, each member also tied to the hub 6.
    static func trianglesAndHub(weights: [Double]? = nil) throws -> CSRGraph {
        let pairs: [(Int32, Int32)] = [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5),
                                       (0, 6), (1, 6), (2, 6), (3, 6), (4, 6), (5, 6)]
        var edges = EdgeBuffer(weighted: weights != nil)
        for (i, (u, v)) in pairs.enumerated() { edges.append(u, v, weight: weights?[i] ?? 1) }
        return edges.build(vertexCount: 7, directed: false).graph
    }

    static func drawnPairs(_ graph: CSRGraph, _ backbone: MapBackbone) -> Set<[Int32]> {
        var pairs = Set<[Int32]>()
        for u in 0..<graph.vertexCount {
            for p in graph.row(VertexID(u)) where backbone.drawn[p] && Int(graph.targets[p]) > u {
                pairs.insert([Int32(u), graph.targets[p]])
            }
        }
        return pairs
    }

    @Test("equal weights: each member keeps the ties into its own triangle, not to the hub")
    func overlapBeatsHub() throws {
        let graph = try Self.trianglesAndHub()
        let backbone = MapBackbone(graph, present: [Bool](repeating: true, count: 7), keep: 2)
        // Members keep their triangle (overlap 1/2 against 2/7 for the hub); the hub keeps its two
        // lowest-index ties (all its overlaps are 2/7).
        #expect(Self.drawnPairs(graph, backbone) == [[0, 1], [0, 2], [1, 2], [3, 4], [3, 5], [4, 5], [0, 6], [1, 6]])
        #expect(backbone.allTies == 12 && backbone.drawnTies == 8)
        #expect(backbone.allWeight == 12 && backbone.drawnWeight == 8)
    }

    @Test("weight comes before overlap; absent vertices' ties are never drawn; nil keeps every tie")
    func weightFirst() throws {
        var weights = [Double](repeating: 1, count: 12)
        weights[11] = 9  // 5 - 6
        let graph = try Self.trianglesAndHub(weights: weights)
        var present = [Bool](repeating: true, count: 7)
        present[2] = false
        let backbone = MapBackbone(graph, present: present, keep: 1)
        let drawn = Self.drawnPairs(graph, backbone)
        #expect(drawn.contains([5, 6]))
        #expect(!drawn.contains { $0.contains(2) })
        #expect(backbone.allTies == 9 && backbone.allWeight == 17)
        let every = MapBackbone(graph, present: present, keep: nil)
        #expect(every.drawnTies == 9 && every.drawnWeight == 17)
    }

    @Test("drawn tie shares: counted over known groups; a drawing of the crossing ties contradicts the network")
    func shares() throws {
        let graph = try Self.trianglesAndHub()
        let groups = Partition(groups: [0, 0, 0, 1, 1, 1, Partition.unknown], names: ["a", "b"])
        let present = [Bool](repeating: true, count: 7)
        let backbone = MapBackbone(graph, present: present, keep: 2)
        let share = DrawnTieShare(graph, drawn: backbone.drawn, present: present, groups: groups)
        #expect(share.allInside == 6 && share.allKnown == 6 && share.drawnInside == 6 && share.drawnKnown == 6)
        #expect(!share.contradictsNetwork)
        let split = Partition(groups: [0, 1, 0, 1, 0, 1, 0], names: ["x", "y"])
        let splitShare = DrawnTieShare(graph, drawn: backbone.drawn, present: present, groups: split)
        // All 12 ties: 0-2, 3-5, 0-6, 2-6, 4-6 inside (5); drawn 8: 0-2, 3-5, 0-6 inside (3).
        #expect(splitShare.allInside == 5 && splitShare.allKnown == 12)
        #expect(splitShare.drawnInside == 3 && splitShare.drawnKnown == 8)
        #expect(splitShare.contradictsNetwork)
    }

    /// The organisation of every member id of `loaded`.
    static func organisations(_ loaded: LoadedGraph) throws -> [String: Int32] {
        let community = try #require(loaded.community)
        let partition = community.partition(.organisation)
        var byID: [String: Int32] = [:]
        for v in 0..<loaded.graph.vertexCount { byID[loaded.labels[Int32(v)]] = partition.group[v] }
        return byID
    }

    @Test("the default member map keeps the organisations: share of drawn ties inside one at least that of all ties",
          arguments: ["school-like", "workplace-invs15"])
    func truthful(dataset: String) throws {
        let loaded = try Fixtures.load(dataset)
        let map = try NetworkMap.document(loaded, options: NetworkMap.Options())
        let organisation = try Self.organisations(loaded)
        func inside(_ pairs: [(String, String)]) -> (inside: Int, known: Int) {
            let known = pairs.filter { organisation[$0.0]! >= 0 && organisation[$0.1]! >= 0 }
            return (known.count { organisation[$0.0] == organisation[$0.1] }, known.count)
        }
        let drawn = inside(map.edges.map { ($0.source, $0.target) })
        var all: [(String, String)] = []
        let graph = loaded.graph
        for u in 0..<graph.vertexCount {
            for v in graph.neighbours(of: VertexID(u)) where Int(v) > u {
                all.append((loaded.labels[Int32(u)], loaded.labels[v]))
            }
        }
        let total = inside(all)
        #expect(map.edges.count < all.count / 5, "a backbone, not every tie")
        #expect(Double(drawn.inside) / Double(drawn.known) >= Double(total.inside) / Double(total.known),
                "\(drawn) drawn against \(total) in all")
        // Every member with a tie keeps one.
        let ends = Set(map.edges.flatMap { [$0.source, $0.target] })
        #expect((0..<graph.vertexCount).allSatisfy { graph.degree(VertexID($0)) == 0 || ends.contains(loaded.labels[Int32($0)]) })
        #expect(map.notes.first?.hasPrefix("Ties drawn: each member's 3 strongest") == true)
        #expect(map.notes.contains { $0.hasPrefix("Ties inside one organisation:") })
        #expect(!map.notes.contains { $0.hasPrefix("Caution") })
    }
}
