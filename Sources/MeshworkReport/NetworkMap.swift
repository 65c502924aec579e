import Foundation
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender

/// The `map` analysis: a loaded graph turned into a ``MapDocument`` for Graphviz, either one node
/// per member or one node per group of a level (organisation, region, partner, attribute value or
/// community). How nodes are sized, coloured and labelled, and what the SVG's ids and classes are:
/// <doc:NetworkMaps>.
///
///     var options = NetworkMap.Options()
///     options.colourBy = .hierarchy(.organisation)
///     let svg = try NetworkMap.document(loaded, options: options).render(as: .svg)
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
        /// its members (``MapBackbone``: most interaction, then most shared contacts); `nil`:
        /// every tie.
        public var tiesPerMember: Int? = 3

        public init() {}
    }

    /// The map of `loaded`.
    /// - Throws: ``MapSizeError`` above `limit`; ``BoundaryLevelError`` when the input lacks a
    ///   level; ``MapOptionError`` for an unknown ego.
    public static func document(_ loaded: LoadedGraph, options: Options) throws -> MapDocument {
        var graph = loaded.graph
        if graph.isDirected { graph = graph.undirectedView() }
        var options = options
        let colouredByCommunity = options.colourBy == .communities || (options.level == .members && options.colourBy == nil)
        if options.communities == nil && (options.level == .groups(.communities) || colouredByCommunity) {
            // Once, for the colours, the legend's community names and the group map.
            options.communities = Leiden(seed: options.seed).run(graph, order: loaded.labels.labelOrder()).partition
        }
        let context = Context(loaded: loaded, graph: graph, options: options)
        switch options.level {
        case .members: return try context.memberMap()
        case .groups(let level): return try context.groupMap(level)
        }
    }
}

extension NetworkMap {
    /// A member map's colours at one level: each member's fill and the legend, the same as
    /// ``document(_:options:)`` draws when `colourBy` is that level. The report uses them to switch
    /// the member map's colouring in the page without drawing it again.
    public struct MemberColouring: Sendable, Equatable {
        public var level: BoundaryLevel
        /// The legend's title: "Community", "Organisation", or an attribute's column name.
        public var title: String
        /// Each member's fill (`#RRGGBB`), in vertex order of the graph.
        public var fills: [String]
        public var legend: [LegendEntry]
    }

