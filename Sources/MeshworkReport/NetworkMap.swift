import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender

/// The `map` analysis: a loaded graph turned into a ``MapDocument`` for Graphviz, either one node
/// per member or one node per group of a level (organisation, region, partner, attribute value or
/// community).
///
///     var options = NetworkMap.Options()
///     options.colourBy = .hierarchy(.organisation)
///     let svg = try NetworkMap.document(loaded, options: options).render(as: .svg)
///
/// Member maps: node size grows with the square root of `sizeBy` (degree, strength, PageRank or
/// betweenness on the shown graph), colours show the members' groups at `colourBy` (default: the
/// Leiden communities), ties between two known, different groups are dashed, and the top
/// `labels` nodes by size are labelled. `ego` keeps one member's neighbourhood within `radius`
/// hops (the induced subgraph). A map over a span of dates is the map of a restricted community
/// (``LoadOptions/span``): only the members present by its end are drawn.
///
/// Group maps (the quotient graph, Newman's group-level graph): node size grows with the square
/// root of the members, tie width with the square root of the member ties between the two groups;
/// a group's colour is the `colourBy` group most of its members belong to (default: the next
/// level up, organisation -> region -> partner, otherwise the level itself). `topGroups` keeps
/// the largest groups only (and the ties among them); the legend's title says so; each group
/// draws its `tiesPerGroup` heaviest ties (default 8), as a large community's group graph is
/// nearly complete.
///
/// Node ids are member ids (or group ids); classes are `member` or `group`, and `g-TOKEN` for the
/// colour group (``DOTEscaping/classToken(_:)`` of its id; `group-unknown` when unknown). Tooltips
/// give the name (a pseudonym with `--pseudonymise`), the id and the key measures.
///
/// The node count is checked against `limit` before any measure is computed.
///
/// - Complexity: O(V + E) plus the size measure (betweenness: O(V E)) and Leiden when communities
///   are involved; the DOT is O((V + E) log(V + E)).
public enum NetworkMap {
    /// What one node stands for.
    public enum Level: Sendable, Equatable {
        case members
        case groups(BoundaryLevel)
    }

    /// The measure behind member node sizes (and the labelled top K).
    public enum SizeMeasure: String, Sendable, CaseIterable {
        case degree, strength, pagerank, betweenness
    }

    public struct Options: Sendable {
        public var level: Level = .members
        /// The groups the colours show; `nil` for the default (see ``NetworkMap``).
        public var colourBy: BoundaryLevel?
        public var sizeBy: SizeMeasure = .degree
        /// Keep this member and its neighbours within `radius` hops.
        public var ego: String?
        public var radius: Int = 1
        /// Label this many nodes (the largest); `nil`: 10 on member maps, 40 on group maps.
        public var labels: Int?
        /// `nil`: ``LayoutEngine/automatic(nodeCount:)``.
        public var engine: LayoutEngine?
        /// Seed of the Leiden run behind `communities`.
        public var seed: UInt64 = 42
        /// That Leiden partition of the member network, when the caller already has it.
        public var communities: Partition?
        /// Threads of the betweenness kernel (results do not depend on it).
        public var threads: Int = Parallelism.defaultThreads
        /// The most nodes the map may have.
        public var limit: Int = MapDocument.maximumNodes
        /// Group maps: draw only this many groups, the largest (ties: the first); `nil`: all.
        public var topGroups: Int?
        /// Group maps: draw a tie when it is one of the `tiesPerGroup` heaviest ties of either of
        /// its groups (ties: the lower group index); `nil`: every tie. Large communities' group
        /// graphs are nearly complete, and laying out every tie is slow and unreadable.
        public var tiesPerGroup: Int? = 8
        /// Member maps: draw a tie when it is one of the `tiesPerMember` strongest ties of either of
        /// its members (heaviest first, then to the better-connected contact); `nil`: every tie.
        public var tiesPerMember: Int?

        public init() {}
    }

    /// The map of `loaded`.
    /// - Throws: ``MapSizeError`` above `limit`; ``BoundaryLevelError`` when the input lacks a
    ///   level; ``MapOptionError`` for an unknown ego.
    public static func document(_ loaded: LoadedGraph, options: Options) throws -> MapDocument {
        var graph = loaded.graph
        if graph.isDirected { graph = graph.undirectedView() }
        let context = Context(loaded: loaded, graph: graph, options: options)
        switch options.level {
        case .members: return try context.memberMap()
        case .groups(let level): return try context.groupMap(level)
        }
    }
}

