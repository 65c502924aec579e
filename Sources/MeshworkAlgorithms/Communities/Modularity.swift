import MeshworkCore

/// The quality of a partition: modularity (the default) or the constant Potts model, with a
/// resolution γ.
///
///     Modularity().run(graph, partition: communities).quality
///     Modularity(quality: .cpm, resolution: 0.05).run(graph, partition: communities).quality
///
/// - Complexity: O(V + E) time, O(groups) space.
public struct Modularity: Sendable {
    /// Which quality: Newman-Girvan modularity, or the constant Potts model (undirected).
    public var quality: CommunityQuality
    /// γ (1: plain modularity).
    public var resolution: Double

    public init(quality: CommunityQuality = .modularity, resolution: Double = 1) {
        self.quality = quality
        self.resolution = resolution
    }

    /// The quality of `partition` in `graph`.
    /// - Precondition: `partition` has a group (or unknown) for every vertex of `graph`.
    public func run(_ graph: CSRGraph, partition: Partition) -> Result {
        precondition(partition.vertexCount == graph.vertexCount, "a group for every vertex")
        switch quality {
        case .modularity: return Result(quality: Self.modularity(of: partition, in: graph, resolution: resolution))
        case .cpm: return Result(quality: Self.constantPotts(of: partition, in: graph, resolution: resolution))
        }
    }

    /// The quality of a partition.
    public struct Result: Sendable, Equatable {
        /// Q for modularity, H for the constant Potts model.
        public var quality: Double
    }

    /// Newman-Girvan modularity with resolution γ, as NetworkX's `modularity(G, communities,
    /// weight, resolution)`:
    ///
    ///     Q = Σ_c [ L_c / m − γ (d_c / 2m)² ]                    (undirected)
    ///     Q = Σ_c [ L_c / m − γ d_c^out · d_c^in / m² ]          (directed, Leicht & Newman 2008)
    ///
    /// where m is the total edge weight, L_c the weight of the edges inside community c and d_c the
    /// sum of its members' strengths. A vertex whose group is unknown counts as a community of its
    /// own. The graph without edges has modularity 0 (NetworkX raises instead).
    ///
    /// - Note: Newman & Girvan, Phys. Rev. E 69:026113, 2004; Reichardt & Bornholdt, Phys. Rev. E
    ///   74:016110, 2006 (resolution).
    private static func modularity(of partition: Partition, in graph: CSRGraph, resolution: Double) -> Double {
        let (group, groupCount) = knownGroups(partition)
        var inside = [Double](repeating: 0, count: groupCount)
        var outStrength = [Double](repeating: 0, count: groupCount)
        var inStrength = [Double](repeating: 0, count: groupCount)
        var total = 0.0
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        group.withUnsafeBufferPointer { group in
        inside.withUnsafeMutableBufferPointer { inside in
        outStrength.withUnsafeMutableBufferPointer { outStrength in
        inStrength.withUnsafeMutableBufferPointer { inStrength in
            let weights = graph.weights
            for u in 0..<graph.vertexCount {
                let gu = group[u]
                var sameGroup = 0.0, all = 0.0
                let row = Int(offsets[u])..<Int(offsets[u + 1])
                if let weights {
                    for p in row {
                        let w = weights[p]
                        let gv = group[Int(targets[p])]
                        all += w
                        if graph.isDirected { inStrength[Int(gv)] += w }
                        if gu == gv { sameGroup += w }
                    }
                } else if graph.isDirected {
                    for p in row {
                        let gv = group[Int(targets[p])]
                        inStrength[Int(gv)] += 1
                        if gu == gv { sameGroup += 1 }
                    }
                    all = Double(row.count)
                } else {
                    var same = 0
                    for p in row where group[Int(targets[p])] == gu { same += 1 }
                    sameGroup = Double(same)
                    all = Double(row.count)
                }
                total += all
                outStrength[Int(gu)] += all
                inside[Int(gu)] += sameGroup
            }
        }}}}}}
        if !graph.isDirected { inStrength = outStrength }
        // Undirected rows hold each edge twice: m = total / 2, L_c = inside / 2, d_c = strength.
        let m = graph.isDirected ? total : total / 2
        guard m > 0 else { return 0 }
        var q = 0.0
        for c in 0..<groupCount {
            if graph.isDirected {
                q += inside[c] / m - resolution * outStrength[c] * inStrength[c] / (m * m)
            } else {
                let share = outStrength[c] / (2 * m)
                q += inside[c] / 2 / m - resolution * share * share
            }
        }
        return q
    }

    /// The constant Potts model quality H = Σ_c [ L_c − γ n_c (n_c − 1) / 2 ] of an undirected
    /// partition (leidenalg's `CPMVertexPartition` with unit node weights).
    ///
    /// - Note: Traag, Van Dooren & Nesterov, "Narrow scope for resolution-limit-free community
    ///   detection", Phys. Rev. E 84:016114, 2011.
    private static func constantPotts(of partition: Partition, in graph: CSRGraph, resolution: Double) -> Double {
        let (group, groupCount) = knownGroups(partition)
        var inside = [Double](repeating: 0, count: groupCount)
        var size = [Double](repeating: 0, count: groupCount)
        for u in 0..<graph.vertexCount {
            let gu = Int(group[u])
            size[gu] += 1
            for p in graph.row(VertexID(u)) where Int(group[Int(graph.targets[p])]) == gu {
                inside[gu] += graph.weights?[p] ?? 1
            }
        }
        var h = 0.0
        for c in 0..<groupCount {
            h += (graph.isDirected ? inside[c] : inside[c] / 2) - resolution * size[c] * (size[c] - 1) / 2
        }
        return h
    }

    /// The groups with each unknown vertex given a singleton group of its own.
    private static func knownGroups(_ partition: Partition) -> (group: [Int32], count: Int) {
        var group = partition.group
        var count = Int32(partition.groupCount)
        for v in 0..<group.count where group[v] < 0 {
            group[v] = count
            count += 1
        }
        return (group, Int(count))
    }
}
