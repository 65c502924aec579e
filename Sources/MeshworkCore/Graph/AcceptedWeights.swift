/// The edge weights Meshwork reads: every weight of an input record (an edge-list line, a GraphML
/// edge, an `interactions.csv` row) must be a finite number in ``range``; readers reject any other
/// as bad input, naming its line.
///
/// Why these bounds: a tie merges duplicate records by summing them, so a tie weighs at most
/// records x 1e100 < 1e113 (fewer than 2^40 records fit in memory); a strength, a total weight or a
/// path length is a sum over at most 2^31 ties, below 1e123. The kernels multiply two such sums
/// (modularity's k_i k_j, Louvain and Leiden gains, the variance of module degrees, the norms of
/// eigenvector and Katz iterations) and divide by them, which stays below 1e250, far from
/// `Double.greatestFiniteMagnitude` (1.8e308); and the reciprocal of a weight or a distance
/// (harmonic and closeness centrality on weights as distances) is at most 1e100, where a
/// subnormal weight (down to 4.9e-324) would give an infinite 1/d. Real weights (counts, hours,
/// amounts, similarities) lie many orders of magnitude inside the range.
public enum AcceptedWeights {
    /// The accepted weights of one record, bounds included.
    public static let range: ClosedRange<Double> = 1e-100 ... 1e100

    /// How messages name ``range``.
    public static let description = "[1e-100, 1e100]"

    /// The problem with `weight`, or `nil` when it is accepted; `text` is the weight as written.
    public static func problem(_ weight: Double, text: String) -> String? {
        if !weight.isFinite || weight <= 0 { return "weight \(text) must be a finite number > 0" }
        if !range.contains(weight) { return "weight \(text) is outside the accepted range \(description)" }
        return nil
    }
}
