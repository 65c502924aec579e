import ArgumentParser
import MeshworkAlgorithms
import MeshworkReport

struct Boundaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How ties fall within and across organisations, regions, partners, attributes or communities.",
        discussion: """
        Prints one row per group: `group,members,internal_ties,external_ties,ei_index,\
        expected_ei_index,density` (with --weighted also `internal_weight,external_weight,\
        weighted_ei_index`), then `name` and `level`. internal_ties have both ends in the group, \
        external_ties exactly one; ei_index = (external - internal) / (external + internal) \
        (Krackhardt & Stern 1988), empty when both are 0; expected_ei_index is its value under \
        random assignment of the N known members to groups of the same sizes (a ratio of expected \
        counts: (2(N-n) - (n-1)) / (2(N-n) + (n-1)) for a group of n); density is internal ties \
        over possible ones. Members whose group is unknown are left out of that level. LEVEL is organisation, region, partner, attribute:NAME (a column \
        of nodes.csv or a GraphML node attribute) or community (Leiden, --seed; `communities` also \
        accepted); repeat --level \
        for several levels (default: organisation, region and partner), computed in one pass.

        The --stats file gets each level's network figures: E-I index and its expected value, \
        cross-boundary share of ties, attribute assortativity (Newman 2003). --mixing writes the \
        group-by-group tie counts and weights (the quotient graph as a table); --quotient writes \
        one level's quotient graph as GraphML; --ties writes the ties that cross a boundary, \
        marking bridges and the only tie between two groups; --weak-ties K ranks them by edge \
        betweenness and keeps the top K per level.

        Significance: --permutations K shuffles the group labels of the members whose group is \
        known K times (group sizes fixed, seed --seed) and adds `ei_p_value` (after the other \
        figures) = (r + 1) / (K + 1), r the permutations whose E-I index is at least as far from \
        its expected value under random assignment, (2(N-n) - (n-1)) / (2(N-n) + (n-1)) for a \
        group of n among N known members, as the observed one (two-sided); the --stats file gets each level's \
        ei_p_value and cross_share_p_value (the same number: with the ties fixed, both follow \
        from the ties inside groups) and expected_cross_share. The p-values depend on --seed \
        only, not on --threads.

        For publication: --min-cell K leaves empty the figures of groups with fewer than K \
        members (default 5 with --pseudonymise, otherwise off) and says so in a `note` column; \
        --pseudonymise replaces member ids in every output and drops attribute columns not named by \
        --keep-attribute (a level on a dropped column is refused).
        """)

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "\(BoundaryLevel.grammar); repeatable.")
    var level: [BoundaryLevel] = []

    @Option(help: "Seed of the Leiden run behind --level community and of the permutations.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Label permutations for E-I p-values (ei_p_value).", valueName: "K"))
    var permutations: Int?

    @Option(help: ArgumentHelp("Suppress groups with fewer members than this (default 5 with --pseudonymise).", valueName: "K"))
    var minCell: Int?

    @Option(help: ArgumentHelp("Write the group-by-group mixing (group_a,group_b,ties,weight,level) here.", valueName: "file"))
    var mixing: String?

    @Option(help: ArgumentHelp("Write the quotient graph of the (single) level as GraphML here.", valueName: "file"))
    var quotient: String?

    @Option(help: ArgumentHelp("Write the ties that cross a boundary here.", valueName: "file"))
    var ties: String?

    @Option(help: ArgumentHelp("Rank crossing ties by edge betweenness and keep the top K per level (with --ties).", valueName: "K"))
    var weakTies: Int?

    var levels: [BoundaryLevel] {
        level.isEmpty ? BoundaryLevel.hierarchyLevels : level
    }

    func validate() throws {
        if let minCell, minCell < 0 { throw ValidationError("--min-cell must not be negative") }
        if let permutations, permutations < 1 { throw ValidationError("--permutations must be at least 1") }
        if let weakTies, weakTies < 1 { throw ValidationError("--weak-ties must be at least 1") }
        if weakTies != nil && ties == nil { throw ValidationError("--weak-ties needs --ties FILE") }
        if quotient != nil && levels.count != 1 { throw ValidationError("--quotient needs exactly one --level") }
    }

    func run() throws {
        try runAnalysis(options) {
            try BoundaryReport($0, levels: levels, options: .init(
                minimumCell: options.minimumCell(minCell), seed: seed, weakTies: weakTies,
                crossingTies: ties != nil, threads: options.workerThreads, permutations: permutations))
        } thenWrite: { report in
            if let mixing { try report.writeMixing(to: mixing) }
            if let ties { try report.writeTies(to: ties) }
            if let quotient { try report.writeQuotient(level: 0, to: quotient) }
        }
    }
}
