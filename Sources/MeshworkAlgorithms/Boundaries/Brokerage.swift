import MeshworkCore

/// The five brokerage roles of Gould & Fernandez (1989), by the groups of the three members of an
/// open two-path `a -> v -> b` in which `v` is the broker.
///
///     source a   broker v   target b
///       g          g          g        coordinator
///       g          h          g        itinerant (consultant)
///       g          g          h        representative
///       h          g          g        gatekeeper
///       f          g          h        liaison
@frozen
public enum BrokerageRole: String, CaseIterable, Sendable {
    case coordinator, itinerant, representative, gatekeeper, liaison
}

/// Gould & Fernandez's brokerage roles, and the number of distinct groups each member reaches.
///
///     let roles = Brokerage().run(graph, partition: departments)
///     roles.liaison[v]; roles.groupsReached[v]
///
/// A two-path `a -> v -> b` (arcs a to v and v to b, a != b) is **open** when there is no arc
/// `a -> b`; v then brokers between a and b, in the role given by the three groups (see
/// ``BrokerageRole``).
///
/// - Directed graphs: each ordered pair (a, b) counts once per broker; arcs as stored; a
///   reciprocated tie a <-> b closes both a -> v -> b and b -> v -> a, a one-way arc a -> b only
///   the first.
/// - Undirected graphs: each unordered pair {a, b} of v's neighbours with no tie a - b counts once:
///   the number of pairs v brokers. Representative and gatekeeper cannot be told apart without
///   direction: a pair with exactly one end in v's group counts under `representative`, and
///   `gatekeeper` is 0. Reading each tie as two reciprocal arcs instead (UCINET's convention, and
///   R sna's `brokerage` on a symmetric matrix) gives twice these coordinator, itinerant, liaison
///   and total counts, and this representative count as both its representative and its
///   gatekeeper count.
/// - Unknown groups: a two-path whose source or target has an unknown group is not counted, and a
///   broker whose own group is unknown gets 0 in every role.
///
/// For each broker v with a known group, the kernel counts v's out-neighbours per group once; then
/// for each in-neighbour a it removes the out-neighbours that a reaches itself (found by a stamp
/// array indexed by vertex) and reads the five counts off three numbers: the open targets in a's
/// group, in v's group, and in all known groups. No pair (a, b) is enumerated.
///
/// - Complexity: O(V + G + sum over arcs a -> v of outdeg(a)) = O(V + G + sum over a of
///   outdeg(a)^2) time; O(V + G) extra space, for G groups.
/// - Note: Gould & Fernandez, "Structures of mediation: a formal approach to brokerage in
///   transaction networks", Sociological Methodology 19, 89-126, 1989; Borgatti, Everett &
///   Freeman, *UCINET for Windows*, Analytic Technologies, 2002, and Butts, R package `sna`,
///   `brokerage()` (both read undirected ties as two arcs: twice these counts).
public struct Brokerage: Sendable {
    /// The number of worker threads (at least 1), over blocks of brokers. Does not change the result.
    public var threads: Int

    public init(threads: Int = Parallelism.defaultThreads) {
        self.threads = max(1, threads)
    }

    /// The brokerage role counts of every vertex for the given groups, and the groups each reaches.
    ///
    ///     //  a(0) -> v(1) -> b(2), groups [0, 1, 0]: v is an itinerant broker once
    ///     Brokerage().run(path, partition: Partition(groups: [0, 1, 0])).itinerant   // [0, 1, 0]
    ///
    /// - Precondition: `partition.vertexCount == graph.vertexCount`.
    /// - Complexity: O(V + G + sum over a of outdeg(a)^2) time; O(V + G) extra space per thread.
    ///
    /// `progress`, when given, is told the share of the work done (from the worker threads, in
    /// increasing order, at most once per whole percent).
    public func run(_ graph: CSRGraph, partition: Partition,
                    progress: (@Sendable (_ done: Double) -> Void)? = nil) -> Result {
        var result = Self.roles(graph, partition: partition, threads: threads, progress: progress)
        result.groupsReached = Self.groupsReached(graph, partition: partition)
        return result
    }
}