    /// The colours of every member of `loaded` at `level` (communities: `options.communities`, or
    /// Leiden with `options.seed`).
    /// - Throws: ``BoundaryLevelError`` when the input lacks the level.
    /// - Complexity: O(V + G log G), plus Leiden when communities are needed and not given.
    public static func memberColouring(_ loaded: LoadedGraph, by level: BoundaryLevel, options: Options) throws -> MemberColouring {
        var graph = loaded.graph
        if graph.isDirected { graph = graph.undirectedView() }
        var options = options
        if options.communities == nil && level == .communities {
            options.communities = Leiden(seed: options.seed).run(graph, order: loaded.labels.labelOrder()).partition
        }
        let context = Context(loaded: loaded, graph: graph, options: options)
        return try context.colouring(level, of: (0..<Int32(graph.vertexCount)).map { $0 }).colouring
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
        let ego = try egoNetwork()
        let keep = ego?.shown
        try MapDocument.checkSize(nodeCount: keep?.count { $0 } ?? graph.vertexCount, limit: options.limit)
        let (shown, original) = keep.map { graph.induced(keeping: $0) }
            ?? (graph, (0..<Int32(graph.vertexCount)).map { $0 })
        let weights = tieWeights()
        let shownWeights = keep.map {
            CSRGraph(isDirected: false, offsets: graph.offsets, targets: graph.targets, weights: weights).induced(keeping: $0).graph.weights
        } ?? weights
        let colourLevel = options.colourBy ?? .communities
        let (colours, names, colouring) = try self.colouring(colourLevel, of: original)
        let values = sizeValues(shown)
        let largest = values.max() ?? 0
        let labelled = topK(values, options.labels ?? 10)
        var map = MapDocument(engine: options.engine ?? .automatic(nodeCount: shown.vertexCount))
        let singleCentre = ego?.centre.count { $0 } == 1
        // The member's organisation by name in its tooltip (the report's click panel), when the
        // colours show another level.
        var organisation: (Partition, [String])?
        if colourLevel != .hierarchy(.organisation), let groups = loaded.community?.partition(.organisation),
           groups.sizes.count(where: { $0 > 0 }) > 1 {
            organisation = (groups, try groupNames(groups, level: .hierarchy(.organisation)))
        }
        for v in 0..<shown.vertexCount {
            let id = loaded.labels[original[v]]
            let name = memberName(original[v]) ?? id
            let group = colours.group[v]
            let centre = ego?.centre[Int(original[v])] ?? false
            var tooltip = name == id ? id : "\(name) (\(id))"
            tooltip += " · \(options.sizeBy.rawValue) \(Self.figure(values[v]))"
            tooltip += " · " + (group < 0 ? "\(Self.singular(colourLevel)) unknown" : names[Int(group)])
            if let (groups, organisationNames) = organisation, groups.group[Int(original[v])] >= 0 {
                tooltip += " · " + organisationNames[Int(groups.group[Int(original[v])])]
            }
            map.nodes.append(MapNode(
                id: id, label: labelled[v] || (centre && singleCentre) ? name : nil, tooltip: tooltip,
                fill: colouring.fills[v],
                size: 0.12 + 0.5 * (largest > 0 ? (values[v] / largest).squareRoot() : 0),
                classes: ["member", groupClass(colours, group)] + (centre ? ["ego"] : []), emphasised: centre))
        }
        let everyone = [Bool](repeating: true, count: shown.vertexCount)
        let backbone = MapBackbone(shown, weights: shownWeights, present: everyone, keep: options.tiesPerMember)
        let heaviest = shownWeights?.max() ?? 1
        for u in 0..<shown.vertexCount {
            for p in shown.row(VertexID(u)) where Int(shown.targets[p]) > u && backbone.drawn[p] {
                let v = Int(shown.targets[p])
                let (gu, gv) = (colours.group[u], colours.group[v])
                let width = shownWeights.map { 0.4 + 2.6 * ($0[p] / heaviest).squareRoot() } ?? 0.6
                map.edges.append(MapEdge(source: loaded.labels[original[u]], target: loaded.labels[original[v]],
                                         width: width, crossesBoundary: gu >= 0 && gv >= 0 && gu != gv))
            }
        }
        map.legendTitle = Self.title(colourLevel)
        map.crossingLabel = "tie across " + Self.plural(colourLevel)
        map.legend = colouring.legend
        map.notes = (ego.map { [$0.note] } ?? []) + [backboneNote(backbone, weighted: shownWeights != nil)]
        var checked = [(colourLevel, colours)]
        if colourLevel != .hierarchy(.organisation), let organisations = loaded.community?.partition(.organisation),
           organisations.sizes.count(where: { $0 > 0 }) > 1 {
            checked.append((.hierarchy(.organisation), Partition(groups: original.map { organisations.group[Int($0)] },
                                                                 names: organisations.names)))
        }
        for (level, groups) in checked {
            let share = DrawnTieShare(shown, drawn: backbone.drawn, present: everyone, groups: groups)
            if let note = shareNote(share, level: level) { map.notes.append(note) }
        }
        return map
    }

