import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The `boundaries` analysis: for each requested level, the group table, the group-by-group
/// mixing, the crossing ties and the quotient graph, with small groups suppressed for publication.
///
///     let report = try BoundaryReport(loaded, levels: [.hierarchy(.region)], options: .init())
///     try report.writeGroups(to: "regions.csv")
///
/// Suppression: with `minimumCell` K > 1, a group with fewer than K members keeps its name and
/// level but every figure of its row is left empty and its `note` says why; mixing rows that
/// involve it are left out, and so are crossing ties with an end in it. Network-level figures
/// still use every tie (they reveal no single small group).
///
/// - Complexity: one pass over the ties for all levels (``GroupMixing``), plus the cut structure
///   when crossing ties are asked for and the edge betweenness (O(V E)) for `weakTies`.
public struct BoundaryReport: Sendable {
    public struct Options: Sendable {
        /// Groups with fewer members are suppressed; 0 or 1 suppresses nothing.
        public var minimumCell: Int
        /// Seed of the Leiden run behind the `communities` level.
        public var seed: UInt64
        /// Rank the crossing ties by edge betweenness and keep this many per level.
        public var weakTies: Int?
        /// Compute the crossing ties (bridges, sole ties).
        public var crossingTies: Bool
        /// Betweenness threads (results do not depend on it).
        public var threads: Int
        /// The Leiden partition of the member network with `seed` over the label order, when the
        /// caller already has it: the `communities` level then reuses it.
        public var communities: Partition?
        /// Label permutations for the p-values (``MixingPermutationTest``, with `seed`); `nil` for none.
        public var permutations: Int?

        public init(minimumCell: Int = 0, seed: UInt64 = 42, weakTies: Int? = nil, crossingTies: Bool = false,
                    threads: Int = Parallelism.defaultThreads, communities: Partition? = nil, permutations: Int? = nil) {
            self.communities = communities
            self.permutations = permutations
            self.minimumCell = minimumCell
            self.seed = seed
            self.weakTies = weakTies
            self.crossingTies = crossingTies
            self.threads = threads
        }
    }

    /// One level's partition and figures.
    public struct Level: Sendable {
        public var level: BoundaryLevel
        public var partition: Partition
        /// Display names of the groups (node names for hierarchy levels, else the group names).
        public var displayNames: [String]
        public var mixing: GroupMixing.Result
        public var ties: BoundaryTies.Result?
        /// Groups whose figures are suppressed.
        public var suppressed: [Bool]
        /// The permutation p-values, when asked for.
        public var test: MixingPermutationTest.Result?
    }

    public let levels: [Level]
    public let labels: LabelTable
    public let options: Options
    public let weighted: Bool

    /// - Throws: ``BoundaryLevelError`` when the input lacks a level (no hierarchy, no such column).
    public init(_ loaded: LoadedGraph, levels requested: [BoundaryLevel], options: Options) throws {
        let graph = loaded.graph
        let order = requested.contains(.communities) ? loaded.labels.labelOrder() : []
        var partitions: [Partition] = []
        var displayNames: [[String]] = []
        for level in requested {
            guard let partition = level.partition(community: loaded.community,
                                                  attributes: (loaded.attributeNames, loaded.attributeValues),
                                                  graph: graph, order: order, seed: options.seed,
                                                  communities: options.communities) else {
                throw BoundaryLevelError(level: level, loaded: loaded)
            }
            partitions.append(partition)
            if case .hierarchy = level, let community = loaded.community {
                displayNames.append(partition.names.map { id in community.ids.id(of: id).map { community.names[Int($0)] } ?? id })
            } else {
                displayNames.append(partition.names)
            }
        }
        let mixings = GroupMixing().run(graph, partitions: partitions)
        var cut: CutStructure.Result?
        var edgeScores: [Double]?
        if options.crossingTies || options.weakTies != nil { cut = CutStructure(components: false).run(graph) }
        if options.weakTies != nil { edgeScores = EdgeBetweenness(threads: options.threads).run(graph.undirectedView()).scores }
        self.levels = requested.indices.map { i in
            let partition = partitions[i]
            var ties = cut.map { BoundaryTies().run(graph, partition: partition, bridges: $0.bridges, edgeBetweenness: edgeScores) }
            let sizes = partition.sizes
            let suppressed = sizes.map { options.minimumCell > 1 && $0 < options.minimumCell }
            if var found = ties {
                let keep = (0..<found.count).filter { !suppressed[Int(found.sourceGroup[$0])] && !suppressed[Int(found.targetGroup[$0])] }
                let limit = options.weakTies.map { min($0, keep.count) } ?? keep.count
                found = found.selecting(Array(keep.prefix(limit)))
                ties = found
            }
            let test = options.permutations.map {
                MixingPermutationTest(permutations: $0, seed: options.seed, threads: options.threads).run(graph, partition: partition)
            }
            return Level(level: requested[i], partition: partition, displayNames: displayNames[i],
                         mixing: mixings[i], ties: ties, suppressed: suppressed, test: test)
        }
        self.labels = loaded.labels
        self.options = options
        self.weighted = graph.isWeighted
    }