extension Brokerage {
    /// Brokerage role counts of every vertex: `counts[role][v]` two-paths that `v` brokers in that role
    /// (ordered pairs on directed graphs, unordered pairs on undirected ones; see ``Brokerage``).
    ///
    ///     let roles = Brokerage().run(graph, partition: offices)
    ///     roles.liaison[v]      // open two-paths through v joining two other offices
    ///     roles[.gatekeeper]    // the same as roles.gatekeeper
    ///     roles.total[v]        // all five together
    ///
    /// - Complexity: O(V) space for the six arrays.
    public struct Result: Sendable, Equatable {
        /// Broker, source and target all in one group.
        public var coordinator: [Int]
        /// Source and target in one group, the broker in another (Gould & Fernandez's "itinerant
        /// broker", UCINET's "consultant").
        public var itinerant: [Int]
        /// Broker and source in one group, the target in another: the broker represents its group.
        /// Undirected graphs: the broker shares a group with exactly one of the pair (representative
        /// and gatekeeper at once: without direction the two roles are the same pairs).
        public var representative: [Int]
        /// Broker and target in one group, the source in another: the broker guards its group's door.
        /// All 0 on undirected graphs (those pairs are counted once, under `representative`).
        public var gatekeeper: [Int]
        /// Three different groups.
        public var liaison: [Int]
        /// Whether the counts are of ordered pairs (a directed graph) rather than unordered ones.
        public var isDirected: Bool
        /// The number of distinct known groups among each vertex's neighbours (in- and out-neighbours
        /// of a directed graph); the vertex's own group counts when a neighbour is in it.
        public var groupsReached: [Int32] = []

        /// The counts of one role.
        public subscript(role: BrokerageRole) -> [Int] {
            switch role {
            case .coordinator: coordinator
            case .itinerant: itinerant
            case .representative: representative
            case .gatekeeper: gatekeeper
            case .liaison: liaison
            }
        }

        /// The sum of the five roles for each vertex: the open two-paths (directed) or open pairs of
        /// neighbours (undirected) it brokers whose three members all have a known group.
        /// - Complexity: O(V).
        public var total: [Int] {
            (0..<coordinator.count).map {
                coordinator[$0] + itinerant[$0] + representative[$0] + gatekeeper[$0] + liaison[$0]
            }
        }
    }
}

