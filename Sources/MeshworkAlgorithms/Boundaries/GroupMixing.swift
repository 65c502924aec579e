import MeshworkCore

/// How the ties of a network fall within and between the groups of one boundary level
/// (organisations, regions, country partners, an attribute, communities): per group and for the
/// whole network.
///
/// For a group G with n_G members: `internalTies` = ties with both ends in G, `externalTies` =
/// ties with exactly one end in G (ties with an end whose group is unknown are left out), and
///
///     E-I index  = (external − internal) / (external + internal)        (Krackhardt & Stern 1988)
///     expected   = (2(N − n_G) − (n_G − 1)) / (2(N − n_G) + (n_G − 1))    under random assignment
///     density    = internal / (n_G (n_G − 1) / 2)     (n_G (n_G − 1) on directed graphs)
///
/// where N is the number of members whose group is known; NaN where a denominator is 0. The
/// expected values are ratios of expected counts when the N known members are assigned to groups
/// of the same sizes at random: each of the m ties with both ends known has both ends in G with
/// probability n_G (n_G − 1) / (N (N − 1)) and exactly one end in G with probability
/// 2 n_G (N − n_G) / (N (N − 1)), so m cancels (arcs of a directed graph alike). The whole
/// network's E-I index uses all ties with both groups known; its expected value is
/// 1 − 2 Σ_g n_g (n_g − 1) / (N (N − 1)), from the expected internal ties
/// m Σ_g n_g (n_g − 1) / (N (N − 1)). `assortativity` is Newman's (2003)
/// attribute assortativity r = (Σ_g e_gg − Σ_g a_g b_g) / (1 − Σ_g a_g b_g) of the mixing matrix
/// (NetworkX `attribute_assortativity_coefficient` on the members whose group is known).
/// Directed graphs count arcs; undirected graphs count each tie once.
///
///     let levels = GroupMixing().run(graph, partitions: [organisations, regions, partners])
///     levels[1].eiIndex[g]      // region g's E-I index
///     levels[1].networkEI       // the whole network's, across regions
///
/// Each level comes from one pass over the ties, one level after the other: the crossing ties
/// of one level at a time are held while its pairs are merged (unweighted, each tie's group pair
/// in 8 bytes, sorted and counted; weighted, two edge buffers of 16 bytes per crossing tie, whose
/// merge sums the weights; on 1M members, four levels' buffers at once held over a gigabyte).
///
/// - Complexity: O(V · L + E · L) time for L levels, O(G + P) space per level for G groups and P
///   pairs of groups with a tie between them, plus O(X) while a level's X crossing ties are merged.
/// - Note: Krackhardt & Stern, "Informal networks and organizational crises: an experimental
///   simulation", Social Psychology Quarterly 51(2), 1988; Newman, "Mixing patterns in networks",
///   Phys. Rev. E 67:026126, 2003.
public struct GroupMixing: Sendable {
    public init() {}

    /// The mixing of `graph`'s ties over each partition, one pass over the ties per partition.
    /// - Precondition: every partition covers every vertex of `graph`.
    public func run(_ graph: CSRGraph, partitions: [Partition]) -> [Result] {
        Result.measure(graph, partitions: partitions)
    }
}

extension GroupMixing {
    /// The mixing of one level's groups.
    public struct Result: Sendable {
        /// The ties between two groups `a` and `b` (ordered on directed graphs) and their weight.
        public struct GroupPair: Sendable, Equatable {
            public var a: Int32
            public var b: Int32
            public var ties: Int
            public var weight: Double

            public init(a: Int32, b: Int32, ties: Int, weight: Double) {
                self.a = a
                self.b = b
                self.ties = ties
                self.weight = weight
            }
        }