    /// The colours of the members `shown` (vertices of the whole graph) at `level`: their groups
    /// ranked over the whole network, not the shown members, so that a colour (and a community's
    /// number) means the same group on every map of a run, ego maps included.
    func colouring(_ level: BoundaryLevel, of shown: [Int32]) throws -> (groups: Partition, names: [String], colouring: NetworkMap.MemberColouring) {
        let full = try partition(level).canonicalised()
        let groups = Partition(groups: shown.map { full.group[Int($0)] }, names: full.names)
        let names = try groupNames(groups, level: level)
        let fills = groups.group.map { $0 < 0 ? Palette.unknown : Palette.colour(ofRank: Int($0)) }
        let legend = Palette.legend(groupNames: names, shown: Set(groups.group.lazy.filter { $0 >= 0 }.map(Int.init)),
                                    hasUnknown: groups.group.contains(Partition.unknown))
        return (groups, names, NetworkMap.MemberColouring(level: level, title: Self.title(level), fills: fills, legend: legend))
    }

    /// The caption line on the drawn ties: the rule, and their count and weight as shares of all.
    private func backboneNote(_ backbone: MapBackbone, weighted: Bool) -> String {
        guard let keep = options.tiesPerMember, backbone.drawnTies < backbone.allTies else {
            return "Every tie is drawn (\(Self.count(backbone.allTies)))."
        }
        let rule = weighted ? "the most interaction; if equal, the most shared contacts" : "the most shared contacts"
        var note = "Ties drawn: each member's \(keep) strongest (\(rule)), \(Self.count(backbone.drawnTies)) of "
            + "\(Self.count(backbone.allTies)) ties (\(Self.percent(Double(backbone.drawnTies) / Double(backbone.allTies))))"
        if weighted && backbone.allWeight > 0 {
            note += ", \(Self.percent(backbone.drawnWeight / backbone.allWeight)) of the interaction"
        }
        return note + "."
    }

    /// The caption line comparing the drawn ties with all ties at `level`, or `nil` when no tie
    /// has two known ends. It warns when the drawing contradicts the full network.
    private func shareNote(_ share: DrawnTieShare, level: BoundaryLevel) -> String? {
        guard let drawn = share.drawnShare, let all = share.allShare else { return nil }
        let place: String
        switch level {
        case .hierarchy(let level): place = "inside one \(level.rawValue)"
        case .communities: place = "inside one community"
        case .attribute(let name): place = "between members of the same \(name)"
        }
        let figures = "\(Self.percent(drawn)) of the drawn ties, \(Self.percent(all)) of all ties"
        if share.contradictsNetwork {
            return "Caution: the drawing understates the ties \(place): \(figures)."
        }
        return "Ties \(place): \(figures)."
    }

