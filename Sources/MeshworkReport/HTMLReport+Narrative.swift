import MeshworkAlgorithms
import MeshworkCore

/// The report's opening: five to eight plain sentences written from the figures of the sections
/// below (size and growth, how connected, how much crosses each boundary and whether that is more
/// or less than random mixing would give, who the bridges are, the communities, what changed in
/// the last period), each with a link to the section that backs it. Members without organisations,
/// regions or partners (a contact network) get, in place of the boundaries and bridges, a sentence
/// saying there are none to cross and one on how the last period changed their ties.
///
/// Every number is one the page shows further down, rounded for reading; the sentences say "more"
/// or "fewer" than chance only when the difference is at least 5 percentage points, and "about
/// as many" otherwise.
struct ReportNarrative {
    /// A sentence and the id of the section that backs it.
    struct Sentence {
        var text: String
        var section: String
        var sectionTitle: String
    }

    private(set) var sentences: [Sentence] = []

    /// - Parameters:
    ///   - growth: the growth rows (the report's period) and the period's name ("quarter").
    ///   - crossing: per hierarchy level, ties across, ties inside, the expected E-I index and the
    ///     groups with members (a level with fewer than two says nothing about boundaries).
    ///   - spanners: the names of the strongest boundary spanners, strongest first.
    ///   - lastRecord: the day of the last dated record: a last period it does not reach to the end
    ///     is called "so far".
    init(network: NetworkSummary.Result, growth: (rows: [GrowthRow], period: String), lastRecord: Int32?, levelNames: [String],
         crossing: [(across: Int, inside: Int, expectedEI: Double, groups: Int)], spanners: [String],
         communities: (count: Int, agreement: Double, level: String)?) {
        let rows = growth.rows
        let partial = rows.last.map { last in lastRecord.map { $0 < last.periodEnd.daysSinceEpoch } ?? false } ?? false
        let lastPeriod = partial ? "this \(growth.period) so far" : "the last \(growth.period)"
        var size = "The community has \(Self.count(network.nodes, "member")) and \(Self.count(network.edges, "tie")) between them"
        if let last = rows.last, rows.count > 1 {
            size += "; in \(lastPeriod) (from \(last.periodStart)) \(Self.count(last.newcomers, "member")) "
                + "joined and \(Self.count(last.newTies, "new tie")) formed"
        }
        sentences.append(Sentence(text: size + ".", section: "growth", sectionTitle: "Growth"))

        sentences.append(Self.connectedness(network))

        for (name, figures) in zip(levelNames, crossing) where figures.across + figures.inside > 0 && figures.groups >= 2 {
            let observed = 100 * Double(figures.across) / Double(figures.across + figures.inside)
            guard !figures.expectedEI.isNaN else { continue }
            let expected = 100 * (1 + figures.expectedEI) / 2
            let comparison: String
            if observed >= expected + 5 {
                comparison = "more than the \(Self.percent(expected)) that random mixing would give"
            } else if observed <= expected - 5 {
                comparison = "fewer than the \(Self.percent(expected)) that random mixing would give"
            } else {
                comparison = "about as many as random mixing would give (\(Self.percent(expected)))"
            }
            sentences.append(Sentence(text: "\(Self.percent(observed)) of ties cross \(name) boundaries: \(comparison).",
                                      section: "boundaries", sectionTitle: "Ties within and across groups"))
        }

        // Members without organisations, regions or partners (a contact network): no boundary to
        // cross, so the sentences say so instead of speaking of organisations.
        let grouped = crossing.contains { $0.groups >= 2 }
        if !grouped {
            sentences.append(Sentence(text: "No organisations, regions or partners are recorded for the members, so there "
                                      + "are no boundaries to cross; the communities below are the network's own groups.",
                                      section: "communities", sectionTitle: "Communities"))
        } else if !spanners.isEmpty {
            let names = spanners.prefix(3)
            let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
            sentences.append(Sentence(text: "The strongest bridges between organisations are \(list): they link the most "
                                      + "pairs of people in different organisations who are not tied to each other.",
                                      section: "brokers", sectionTitle: "Who connects across boundaries"))
        } else {
            sentences.append(Sentence(text: "No member yet links two organisations.", section: "brokers",
                                      sectionTitle: "Who connects across boundaries"))
        }

        if let communities {
            let follow = communities.agreement >= 0.6 ? "closely follow" : communities.agreement >= 0.3 ? "partly follow" : "cut across"
            let relation = grouped ? "; they \(follow) \(communities.level)s" : ""
            sentences.append(Sentence(text: "The ties form \(Self.count(communities.count, "community", plural: "communities")) of members "
                                      + "who are more tied to each other than to the rest\(relation).",
                                      section: "communities", sectionTitle: "Communities"))
        }

        if !grouped, rows.count > 1 {
            let (before, now) = (rows[rows.count - 2], rows[rows.count - 1])
            let change = now.meanDegree > before.meanDegree + 0.05 ? "rose" : now.meanDegree < before.meanDegree - 0.05 ? "fell" : "held"
            let ties = change == "held" ? "held at \(Self.decimal(now.meanDegree))"
                : "\(change) from \(Self.decimal(before.meanDegree)) to \(Self.decimal(now.meanDegree))"
            sentences.append(Sentence(text: "In \(lastPeriod) the members' average number of ties \(ties), and the largest "
                                      + "connected group held \(Self.percent(100 * now.largestComponentShare)) of them.",
                                      section: "growth", sectionTitle: "Growth"))
        }

        if rows.count > 1, let first = crossing.indices.first, first < levelNames.count, crossing[first].groups >= 2 {
            let (before, now) = (rows[rows.count - 2].crossShare(first), rows[rows.count - 1].crossShare(first))
            if !before.isNaN && !now.isNaN {
                let change = now > before + 0.005 ? "rose" : now < before - 0.005 ? "fell" : "held"
                let text = change == "held"
                    ? "In \(lastPeriod) the share of ties across \(levelNames[first])s held at \(Self.percent(100 * now))."
                    : "In \(lastPeriod) the share of ties across \(levelNames[first])s \(change) from \(Self.percent(100 * before)) to \(Self.percent(100 * now))."
                sentences.append(Sentence(text: text, section: "growth", sectionTitle: "Growth"))
            }
        }
    }