        /// Members with each group.
        public var members: [Int]
        /// Ties (arcs) with both ends in each group, and the sum of their weights.
        public var internalTies: [Int]
        public var internalWeight: [Double]
        /// Ties (arcs) with exactly one end in each group, and the sum of their weights.
        public var externalTies: [Int]
        public var externalWeight: [Double]
        /// The mixing between groups: one entry per pair of groups with a tie between them
        /// (`a < b` on undirected graphs, ordered on directed ones), with tie counts and weights,
        /// sorted by `(a, b)`. Ties inside a group are in `internalTies`.
        public var pairs: [GroupPair]
        /// Members whose group is known (N).
        public var knownMembers: Int
        /// Ties with an end whose group is unknown (left out of every figure).
        public var unassignedTies: Int
        /// Whether the graph was directed (arcs counted).
        public var isDirected: Bool

        /// The number of groups.
        public var groupCount: Int { members.count }

        /// Each group's E-I index, NaN when it has no tie.
        public var eiIndex: [Double] {
            (0..<groupCount).map { g in Self.ei(external: externalTies[g], inside: internalTies[g]) }
        }

        /// Each group's weighted E-I index (tie weights instead of counts), NaN when it has no tie.
        public var weightedEIIndex: [Double] {
            (0..<groupCount).map { g in
                let total = externalWeight[g] + internalWeight[g]
                return total > 0 ? (externalWeight[g] - internalWeight[g]) / total : .nan
            }
        }

        /// Each group's E-I index expected when the known members are assigned to groups of the same
        /// sizes at random (the ratio of the expected external and internal tie counts):
        /// (2(N − n) − (n − 1)) / (2(N − n) + (n − 1)) for a group of n
        /// (``MixingPermutationTest/expectedGroupEI(size:known:)``); NaN when N < 2 or the group is empty.
        public var expectedEIIndex: [Double] {
            members.map { MixingPermutationTest.expectedGroupEI(size: $0, known: knownMembers) }
        }

        /// Each group's density of internal ties, NaN when it has fewer than two members.
        public var internalDensity: [Double] {
            (0..<groupCount).map { g in
                let size = Double(members[g])
                guard members[g] >= 2 else { return .nan }
                let possible = isDirected ? size * (size - 1) : size * (size - 1) / 2
                return Double(internalTies[g]) / possible
            }
        }

        /// Ties inside groups and across groups (both ends known).
        public var totalInternal: Int { internalTies.reduce(0, +) }
        public var totalExternal: Int { pairs.reduce(0) { $0 + $1.ties } }

        /// The whole network's E-I index over ties with both groups known; NaN without such ties.
        public var networkEI: Double { Self.ei(external: totalExternal, inside: totalInternal) }

        /// The share of ties (both groups known) that cross a boundary; NaN without such ties.
        public var crossShare: Double {
            let total = totalExternal + totalInternal
            return total > 0 ? Double(totalExternal) / Double(total) : .nan
        }

        /// The network E-I index expected when the known members are assigned to groups of the same
        /// sizes at random (the ratio of expected counts): a tie falls inside some group with
        /// probability p = Σ_g n_g (n_g − 1) / (N (N − 1)), so the expected value is 1 − 2p; NaN when
        /// N < 2.
        public var expectedNetworkEI: Double {
            guard knownMembers >= 2 else { return .nan }
            let n = Double(knownMembers)
            let inside = members.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
            return 1 - 2 * inside / (n * (n - 1))
        }

        /// Newman's attribute assortativity of the mixing matrix; NaN when undefined (no tie, or every
        /// tie in one group).
        public var assortativity: Double {
            let g = groupCount
            var rows = [Double](repeating: 0, count: g)
            var columns = [Double](repeating: 0, count: g)
            var trace = 0.0
            var total = 0.0
            for c in 0..<g {
                let inside = Double(internalTies[c]) * (isDirected ? 1 : 2)
                trace += inside
                rows[c] += inside
                columns[c] += inside
            }
            total = trace
            for pair in pairs {
                let t = Double(pair.ties)
                rows[Int(pair.a)] += t
                columns[Int(pair.b)] += t
                total += t
                if !isDirected {
                    rows[Int(pair.b)] += t
                    columns[Int(pair.a)] += t
                    total += t
                }
            }
            guard total > 0 else { return .nan }
            var expected = 0.0
            for c in 0..<g { expected += (rows[c] / total) * (columns[c] / total) }
            guard expected < 1 else { return .nan }
            return (trace / total - expected) / (1 - expected)
        }