    /// The weights that rank and size member ties, parallel to `graph.targets`: a dataset's
    /// summed interaction weights (whether or not it was loaded with `--weighted`), otherwise the
    /// graph's own weights (none for a directed graph's undirected view), or `nil`.
    /// - Complexity: O(V + k) for a dataset of k interactions.
    private func tieWeights() -> [Double]? {
        if let community = loaded.community {
            let counts = community.memberNetwork(weighted: true, threads: max(1, options.threads)).graph
            if counts.offsets == graph.offsets && counts.targets == graph.targets { return counts.weights }
        }
        return graph.weights
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
        let groupNames = try groupNames(groups, level: level)
        let (colourLevel, colours) = try groupColours(groups, level: level, present: present)
        // In rank order, as the fills: without a colour level, the groups ranked by members.
        let colourNames = try self.groupNames(colours, level: colourLevel ?? level)
        let largest = Double(quotient.members.max() ?? 0)
        let labelled = topK(quotient.members.map(Double.init), options.labels ?? 40)
        var map = MapDocument(engine: options.engine ?? .automatic(nodeCount: present.count { $0 }))
        for g in 0..<groups.groupCount where present[g] {
            let colour = colours.group[g]
            var tooltip = groupNames[g] == groups.names[g] ? groups.names[g] : "\(groupNames[g]) (\(groups.names[g]))"
            tooltip += " · \(quotient.members[g]) members · \(quotient.internalTies[g]) ties within"
            tooltip += " · \(external[g]) ties to other \(Self.plural(level))"
            if let colourLevel { tooltip += " · " + (colour < 0 ? "\(Self.singular(colourLevel)) unknown" : colourNames[Int(colour)]) }
            map.nodes.append(MapNode(
                id: groups.names[g], label: labelled[g] ? groupNames[g] : nil, tooltip: tooltip,
                fill: colour < 0 ? Palette.unknown : Palette.colour(ofRank: Int(colour)),
                size: 0.25 + 1.25 * (Double(quotient.members[g]) / largest).squareRoot(),
                classes: ["group", groupClass(colours, colour)]))
        }
        let busiest = quotient.graph.weights?.max() ?? 1
        let drawnTies = MapBackbone(quotient.graph, present: present, keep: options.tiesPerGroup).drawn
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
        map.legendTitle = Self.title(colourLevel ?? level)
        if let colourLevel { map.crossingLabel = "tie across " + Self.plural(colourLevel) }
        map.legend = Palette.legend(groupNames: colourNames,
                                    hasUnknown: (0..<groups.groupCount).contains { present[$0] && colours.group[$0] < 0 })
        if populated == 1 {
            map.notes.append("All \(Self.count(sizes.reduce(0, +))) members with a known \(Self.singular(level)) are in one: \(groupNames[sizes.firstIndex { $0 > 0 }!]).")
        } else {
            var note = drawn < populated ? "The \(drawn) largest of \(populated) \(Self.plural(level))" : "All \(populated) \(Self.plural(level))"
            let allTies = quotient.graph.edgeCount, drawnTies = drawnTies.count { $0 } / 2
            if drawnTies < allTies, let keep = options.tiesPerGroup {
                note += "; each with its \(keep) heaviest ties to the others: \(Self.count(drawnTies)) of \(Self.count(allTies)) pairs drawn."
            } else {
                note += "; every pair with a tie is drawn."
            }
            map.notes.append(note)
        }
        return map
    }

    /// An ego map's members: the centre (the member `ego`, or the members of the organisation,
    /// region or partner `ego`) and everyone within `radius` hops of it, and a caption line.
    struct EgoNetwork {
        var shown: [Bool]
        var centre: [Bool]
        var note: String
    }

