import ArgumentParser
import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkReport

struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Introductions worth making: members not yet tied, ranked, with reasons; or the proof on history.",
        discussion: """
        Prints `source,target,score,shared_contacts,group_source,group_target,ties_between_groups,reason`, \
        the --top pairs of members who are not tied, best first. The score is resource allocation \
        (Zhou, Lü & Zhang 2009: the sum over shared contacts of 1 / their number of ties), times \
        1 + S when the two members sit in different groups of --level (S = --strength, default \
        0.1): of two about equally plausible introductions, the one across a boundary ranks \
        first. The reason names the groups and the ties between them today. --level defaults to organisation for a dataset (none for other inputs). \
        --for ID lists one member's introductions; --group G those of a group's members (G: a \
        group of --level, by id or name). Equal scores are ordered by input order. --half-life \
        DAYS weighs each shared contact by how lately both ties were seen: a tie last seen DAYS \
        days before the latest record counts half.

        --evaluate-at DATE instead hides every record after DATE, ranks the untied pairs of the \
        earlier network (members present by DATE) by common neighbours, Adamic-Adar, resource \
        allocation, preferential attachment, the two boundary-aware rankings (--strength S) and a \
        random one, resource allocation weighted by recency (--half-life, default a quarter of the days \
        from the first record to DATE), and prints `ranking,hits,cross_hits,precision,recall,auc` against the ties that formed \
        later: hits among each top --top, how many of them cross a boundary of --level, \
        precision (hits / top), recall (hits / ties formed) and the area under the ROC curve \
        from --samples random pairs (seed --seed). The --stats file gets the counts.
        """)

    @OptionGroup var options: GraphOptions

    @Option(help: "\(BoundaryLevel.grammar) (default: organisation for a dataset).")
    var level: BoundaryLevel?

    @Option(name: .customLong("for"), help: ArgumentHelp("Only this member's introductions.", valueName: "id"))
    var member: String?

    @Option(help: ArgumentHelp("Only the introductions of this group's members (a group of --level).", valueName: "group"))
    var group: String?

    @Option(help: "How many pairs to list (with --evaluate-at: the K of precision and recall at K).")
    var top: Int = 20

    @Option(help: "How much more a pair across two groups of --level counts (its score times 1 + S).")
    var strength: Double = 0.1

    @Option(help: ArgumentHelp("Weigh shared contacts by how lately each tie was seen, halving every DAYS days (datasets; with --evaluate-at, the resource_allocation+recency row, default a quarter of the days up to the cut).", valueName: "days"))
    var halfLife: Double?

    @Option(help: ArgumentHelp("Evaluate the rankings on the ties that formed after this day.", valueName: "YYYY-MM-DD"))
    var evaluateAt: String?

    @Option(help: "Random pairs behind the AUC of --evaluate-at.")
    var samples: Int = 10_000

    @Option(help: "Seed of the Leiden run behind --level community and of the evaluation's samples.")
    var seed: UInt64 = 42

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if samples < 1 { throw ValidationError("--samples must be at least 1") }
        if !(strength >= 0 && strength.isFinite) { throw ValidationError("--strength must be a number >= 0") }
        if let halfLife, !(halfLife > 0 && halfLife.isFinite) { throw ValidationError("--half-life must be a number of days > 0") }
        if member != nil && group != nil { throw ValidationError("give --for or --group, not both") }
        if let evaluateAt {
            if CivilDate(iso8601: evaluateAt) == nil { throw ValidationError("--evaluate-at must be a date YYYY-MM-DD, not \(evaluateAt)") }
            if member != nil || group != nil { throw ValidationError("--evaluate-at ranks every pair: it takes no --for or --group") }
        }
    }

    func run() throws {
        if let cut = evaluateAt.flatMap(CivilDate.init(iso8601:)) {
            try runAnalysis(options) {
                try IntroductionEvaluation($0, .init(cut: cut, level: level, top: top, samples: samples, seed: seed,
                                                     strength: strength, halfLife: halfLife, threads: options.workerThreads))
            }
        } else {
            try runAnalysis(options) {
                try IntroductionSuggestions($0, .init(level: level, member: member, group: group, top: top,
                                                      strength: strength, halfLife: halfLife, seed: seed,
                                                      threads: options.workerThreads))
            }
        }
    }
}
