import MeshworkCore

/// The sum rule of ``AcceptedWeights``: the records of one pair of vertices, in either direction,
/// must not sum above `AcceptedWeights.range.upperBound`, so that every tie (duplicates merged)
/// lies in the range too and what `convert` writes reads back. Both directions count together, so
/// that one check holds whether the graph is then built directed or undirected.
enum TieWeightSums {
    /// A record lighter than this cannot lift a sum above the bound without more than 2^40 records
    /// of the same pair, more than fit in memory: only pairs with a record this heavy are summed.
    static let heavy = AcceptedWeights.range.upperBound / 0x1p40

    /// The first record (in input order) at which the running sum of its pair's records exceeds
    /// the bound, with that sum; `nil` when no pair's sum does.
    ///
    /// - Complexity: O(E) without a record of weight `heavy` or more (the usual case); otherwise
    ///   O(E) expected time with a hash table over the pairs holding such a record.
    static func firstOverflow(sources: [Int32], targets: [Int32], weights: [Double],
                              count: Int) -> (record: Int, sum: Double)? {
        guard weights.count >= count else { return nil }
        func key(_ i: Int) -> UInt64 {
            let (u, v) = (UInt32(bitPattern: sources[i]), UInt32(bitPattern: targets[i]))
            return UInt64(min(u, v)) << 32 | UInt64(max(u, v))
        }
        var sums: [UInt64: Double] = [:]
        for i in 0..<count where weights[i] >= heavy { sums[key(i)] = 0 }
        guard !sums.isEmpty else { return nil }
        for i in 0..<count {
            let k = key(i)
            guard let sum = sums[k] else { continue }
            let next = sum + weights[i]
            if next > AcceptedWeights.range.upperBound { return (i, next) }
            sums[k] = next
        }
        return nil
    }

    /// The message for the record `weight` that lifts the ties of `u` and `v` to `sum`.
    static func message(weight: Double, _ u: String, _ v: String, sum: Double) -> String {
        "weight \(weight) makes the records of '\(u)' and '\(v)' sum to \(sum), above the accepted \(AcceptedWeights.description) "
            + "(duplicate records of a pair, in either direction, are summed)"
    }
}
