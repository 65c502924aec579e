import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkRender

/// The report leaders and evaluators open: one self-contained `index.html` (no network access)
/// that opens with plain sentences written from its figures (``ReportNarrative``), then the
/// community's summary, maps per level and of the members coloured by community, growth charts,
/// the top boundary spanners, the boundary tables, the communities, and the definitions of every
/// measure. A small inline script (``ReportScript``) adds pan and zoom on the maps, a search box,
/// a details panel on click and CSV downloads of the tables; without it the page shows the same.
///
///     let html = try HTMLReport(loaded, options: .init()).html
///
/// Maps are inline SVG rendered by Graphviz (hover a node for its name and figures); charts are
/// inline SVG (``LineChart``). With a pseudonymised input every member appears by pseudonym, and
/// groups with fewer than `minimumCell` members are suppressed in the tables.
///
/// - Complexity: the sum of its analyses: Leiden, brokerage (O(Σ deg²)), one growth series, and
///   Graphviz layouts (sfdp is about 1.4 s for 5,000 members here).
public struct HTMLReport: Sendable {
    public struct Options: Sendable {
        public var title: String
        public var seed: UInt64
        /// The growth charts' period; `nil` chooses it from the data's span (``GrowthSeries/automaticPeriod(_:)``).
        public var period: PeriodLength?
        /// Member maps are drawn up to this many members; larger communities get group maps only.
        public var memberMapLimit: Int
        /// Introductions and who holds the network together are computed up to this many members
        /// (their costs grow faster than the ties); larger communities get a pointer to the commands.
        public var cultivationLimit: Int
        /// Rows of the broker and group tables.
        public var top: Int
        public var minimumCell: Int
        public var threads: Int
        /// Two spans to compare side by side in a section of their own (``PeriodComparison``).
        public var comparison: (before: DateSpan, after: DateSpan)?
        /// Told when each long step starts (`seconds` nil) and when it ends (its wall-clock
        /// seconds): "communities (Leiden)", "maps", "member map", "growth", ... Nothing it is told
        /// goes into the page.
        public var progress: StepProgress?

        public init(title: String = "Network report", seed: UInt64 = 42, period: PeriodLength? = nil,
                    memberMapLimit: Int = 5_000, cultivationLimit: Int = 20_000, top: Int = 15, minimumCell: Int = 0, threads: Int = Parallelism.defaultThreads,
                    comparison: (before: DateSpan, after: DateSpan)? = nil,
                    progress: StepProgress? = nil) {
            self.comparison = comparison
            self.progress = progress
            self.title = title
            self.seed = seed
            self.period = period
            self.memberMapLimit = memberMapLimit
            self.cultivationLimit = cultivationLimit
            self.top = top
            self.minimumCell = minimumCell
            self.threads = threads
        }
    }

    /// The whole page.
    public let html: String

