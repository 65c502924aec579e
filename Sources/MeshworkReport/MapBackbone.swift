import MeshworkAlgorithms
import MeshworkCore

/// The ties a map draws when drawing every tie would make a hairball: each vertex's `keep`
/// strongest ties, a tie being drawn when it is among the strongest of either of its ends.
///
///     let backbone = MapBackbone(graph, weights: counts, present: shown, keep: 3)
///     backbone.drawnTies      // at most 3 per vertex, at least 1 for every vertex with a tie
///
/// "Strongest" ranks a vertex's ties by weight (interaction counts; 1 when unweighted), then by
/// the neighbourhood overlap of the two ends (Jaccard similarity |N(u) ∩ N(v)| / |N(u) ∪ N(v)|
/// over present vertices), then by the lower index. The overlap is the ranking of Satuluri,
/// Parthasarathy & Ruan (2011), "Local graph sparsification for scalable clustering", SIGMOD,
/// which keeps each vertex's ties into its own dense group; it matters when weights tie (every
/// tie of an unweighted graph; most ties of e-mail counts). Ranking ties of equal weight by the
/// contact's degree instead sends them to the hubs and hides the groups (SocioPatterns primary
/// school, 3 ties each, unweighted: 22% of drawn ties inside a class against 31% of all ties;
/// with the overlap 86%). The disparity filter (Serrano, Boguñá & Vespignani 2009) was measured
/// too and not kept: it keeps no tie of a graph whose weights are all equal and left 212 of the
/// 242 members of `fixtures/school-like` without a tie (see docs/maps.md).
///
/// - Complexity: O(Σ deg(v)²) for the overlaps (a marker array per vertex, as in triangle
///   counting) and O(E log Δ) to rank the rows.
public struct MapBackbone: Sendable {
    /// Flags parallel to `graph.targets`, set in both directions of each drawn tie.
    public let drawn: [Bool]
    /// Ties between present vertices, and those drawn.
    public let allTies: Int
    public let drawnTies: Int
    /// Their summed weights (tie counts when unweighted).
    public let allWeight: Double
    public let drawnWeight: Double

    /// - Parameters:
    ///   - graph: an undirected graph.
    ///   - weights: tie weights parallel to `graph.targets`; `nil` for `graph.weights` (1 when
    ///     the graph has none).
    ///   - present: the vertices the map shows; ties to others are never drawn.
    ///   - keep: ties kept per vertex; `nil` draws every tie.
    public init(_ graph: CSRGraph, weights: [Double]? = nil, present: [Bool], keep: Int?) {
        let weight = weights ?? graph.weights
        let w = { (p: Int) in weight?[p] ?? 1 }
        var drawn = [Bool](repeating: false, count: graph.targets.count)
        if let keep {
            let overlap = Self.overlaps(graph, present: present)
            for u in 0..<graph.vertexCount where present[u] {
                let row = graph.row(VertexID(u)).filter { present[Int(graph.targets[$0])] }
                let strongest = row.sorted {
                    if w($0) != w($1) { return w($0) > w($1) }
                    if overlap[$0] != overlap[$1] { return overlap[$0] > overlap[$1] }
                    return graph.targets[$0] < graph.targets[$1]
                }.prefix(max(0, keep))
                for p in strongest {
                    drawn[p] = true
                    if let back = graph.edgeIndex(graph.targets[p], VertexID(u)) { drawn[back] = true }
                }
            }
        } else {
            for u in 0..<graph.vertexCount where present[u] {
                for p in graph.row(VertexID(u)) where present[Int(graph.targets[p])] { drawn[p] = true }
            }
        }
        var counts = (all: 0, drawn: 0, allWeight: 0.0, drawnWeight: 0.0)
        for u in 0..<graph.vertexCount where present[u] {
            for p in graph.row(VertexID(u)) where Int(graph.targets[p]) > u && present[Int(graph.targets[p])] {
                counts.all += 1
                counts.allWeight += w(p)
                if drawn[p] {
                    counts.drawn += 1
                    counts.drawnWeight += w(p)
                }
            }
        }
        self.drawn = drawn
        (allTies, drawnTies, allWeight, drawnWeight) = counts
    }

