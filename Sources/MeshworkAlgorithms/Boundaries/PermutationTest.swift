import MeshworkCore

/// Two-sided label-permutation tests of how a level's ties fall within and across its groups:
/// each group's E-I index, and the level's share of ties inside groups (which fixes the level's
/// E-I index and its cross-boundary share), against random assignment of the known members to
/// groups of the same sizes (Krackhardt & Stern 1988).
///
/// Each of K permutations shuffles the group labels of the N members whose group is known (group
/// sizes fixed; members with an unknown group and their ties stay out) and recounts the ties. With
/// r the number of permutations whose statistic is at least as far from its expected value as the
/// observed one,
///
///     p = (r + 1) / (K + 1)        (Davison & Hinkley 1997; never 0, at most 1)
///
/// - Group g of n members: the statistic is its E-I index (external − internal) / (external +
///   internal); the expected value is the ratio of expected counts under random assignment,
///   (2(N − n) − (n − 1)) / (2(N − n) + (n − 1)). A permutation that leaves the group without a
///   tie (E-I undefined) does not count as extreme; a group whose observed E-I is undefined gets
///   NaN.
/// - The level: the statistic is the number I of ties with both ends in one group, out of the m
///   ties with both ends known; expected m · Σ_g n_g (n_g − 1) / (N (N − 1)). The level's E-I
///   index (m − 2I) / m and cross-boundary share (m − I) / m are linear in I with m fixed, so one
///   p-value serves both. NaN when m = 0.
/// - Every p-value is NaN when fewer than two groups have known members: every permutation then
///   repeats the observed assignment, so there is nothing to test (a level with one region, say).
///
/// "At least as far" allows a 1e-12 slack on E-I values (1e-9 ties on I) so that values equal as
/// fractions never differ by rounding. Ties are counted as ``GroupMixing`` counts them (each
/// undirected tie once, arcs on directed graphs; the formulas hold for arcs too); weights are
/// ignored.
///
/// Determinism: the permutations are split into `min(64, K)` fixed blocks; block b draws from
/// `SplitMix64(seed:).split(b)`, starting from the observed labels and shuffling them again
/// (Fisher-Yates) for each of its permutations; the blocks' counts are added in block order. The
/// p-values therefore depend on the seed only, never on `threads`.
///
///     let test = MixingPermutationTest(permutations: 1000, seed: 7).run(graph, partition: offices)
///     test.groupPValue[g]   // office g's E-I against chance
///     test.levelPValue      // the offices' share of ties inside, against chance
///
/// - Complexity: O(V + E) to set up, then O(K · (N + m + G)) time over `threads` workers:
///   a shuffle of N Int32 labels and one pass over m (u, v) pairs per permutation; O(N + G) extra
///   space per worker.
/// - Note: Krackhardt & Stern, "Informal networks and organizational crises: an experimental
///   simulation", Social Psychology Quarterly 51(2), 1988; Davison & Hinkley, *Bootstrap Methods
///   and their Application*, Cambridge University Press, 1997 (the (r + 1) / (K + 1) estimate).
public struct MixingPermutationTest: Sendable {
    /// K: the permutations to run (at least 1).
    public var permutations: Int
    /// The seed of the shuffles: the p-values depend on it only, never on `threads`.
    public var seed: UInt64
    /// The number of worker threads (at least 1). Does not change the result.
    public var threads: Int