/// Bad map options that only the input can reveal.
public struct MapOptionError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The inputs of one map and the steps shared by member and group maps.
private struct Context {
    let loaded: LoadedGraph
    /// The undirected member network.
    let graph: CSRGraph
    let options: NetworkMap.Options

    init(loaded: LoadedGraph, graph: CSRGraph, options: NetworkMap.Options) {
        self.loaded = loaded
        self.graph = graph
        self.options = options
    }

    func memberMap() throws -> MapDocument {
        let keep = try shownMembers()
        try MapDocument.checkSize(nodeCount: keep?.count { $0 } ?? graph.vertexCount, limit: options.limit)
        let (shown, original) = keep.map { graph.induced(keeping: $0) }
            ?? (graph, (0..<Int32(graph.vertexCount)).map { $0 })
        let colourLevel = options.colourBy ?? .communities
        let full = try partition(colourLevel)
        let colours = Partition(groups: original.map { full.group[Int($0)] }, names: full.names).canonicalised()
        let names = groupNames(colours, level: colourLevel)
        let values = sizeValues(shown)
        let largest = values.max() ?? 0
        let labelled = topK(values, options.labels ?? 10)
        var map = MapDocument(engine: options.engine ?? .automatic(nodeCount: shown.vertexCount))
        for v in 0..<shown.vertexCount {
            let id = loaded.labels[original[v]]
            let name = memberName(original[v]) ?? id
            let group = colours.group[v]
            var tooltip = name == id ? id : "\(name) (\(id))"
            tooltip += " · \(options.sizeBy.rawValue) \(Self.figure(values[v]))"
            tooltip += " · \(colourLevel): " + (group < 0 ? "unknown" : names[Int(group)])
            map.nodes.append(MapNode(
                id: id, label: labelled[v] ? name : nil, tooltip: tooltip,
                fill: group < 0 ? Palette.unknown : Palette.colour(ofRank: Int(group)),
                size: 0.12 + 0.5 * (largest > 0 ? (values[v] / largest).squareRoot() : 0),
                classes: ["member", groupClass(colours, group)]))
        }
        let heaviest = shown.weights?.max() ?? 1
        let drawn = strongestTies(shown, present: [Bool](repeating: true, count: shown.vertexCount), keep: options.tiesPerMember)
        for u in 0..<shown.vertexCount {
            for p in shown.row(VertexID(u)) where Int(shown.targets[p]) > u && drawn[p] {
                let v = Int(shown.targets[p])
                let (gu, gv) = (colours.group[u], colours.group[v])
                let width = shown.weights.map { 0.4 + 2.6 * ($0[p] / heaviest).squareRoot() } ?? 0.6
                map.edges.append(MapEdge(source: loaded.labels[original[u]], target: loaded.labels[original[v]],
                                         width: width, crossesBoundary: gu >= 0 && gv >= 0 && gu != gv))
            }
        }
        map.legendTitle = colourLevel.description
        map.legend = Palette.legend(groupNames: names, hasUnknown: colours.group.contains(Partition.unknown))
        return map
    }

