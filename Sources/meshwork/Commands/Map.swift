import ArgumentParser
import MeshworkAlgorithms
import MeshworkRender
import MeshworkReport

struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the network as a map (SVG, PNG, PDF or DOT) through the Graphviz library.",
        discussion: """
        --level member (the default) draws one node per member, sized by --size-by and coloured \
        by --colour-by (default: Leiden communities, --seed); ties between two different groups are \
        dashed; each member's --ties-per-member strongest ties are drawn (default 3; 0: every tie), \
        ranked by interaction (a dataset's summed interaction weights, even without --weighted), \
        then by shared contacts; the legend's notes say what share of ties that is and how often \
        drawn ties and all ties stay inside one group. \
        --level organisation, region, partner, community or attribute:NAME draws one node \
        per group, sized by its members, with ties as wide as the member ties between the groups; \
        groups are coloured by the level above (organisation -> region -> partner) unless \
        --colour-by says otherwise; --top K keeps the K largest groups, and each group draws its \
        --ties-per-group heaviest ties (default 8). Colours are the Okabe-Ito \
        palette for the 8 largest groups, Tol's muted scheme for the next 9, grey for the rest; the \
        legend lists them.

        --ego ID --radius R draws one member's neighbourhood, or an organisation's, region's or \
        partner's (its members and everyone within R ties), the centre with a thick outline; \
        colours and community numbers are the whole network's, the same on every map; --from/--until DATE the network of \
        the ties with a record in that span, over the members present by its end. --labels K names the K largest nodes. --engine auto picks \
        neato below 1,000 nodes (deterministic: the same input gives the same bytes) and sfdp \
        above. Maps of more than 20,000 nodes are refused before any layout: aggregate with --level, \
        or keep the largest groups with --top.

        --format dot writes the DOT document itself, not laid out: it is deterministic and names \
        its engine, so `neato FILE` or `sfdp FILE` draws it. In SVG, each node's element id is \
        `n-` and its id with bytes outside [A-Za-z0-9-] written `_HH`; classes name its group, \
        tooltips give its name and measures. The format defaults to the extension of -o (.svg, \
        .png, .pdf, .dot or .gv), else svg; another extension, or one that contradicts --format, is \
        refused. Without -o the bytes go to standard output.
        """)

    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case auto, neato, sfdp, dot, fdp, circo
    }

    @OptionGroup var options: GraphOptions

    @Option(help: "svg, png, pdf or dot (default: from the -o extension, else svg).")
    var format: RenderFormat?

    @Option(help: "member, \(BoundaryLevel.grammar).")
    var level: String = "member"

    @Option(name: [.customLong("colour-by"), .customLong("color-by")],
            help: "\(BoundaryLevel.grammar).")
    var colourBy: BoundaryLevel?

    @Option(help: "Member node size: degree, strength, pagerank or betweenness.")
    var sizeBy: NetworkMap.SizeMeasure = .degree

    @Option(help: ArgumentHelp("Draw only this member's (or organisation's, region's, partner's) neighbourhood.", valueName: "id"))
    var ego: String?

    @Option(help: "Hops around --ego.")
    var radius: Int = 1

    @Option(help: ArgumentHelp("Label the K largest nodes (default 10 members, 40 groups).", valueName: "K"))
    var labels: Int?

    @Option(help: ArgumentHelp("Group maps: draw only the K largest groups.", valueName: "K"))
    var top: Int?

    @Option(help: ArgumentHelp("Group maps: draw each group's K heaviest ties (0: every tie).", valueName: "K"))
    var tiesPerGroup: Int = 8

    @Option(help: ArgumentHelp("Member maps: draw each member's K strongest ties (0: every tie).", valueName: "K"))
    var tiesPerMember: Int = 3

    @Option(help: "auto, neato, sfdp, dot, fdp or circo.")
    var engine: Engine = .auto

    @Option(help: "Seed of the Leiden communities.")
    var seed: UInt64 = 42

    private var mapLevel: NetworkMap.Level? {
        level == "member" ? .members : BoundaryLevel(level).map { .groups($0) }
    }

    private var outputFormat: RenderFormat {
        (try? RenderFormat.forOutput(options.output, format: format)) ?? .svg
    }

    func validate() throws {
        do {
            _ = try RenderFormat.forOutput(options.output, format: format)
        } catch let error as RenderFormatError {
            throw ValidationError(error.message)
        }
        if mapLevel == nil {
            throw ValidationError("unknown level \(level): use member, \(BoundaryLevel.grammar)")
        }
        if radius < 0 { throw ValidationError("--radius must not be negative") }
        if let labels, labels < 0 { throw ValidationError("--labels must not be negative") }
        if tiesPerGroup < 0 { throw ValidationError("--ties-per-group must not be negative") }
        if tiesPerMember < 0 { throw ValidationError("--ties-per-member must not be negative") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if top != nil && mapLevel == .members { throw ValidationError("--top keeps the largest groups: use it with a group --level") }
        if ego != nil && mapLevel != .members { throw ValidationError("--ego draws members: use it with --level member") }
    }

    /// The map the options ask for.
    private var request: NetworkMap.Options {
        var request = NetworkMap.Options()
        request.level = mapLevel ?? .members
        request.colourBy = colourBy
        request.sizeBy = sizeBy
        request.ego = ego
        request.radius = radius
        request.labels = labels
        request.topGroups = top
        request.tiesPerGroup = tiesPerGroup == 0 ? nil : tiesPerGroup
        request.tiesPerMember = tiesPerMember == 0 ? nil : tiesPerMember
        request.engine = LayoutEngine(rawValue: engine.rawValue)
        request.seed = seed
        request.threads = options.workerThreads
        return request
    }

    func run() throws {
        let progress = options.progressLines
        try runAnalysis(options) { loaded in
            try progress.timed("map", "layout and drawing") { try MapAnalysis(loaded, options: request, format: outputFormat) }
        }
    }
}

extension RenderFormat: ExpressibleByArgument {}
extension NetworkMap.SizeMeasure: ExpressibleByArgument {}