    /// - Throws: ``MapOptionError`` when spans are to be compared on an input without dates.
    public init(_ loaded: LoadedGraph, options: Options) throws {
        guard let community = loaded.community else {
            guard options.comparison == nil else {
                throw MapOptionError("--before and --after compare dated spans: they need a dataset directory")
            }
            html = try Self.plainGraphPage(loaded, options: options)
            return
        }
        var page = _Page(title: options.title)
        let summary = SummaryReport(loaded, top: options.top)
        let levels = HierarchyLevel.allCases
        let order = loaded.labels.labelOrder()

        // Summary.
        page.section("Summary", id: "summary")
        page.narrativePlaceholder()
        let n = summary.network
        var facts: [(String, String)] = [
            ("Members", _thousands(n.nodes)), ("Ties", _thousands(n.edges)),
            ("Mean ties per member", _significant(n.meanDegree)),
            ("Largest connected group", "\(_thousands(n.largestComponentSize)) members (\(_format(100 * n.largestComponentShare, 1))%)"),
            ("Members without ties", _thousands(n.isolatedNodes)),
        ]
        if let hierarchy = summary.hierarchy {
            if let first = hierarchy.firstDay, let last = hierarchy.lastDay {
                facts.append(("Interactions", "\(_thousands(hierarchy.interactions)), \(CivilDate(daysSinceEpoch: first)) to \(CivilDate(daysSinceEpoch: last))"))
            }
            for level in hierarchy.levels { facts.append(("\(level.level.rawValue.capitalized)s", _thousands(level.groupsWithMembers))) }
        }
        page.facts(facts)

        // Leiden once: the member map's colours, the `communities` boundary level and the
        // Communities section all use it.
        let communities = options.step("communities (Leiden)") {
            Leiden(seed: options.seed).run(loaded.graph.undirectedView(), order: order)
        }

        // Maps.
        page.section("Maps", id: "maps")
        page.paragraph("Circles are groups (sized by members) or members (sized by ties); lines are ties, thicker "
            + "for more ties. Hover over a circle for its name and figures.")
        try options.step("maps") { try Self.groupMaps(loaded, community, communities: communities.partition, options: options, into: &page) }
        try options.step("member map") {
            try Self.memberMap(loaded, communities: communities.partition, options: options, into: &page,
                               leftOut: "; the group maps above show the whole community")
        }

        // Growth.
        page.section("Growth", id: "growth")
        let growth = try options.step("growth") {
            try GrowthReport(loaded, period: options.period, window: nil, levels: levels.map { .hierarchy($0) },
                             options: .init(basic: true, seed: options.seed, threads: options.threads))
        }
        let labels = growth.rows.map { $0.periodStart.description }
        func chart(_ title: String, percent: Bool = false, _ series: [(String, [Double])]) -> String {
            var chart = LineChart(title: title, xLabels: labels)
            chart.percent = percent
            chart.xTitle = "Start of each \(growth.period.rawValue)"
            for (name, values) in series { chart.add(LineChart.Series(name: name, values: values)) }
            return chart.svg
        }
        // A level whose members are all in one group has no boundary to cross: no line.
        let bounded = levels.indices.filter { community.partition(levels[$0]).sizes.count(where: { $0 > 0 }) > 1 }
        if growth.rows.count < 2 {
            // One period: a chart would be a dot.
            page.paragraph(growth.rows.first.map {
                "All dated records fall in one \(growth.period.rawValue), from \($0.periodStart): growth over time needs records in at least two."
            } ?? "No dated record: no growth over time.")
        } else {
            page.charts([
                chart("Members and ties", [("members", growth.rows.map { Double($0.members) }), ("ties", growth.rows.map { Double($0.ties) })]),
                chart("Mean ties per member", [("mean degree", growth.rows.map(\.meanDegree))]),
            ] + (bounded.isEmpty ? [] : [
                chart(bounded.count == 1 ? "Share of ties across \(levels[bounded[0]].rawValue)s" : "Share of ties crossing a boundary", percent: true,
                      bounded.map { l in ("across \(levels[l].rawValue)s", growth.rows.map { $0.crossShare(l) }) }),
            ]) + [
                chart("Share of members in the largest connected group", percent: true,
                      [("largest component", growth.rows.map(\.largestComponentShare))]),
                chart("Newcomers and active members", [("newcomers", growth.rows.map { Double($0.newcomers) }),
                                                       ("active", growth.rows.map { Double($0.activeMembers) })]),
            ])
        }

        if let spans = options.comparison {
            options.step("comparison of two spans") {
                page.comparison(community, before: spans.before, after: spans.after, seed: options.seed, threads: options.threads)
            }
        }

        // Boundary spanners.
        page.section("Who connects across boundaries", id: "brokers")
        let brokers = try options.step("boundary spanners (brokerage)") {
            try BrokerReport.Spanners(loaded, level: .hierarchy(.organisation), weighted: false, seed: options.seed,
                                      top: options.top, threads: options.threads)
        }
        let across = brokers.crossBrokerage
        let spanners = brokers.members
        if spanners.isEmpty {
            page.paragraph("Nobody spans an organisation boundary: no tie joins members of two organisations.")
        } else {
            if spanners.count < options.top {
                page.paragraph("Only \(spanners.count) members have a tie across an organisation boundary.")
            }
            // Members and organisations by name (their ids when unnamed); the ids in a last
            // column when some member has a name.
            let named = spanners.contains { !community.names[Int(community.members[Int($0)])].isEmpty }
            page.table(["Member", "Organisation", "Brokerage across organisations", "Participation", "Effective size", "Role"]
                       + (named ? ["Id"] : []),
                       zip(spanners, brokers.effectiveSize).map { v, effectiveSize in
                let i = Int(v)
                let group = brokers.partition.group[i]
                return [_Cell(Self.memberName(loaded, community, v)),
                        _Cell(group >= 0 ? Self.groupName(community, brokers.partition.names[Int(group)]) : ""),
                        .count(across[i]), .measure(brokers.moduleRoles.participation[i]), .measure(effectiveSize),
                        _Cell(brokers.moduleRoles.role[i].map(Self.words) ?? "")] + (named ? [_Cell(loaded.labels[v])] : [])
            })
        }

        // Introductions and resilience: all-pairs work, left to the commands on a large community.
        if loaded.graph.vertexCount <= options.cultivationLimit {
            try options.step("introductions") { try page.introductions(loaded, community, options: options) }
            try options.step("who holds the network together") { try page.resilience(loaded, community, brokerage: loaded.graph.isDirected ? nil : brokers.roles, options: options) }
        } else {
            page.section("Introductions worth making", id: "introductions")
            page.paragraph("With more than \(_thousands(options.cultivationLimit)) members this section is left out of the report: "
                + "run meshwork suggest for the introductions worth making and meshwork resilience --cut-offs FILE for who "
                + "holds the network together.")
        }

        // Boundaries.
        page.section("Ties within and across groups", id: "boundaries")
        let boundaries = try options.step("boundaries") {
            try BoundaryReport(loaded, levels: levels.map { .hierarchy($0) } + [.communities],
                               options: .init(minimumCell: options.minimumCell, seed: options.seed, communities: communities.partition))
        }
        page.table(["Level", "Groups", "Ties inside", "Ties across", "E-I index", "Expected E-I", "Assortativity"],
                   boundaries.levels.map { level in
            let m = level.mixing
            let word = level.level.description
            // A level with one group has no boundary: its E-I index (-1) would read as a finding.
            let mixing: [_Cell] = m.members.count(where: { $0 > 0 }) < 2 ? ["", "", ""]
                : [.measure(m.networkEI), .measure(m.expectedNetworkEI), .measure(m.assortativity)]
            return [_Cell(word.prefix(1).uppercased() + word.dropFirst()), .count(m.groupCount), .count(m.totalInternal),
                    .count(m.totalExternal)] + mixing
        })
        for level in boundaries.levels.prefix(levels.count) {
            let m = level.mixing
            let ei = m.eiIndex
            let word = level.level.description
            let populated = (0..<m.groupCount).filter { m.members[$0] > 0 }
            if populated.count == 1 {
                // A suppressed group's size stays out of the page, as in its table.
                let members = level.suppressed[populated[0]] ? "" : "\(_thousands(m.members[populated[0]])) "
                page.paragraph("All \(members)members with a known \(word) are in one, "
                    + "\(Self.shownName(level, populated[0])): every tie stays inside it.")
                continue
            }
            let biggest = (0..<m.groupCount).sorted { m.members[$0] != m.members[$1] ? m.members[$0] > m.members[$1] : $0 < $1 }
            let shown = Array(biggest.prefix(options.top))
            // Groups by name (their ids when unnamed); the ids in a last column when they differ.
            let named = shown.contains { Self.shownName(level, $0) != level.partition.names[$0] }
            page.subsection("Largest \(word)s")
            page.table([word.prefix(1).uppercased() + word.dropFirst(), "Members", "Ties inside", "Ties across", "E-I index"]
                       + (named ? ["Id"] : []),
                       shown.map { g in
                let id: [_Cell] = named ? [_Cell(level.partition.names[g])] : []
                if level.suppressed[g] { return [_Cell(Self.shownName(level, g)), _Cell("fewer than \(options.minimumCell)"), "", "", ""] + id }
                return [_Cell(Self.shownName(level, g)), .count(m.members[g]), .count(m.internalTies[g]),
                        .count(m.externalTies[g]), .measure(ei[g])] + id
            })
        }

        // Communities.
        page.section("Communities", id: "communities")
        var rows: [[_Cell]] = []
        // Levels with one group are left out: every grouping "agrees" with them no more than chance.
        for level in levels where community.partition(level).sizes.count(where: { $0 > 0 }) > 1 {
            let comparison = PartitionComparison().run(communities.partition, community.partition(level))
            rows.append([_Cell(level.rawValue.prefix(1).uppercased() + level.rawValue.dropFirst()),
                         .measure(comparison.normalizedMutualInformation), .measure(comparison.adjustedRandIndex)])
        }
        let found = "Leiden found \(communities.count) communities (modularity \(_significant(communities.quality)))."
        if rows.isEmpty {
            page.paragraph(found)
        } else {
            page.paragraph(found + " How closely they follow each level (1: exactly, 0: not at all):")
            page.table(["Level", "Normalised mutual information", "Adjusted Rand index"], rows)
        }

        // The opening sentences, from the figures above.
        let agreement = PartitionComparison().run(communities.partition, community.partition(.organisation)).normalizedMutualInformation
        page.narrative(ReportNarrative(
            network: summary.network, growth: (growth.rows, growth.period.rawValue), lastRecord: summary.hierarchy?.lastDay, levelNames: levels.map(\.rawValue),
            crossing: boundaries.levels.prefix(levels.count).map {
                ($0.mixing.totalExternal, $0.mixing.totalInternal, $0.mixing.expectedNetworkEI, $0.mixing.members.filter { $0 > 0 }.count)
            },
            spanners: spanners.map { Self.memberName(loaded, community, $0, unnamed: "member ") },
            communities: communities.count > 1 ? (communities.count, agreement, "organisation") : nil))

        page.definitions()
        html = page.finish()
    }