    func groupMap(_ level: BoundaryLevel) throws -> MapDocument {
        if options.ego != nil { throw MapOptionError("--ego draws members: use it with --level member") }
        let groups = try partition(level)
        let sizes = groups.sizes
        let present = shownGroups(sizes)
        try MapDocument.checkSize(nodeCount: present.count { $0 }, limit: options.limit, advice: MapSizeError.groupAdvice)
        // Only the shown groups enter the quotient: with --top, most ties of a large community
        // fall outside it and are never sorted.
        let shown = Partition(groups: groups.group.map { $0 >= 0 && present[Int($0)] ? $0 : Partition.unknown },
                              names: groups.names)
        let quotient = graph.quotient(by: shown)
        let external = externalTies(groups)
        let groupNames = groupNames(groups, level: level)
        let (colourLevel, colours) = try groupColours(groups, level: level, present: present)
        let colourNames = colourLevel.map { self.groupNames(colours, level: $0) } ?? groupNames
        let largest = Double(quotient.members.max() ?? 0)
        let labelled = topK(quotient.members.map(Double.init), options.labels ?? 40)
        var map = MapDocument(engine: options.engine ?? .automatic(nodeCount: present.count { $0 }))
        for g in 0..<groups.groupCount where present[g] {
            let colour = colours.group[g]
            var tooltip = groupNames[g] == groups.names[g] ? groups.names[g] : "\(groupNames[g]) (\(groups.names[g]))"
            tooltip += " · \(quotient.members[g]) members · \(quotient.internalTies[g]) ties within"
            tooltip += " · \(external[g]) ties to other groups"
            if let colourLevel { tooltip += " · \(colourLevel): " + (colour < 0 ? "unknown" : colourNames[Int(colour)]) }
            map.nodes.append(MapNode(
                id: groups.names[g], label: labelled[g] ? groupNames[g] : nil, tooltip: tooltip,
                fill: colour < 0 ? Palette.unknown : Palette.colour(ofRank: Int(colour)),
                size: 0.25 + 1.25 * (Double(quotient.members[g]) / largest).squareRoot(),
                classes: ["group", groupClass(colours, colour)]))
        }
        let busiest = quotient.graph.weights?.max() ?? 1
        let drawnTies = strongestTies(quotient.graph, present: present, keep: options.tiesPerGroup)
        for u in 0..<quotient.graph.vertexCount {
            for p in quotient.graph.row(VertexID(u)) where Int(quotient.graph.targets[p]) > u && drawnTies[p] {
                let v = Int(quotient.graph.targets[p])
                let ties = quotient.graph.weights?[p] ?? 1
                let (cu, cv) = (colours.group[u], colours.group[v])
                map.edges.append(MapEdge(
                    source: groups.names[u], target: groups.names[v],
                    width: 0.5 + 5.5 * (ties / busiest).squareRoot(),
                    crossesBoundary: colourLevel != nil && cu >= 0 && cv >= 0 && cu != cv,
                    tooltip: "\(Int(ties)) ties between \(groupNames[u]) and \(groupNames[v])"))
            }
        }
        let drawn = present.count { $0 }, populated = sizes.count { $0 > 0 }
        map.legendTitle = (colourLevel ?? level).description
            + (drawn < populated ? " (the \(drawn) largest of \(populated) \(level) groups)" : "")
        map.legend = Palette.legend(groupNames: colourNames, hasUnknown: colours.group.contains(Partition.unknown))
        return map
    }

