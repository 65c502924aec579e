/// The edge weights Meshwork reads: every weight of an input record (an edge-list line, a GraphML
/// edge, an `interactions.csv` row) must be a finite number in ``range``, and the records of one
/// pair of vertices (in either direction) must not sum above its upper bound, so that every tie
/// (duplicates merged) lies in the range too. Readers reject anything else as bad input, naming
/// the line of the record that leaves the range or lifts a sum above it.
///
/// Why these bounds: a strength, a total weight or a weighted path length is a sum over at most
/// 2^31 ties, below 1e110. The kernels multiply two such sums (modularity's k_i k_j, Louvain and
/// Leiden gains, participation's k^2, the deviation of module degrees, the norms of eigenvector
/// and Katz iterations) and divide by them, which stays below 1e220, far from
/// `Double.greatestFiniteMagnitude` (1.8e308); the reciprocal of a weight or a distance
/// (harmonic and closeness centrality with weights as distances) is at most 1e100, where a
/// subnormal weight (down to 4.9e-324) gives an infinite 1/d; and the square of a weight, 1e-200
/// at least, is still a normal number. Real weights (counts, hours, amounts, similarities) lie
/// many orders of magnitude inside the range.
public enum AcceptedWeights {
    /// The accepted weights of one record, and of the sum of the records of one pair; bounds included.
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
