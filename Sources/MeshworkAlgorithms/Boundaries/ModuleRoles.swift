import MeshworkCore

/// The seven roles of Guimera & Amaral (2005) in the plane of within-module degree z-score (z) and
/// participation coefficient (P). Hubs have z >= 2.5.
///
/// | role | z | P |
/// |---|---|---|
/// | R1 ultra-peripheral | < 2.5 | P <= 0.05 |
/// | R2 peripheral | < 2.5 | 0.05 < P <= 0.62 |
/// | R3 non-hub connector | < 2.5 | 0.62 < P <= 0.80 |
/// | R4 non-hub kinless | < 2.5 | P > 0.80 |
/// | R5 provincial hub | >= 2.5 | P <= 0.30 |
/// | R6 connector hub | >= 2.5 | 0.30 < P <= 0.75 |
/// | R7 kinless hub | >= 2.5 | P > 0.75 |
///
///     ModuleRole(participation: 0.7, zScore: 0.4)     // .nonHubConnector
///     ModuleRole.connectorHub.rawValue                // "R6 connector hub"
@frozen
public enum ModuleRole: String, CaseIterable, Sendable {
    case ultraPeripheral = "R1 ultra-peripheral"
    case peripheral = "R2 peripheral"
    case nonHubConnector = "R3 non-hub connector"
    case nonHubKinless = "R4 non-hub kinless"
    case provincialHub = "R5 provincial hub"
    case connectorHub = "R6 connector hub"
    case kinlessHub = "R7 kinless hub"

    /// The role of a vertex with participation coefficient `participation` and within-module
    /// degree z-score `zScore`, by the paper's thresholds (boundaries as in the table).
    /// - Precondition: neither is NaN.
    /// - Complexity: O(1).
    public init(participation p: Double, zScore z: Double) {
        precondition(!p.isNaN && !z.isNaN, "a role needs a participation coefficient and a z-score")
        if z >= 2.5 {
            self = p <= 0.30 ? .provincialHub : p <= 0.75 ? .connectorHub : .kinlessHub
        } else {
            self = p <= 0.05 ? .ultraPeripheral : p <= 0.62 ? .peripheral : p <= 0.80 ? .nonHubConnector : .nonHubKinless
        }
    }

    /// Whether the role is a hub role (R5 to R7).
    public var isHub: Bool {
        switch self {
        case .provincialHub, .connectorHub, .kinlessHub: true
        default: false
        }
    }
}

/// Participation coefficient, within-module degree z-score and role of every vertex.
///
/// - Complexity: O(V) space.
public struct ModuleRoles: Sendable {
    /// Tie weights replace the counts (ignored when the graph has no weights).
    public var weighted: Bool

    public init(weighted: Bool = false) {
        self.weighted = weighted
    }

    /// Participation, z-score and role of each vertex for the given groups, as Guimera & Amaral.
    ///
    ///     let roles = ModuleRoles().run(graph, partition: organisations)
    ///     roles.participation[v]   // 0: all of v's ties stay in one group
    ///     roles.role[v]            // .connectorHub, ...
    ///
    /// - participation `P_i = 1 - sum over groups s of (k_is / k_i)^2`, where `k_i` counts i's ties
    ///   to vertices whose group is known and `k_is` those into group s; 0 when `k_i` is 0.
    /// - within-module degree z-score `z_i = (kappa_i - mean) / sd`, where `kappa_i` counts i's ties
    ///   into its own group, and the mean and the population standard deviation of kappa are taken
    ///   over the members of i's group; 0 when every member of the group has the same kappa.
    /// - role: ``ModuleRole/init(participation:zScore:)``.
    ///
    /// With `weighted` (and a weighted graph), tie weights replace the counts: `k_i`, `k_is` and
    /// `kappa_i` are strengths. On a directed graph the ties are the out-arcs (a vertex's row).
    /// A vertex whose own group is unknown is left out, as at every boundary level: NaN, NaN and
    /// `nil`; it enters no group's mean, and its neighbours' `k_i` leave out their ties to it.
    ///
    /// The kernel counts each vertex's ties per group into a flat array indexed by group, resets
    /// only the entries it touched, then makes one pass per group for the mean and deviation.
    ///
    /// - Precondition: `partition.vertexCount == graph.vertexCount`.
    /// - Complexity: O(V + E + G) time; O(V + G) extra space, for G groups.
    /// - Note: Guimera & Amaral, "Functional cartography of complex metabolic networks", Nature
    ///   433, 895-900, 2005; Guimera & Amaral, "Cartography of complex networks: modules and
    ///   universal roles", Journal of Statistical Mechanics P02001, 2005.
    public func run(_ graph: CSRGraph, partition: Partition) -> Result {
        Result(graph, partition: partition, weighted: weighted)
    }
}