    /// The members of the ego network (within `radius` hops of `ego`), or `nil` for everyone.
    /// - Complexity: O(V + E) breadth-first search.
    private func shownMembers() throws -> [Bool]? {
        guard let ego = options.ego else { return nil }
        guard let start = loaded.labels.id(of: ego) else { throw MapOptionError("no member \(ego) in the graph") }
        var depth = [Int32](repeating: -1, count: graph.vertexCount)
        depth[Int(start)] = 0
        var queue = [start]
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            if depth[Int(u)] >= options.radius { continue }
            for v in graph.neighbours(of: u) where depth[Int(v)] < 0 {
                depth[Int(v)] = depth[Int(u)] + 1
                queue.append(v)
            }
        }
        return depth.map { $0 >= 0 }
    }

    /// The ties of each group's members to members of other groups (both groups known).
    /// - Complexity: O(V + E).
    private func externalTies(_ groups: Partition) -> [Int] {
        var external = [Int](repeating: 0, count: groups.groupCount)
        for u in 0..<graph.vertexCount where groups.group[u] >= 0 {
            for v in graph.neighbours(of: VertexID(u)) {
                let g = groups.group[Int(v)]
                if g >= 0 && g != groups.group[u] { external[Int(groups.group[u])] += 1 }
            }
        }
        return external
    }

    /// The groups a group map draws: those with members, only the `topGroups` largest if set.
    /// - Complexity: O(G log G).
    private func shownGroups(_ members: [Int]) -> [Bool] {
        var shown = members.map { $0 > 0 }
        guard let top = options.topGroups else { return shown }
        let order = members.indices.sorted { members[$0] != members[$1] ? members[$0] > members[$1] : $0 < $1 }
        for g in order.dropFirst(max(0, top)) { shown[g] = false }
        return shown
    }

    /// Flags, parallel to `groups.targets`, on the ties a map draws: between present vertices, and
    /// among the `keep` strongest of one of its ends (both directions flagged): heaviest first,
    /// then to the contact with more ties, then the lower index; every tie when `keep` is nil.
    /// - Complexity: O(E log E) time, O(E) space.
    private func strongestTies(_ groups: CSRGraph, present: [Bool], keep: Int?) -> [Bool] {
        var drawn = [Bool](repeating: false, count: groups.targets.count)
        for u in 0..<groups.vertexCount where present[u] {
            let row = groups.row(VertexID(u)).filter { present[Int(groups.targets[$0])] }
            let weight = { (p: Int) in groups.weights?[p] ?? 1 }
            let degree = { (p: Int) in groups.degree(groups.targets[p]) }
            let strongest = keep.map { k in
                row.sorted {
                    if weight($0) != weight($1) { return weight($0) > weight($1) }
                    if degree($0) != degree($1) { return degree($0) > degree($1) }
                    return groups.targets[$0] < groups.targets[$1]
                }.prefix(max(0, k))
            } ?? row[...]
            for p in strongest {
                drawn[p] = true
                if let back = groups.edgeIndex(groups.targets[p], VertexID(u)) { drawn[back] = true }
            }
        }
        return drawn
    }

    /// The members' groups at `level`, over every member of `graph`.
    private func partition(_ level: BoundaryLevel) throws -> Partition {
        let order = level == .communities ? loaded.labels.labelOrder() : []
        guard let partition = level.partition(community: loaded.community,
                                              attributes: (loaded.attributeNames, loaded.attributeValues),
                                              graph: graph, order: order, seed: options.seed,
                                              communities: options.communities) else {
            throw BoundaryLevelError(level: level, loaded: loaded)
        }
        return partition
    }

    /// Each group's colour group: the `colourBy` group most of its members are in (ties: the lower
    /// index), ranked by the number of groups; without a colour level, the groups themselves
    /// ranked by members.
    private func groupColours(_ groups: Partition, level: BoundaryLevel,
                              present: [Bool]) throws -> (BoundaryLevel?, Partition) {
        let colourLevel: BoundaryLevel?
        switch (options.colourBy, level) {
        case (let chosen?, _): colourLevel = chosen == level ? nil : chosen
        case (nil, .hierarchy(.organisation)): colourLevel = .hierarchy(.region)
        case (nil, .hierarchy(.region)): colourLevel = .hierarchy(.partner)
        default: colourLevel = nil
        }
        guard let colourLevel else {
            let sizes = groups.sizes
            let order = (0..<groups.groupCount).sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
            var rank = [Int32](repeating: 0, count: groups.groupCount)
            for (r, g) in order.enumerated() { rank[g] = Int32(r) }
            return (nil, Partition(groups: rank, names: order.map { groups.names[$0] }))
        }
        let members = try partition(colourLevel)
        var counts: [[Int32: Int]] = Array(repeating: [:], count: groups.groupCount)
        for (g, c) in zip(groups.group, members.group) where g >= 0 && c >= 0 { counts[Int(g)][c, default: 0] += 1 }
        let majority = counts.enumerated().map { g, count -> Int32 in
            guard present[g] else { return Partition.unknown }
            return count.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? Partition.unknown
        }
        return (colourLevel, Partition(groups: majority, names: members.names).canonicalised())
    }

    /// Display names of the groups: node names for hierarchy levels (their ids when unnamed).
    private func groupNames(_ partition: Partition, level: BoundaryLevel) -> [String] {
        guard case .hierarchy = level, let community = loaded.community else { return partition.names }
        return partition.names.map { id in
            community.ids.id(of: id).map { community.names[Int($0)] }.flatMap { $0.isEmpty ? nil : $0 } ?? id
        }
    }

    private func groupClass(_ partition: Partition, _ group: Int32) -> String {
        group < 0 ? "group-unknown" : "g-" + DOTEscaping.classToken(partition.names[Int(group)])
    }

    /// The member's name from the dataset, when it has one.
    private func memberName(_ vertex: Int32) -> String? {
        guard let community = loaded.community else { return nil }
        let name = community.names[Int(community.members[Int(vertex)])]
        return name.isEmpty ? nil : name
    }

    /// The size measure on the shown graph.
    private func sizeValues(_ shown: CSRGraph) -> [Double] {
        switch options.sizeBy {
        case .degree: return Degree().run(shown).degrees.map(Double.init)
        case .strength: return Strength().run(shown).strengths
        case .pagerank: return PageRank(weighted: shown.isWeighted).run(shown).scores
        case .betweenness: return Betweenness(weighted: shown.isWeighted, threads: options.threads).run(shown).scores
        }
    }

    /// Flags on the `k` largest values (ties: the lower index).
    private func topK(_ values: [Double], _ k: Int) -> [Bool] {
        var flags = [Bool](repeating: false, count: values.count)
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        for v in order.prefix(max(0, k)) { flags[v] = true }
        return flags
    }

    /// A measure for a tooltip: integers as integers, otherwise four significant digits.
    private static func figure(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