    /// The name of the node `id` of `community` (an organisation, region or partner), or `id`
    /// when it has none.
    static func groupName(_ community: Community, _ id: String) -> String {
        community.ids.id(of: id).map { community.names[Int($0)] }.flatMap { $0.isEmpty ? nil : $0 } ?? id
    }

    /// Member `v`'s name from nodes.csv, or `unnamed` followed by its id when it has none.
    static func memberName(_ loaded: LoadedGraph, _ community: Community, _ v: VertexID, unnamed: String = "") -> String {
        let name = community.names[Int(community.members[Int(v)])]
        return name.isEmpty ? unnamed + loaded.labels[v] : name
    }

    /// Group `g` of a boundary level as a table shows it: its name, or its id when unnamed.
    static func shownName(_ level: BoundaryReport.Level, _ g: Int) -> String {
        level.displayNames[g].isEmpty ? level.partition.names[g] : level.displayNames[g]
    }

    /// A module role in words, with its code from Guimerà & Amaral (2005) for readers of the paper.
    static func words(_ role: ModuleRole) -> String {
        switch role {
        case .ultraPeripheral: return "Keeps to own group (R1)"
        case .peripheral: return "Mostly within own group (R2)"
        case .nonHubConnector: return "Connects a few groups (R3)"
        case .nonHubKinless: return "Spread over many groups (R4)"
        case .provincialHub: return "Hub of own group (R5)"
        case .connectorHub: return "Hub linking groups (R6)"
        case .kinlessHub: return "Hub spread over many groups (R7)"
        }
    }