extension ModuleRoles {
    /// Participation coefficient, within-module degree z-score and role of every vertex.
    public struct Result: Sendable, Equatable {
        /// `P_i` in [0, 1); NaN when the vertex's group is unknown.
        public var participation: [Double]
        /// `z_i`; NaN when the vertex's group is unknown.
        public var zScore: [Double]
        /// The role; `nil` when the vertex's group is unknown.
        public var role: [ModuleRole?]

        init(_ graph: CSRGraph, partition: Partition, weighted: Bool) {
            let n = graph.vertexCount
            precondition(partition.vertexCount == n, "a group (or unknown) for every vertex")
            let group = partition.group
            let groupCount = max(partition.groupCount, Int((group.max() ?? -1) + 1))
            let weights = weighted ? graph.weights : nil
            let (offsets, targets) = (graph.offsets, graph.targets)

            var participation = [Double](repeating: .nan, count: n)
            var kappa = [Double](repeating: 0, count: n)
            var perGroup = [Double](repeating: 0, count: groupCount)
            for v in 0..<n {
                let gv = Int(group[v])
                if gv < 0 { continue }
                let row = Int(offsets[v]) ..< Int(offsets[v + 1])
                var k = 0.0
                if let weights {
                    for p in row {
                        let g = Int(group[Int(targets[p])])
                        if g >= 0 { perGroup[g] += weights[p]; k += weights[p] }
                    }
                } else {
                    for p in row {
                        let g = Int(group[Int(targets[p])])
                        if g >= 0 { perGroup[g] += 1; k += 1 }
                    }
                }
                kappa[v] = perGroup[gv]
                var squares = 0.0
                for p in row {
                    let g = Int(group[Int(targets[p])])
                    if g >= 0 && perGroup[g] != 0 {
                        squares += perGroup[g] * perGroup[g]
                        perGroup[g] = 0
                    }
                }
                // 1 - sum (k_s / k)^2 = (k^2 - sum k_s^2) / k^2: exact for counts below 2^26.
                participation[v] = k == 0 ? 0 : (k * k - squares) / (k * k)
            }

            // Mean and population standard deviation of kappa per group (two passes).
            var size = [Int](repeating: 0, count: groupCount)
            var mean = [Double](repeating: 0, count: groupCount)
            var low = [Double](repeating: .infinity, count: groupCount)
            var high = [Double](repeating: -.infinity, count: groupCount)
            for v in 0..<n where group[v] >= 0 {
                let g = Int(group[v])
                size[g] += 1
                mean[g] += kappa[v]
                low[g] = min(low[g], kappa[v])
                high[g] = max(high[g], kappa[v])
            }
            for g in 0..<groupCount where size[g] > 0 { mean[g] /= Double(size[g]) }
            var deviation = [Double](repeating: 0, count: groupCount)
            for v in 0..<n where group[v] >= 0 {
                let g = Int(group[v])
                let d = kappa[v] - mean[g]
                deviation[g] += d * d
            }
            var zScore = [Double](repeating: .nan, count: n)
            var role = [ModuleRole?](repeating: nil, count: n)
            for v in 0..<n where group[v] >= 0 {
                let g = Int(group[v])
                // Equal kappas: sd is 0 exactly (the floating-point mean may leave a tiny residue).
                let z = low[g] == high[g] ? 0 : (kappa[v] - mean[g]) / (deviation[g] / Double(size[g])).squareRoot()
                zScore[v] = z
                role[v] = ModuleRole(participation: participation[v], zScore: z)
            }
            self.participation = participation
            self.zScore = zScore
            self.role = role
        }
    }
}
