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
    /// depend on it).
    /// - Throws: ``BoundaryLevelError`` when the input lacks the level.
    public init(_ loaded: LoadedGraph, level: BoundaryLevel, weighted: Bool, seed: UInt64, threads: Int = Parallelism.defaultThreads,
                top: Int? = nil) throws {
        self.level = level
        self.labels = loaded.labels
        self.top = top
        let graph = loaded.graph
        let order = level == .communities ? loaded.labels.labelOrder() : []
        guard let partition = level.partition(community: loaded.community,
                                              attributes: (loaded.attributeNames, loaded.attributeValues),
                                              graph: graph, order: order, seed: seed) else {
            throw BoundaryLevelError(level: level, loaded: loaded)
        }
        self.partition = partition
        roles = Brokerage(threads: threads).run(graph, partition: partition)
        let holes = StructuralHoles(weighted: weighted, threads: threads).run(graph)
        (constraint, burtEffectiveSize, effectiveSize) = (holes.constraint, holes.effectiveSize, holes.networkXEffectiveSize)
        moduleRoles = ModuleRoles(weighted: weighted).run(graph, partition: partition)
        groupsReached = roles.groupsReached
        let cut = CutStructure(components: false).run(graph)
        var onBridge = [Bool](repeating: false, count: graph.vertexCount)
        for bridge in cut.bridges { onBridge[Int(bridge.u)] = true; onBridge[Int(bridge.v)] = true }
        self.onBridge = onBridge
        isArticulationPoint = cut.isArticulationPoint
    }

    /// Brokerage across groups: every role but coordinator.
    public var crossBrokerage: [Int] {
        (0..<partition.vertexCount).map { v in roles.itinerant[v] + roles.representative[v] + roles.gatekeeper[v] + roles.liaison[v] }
    }

    /// Whether each member spans a boundary: brokerage across groups or participation above 0.
    public var spans: [Bool] {
        let across = crossBrokerage
        return (0..<partition.vertexCount).map { v in across[v] > 0 || moduleRoles.participation[v] > 0 }
    }

    /// The `k` strongest boundary spanners, strongest first (see ``BrokerReport``); only members
    /// who span a boundary, so possibly fewer than `k`.
    public func strongest(_ k: Int) -> [VertexID] {
        let across = crossBrokerage
        let spans = self.spans
        func key(_ x: Double) -> Double { x.isNaN ? -.infinity : x }
        let ranked = (0..<partition.vertexCount).filter { spans[$0] }.sorted { a, b in
            if across[a] != across[b] { return across[a] > across[b] }
            let pa = key(moduleRoles.participation[a]), pb = key(moduleRoles.participation[b])
            if pa != pb { return pa > pb }
            let ea = key(burtEffectiveSize[a]), eb = key(burtEffectiveSize[b])
            if ea != eb { return ea > eb }
            return a < b
        }
        return ranked.prefix(k).map { VertexID($0) }
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