    /// A map per hierarchy level with two groups or more (partners, regions, organisations), or
    /// the sentence that says why a level has none.
    static func groupMaps(_ loaded: LoadedGraph, _ community: Community, communities: Partition, options: Options,
                          into page: inout _Page) throws {
        for level in HierarchyLevel.allCases.reversed() {
            let groups = community.partition(level)
            let sizes = groups.sizes  // O(members): once, not once per group
            let populated = sizes.indices.filter { sizes[$0] > 0 }
            if populated.count < 2 {
                let name = populated.first.map { Self.groupName(community, groups.names[$0]) }
                page.paragraph(name.map { "All members with a known \(level.rawValue) are in one, \($0): no map of \(level.rawValue)s." }
                               ?? "No member has a known \(level.rawValue): no map of \(level.rawValue)s.")
                continue
            }
            var map = NetworkMap.Options()
            map.level = .groups(.hierarchy(level))
            map.seed = options.seed
            map.communities = communities
            map.topGroups = 60
            let drawn = try Self.map(loaded, map)
            page.figure((["\(level.rawValue.capitalized)s and the ties between them: circles sized by members, lines by ties."]
                         + drawn.notes).joined(separator: " "), map: drawn)
        }
    }

    /// The box a map is shown in, CSS pixels: the width of a section's content at the page's
    /// widest (1,100 px main, less paddings and borders: 986 px), and the maps' highest.
    static let mapBox = (width: 980.0, height: 720.0)

