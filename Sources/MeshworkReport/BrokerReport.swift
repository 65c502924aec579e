import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `brokers` table: per member, who spans the boundaries of one level and how.
///
/// Columns: `id, group, coordinator, itinerant, representative, gatekeeper, liaison, brokerage`
/// (Gould & Fernandez role counts and their total), `constraint, effective_size,
/// effective_size_burt` (Burt; `effective_size` is NetworkX's default call, which on weighted or
/// directed graphs differs from Burt's formula, see ``StructuralHoles``),
/// `participation, within_module_z, role` (Guimera & Amaral), `groups_reached`, `on_bridge`
/// (an end of a bridge of the network), `articulation_point`. Brokerage counts ordered pairs on
/// directed graphs and unordered pairs on undirected ones, where `gatekeeper` is empty (see
/// ``Brokerage``). With `top` K, only the K strongest boundary spanners, strongest first: most
/// brokerage across groups (itinerant + representative + gatekeeper + liaison), then highest
/// participation, then largest effective size, then input order. A member spans a boundary when
/// its brokerage across groups or its participation is above 0; members who span nothing are never
/// listed, so fewer than K (or none) may be.
public struct BrokerReport: Sendable {
    public let partition: Partition
    public let roles: Brokerage.Result
    public let constraint: [Double]
    public let effectiveSize: [Double]
    public let burtEffectiveSize: [Double]
    public let moduleRoles: ModuleRoles.Result
    public let groupsReached: [Int32]
    public let onBridge: [Bool]
    public let isArticulationPoint: [Bool]
    /// The level whose boundaries the members span.
    public let level: BoundaryLevel
    /// Member labels (ids or pseudonyms), in vertex order.
    public let labels: LabelTable
    /// ``write(to:)`` lists only the `top` strongest spanners (`nil`: every member).
    public let top: Int?

    /// `threads` workers compute the brokerage roles and structural holes (the table does not
    /// depend on it). `progress`, when given, is told when each step starts and how long it took,
    /// and `shares` the share done of the two long steps, brokerage roles and structural holes.
    /// - Throws: ``BoundaryLevelError`` when the input lacks the level.
    public init(_ loaded: LoadedGraph, level: BoundaryLevel, weighted: Bool, seed: UInt64, threads: Int = Parallelism.defaultThreads,
                top: Int? = nil, progress: StepProgress? = nil, shares: StepShare? = nil) throws {
        self.level = level
        self.labels = loaded.labels
        self.top = top
        let graph = loaded.graph
        let partition = try timedStep(progress, "groups") { try Self.partition(loaded, level: level, seed: seed) }
        self.partition = partition
        let roles = timedStep(progress, "brokerage roles") {
            Brokerage(threads: threads).run(graph, partition: partition, progress: stepShare(shares, "brokerage roles"))
        }
        self.roles = roles
        let holes = timedStep(progress, "structural holes") {
            StructuralHoles(weighted: weighted, threads: threads).run(graph, progress: stepShare(shares, "structural holes"))
        }
        (constraint, burtEffectiveSize, effectiveSize) = (holes.constraint, holes.effectiveSize, holes.networkXEffectiveSize)
        moduleRoles = timedStep(progress, "module roles") { ModuleRoles(weighted: weighted).run(graph, partition: partition) }
        groupsReached = roles.groupsReached
        let cut = timedStep(progress, "bridges and articulation points") { CutStructure(components: false).run(graph) }
        var onBridge = [Bool](repeating: false, count: graph.vertexCount)
        for bridge in cut.bridges { onBridge[Int(bridge.u)] = true; onBridge[Int(bridge.v)] = true }
        self.onBridge = onBridge
        isArticulationPoint = cut.isArticulationPoint
    }

    /// Each member's group at `level`.
    /// - Throws: ``BoundaryLevelError`` when the input lacks the level.
    static func partition(_ loaded: LoadedGraph, level: BoundaryLevel, seed: UInt64) throws -> Partition {
        let order = level == .communities ? loaded.labels.labelOrder() : []
        guard let partition = level.partition(community: loaded.community,
                                              attributes: (loaded.attributeNames, loaded.attributeValues),
                                              graph: loaded.graph, order: order, seed: seed) else {
            throw BoundaryLevelError(level: level, loaded: loaded)
        }
        return partition
    }

    /// Brokerage across groups: every role but coordinator.
    public var crossBrokerage: [Int] { Self.crossBrokerage(roles) }

    static func crossBrokerage(_ roles: Brokerage.Result) -> [Int] {
        roles.itinerant.indices.map { v in roles.itinerant[v] + roles.representative[v] + roles.gatekeeper[v] + roles.liaison[v] }
    }

    /// Whether each member spans a boundary: brokerage across groups or participation above 0.
    public var spans: [Bool] { Self.spans(across: crossBrokerage, participation: moduleRoles.participation) }

    static func spans(across: [Int], participation: [Double]) -> [Bool] {
        across.indices.map { v in across[v] > 0 || participation[v] > 0 }
    }

    /// The `k` strongest boundary spanners, strongest first (see ``BrokerReport``); only members
    /// who span a boundary, so possibly fewer than `k`.
    public func strongest(_ k: Int) -> [VertexID] {
        Self.strongest(k, across: crossBrokerage, participation: moduleRoles.participation) { members in
            members.map { burtEffectiveSize[Int($0)] }
        }.map(\.member)
    }