extension Brokerage {
    /// The brokerage role counts of every vertex for the given groups.
    ///
    /// `threads` workers take blocks of brokers; the counts do not depend on it.
    ///
    /// - Precondition: `partition.vertexCount == graph.vertexCount`.
    /// - Complexity: O(V + G + sum over a of outdeg(a)^2) time; O(V + G) extra space per thread.
    static func roles(_ graph: CSRGraph, partition: Partition, threads: Int,
                      progress: (@Sendable (_ done: Double) -> Void)? = nil) -> Result {
        let n = graph.vertexCount
        precondition(partition.vertexCount == n, "a group (or unknown) for every vertex")
        let group = partition.group
        let groupCount = max(partition.groupCount, Int((group.max() ?? -1) + 1))
        var coordinator = [Int](repeating: 0, count: n)
        var itinerant = [Int](repeating: 0, count: n)
        var representative = [Int](repeating: 0, count: n)
        var gatekeeper = [Int](repeating: 0, count: n)
        var liaison = [Int](repeating: 0, count: n)

        let (offsets, targets) = (graph.offsets, graph.targets)
        let (inOffsets, inSources) = (graph.inRowOffsets, graph.inRowSources)
        let blocks = offsets.withUnsafeBufferPointer { _ParallelSources.vertexBlocks(offsets: $0) }
        coordinator.withUnsafeMutableBufferPointer { coordinatorSlots in
        itinerant.withUnsafeMutableBufferPointer { itinerantSlots in
        representative.withUnsafeMutableBufferPointer { representativeSlots in
        gatekeeper.withUnsafeMutableBufferPointer { gatekeeperSlots in
        liaison.withUnsafeMutableBufferPointer { liaisonSlots in
            // Workers take blocks of brokers and write only their counts (integers: any order of
            // work gives the same table).
            let out = (coordinator: _SharedPointer(base: coordinatorSlots.baseAddress!),
                       itinerant: _SharedPointer(base: itinerantSlots.baseAddress!),
                       representative: _SharedPointer(base: representativeSlots.baseAddress!),
                       gatekeeper: _SharedPointer(base: gatekeeperSlots.baseAddress!),
                       liaison: _SharedPointer(base: liaisonSlots.baseAddress!))
            _ParallelSources.run(blocks: blocks.count - 1, threads: threads, progress: progress) { nextBlock in
                // mark[b] == v: b is an out-neighbour of the current broker v.
                var mark = [Int32](repeating: -1, count: n)
                // perGroup[g]: out-neighbours of v in group g.
                var perGroup = [Int](repeating: 0, count: groupCount)
                while let block = nextBlock() {
                    for v in blocks[block] ..< blocks[block + 1] {
                        let gv = Int(group[v])
                        if gv < 0 { continue }
                        let outRow = Int(offsets[v]) ..< Int(offsets[v + 1])
                        let inRow = Int(inOffsets[v]) ..< Int(inOffsets[v + 1])
                        if outRow.isEmpty || inRow.isEmpty { continue }
                        var known = 0
                        for p in outRow {
                            let b = Int(targets[p])
                            mark[b] = Int32(v)
                            let gb = Int(group[b])
                            if gb >= 0 { perGroup[gb] += 1; known += 1 }
                        }
                        var coord = 0, itin = 0, repr = 0, gate = 0, liai = 0
                        for p in inRow {
                            let a = Int(inSources[p])
                            let ga = Int(group[a])
                            if ga < 0 { continue }
                            // Open targets b (b != a, no arc a -> b, group known): in a's group, in v's, in all.
                            var inA = perGroup[ga], inV = perGroup[gv], all = known
                            if mark[a] == Int32(v) { inA -= 1; all -= 1; if ga == gv { inV -= 1 } }  // b == a
                            for q in Int(offsets[a]) ..< Int(offsets[a + 1]) {
                                let b = Int(targets[q])
                                if mark[b] != Int32(v) { continue }   // not a target of v (v itself included)
                                let gb = Int(group[b])
                                if gb < 0 { continue }
                                all -= 1
                                if gb == ga { inA -= 1 }
                                if gb == gv { inV -= 1 }
                            }
                            if ga == gv {
                                coord += inV
                                repr += all - inV
                            } else {
                                itin += inA
                                gate += inV
                                liai += all - inA - inV
                            }
                        }
                        if graph.isDirected {
                            out.coordinator.base[v] = coord
                            out.itinerant.base[v] = itin
                            out.representative.base[v] = repr
                            out.gatekeeper.base[v] = gate
                            out.liaison.base[v] = liai
                        } else {
                            // Each unordered pair was seen from both ends: once as a -> v -> b and
                            // once as b -> v -> a (then as representative and as gatekeeper).
                            out.coordinator.base[v] = coord / 2
                            out.itinerant.base[v] = itin / 2
                            out.representative.base[v] = repr
                            out.liaison.base[v] = liai / 2
                        }
                        for p in outRow {
                            let gb = Int(group[Int(targets[p])])
                            if gb >= 0 { perGroup[gb] = 0 }
                        }
                    }
                }
            }
        }}}}}
        return Result(coordinator: coordinator, itinerant: itinerant, representative: representative,
                              gatekeeper: gatekeeper, liaison: liaison, isDirected: graph.isDirected)
    }

    /// The number of distinct known groups among each vertex's neighbours (in- and out-neighbours
    /// of a directed graph); the vertex's own group counts when a neighbour is in it. The vertex's
    /// own group does not need to be known.
    ///
    ///     //  0 - 1 - 2, groups [0, 1, 2]: [1, 2, 1]
    ///
    /// - Precondition: `partition.vertexCount == graph.vertexCount`.
    /// - Complexity: O(V + E + G) time; O(G) extra space.
    static func groupsReached(_ graph: CSRGraph, partition: Partition) -> [Int32] {
        let n = graph.vertexCount
        precondition(partition.vertexCount == n, "a group (or unknown) for every vertex")
        let group = partition.group
        let groupCount = max(partition.groupCount, Int((group.max() ?? -1) + 1))
        var seen = [Int32](repeating: -1, count: groupCount)
        var reached = [Int32](repeating: 0, count: n)
        let (offsets, targets) = (graph.offsets, graph.targets)
        let (inOffsets, inSources) = (graph.inRowOffsets, graph.inRowSources)
        for v in 0..<n {
            var count: Int32 = 0
            for p in Int(offsets[v]) ..< Int(offsets[v + 1]) {
                let g = Int(group[Int(targets[p])])
                if g >= 0 && seen[g] != Int32(v) { seen[g] = Int32(v); count += 1 }
            }
            if graph.isDirected {
                for p in Int(inOffsets[v]) ..< Int(inOffsets[v + 1]) {
                    let g = Int(group[Int(inSources[p])])
                    if g >= 0 && seen[g] != Int32(v) { seen[g] = Int32(v); count += 1 }
                }
            }
            reached[v] = count
        }
        return reached
    }
}