    /// The member map coloured by `communities`, or a sentence (ending with `leftOut`) when the
    /// network has more members than ``Options/memberMapLimit``.
    static func memberMap(_ loaded: LoadedGraph, communities: Partition, options: Options, into page: inout _Page,
                          leftOut: String) throws {
        guard loaded.graph.vertexCount <= options.memberMapLimit else {
            page.paragraph("The member map is left out above \(options.memberMapLimit) members\(leftOut).")
            return
        }
        var map = NetworkMap.Options()
        map.colourBy = .communities
        map.seed = options.seed
        map.communities = communities
        map.threads = options.threads
        var drawn = try Self.map(loaded, map)
        // The other colourings the page can switch to: each hierarchy level with two groups or more.
        var levels: [BoundaryLevel] = []
        if let community = loaded.community {
            levels = HierarchyLevel.allCases.filter { community.partition($0).sizes.count(where: { $0 > 0 }) > 1 }.map { .hierarchy($0) }
        }
        if !levels.isEmpty {
            drawn.colourings = try ([.communities] + levels).map { try NetworkMap.memberColouring(loaded, by: $0, options: map) }
            drawn.elementIDs = (0..<loaded.graph.vertexCount).map { DOTEscaping.elementID(loaded.labels[Int32($0)]) }
        }
        page.figure((["Members, coloured by community."] + drawn.notes).joined(separator: " "), map: drawn)
    }

    /// The report of an edge list or a GraphML file: what needs no hierarchy and no dates (the
    /// figures, the member map coloured by community, the communities), and a sentence where each
    /// of the other sections would be, saying what it needs.
    static func plainGraphPage(_ loaded: LoadedGraph, options: Options) throws -> String {
        var page = _Page(title: options.title)
        let summary = SummaryReport(loaded, top: options.top)
        let n = summary.network
        page.section("Summary", id: "summary")
        page.narrativePlaceholder()
        page.facts([
            ("Members", _thousands(n.nodes)), ("Ties", _thousands(n.edges)),
            ("Mean ties per member", _significant(n.meanDegree)),
            ("Largest connected group", "\(_thousands(n.largestComponentSize)) members (\(_format(100 * n.largestComponentShare, 1))%)"),
            ("Members without ties", _thousands(n.isolatedNodes)),
        ])
        let communities = options.step("communities (Leiden)") {
            Leiden(seed: options.seed).run(loaded.graph.undirectedView(), order: loaded.labels.labelOrder())
        }
        page.section("Maps", id: "maps")
        try options.step("member map") {
            try Self.memberMap(loaded, communities: communities.partition, options: options, into: &page, leftOut: "")
        }
        page.paragraph("Maps of organisations, regions and partners need a dataset directory: this input has no hierarchy.")
        page.section("Growth", id: "growth")
        page.paragraph("Growth over time needs dated interactions, which only a dataset directory has.")
        page.section("Who connects across boundaries", id: "brokers")
        page.paragraph("Boundary spanners need groups (organisations), which only a dataset directory has.")
        page.section("Ties within and across groups", id: "boundaries")
        page.paragraph("Ties within and across groups need groups (organisations, regions, partners), which only a dataset directory has.")
        page.section("Communities", id: "communities")
        page.paragraph("Leiden found \(communities.count) communities (modularity \(_significant(communities.quality))).")
        page.narrative(ReportNarrative(network: n, communities: communities.count))
        page.definitions()
        return page.finish()
    }

    /// A map as inline SVG (Graphviz's document without its XML prolog), with labels legible in
    /// ``mapBox``; its legend and notes come out of the drawing, to be written as page text.
    static func map(_ loaded: LoadedGraph, _ options: NetworkMap.Options) throws -> _Map {
        var document = try NetworkMap.document(loaded, options: options)
        let map = _Map(svg: "", legendTitle: document.legendTitle, legend: document.legend,
                       crossing: document.dashesCrossingTies ? document.crossingLabel : nil, notes: document.notes)
        document.legend = []
        document.legendTitle = nil
        document.notes = []
        document.display = MapDisplay(width: mapBox.width, height: mapBox.height)
        let text = String(decoding: try document.render(as: .svg), as: UTF8.self)
        var rendered = map
        rendered.svg = text.range(of: "<svg").map { String(text[$0.lowerBound...]) } ?? text
        return rendered
    }
}