    public init(permutations: Int, seed: UInt64, threads: Int = Parallelism.defaultThreads) {
        self.permutations = permutations
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// Runs `permutations` permutations of `partition`'s known labels over `graph`'s ties.
    /// - Precondition: `partition.vertexCount == graph.vertexCount`, `permutations >= 1`.
    public func run(_ graph: CSRGraph, partition: Partition) -> Result {
        Result(graph, partition: partition, permutations: permutations, seed: seed, threads: threads)
    }

    /// The expected E-I index of a group of `size` members among `known` members: the ratio of
    /// the expected external and internal tie counts under random assignment to groups of fixed
    /// sizes. NaN when `known < 2` or `size < 1`.
    public static func expectedGroupEI(size n: Int, known total: Int) -> Double {
        guard total >= 2, n >= 1, n <= total else { return .nan }
        let external = 2 * Double(total - n), inside = Double(n - 1)
        return (external - inside) / (external + inside)
    }

    /// The expected number of ties inside groups among `ties` ties between known members:
    /// m · Σ_g n_g (n_g − 1) / (N (N − 1)). NaN when `known < 2`.
    public static func expectedInternalTies(ties m: Int, sizes: [Int], known total: Int) -> Double {
        guard total >= 2 else { return .nan }
        let pairs = sizes.reduce(0.0) { $0 + Double($1) * Double($1 - 1) }
        return Double(m) * pairs / (Double(total) * Double(total - 1))
    }
}

extension MixingPermutationTest {
    /// The p-values of one level and the expected values they test against.
    public struct Result: Sendable, Equatable {
        /// K.
        public let permutations: Int
        /// Each group's two-sided p-value for its E-I index; NaN when its observed E-I is undefined.
        public let groupPValue: [Double]
        /// The level's two-sided p-value for the ties inside groups (E-I index and cross share); NaN
        /// without a tie between known members.
        public let levelPValue: Double
        /// Each group's E-I index expected under random assignment (NaN when N < 2 or the group is empty).
        public let expectedGroupEI: [Double]
        /// The ties inside groups expected under random assignment (NaN when N < 2).
        public let expectedInternalTies: Double
        /// m: the ties with both ends known.
        public let ties: Int

        /// Runs `permutations` permutations of `partition`'s known labels over `graph`'s ties.
        init(_ graph: CSRGraph, partition: Partition, permutations: Int, seed: UInt64, threads: Int = Parallelism.defaultThreads) {
            precondition(partition.vertexCount == graph.vertexCount, "a group for every vertex")
            precondition(permutations >= 1, "at least one permutation")
            let n = graph.vertexCount
            let group = partition.group
            let groupCount = partition.groupCount
            // Known members renumbered 0..<N; their labels; the ties between them as (u, v) pairs.
            var compact = [Int32](repeating: -1, count: n)
            var labels: [Int32] = []
            for v in 0..<n where group[v] >= 0 {
                compact[v] = Int32(labels.count)
                labels.append(group[v])
            }
            let known = labels.count
            var us: [Int32] = [], vs: [Int32] = []
            var degree = [Int32](repeating: 0, count: known)
            for u in 0..<n where compact[u] >= 0 {
                for p in graph.row(VertexID(u)) {
                    let v = Int(graph.targets[p])
                    if !graph.isDirected && v < u { continue }  // each undirected tie once
                    let cv = compact[v]
                    if cv < 0 { continue }
                    us.append(compact[u])
                    vs.append(cv)
                    degree[Int(compact[u])] += 1
                    degree[Int(cv)] += 1
                }
            }
            let m = us.count
            let sizes = partition.sizes
            let expectedEI = sizes.map { MixingPermutationTest.expectedGroupEI(size: $0, known: known) }
            let expectedInside = MixingPermutationTest.expectedInternalTies(ties: m, sizes: sizes, known: known)

            // The observed figures, by the same kernel as the permutations.
            var inside = [Int](repeating: 0, count: groupCount)
            var ends = [Int](repeating: 0, count: groupCount)
            Self.count(labels: labels, us: us, vs: vs, degree: degree, inside: &inside, ends: &ends)
            let slack = 1e-12
            let observedDistance: [Double] = (0..<groupCount).map { g in
                let ei = Self.ei(inside: inside[g], ends: ends[g])
                return ei.isNaN || expectedEI[g].isNaN ? .nan : abs(ei - expectedEI[g]) - slack
            }
            let observedInside = inside.reduce(0, +)
            let levelDistance = abs(Double(observedInside) - expectedInside) - 1e-9

            // Per block: r per group, then r for the level.
            let blocks = min(64, permutations)
            var partial = [[Int]](repeating: [], count: blocks)
            let root = SplitMix64(seed: seed)
            partial.withUnsafeMutableBufferPointer { slots in
                let out = _SharedPointer(base: slots.baseAddress!)
                _ParallelSources.run(blocks: blocks, threads: threads) { nextBlock in
                    var shuffled = labels
                    var inside = [Int](repeating: 0, count: groupCount)
                    var ends = [Int](repeating: 0, count: groupCount)
                    while let block = nextBlock() {
                        var rng = root.split(UInt64(block))
                        for i in 0..<known { shuffled[i] = labels[i] }
                        var extreme = [Int](repeating: 0, count: groupCount + 1)
                        for _ in _ParallelSources.range(of: block, blocks: blocks, sources: permutations) {
                            Self.shuffle(&shuffled, &rng)
                            Self.count(labels: shuffled, us: us, vs: vs, degree: degree, inside: &inside, ends: &ends)
                            var total = 0
                            for g in 0..<groupCount {
                                total += inside[g]
                                let distance = observedDistance[g]
                                if distance.isNaN { continue }
                                let ei = Self.ei(inside: inside[g], ends: ends[g])
                                if !ei.isNaN && abs(ei - expectedEI[g]) >= distance { extreme[g] += 1 }
                            }
                            if abs(Double(total) - expectedInside) >= levelDistance { extreme[groupCount] += 1 }
                        }
                        out.base[block] = extreme
                    }
                }
            }
            var extreme = [Int](repeating: 0, count: groupCount + 1)
            for block in partial { for i in extreme.indices { extreme[i] += block[i] } }
            let k = Double(permutations + 1)
            // With fewer than two non-empty groups every permutation is the observed assignment: no test.
            let testable = sizes.filter { $0 > 0 }.count >= 2
            self.permutations = permutations
            groupPValue = (0..<groupCount).map { g in
                !testable || observedDistance[g].isNaN ? .nan : Double(extreme[g] + 1) / k
            }
            levelPValue = !testable || m == 0 || expectedInside.isNaN ? .nan : Double(extreme[groupCount] + 1) / k
            expectedGroupEI = expectedEI
            expectedInternalTies = expectedInside
            ties = m
        }