    /// The `k` strongest boundary spanners by brokerage `across` groups, then `participation`, then
    /// Burt's effective size, then input order (see ``BrokerReport``), with their effective sizes.
    /// `effectiveSize` is asked only for the spanners that tie with one of the first `k` on the
    /// first two keys.
    /// - Complexity: O(S log S) for S spanners, plus `effectiveSize`'s.
    static func strongest(_ k: Int, across: [Int], participation: [Double],
                          effectiveSize: ([VertexID]) -> [Double]) -> [(member: VertexID, effectiveSize: Double)] {
        func key(_ x: Double) -> Double { x.isNaN ? -.infinity : x }
        // Spanners by the first two keys, then input order.
        let spans = Self.spans(across: across, participation: participation)
        let ranked = across.indices.filter { spans[$0] }.sorted { a, b in
            if across[a] != across[b] { return across[a] > across[b] }
            let pa = key(participation[a]), pb = key(participation[b])
            if pa != pb { return pa > pb }
            return a < b
        }
        guard k > 0, !ranked.isEmpty else { return [] }
        // The first k, and every later spanner that ties with the k-th on both keys: the effective
        // size may put one of those ahead.
        let last = ranked[min(k, ranked.count) - 1]
        let end = ranked.firstIndex { across[$0] != across[last] ? across[$0] < across[last]
                                                                : key(participation[$0]) < key(participation[last]) } ?? ranked.count
        let contenders = ranked[..<end].map { VertexID($0) }
        let sizes = effectiveSize(contenders)
        let order = contenders.indices.sorted { x, y in
            let a = Int(contenders[x]), b = Int(contenders[y])
            if across[a] != across[b] { return across[a] > across[b] }
            let pa = key(participation[a]), pb = key(participation[b])
            if pa != pb { return pa > pb }
            let ea = key(sizes[x]), eb = key(sizes[y])
            if ea != eb { return ea > eb }
            return a < b
        }
        return order.prefix(k).map { (contenders[$0], sizes[$0]) }
    }

    /// Writes the table (every member, or the `top` strongest spanners).
    public func write(labels: LabelTable, top: Int?, to path: String?) throws {
        func ints(_ values: [Int]) -> [Int32] { values.map { Int32(clamping: $0) } }
        let columns: [TableColumn] = [
            .strings(name: "group", values: partition.group.map { $0 >= 0 ? partition.names[Int($0)] : "" }),
            .integers(name: "coordinator", values: ints(roles.coordinator)),
            .integers(name: "itinerant", values: ints(roles.itinerant)),
            .integers(name: "representative", values: ints(roles.representative)),
            // Undirected: no gatekeeper apart from the representative (see Brokerage).
            roles.isDirected ? .integers(name: "gatekeeper", values: ints(roles.gatekeeper))
                             : .doubles(name: "gatekeeper", values: [Double](repeating: .nan, count: partition.vertexCount)),
            .integers(name: "liaison", values: ints(roles.liaison)),
            .integers(name: "brokerage", values: ints(roles.total)),
            .doubles(name: "constraint", values: constraint),
            .doubles(name: "effective_size", values: effectiveSize),
            .doubles(name: "effective_size_burt", values: burtEffectiveSize),
            .doubles(name: "participation", values: moduleRoles.participation),
            .doubles(name: "within_module_z", values: moduleRoles.zScore),
            .strings(name: "role", values: moduleRoles.role.map { $0?.rawValue ?? "" }),
            .integers(name: "groups_reached", values: groupsReached),
            .integers(name: "on_bridge", values: onBridge.map { $0 ? 1 : 0 }),
            .integers(name: "articulation_point", values: isArticulationPoint.map { $0 ? 1 : 0 }),
        ]
        try NodeTableWriter.write(labels: labels, columns: columns, rows: top.map(strongest), to: path)
    }
}

extension BrokerReport {
    /// The `top` strongest boundary spanners of a level (``BrokerReport/strongest(_:)``'s ranking)
    /// and the figures the report's table shows of them: brokerage roles, participation and module
    /// roles of every member, Burt's effective size of the ranked spanners only. Constraint,
    /// NetworkX's effective size, bridges and articulation points, which the table does not show,
    /// are not computed.
    public struct Spanners: Sendable {
        public let partition: Partition
        public let roles: Brokerage.Result
        public let moduleRoles: ModuleRoles.Result
        /// Brokerage across groups of every member (``BrokerReport/crossBrokerage``).
        public let crossBrokerage: [Int]
        /// The strongest spanners, strongest first (fewer than `top` when fewer span a boundary).
        public let members: [VertexID]
        /// Burt's effective size of each of ``members``, in their order.
        public let effectiveSize: [Double]

        /// - Throws: ``BoundaryLevelError`` when the input lacks the level.
        /// - Complexity: Brokerage's O(V + G + Σ deg²), plus the effective size of the ranked
        ///   spanners (``StructuralHoles/effectiveSize(_:of:)``).
        public init(_ loaded: LoadedGraph, level: BoundaryLevel, weighted: Bool, seed: UInt64, top: Int,
                    threads: Int = Parallelism.defaultThreads) throws {
            let graph = loaded.graph
            partition = try BrokerReport.partition(loaded, level: level, seed: seed)
            roles = Brokerage(threads: threads).run(graph, partition: partition)
            moduleRoles = ModuleRoles(weighted: weighted).run(graph, partition: partition)
            crossBrokerage = BrokerReport.crossBrokerage(roles)
            let holes = StructuralHoles(weighted: weighted, threads: threads)
            let strongest = BrokerReport.strongest(top, across: crossBrokerage, participation: moduleRoles.participation) {
                holes.effectiveSize(graph, of: $0)
            }
            members = strongest.map(\.member)
            effectiveSize = strongest.map(\.effectiveSize)
        }
    }
}