    /// The ego network of `options.ego`, or `nil` for everyone.
    /// - Throws: ``MapOptionError`` when no member or group has that id.
    /// - Complexity: O(V + E) breadth-first search from every centre member at once.
    private func egoNetwork() throws -> EgoNetwork? {
        guard let ego = options.ego else { return nil }
        var depth = [Int32](repeating: -1, count: graph.vertexCount)
        var queue: [Int32] = []
        let who: String
        if let start = loaded.labels.id(of: ego) {
            queue = [start]
            let name = memberName(start) ?? ego
            who = name == ego ? ego : "\(name) (\(ego))"
        } else if let community = loaded.community, let node = community.ids.id(of: ego),
                  let level = HierarchyLevel.allCases.first(where: { $0.kind == community.kinds[Int(node)] }) {
            let groups = community.partition(level)
            let g = Int32(groups.names.firstIndex(of: ego)!)
            queue = (0..<graph.vertexCount).filter { groups.group[$0] == g }.map(Int32.init)
            let name = community.names[Int(node)].isEmpty ? ego : community.names[Int(node)]
            who = "the \(Self.count(queue.count)) members of \(name)"
        } else {
            throw MapOptionError(loaded.community == nil ? "no member \(ego) in the graph"
                                                         : "no member, organisation, region or partner \(ego) in the dataset")
        }
        for v in queue { depth[Int(v)] = 0 }
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
        let shown = depth.map { $0 >= 0 }
        let hops = options.radius == 1 ? "1 tie" : "\(options.radius) ties"
        return EgoNetwork(shown: shown, centre: depth.map { $0 == 0 },
                          note: "Thick black outline: \(who); with everyone within \(hops) of them, "
                              + "\(Self.count(shown.count { $0 })) members in all.")
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
        case (nil, .hierarchy(.organisation)): colourLevel = try levelAbove(.region)
        case (nil, .hierarchy(.region)): colourLevel = try levelAbove(.partner)
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

    /// The level above a group map's, to colour it by, or `nil` when it has fewer than two
    /// groups (one colour would tell nothing: the groups are then coloured by themselves).
    private func levelAbove(_ level: HierarchyLevel) throws -> BoundaryLevel? {
        try partition(.hierarchy(level)).sizes.count(where: { $0 > 0 }) > 1 ? .hierarchy(level) : nil
    }

    /// Display names of the groups: node names for hierarchy levels (their ids when unnamed);
    /// for communities, ``communityNames()``.
    private func groupNames(_ partition: Partition, level: BoundaryLevel) throws -> [String] {
        if level == .communities {
            let named = try communityNames()
            return partition.names.map { named[$0] ?? $0 }
        }
        guard case .hierarchy = level, let community = loaded.community else { return partition.names }
        return partition.names.map { id in
            community.ids.id(of: id).map { community.names[Int($0)] }.flatMap { $0.isEmpty ? nil : $0 } ?? id
        }
    }

    /// Each community (by its level name, `c0`, ...) named for a reader: "Community 1" for the
    /// largest over the whole network, and so on, and with a dataset of several organisations,
    /// what it holds: "mostly 3B" when one organisation has at least half of its members, else
    /// its two largest organisations ("1A and 1B").
    /// - Complexity: O(V + G log G).
    private func communityNames() throws -> [String: String] {
        let communities = try partition(.communities).canonicalised()
        var organisations: Partition?
        if let hierarchy = loaded.community?.partition(.organisation), hierarchy.sizes.count(where: { $0 > 0 }) > 1 {
            organisations = hierarchy
        }
        let organisationNames = try organisations.map { try groupNames($0, level: .hierarchy(.organisation)) } ?? []
        var counts: [[Int32: Int]] = Array(repeating: [:], count: communities.groupCount)
        if let organisations {
            for (c, o) in zip(communities.group, organisations.group) where c >= 0 && o >= 0 { counts[Int(c)][o, default: 0] += 1 }
        }
        let sizes = communities.sizes
        var names: [String: String] = [:]
        for c in 0..<communities.groupCount {
            var name = "Community \(c + 1)"
            let ranked = counts[c].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            if let first = ranked.first {
                if 2 * first.value >= sizes[c] || ranked.count == 1 {
                    name += ": mostly " + organisationNames[Int(first.key)]
                } else {
                    name += ": " + organisationNames[Int(first.key)] + " and " + organisationNames[Int(ranked[1].key)]
                }
            }
            names[communities.names[c]] = name
        }
        return names
    }

    /// A level's name in a legend: "Community", "Organisation", or an attribute's column name.
    static func title(_ level: BoundaryLevel) -> String {
        let word = singular(level)
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// "community", "organisation", "region", "partner", or the attribute's column name.
    static func singular(_ level: BoundaryLevel) -> String {
        switch level {
        case .hierarchy(let level): return level.rawValue
        case .communities: return "community"
        case .attribute(let name): return name
        }
    }

    /// "communities", "organisations", ..., "gender groups".
    static func plural(_ level: BoundaryLevel) -> String {
        switch level {
        case .hierarchy(let level): return level.rawValue + "s"
        case .communities: return "communities"
        case .attribute(let name): return name + " groups"
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

    /// A count with thousands separators: 8,317.
    static func count(_ value: Int) -> String { _thousands(value) }

    /// A share as a percentage: whole percent, one decimal below 10%.
    static func percent(_ share: Double) -> String {
        String(format: share < 0.1 ? "%.1f%%" : "%.0f%%", 100 * share)
    }

    /// A measure for a tooltip: integers as integers, otherwise three significant digits.
    private static func figure(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : _significant(value)
    }
}
