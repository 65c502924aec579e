import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO

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
        // On the page: counts, percentages and changes in percentage points; in the CSV: the
        // counts, the shares of 1 and their differences at full precision.
        func change(_ a: Int, _ b: Int) -> _Cell {
            _Cell(b > a ? "+" + _thousands(b - a) : _thousands(b - a), value: String(b - a))
        }
        func points(_ a: Double, _ b: Double) -> _Cell {
            guard a.isFinite && b.isFinite else { return "" }
            let text = _format(100 * (b - a), 1)
            return _Cell((b - a > 0 ? "+" + text : text) + " points", value: NumberFormatting.shortest(b - a))
        }
        let (a, b) = (result.before, result.after)
        var rows: [[_Cell]] = [
            ["Members present by the end", .count(a.members), .count(b.members), change(a.members, b.members), "", ""],
            ["Ties", .count(a.ties), .count(b.ties), change(a.ties, b.ties), "", ""],
            ["Share of members in the largest connected group", .share(a.largestComponentShare), .share(b.largestComponentShare),
             points(a.largestComponentShare, b.largestComponentShare), "", ""],
        ]
        for (level, figures) in zip(levels, result.levels) {
            let (x, y) = (figures.before, figures.after)
            let name = level.rawValue
            rows.append([_Cell("Share of ties across \(name)s"), .share(x.crossShare), .share(y.crossShare),
                         points(x.crossShare, y.crossShare), .decimals(x.pValue, 3), .decimals(y.pValue, 3)])
            rows.append([_Cell("Members who broker between \(name)s"), .count(x.brokers), .count(y.brokers),
                         change(x.brokers, y.brokers), "", ""])
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
