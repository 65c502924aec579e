import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

/// The report's two sections on cultivating the network (issue 18): the introductions worth
/// making (``IntroductionSuggestions``) and who holds the network together
/// (``ResilienceAnalysis``), both at the organisation level and in plain words.
extension _Page {
    /// "Introductions worth making": the ten best pairs not yet tied, with the reason for each.
    /// - Complexity: that of ``IntroductionSuggestions`` over the whole member network.
    mutating func introductions(_ loaded: LoadedGraph, _ community: Community, options: HTMLReport.Options) throws {
        section("Introductions worth making", id: "introductions")
        let suggestions = try IntroductionSuggestions(loaded, .init(level: .hierarchy(.organisation), top: 10,
                                                                    seed: options.seed, threads: options.threads))
        guard suggestions.ranking.count > 0 else {
            paragraph("No two members share a contact without being tied already: there is no introduction to suggest.")
            return
        }
        paragraph("Pairs of members who are not tied yet but share contacts (each shared contact counts more when "
            + "it has fewer ties); of two about equally plausible pairs, the one across two organisations comes first. "
            + "The suggest command lists more, and checks such rankings against the ties that formed later "
            + "(--evaluate-at).")
        let ranking = suggestions.ranking
        table(["Member", "Organisation", "Member", "Organisation", "Why"], (0 ..< ranking.count).map { i in
            [_Cell(HTMLReport.memberName(loaded, community, ranking.sources[i])), _Cell(suggestions.groupsOfSources[i]),
             _Cell(HTMLReport.memberName(loaded, community, ranking.targets[i])), _Cell(suggestions.groupsOfTargets[i]),
             _Cell(suggestions.reason(i))]
        })
    }

    /// "Who holds the network together": how the largest connected group shrinks as members leave
    /// (the best connected first, the best brokers first, a key-player set first, or at random),
    /// and the members whose departure alone would cut a group off.
    /// - Complexity: that of ``ResilienceAnalysis`` (exact betweenness below 20,000 members).
    /// `brokerage`: the organisation level's roles in the undirected member network, as the broker
    /// section computed them (`nil`: computed here).
    mutating func resilience(_ loaded: LoadedGraph, _ community: Community, brokerage: Brokerage.Result?,
                             options: HTMLReport.Options) throws {
        section("Who holds the network together", id: "resilience")
        let analysis = try ResilienceAnalysis(loaded, .init(level: .hierarchy(.organisation), randomOrders: 10,
                                                            seed: options.seed, threads: options.threads,
                                                            brokerage: brokerage))
        let curves = analysis.result.curves
        guard analysis.members > 1, let last = analysis.result.removed.indices.last,
              let random = curves.first(where: { $0.order == "random" }) else {
            paragraph("Too few members to ask who holds them together.")
            return
        }
        let removed = analysis.result.removed[last]
        let share = { (order: String) in curves.first { $0.order == order }?.largestComponentShare[last] }
        var sentence = "If the \(_thousands(removed)) members with the most ties between others (betweenness) left, "
            + "the largest connected group would hold \(_format(100 * (share("betweenness") ?? 0), 0))% of the members; "
        if let brokers = share("brokerage") {
            sentence += "if the \(_thousands(removed)) strongest brokers between organisations left, \(_format(100 * brokers, 0))%; "
        }
        sentence += "if as many left at random, \(_format(100 * random.largestComponentShare[last], 0))% "
            + "(today: \(_format(100 * random.largestComponentShare[0], 0))%)."
        paragraph(sentence)
        charts([analysis.chart])
        guard !analysis.cutOffs.isEmpty else {
            paragraph("No single member's departure would leave members of an organisation with no path to any other organisation.")
            return
        }
        paragraph("Members whose departure alone would leave members of their organisation with no path to any other "
            + "organisation (\(_thousands(analysis.cutOffs.count)) in all; the most members cut off first):")
        let organisations = community.partition(.organisation)
        table(["Member", "Organisation cut off", "Members cut off"], analysis.cutOffs.prefix(10).map { cut in
            [_Cell(HTMLReport.memberName(loaded, community, cut.member)),
             _Cell(HTMLReport.groupName(community, organisations.names[Int(cut.group)])), .count(cut.membersCutOff)]
        })
    }
}