/// A map drawn for the page: the SVG, and the legend and notes the page writes as text.
struct _Map {
    var svg: String
    var legendTitle: String?
    var legend: [LegendEntry]
    /// The words for dashed ties, when the map dashes some.
    var crossing: String?
    var notes: [String]
    /// A member map's colourings the page can switch between, the drawn one first (empty: the
    /// map has one colouring).
    var colourings: [NetworkMap.MemberColouring] = []
    /// The SVG element ids of the members, in the colourings' (vertex) order.
    var elementIDs: [String] = []
}

/// The HTML page being written: escaped text, tables, figures, one stylesheet.
struct _Page {
    private var body = ""
    private var contents: [(id: String, title: String)] = []
    let title: String

    init(title: String) { self.title = title }

    mutating func section(_ heading: String, id: String) {
        contents.append((id, heading))
        body += "<section id=\"\(id)\"><h2>\(_Page.escape(heading))</h2>\n"
    }

    /// Marks where ``narrative(_:)`` goes: the summary's opening sentences are written last, from
    /// the figures of every section.
    mutating func narrativePlaceholder() { body += Self.narrativeMark }

    mutating func narrative(_ narrative: ReportNarrative) {
        body = body.replacingFirst(Self.narrativeMark, with: narrative.html)
    }

    private static let narrativeMark = "<!--meshwork:narrative-->\n"

    mutating func subsection(_ heading: String) { body += "<h3>\(_Page.escape(heading))</h3>\n" }

    mutating func paragraph(_ text: String) { body += "<p>\(_Page.escape(text))</p>\n" }

    mutating func facts(_ facts: [(String, String)]) {
        body += "<dl class=\"facts\">\n"
        for (name, value) in facts { body += "<div><dt>\(_Page.escape(name))</dt><dd>\(_Page.escape(value))</dd></div>\n" }
        body += "</dl>\n"
    }

    /// A map, its legend and its caption. A map with several colourings gets one legend per
    /// colouring (all but the first `hidden`), their fills as JSON for ``ReportScript``'s switch,
    /// and the caption's "coloured by community" marked for it to change; without the script, the
    /// page shows the first colouring.
    mutating func figure(_ caption: String, map: _Map) {
        func legend(_ title: String?, _ entries: [LegendEntry]) -> String {
            var legend = ""
            if let title { legend += "<li class=\"title\">\(_Page.escape(title))</li>" }
            for entry in entries {
                legend += "<li><span class=\"swatch\" style=\"background:\(_Page.escape(entry.colour))\"></span>\(_Page.escape(entry.label))</li>"
            }
            if let crossing = map.crossing { legend += "<li><span class=\"dash\"></span>\(_Page.escape(crossing))</li>" }
            return legend
        }
        var legends: String
        var caption = _Page.escape(caption)
        if map.colourings.count > 1 {
            legends = map.colourings.enumerated().map { k, colouring in
                "<ul class=\"legend\" data-colouring=\"\(k)\"\(k == 0 ? "" : " hidden")>\(legend(colouring.title, colouring.legend))</ul>"
            }.joined()
            legends += "<script type=\"application/json\" class=\"colourings\">\(Self.colouringsJSON(map))</script>"
            caption = caption.replacingFirst("coloured by community", with: "coloured by <span class=\"coloured-by\">community</span>")
        } else {
            let text = legend(map.legendTitle, map.legend)
            legends = text.isEmpty ? "" : "<ul class=\"legend\">\(text)</ul>"
        }
        body += "<figure class=\"map\"><div class=\"svg\">\(map.svg)</div>" + legends + "<figcaption>\(caption)</figcaption></figure>\n"
    }