        /// E-I from the ties inside a group and the tie ends in it: external = ends − 2 · inside.
        @inline(__always)
        private static func ei(inside: Int, ends: Int) -> Double {
            let external = ends - 2 * inside
            let total = external + inside
            return total > 0 ? Double(external - inside) / Double(total) : .nan
        }

        /// A uniform random permutation of `labels` (Fisher-Yates, from the last position down).
        @inline(__always)
        private static func shuffle(_ labels: inout [Int32], _ rng: inout SplitMix64) {
            labels.withUnsafeMutableBufferPointer { a in
                var i = a.count - 1
                while i > 0 {
                    let j = rng.below(i + 1)
                    a.swapAt(i, j)
                    i -= 1
                }
            }
        }

        /// Per group: the ties with both ends in it and the tie ends in it (the sum of its members'
        /// degrees among known members), for the given labels.
        @inline(__always)
        private static func count(labels: [Int32], us: [Int32], vs: [Int32], degree: [Int32],
                                  inside: inout [Int], ends: inout [Int]) {
            labels.withUnsafeBufferPointer { label in
            us.withUnsafeBufferPointer { us in
            vs.withUnsafeBufferPointer { vs in
            degree.withUnsafeBufferPointer { degree in
            inside.withUnsafeMutableBufferPointer { inside in
            ends.withUnsafeMutableBufferPointer { ends in
                for g in 0..<inside.count { inside[g] = 0; ends[g] = 0 }
                for i in 0..<label.count { ends[Int(label[i])] &+= Int(degree[i]) }
                for e in 0..<us.count {
                    let a = label[Int(us[e])]
                    if a == label[Int(vs[e])] { inside[Int(a)] &+= 1 }
                }
            }}}}}}
        }
    }
}