    /// The Jaccard similarity of the two ends' neighbourhoods (among present vertices) of every
    /// tie, parallel to `graph.targets`.
    /// - Complexity: O(Σ deg(v)²) time, O(V + E) space.
    static func overlaps(_ graph: CSRGraph, present: [Bool]) -> [Double] {
        var overlap = [Double](repeating: 0, count: graph.targets.count)
        var marked = [Bool](repeating: false, count: graph.vertexCount)
        let degree = (0..<graph.vertexCount).map { v in
            present[v] ? graph.neighbours(of: VertexID(v)).count { present[Int($0)] } : 0
        }
        for u in 0..<graph.vertexCount where present[u] {
            for v in graph.neighbours(of: VertexID(u)) where present[Int(v)] { marked[Int(v)] = true }
            for p in graph.row(VertexID(u)) {
                let v = graph.targets[p]
                guard Int(v) > u, present[Int(v)] else { continue }
                let common = graph.neighbours(of: v).count { marked[Int($0)] }
                let similarity = Double(common) / Double(degree[u] + degree[Int(v)] - common)
                overlap[p] = similarity
                if let back = graph.edgeIndex(v, VertexID(u)) { overlap[back] = similarity }
            }
            for v in graph.neighbours(of: VertexID(u)) { marked[Int(v)] = false }
        }
        return overlap
    }
}

/// How a drawing's ties compare with all ties at one level: the share of ties with both ends in
/// one group, among the drawn ties and among all ties (ties with an end whose group is unknown
/// are left out of both). A drawing contradicts the full network when its ties stay inside the
/// groups less often than all ties do: it would show the groups as less cohesive than they are.
///
///     let share = DrawnTieShare(graph, drawn: backbone.drawn, present: shown, groups: organisations)
///     share.contradictsNetwork   // false: the drawing keeps at least the network's cohesion
///
/// - Complexity: O(V + E).
public struct DrawnTieShare: Sendable, Equatable {
    public let drawnInside: Int
    public let drawnKnown: Int
    public let allInside: Int
    public let allKnown: Int

    /// `drawn` flags parallel to `graph.targets`; `present` the shown vertices; `groups` over
    /// the vertices of `graph`.
    public init(_ graph: CSRGraph, drawn: [Bool], present: [Bool], groups: Partition) {
        var counts = (0, 0, 0, 0)
        for u in 0..<graph.vertexCount where present[u] && groups.group[u] >= 0 {
            for p in graph.row(VertexID(u)) {
                let v = Int(graph.targets[p])
                guard v > u, present[v], groups.group[v] >= 0 else { continue }
                let inside = groups.group[u] == groups.group[v] ? 1 : 0
                counts.2 += inside
                counts.3 += 1
                if drawn[p] {
                    counts.0 += inside
                    counts.1 += 1
                }
            }
        }
        (drawnInside, drawnKnown, allInside, allKnown) = counts
    }

    /// The share of drawn ties inside a group, or `nil` when no drawn tie has two known ends.
    public var drawnShare: Double? { drawnKnown > 0 ? Double(drawnInside) / Double(drawnKnown) : nil }
    /// The share of all ties inside a group, or `nil` when no tie has two known ends.
    public var allShare: Double? { allKnown > 0 ? Double(allInside) / Double(allKnown) : nil }

    /// The drawn ties stay inside groups less often than all ties (compared exactly, as
    /// drawnInside / drawnKnown < allInside / allKnown).
    public var contradictsNetwork: Bool {
        drawnKnown > 0 && allKnown > 0 && drawnInside * allKnown < allInside * drawnKnown
    }
}