    /// `{"ids": [element ids], "levels": [{"title", "word", "colours": [distinct fills], "fills": [index per member]}]}`,
    /// safe inside a `<script>` element (no `<`).
    static func colouringsJSON(_ map: _Map) -> String {
        func string(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "<", ">", "&", "\u{00}" ... "\u{1F}":
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let levels = map.colourings.map { colouring in
            var colours: [String] = [], index: [String: Int] = [:]
            let fills = colouring.fills.map { fill in
                if let k = index[fill] { return k }
                index[fill] = colours.count
                colours.append(fill)
                return colours.count - 1
            }
            return "{\"title\":\(string(colouring.title)),\"word\":\(string(colouring.title.lowercased())),"
                + "\"colours\":[\(colours.map(string).joined(separator: ","))],"
                + "\"fills\":[\(fills.map(String.init).joined(separator: ","))]}"
        }
        return "{\"ids\":[\(map.elementIDs.map(string).joined(separator: ","))],\"levels\":[\(levels.joined(separator: ","))]}"
    }

    mutating func charts(_ svgs: [String]) {
        body += "<div class=\"charts\">\n" + svgs.map { "<div class=\"chart\">\($0)</div>\n" }.joined() + "</div>\n"
    }

    /// A table; a cell with a full-precision value (``_Cell/value``) carries it as `data-value`,
    /// which the table's CSV download keeps instead of the rounded text.
    mutating func table(_ headers: [String], _ rows: [[_Cell]]) {
        body += "<table><thead><tr>" + headers.map { "<th>\(_Page.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in rows {
            body += "<tr>" + row.map { cell in
                let value = cell.value.map { " data-value=\"\(_Page.escape($0))\"" } ?? ""
                return "<td\(value)>\(_Page.escape(cell.text))</td>"
            }.joined() + "</tr>\n"
        }
        body += "</tbody></table>\n"
    }

    mutating func definitions() {
        section("What the measures mean", id: "definitions")
        let terms: [(String, String)] = [
            ("Tie", "Two members with at least one recorded interaction or shared event."),
            ("Mean ties per member (mean degree)", "2 × ties ÷ members."),
            ("Density", "Ties as a share of all possible pairs of members: 2 × ties ÷ (members × (members − 1))."),
            ("Largest connected group (largest component)", "The most members who can all reach one another through ties."),
            ("E-I index", "(ties across − ties inside) ÷ all ties of the group (Krackhardt & Stern 1988): −1 when every tie stays inside, +1 when every tie crosses. The expected value is what random mixing would give for groups of these sizes."),
            ("Assortativity", "Newman's (2003) attribute assortativity: 1 when ties only join members of the same group, 0 as for random mixing, negative when ties prefer other groups."),
            ("Brokerage across organisations", "Gould & Fernandez (1989): the pairs (each pair once) of otherwise unconnected contacts a member links, counting only those where the contacts or the member sit in different organisations (itinerant, representative, gatekeeper and liaison roles)."),
            ("Participation", "Guimera & Amaral (2005): 1 − Σ (share of the member's ties into each group)². 0 when all its ties stay in one group; near 1 when they spread evenly over many."),
            ("Effective size", "Burt (1992): the number of a member's contacts, less their redundancy (how much they are tied to one another)."),
            ("Role", "Guimera & Amaral's (2005) roles, from participation and from how far a member's ties inside its group exceed its group's average (z-score of 2.5 or more: a hub, R5-R7). Keeps to own group (R1) or mostly within it (R2): participation up to 0.05 or 0.62; connects a few groups (R3): up to 0.80; spread over many groups (R4): above. A hub of its own group (R5) has participation up to 0.30, a hub linking groups (R6) up to 0.75, a hub spread over many groups (R7) above."),
            ("Introductions worth making", "Pairs not yet tied, ranked by resource allocation (Zhou, Lü & Zhang 2009: the sum over shared contacts of 1 ÷ the contact's ties), raised for a pair whose organisations have few ties between them (twice the score for a first tie)."),
            ("Who holds the network together", "Members removed in turn (by betweenness, by brokerage across organisations, a key-player set chosen to fragment the network most (Borgatti 2006), or at random: the mean of 10 orders with their range) and the share of members left in the largest connected group after each step."),
            ("Communities", "Groups found by the Leiden algorithm (Traag, Waltman & van Eck 2019), maximising modularity: more ties inside than chance would give. Each community is connected."),
            ("Normalised mutual information, adjusted Rand index", "How closely two groupings agree: 1 identical, 0 no more than chance."),
            ("Newcomers, active members", "Members whose first tie or joining date falls in the period; members with an interaction in the period."),
        ]
        body += "<dl class=\"definitions\">\n"
        for (term, meaning) in terms { body += "<dt>\(_Page.escape(term))</dt><dd>\(_Page.escape(meaning))</dd>\n" }
        body += "</dl>\n"
    }

    func finish() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(_Page.escape(title))</title>\n<style>\n\(_Page.style)\(ReportScript.css)</style></head><body>\n"
        out += "<header><h1>\(_Page.escape(title))</h1><nav>"
        out += contents.map { "<a href=\"#\($0.id)\">\(_Page.escape($0.title))</a>" }.joined(separator: " · ")
        out += "</nav></header>\n<main>\n" + body.replacingSectionEnds() + "</main>\n"
        out += "<footer>Made with Meshwork. Figures follow NetworkX's definitions; see the definitions above.</footer>\n"
        out += "<script>\n\(ReportScript.javascript)</script>\n"
        out += "</body></html>\n"
        return out
    }