    /// Writes `group,members,internal_ties,external_ties,ei_index,expected_ei_index,density`
    /// (then `internal_weight,external_weight,weighted_ei_index` when weighted)
    /// (then `ei_p_value` with permutations), `name`, `level` and, when suppressing, `note`: one
    /// row per group, levels in the order asked.
    public func writeGroups(to path: String?) throws {
        var keys: [String] = []
        var integerColumns = [[Int32]](repeating: [], count: 3)
        let tested = options.permutations != nil
        var doubleColumns = [[Double]](repeating: [], count: (weighted ? 6 : 3) + (tested ? 1 : 0))
        var names: [String] = [], levelNames: [String] = [], notes: [String] = []
        for level in levels {
            let m = level.mixing
            let ei = m.eiIndex, expected = m.expectedEIIndex, density = m.internalDensity
            let weightedEI = m.weightedEIIndex
            for g in 0..<m.groupCount {
                keys.append(level.partition.names[g])
                names.append(level.displayNames[g])
                levelNames.append(level.level.description)
                let hide = level.suppressed[g]
                notes.append(hide ? "suppressed: fewer than \(options.minimumCell) members" : "")
                let integers = [m.members[g], m.internalTies[g], m.externalTies[g]]
                for c in 0..<3 { integerColumns[c].append(hide ? Int32.min : Int32(clamping: integers[c])) }
                var doubles = [ei[g], expected[g], density[g]]
                if weighted { doubles += [m.internalWeight[g], m.externalWeight[g], weightedEI[g]] }
                if let test = level.test { doubles.append(test.groupPValue[g]) }
                for c in doubles.indices { doubleColumns[c].append(hide ? .nan : doubles[c]) }
            }
        }
        // Suppressed counts print as empty fields: written as doubles (NaN is empty).
        var columns: [TableColumn] = zip(["members", "internal_ties", "external_ties"], integerColumns).map { name, values in
            values.contains(Int32.min) ? .doubles(name: name, values: values.map { $0 == Int32.min ? .nan : Double($0) })
                                       : .integers(name: name, values: values)
        }
        var doubleNames = ["ei_index", "expected_ei_index", "density"]
        if weighted { doubleNames += ["internal_weight", "external_weight", "weighted_ei_index"] }
        if tested { doubleNames.append("ei_p_value") }
        columns += zip(doubleNames, doubleColumns).map { TableColumn.doubles(name: $0, values: $1) }
        columns += [.strings(name: "name", values: names), .strings(name: "level", values: levelNames)]
        if options.minimumCell > 1 { columns.append(.strings(name: "note", values: notes)) }
        try NodeTableWriter.write(labels: LabelTable(keys), columns: columns, keyName: "group", to: path)
    }

    /// Writes the mixing matrix as `group_a,group_b,ties,weight,level`: one row per pair of groups
    /// with ties between them, the diagonal (`group_a == group_b`) holding the ties inside a group.
    public func writeMixing(to path: String?) throws {
        var rows: [(String, String, Int, Double, String)] = []
        for level in levels {
            let m = level.mixing
            let names = level.partition.names
            var entries = m.pairs
            for g in 0..<m.groupCount where m.internalTies[g] > 0 {
                entries.append(GroupMixing.Result.GroupPair(a: Int32(g), b: Int32(g), ties: m.internalTies[g],
                                                            weight: m.internalWeight[g]))
            }
            entries.sort { ($0.a, $0.b) < ($1.a, $1.b) }
            for e in entries where !level.suppressed[Int(e.a)] && !level.suppressed[Int(e.b)] {
                rows.append((names[Int(e.a)], names[Int(e.b)], e.ties, e.weight, level.level.description))
            }
        }
        var buffer = ByteBuffer()
        buffer.append("group_a,group_b,ties,weight,level\n")
        for row in rows {
            buffer.append(csvField: row.0); buffer.append(UInt8(ascii: ","))
            buffer.append(csvField: row.1); buffer.append(UInt8(ascii: ","))
            buffer.append(int: row.2); buffer.append(UInt8(ascii: ","))
            buffer.append(double: row.3); buffer.append(UInt8(ascii: ","))
            buffer.append(csvField: row.4); buffer.appendNewline()
        }
        try writeAtomically(&buffer, to: path)
    }

