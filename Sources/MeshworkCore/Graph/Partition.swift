/// An assignment of vertices to groups: organisations, regions, country partners, attribute
/// values or communities.
///
/// `group[v]` is a group index in `0..<groupCount`, or ``Partition/unknown`` (-1) when the vertex's
/// group is not known (it is then left out of group-level figures).
///
///     let p = Partition(groups: [0, 0, 1, -1], names: ["north", "south"])
///     p.sizes            // [2, 1]
///     p.knownCount       // 3
///
/// - Complexity: O(1) per lookup; 4 bytes per vertex.
public struct Partition: Sendable, Equatable {
    /// Marks a vertex whose group is unknown.
    public static let unknown: Int32 = -1

    /// The group of each vertex, or ``unknown``.
    public var group: [Int32]
    /// The display name of each group (its node id for hierarchy levels).
    public var names: [String]

    /// A partition with the given group of each vertex; `names` defaults to "0", "1", ...
    public init(groups: [Int32], names: [String]? = nil) {
        let groupCount = Int((groups.max() ?? -1) + 1)
        self.group = groups
        self.names = names ?? (0..<groupCount).map(String.init)
        precondition(self.names.count >= groupCount, "a name for every group")
    }

    /// The number of vertices covered.
    public var vertexCount: Int { group.count }

    /// The number of groups.
    public var groupCount: Int { names.count }

    /// The number of vertices with a known group.
    public var knownCount: Int { group.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) } }

    /// The number of vertices in each group.
    /// - Complexity: O(V).
    public var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: groupCount)
        for g in group where g >= 0 { sizes[Int(g)] += 1 }
        return sizes
    }

    /// The same partition with groups renumbered by decreasing size, ties broken by the smallest
    /// vertex in the group; groups with no vertex are dropped, and names follow their groups.
    /// - Complexity: O(V + G log G).
    public func canonicalised() -> Partition {
        var firstVertex = [Int](repeating: Int.max, count: groupCount)
        let sizes = self.sizes
        for (v, g) in group.enumerated() where g >= 0 && firstVertex[Int(g)] == Int.max { firstVertex[Int(g)] = v }
        let order = (0..<groupCount).filter { sizes[$0] > 0 }.sorted {
            sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : firstVertex[$0] < firstVertex[$1]
        }
        var newIndex = [Int32](repeating: Partition.unknown, count: groupCount)
        for (rank, g) in order.enumerated() { newIndex[g] = Int32(rank) }
        return Partition(groups: group.map { $0 >= 0 ? newIndex[Int($0)] : Partition.unknown },
                         names: order.map { names[$0] })
    }

    /// The vertices of each group, ascending: `members.offsets` / `members.vertices` in CSR form.
    /// - Complexity: O(V + G).
    public var members: (offsets: [Int32], vertices: [Int32]) {
        var offsets = [Int32](repeating: 0, count: groupCount + 1)
        for g in group where g >= 0 { offsets[Int(g) + 1] += 1 }
        for g in 0..<groupCount { offsets[g + 1] += offsets[g] }
        var cursor = offsets
        var vertices = [Int32](repeating: 0, count: Int(offsets[groupCount]))
        for (v, g) in group.enumerated() where g >= 0 {
            vertices[Int(cursor[Int(g)])] = Int32(v)
            cursor[Int(g)] += 1
        }
        return (offsets, vertices)
    }
}