    static func escape(_ text: String) -> String { LineChart.escape(text) }

    static let style = """
    body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
    header { background: #0b3c5d; color: white; padding: 1.2em 2em; }
    header h1 { margin: 0 0 0.3em 0; font-size: 1.6em; }
    nav a { color: #cde4f5; text-decoration: none; }
    main { max-width: 1100px; margin: 0 auto; padding: 1em 2em; }
    section { background: white; border: 1px solid #e3e3e3; border-radius: 6px; padding: 0.5em 1.5em 1.5em; margin: 1.2em 0; }
    h2 { color: #0b3c5d; }
    ul.narrative { font-size: 1.08em; line-height: 1.5; padding-left: 1.2em; } ul.narrative a { color: #0b5d8f; font-size: 0.85em; white-space: nowrap; }
    dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 0.8em; }
    dl.facts div { background: #f0f5f9; border-radius: 4px; padding: 0.6em; }
    dl.facts dt { font-size: 0.85em; color: #555; } dl.facts dd { margin: 0; font-size: 1.3em; font-weight: bold; }
    figure.map { margin: 1em 0; } figure.map .svg svg { max-width: 100%; height: auto; max-height: \(Int(HTMLReport.mapBox.height))px; display: block; margin: 0 auto; }
    ul.legend { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.3em 1.2em; list-style: none; padding: 0; margin: 0.6em 0; font-size: 0.9em; }
    ul.legend .title { font-weight: bold; } ul.legend[hidden] { display: none; }
    ul.legend .swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #4d4d4d; margin-right: 0.35em; vertical-align: -0.1em; }
    ul.legend .dash { display: inline-block; width: 1.6em; border-top: 2px dashed #333; margin-right: 0.35em; vertical-align: 0.3em; }
    figcaption { text-align: center; color: #555; font-size: 0.9em; }
    .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 1em; }
    .chart svg { width: 100%; height: auto; }
    table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 0.92em; }
    th, td { border-bottom: 1px solid #e3e3e3; padding: 0.35em 0.6em; text-align: left; }
    th { background: #f0f5f9; } td[data-value] { font-variant-numeric: tabular-nums; }
    dl.definitions dt { font-weight: bold; margin-top: 0.6em; } dl.definitions dd { margin-left: 1em; }
    footer { text-align: center; color: #777; font-size: 0.85em; padding: 2em; }
    g.node:hover ellipse, g.node:hover polygon { stroke: #000; stroke-width: 2; }

    """
}

private extension String {
    /// `self` with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    /// Closes every `<section>` opened by ``_Page/section(_:id:)``: each section runs to the next.
    func replacingSectionEnds() -> String {
        var out = ""
        var open = false
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("<section ") {
                if open { out += "</section>\n" }
                open = true
            }
            out += line + "\n"
        }
        if open { out += "</section>\n" }
        return out
    }
}

extension HTMLReport.Options {
    /// Runs `body`, telling ``progress`` when it starts and how long it took.
    func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        try timedStep(progress, name, body)
    }
}