    /// Writes the crossing ties: `source,target,source_group,target_group,bridge,sole_tie`
    /// (then `edge_betweenness` when ranked) and `level`.
    public func writeTies(to path: String?) throws {
        var edges: [(VertexID, VertexID)] = []
        var sourceGroups: [String] = [], targetGroups: [String] = [], levelNames: [String] = []
        var bridge: [Int32] = [], sole: [Int32] = [], scores: [Double] = []
        for level in levels {
            guard let ties = level.ties else { continue }
            for i in 0..<ties.count {
                edges.append((ties.source[i], ties.target[i]))
                sourceGroups.append(level.partition.names[Int(ties.sourceGroup[i])])
                targetGroups.append(level.partition.names[Int(ties.targetGroup[i])])
                bridge.append(ties.isBridge[i] ? 1 : 0)
                sole.append(ties.isSoleTie[i] ? 1 : 0)
                if let b = ties.betweenness { scores.append(b[i]) }
                levelNames.append(level.level.description)
            }
        }
        var columns: [TableColumn] = [.strings(name: "source_group", values: sourceGroups),
                                      .strings(name: "target_group", values: targetGroups),
                                      .integers(name: "bridge", values: bridge),
                                      .integers(name: "sole_tie", values: sole)]
        if options.weakTies != nil { columns.append(.doubles(name: "edge_betweenness", values: scores)) }
        columns.append(.strings(name: "level", values: levelNames))
        try EdgeTableWriter.write(labels: labels, edges: edges, columns: columns, to: path)
    }

    /// Writes one level's quotient graph as GraphML: a node per group (attributes `name`,
    /// `members`, `internal_ties`), an edge per pair of groups with ties, weighted by the number
    /// of ties. Suppressed groups are left out.
    public func writeQuotient(level index: Int, to path: String?) throws {
        let level = levels[index]
        let m = level.mixing
        var keep = [Int32](repeating: -1, count: m.groupCount)
        var kept: [Int] = []
        for g in 0..<m.groupCount where !level.suppressed[g] {
            keep[g] = Int32(kept.count)
            kept.append(g)
        }
        var edges = EdgeBuffer(weighted: true)
        for pair in m.pairs where keep[Int(pair.a)] >= 0 && keep[Int(pair.b)] >= 0 {
            edges.append(keep[Int(pair.a)], keep[Int(pair.b)], weight: Double(pair.ties))
        }
        let graph = edges.build(vertexCount: kept.count, directed: m.isDirected).graph
        try GraphMLWriter.write(graph, labels: LabelTable(kept.map { level.partition.names[$0] }),
                                attributeNames: ["name", "members", "internal_ties"],
                                attributeValues: [kept.map { level.displayNames[$0] },
                                                  kept.map { String(m.members[$0]) },
                                                  kept.map { String(m.internalTies[$0]) }],
                                to: path)
    }

    /// Whole-network figures per level, for the stats file.
    public var summary: JSONValue {
        .array(levels.map { level in
            let m = level.mixing
            var significance: [(String, JSONValue)] = []
            if let test = level.test {
                // One statistic (ties inside groups, m fixed) decides both.
                significance = [("permutations", .int(test.permutations)),
                                ("expected_cross_share", .double(test.ties > 0 ? 1 - test.expectedInternalTies / Double(test.ties) : .nan)),
                                ("ei_p_value", .double(test.levelPValue)),
                                ("cross_share_p_value", .double(test.levelPValue))]
            }
            return .object([
                ("level", .string(level.level.description)),
                ("groups", .int(m.groupCount)),
                ("known_members", .int(m.knownMembers)),
                ("ties_inside", .int(m.totalInternal)),
                ("ties_across", .int(m.totalExternal)),
                ("unassigned_ties", .int(m.unassignedTies)),
                ("ei_index", .double(m.networkEI)),
                ("expected_ei_index", .double(m.expectedNetworkEI)),
                ("cross_share", .double(m.crossShare)),
                ("assortativity", .double(m.assortativity)),
                ("suppressed_groups", .int(level.suppressed.filter { $0 }.count)),
            ] + significance)
        })
    }
}

/// A boundary level the input does not have.
public struct BoundaryLevelError: Error, CustomStringConvertible {
    public var level: BoundaryLevel
    public var isDataset: Bool
    /// The column exists but `--pseudonymise` dropped it (it was not named by `--keep-attribute`).
    public var droppedForPrivacy: Bool

    public init(level: BoundaryLevel, loaded: LoadedGraph) {
        self.level = level
        self.isDataset = loaded.community != nil
        if case .attribute(let name) = level {
            droppedForPrivacy = loaded.droppedAttributes.contains(name)
        } else {
            droppedForPrivacy = false
        }
    }

    public var description: String {
        switch level {
        case .hierarchy:
            return "level \(level) needs a dataset directory (its nodes.csv holds the hierarchy)"
        case .attribute(let name) where droppedForPrivacy:
            return "level attribute:\(name): --pseudonymise drops attribute columns that may identify a person; " +
                "name the column with --keep-attribute \(name) if its values are safe to publish"
        case .attribute(let name):
            return isDataset ? "nodes.csv has no column \(name)" : "the graph has no node attribute \(name)"
        case .communities:
            return "level community is always available"
        }
    }
}