    /// The opening of a report on a graph without hierarchy or dates (an edge list, GraphML): its
    /// size, how connected it is, its communities, and what the other sections need.
    init(network: NetworkSummary.Result, communities: Int) {
        sentences.append(Sentence(text: "The network has \(Self.count(network.nodes, "member")) and \(Self.count(network.edges, "tie")).",
                                  section: "summary", sectionTitle: "Summary"))
        sentences.append(Self.connectedness(network))
        sentences.append(Sentence(text: "The ties form \(Self.count(communities, "community", plural: "communities")) of members "
                                  + "who are more tied to each other than to the rest.",
                                  section: "communities", sectionTitle: "Communities"))
        sentences.append(Sentence(text: "Growth, boundaries and bridges between groups need a dataset directory "
                                  + "(members with organisations, regions and dated interactions).",
                                  section: "growth", sectionTitle: "Growth"))
    }

    /// The sentences as an HTML list (escaped), each ending with a link to its section.
    var html: String {
        var out = "<ul class=\"narrative\">\n"
        for sentence in sentences {
            out += "<li>\(_Page.escape(sentence.text)) <a href=\"#\(sentence.section)\">\(_Page.escape(sentence.sectionTitle)) →</a></li>\n"
        }
        return out + "</ul>\n"
    }

    /// The largest connected group, the mean number of ties and the members without one.
    private static func connectedness(_ network: NetworkSummary.Result) -> Sentence {
        let share = network.nodes > 0 ? 100 * network.largestComponentShare : 0
        var text = "The largest connected group holds \(percent(share)) of members (everyone in it can reach everyone "
            + "else through ties); members have \(decimal(network.meanDegree)) ties on average"
        if network.isolatedNodes > 0 {
            text += "; \(count(network.isolatedNodes, "member")) \(network.isolatedNodes == 1 ? "has" : "have") no tie yet"
        }
        return Sentence(text: text + ".", section: "maps", sectionTitle: "Maps")
    }

    static func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
        "\(_thousands(value)) \(value == 1 ? noun : plural ?? noun + "s")"
    }

    static func percent(_ value: Double) -> String {
        value >= 99.5 && value < 100 ? "\(_format(value, 1))%" : "\(_format(value, 0))%"
    }

    static func decimal(_ value: Double) -> String { _format(value, 1) }
}
