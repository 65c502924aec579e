import MeshworkAlgorithms
import MeshworkCore

extension _Page {
    /// The "Two spans compared" section of the report: ``PeriodComparison`` of `before` and `after`
    /// at the hierarchy's levels, in plain words, with permutation p-values (999 permutations).
    /// - Complexity: ``PeriodComparison``'s, with 999 permutations per span and level.
    mutating func comparison(_ community: Community, before: DateSpan, after: DateSpan, seed: UInt64, threads: Int) {
        let levels = HierarchyLevel.allCases
        let permutations = 999
        let result = PeriodComparison(before: before, after: after, permutations: permutations, seed: seed, threads: threads)
            .run(community, levels: levels.map { community.partition($0) })
        func words(_ span: DateSpan) -> String {
            "\(span.from?.description ?? "the start") to \(span.until?.description ?? "the end")"
        }
        section("Two spans compared: \(words(before)) and \(words(after))", id: "comparison")
        paragraph("Each span holds the ties with at least one dated interaction in it, among the members present by "
            + "its last day. A p-value says how often random assignment of the same members to groups of the same "
            + "sizes gives a share of ties across groups at least as far from what chance predicts "
            + "(\(permutations) shuffles; 0.001 is the smallest it can show).")
        func change(_ a: Double, _ b: Double, digits: Int) -> String {
            let text = _format(b - a, digits)
            return b - a > 0 ? "+" + text : text
        }
        func percent(_ value: Double) -> String { value.isFinite ? _format(100 * value, 1) + "%" : "" }
        let (a, b) = (result.before, result.after)
        var rows: [[String]] = [
            ["Members present by the end", String(a.members), String(b.members), change(Double(a.members), Double(b.members), digits: 0), "", ""],
            ["Ties", String(a.ties), String(b.ties), change(Double(a.ties), Double(b.ties), digits: 0), "", ""],
            ["Share of members in the largest connected group", percent(a.largestComponentShare), percent(b.largestComponentShare),
             change(100 * a.largestComponentShare, 100 * b.largestComponentShare, digits: 1) + " points", "", ""],
        ]
        for (level, figures) in zip(levels, result.levels) {
            let (x, y) = (figures.before, figures.after)
            let name = level.rawValue
            rows.append(["Share of ties across \(name)s", percent(x.crossShare), percent(y.crossShare),
                         change(100 * x.crossShare, 100 * y.crossShare, digits: 1) + " points",
                         _format(x.pValue, 3), _format(y.pValue, 3)])
            rows.append(["Members who broker between \(name)s", String(x.brokers), String(y.brokers),
                         change(Double(x.brokers), Double(y.brokers), digits: 0), "", ""])
        }
        table(["Figure", "Earlier span", "Later span", "Change", "p (earlier)", "p (later)"], rows)
        var moves = ["\(result.tiesGained) ties are new in the later span, \(result.tiesLost) of the earlier span's ties "
            + "have no record in it and \(result.tiesKept) continue; \(result.joined.count) members joined."]
        for (level, figures) in zip(levels, result.levels) {
            moves.append("Across \(level.rawValue)s: \(figures.newCrossTies) new ties, \(figures.becameBrokers.count) members "
                + "began and \(figures.stoppedBrokers.count) stopped brokering.")
        }
        paragraph(moves.joined(separator: " "))
    }
}