        static func ei(external: Int, inside: Int) -> Double {
            let total = external + inside
            return total > 0 ? Double(external - inside) / Double(total) : .nan
        }

        static func measure(_ graph: CSRGraph, partitions: [Partition]) -> [Result] {
            for p in partitions { precondition(p.vertexCount == graph.vertexCount, "a group for every vertex") }
            // Without weights every weight is 1: the weight sums are the tie counts.
            let weighted = graph.weights != nil
            return partitions.map { partition in
                var internalTies = [Int](repeating: 0, count: partition.groupCount)
                var internalWeight = [Double](repeating: 0, count: partition.groupCount)
                var externalTies = internalTies
                var externalWeight = internalWeight
                var crossCounts = EdgeBuffer(weighted: true)
                var crossWeights = EdgeBuffer(weighted: true)
                var crossPairs: [UInt64] = []  // unweighted: each crossing tie's (a, b), a < b undirected
                var unassigned = 0
                let group = partition.group
                for u in 0..<graph.vertexCount {
                    for p in graph.row(VertexID(u)) {
                        let v = Int(graph.targets[p])
                        if !graph.isDirected && v < u { continue }  // each undirected tie once
                        let w = graph.weights?[p] ?? 1
                        let gu = group[u], gv = group[v]
                        if gu < 0 || gv < 0 {
                            unassigned += 1
                        } else if gu == gv {
                            internalTies[Int(gu)] += 1
                            internalWeight[Int(gu)] += w
                        } else {
                            externalTies[Int(gu)] += 1
                            externalTies[Int(gv)] += 1
                            externalWeight[Int(gu)] += w
                            externalWeight[Int(gv)] += w
                            if weighted {
                                crossCounts.append(gu, gv, weight: 1)
                                crossWeights.append(gu, gv, weight: w)
                            } else {
                                let (a, b) = graph.isDirected || gu < gv ? (gu, gv) : (gv, gu)
                                crossPairs.append(UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)))
                            }
                        }
                    }
                }
                var pairs: [Result.GroupPair] = []
                if weighted {
                    // Duplicate group pairs merge with their weights summed: tie counts and weight sums.
                    let tieGraph = crossCounts.build(vertexCount: partition.groupCount, directed: graph.isDirected).graph
                    crossCounts = EdgeBuffer(weighted: true)
                    let weightGraph = crossWeights.build(vertexCount: partition.groupCount, directed: graph.isDirected).graph
                    crossWeights = EdgeBuffer(weighted: true)
                    for a in 0..<partition.groupCount {
                        // Undirected rows hold each pair twice: keep a < b.
                        for p in tieGraph.row(VertexID(a)) {
                            let b = tieGraph.targets[p]
                            if !graph.isDirected && Int(b) < a { continue }
                            pairs.append(Result.GroupPair(a: Int32(a), b: b, ties: Int(tieGraph.weights![p]),
                                                          weight: weightGraph.weights![p]))
                        }
                    }
                } else {
                    // Equal pairs are adjacent once sorted: a run is a pair's tie count (and weight).
                    crossPairs.sort()
                    var start = 0
                    while start < crossPairs.count {
                        var end = start + 1
                        while end < crossPairs.count && crossPairs[end] == crossPairs[start] { end += 1 }
                        let key = crossPairs[start]
                        pairs.append(Result.GroupPair(a: Int32(key >> 32), b: Int32(truncatingIfNeeded: key),
                                                      ties: end - start, weight: Double(end - start)))
                        start = end
                    }
                }
                return Result(members: partition.sizes, internalTies: internalTies,
                                   internalWeight: internalWeight, externalTies: externalTies,
                                   externalWeight: externalWeight, pairs: pairs,
                                   knownMembers: partition.knownCount, unassignedTies: unassigned,
                                   isDirected: graph.isDirected)
            }
        }
    }
}
