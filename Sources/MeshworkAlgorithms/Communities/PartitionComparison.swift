import Foundation
import MeshworkCore

/// How far two partitions of the same vertices agree: normalised mutual information and the
/// adjusted Rand index, for example detected communities against departments or organisations.
///
///     let c = PartitionComparison().run(communities, departments)
///     c.normalizedMutualInformation   // 1 when the partitions are the same up to labels
///     c.adjustedRandIndex             // 1 the same, about 0 for chance agreement
///     c.vertices                      // vertices compared
///
/// Only vertices whose group is known in **both** partitions are compared; a vertex that is
/// ``Partition/unknown`` in either is left out of every count (so `n` below is ``vertices``, not
/// the vertex count). Group labels mean nothing: permuting them changes neither value, and both
/// values are symmetric in the two partitions.
///
/// With the contingency table `n_ij` (vertices in group `i` of `a` and group `j` of `b`), its row
/// sums `a_i`, column sums `b_j` and `n = Σ n_ij`:
///
/// - mutual information `I = Σ_ij (n_ij / n) ln(n n_ij / (a_i b_j))`, entropies
///   `H(a) = Σ_i (a_i / n) ln(n / a_i)` and `H(b)` likewise (natural logarithms);
/// - `NMI = 2 I / (H(a) + H(b))` (the arithmetic-mean normalisation of Danon, Díaz-Guilera, Duch &
///   Arenas 2005, scikit-learn's default and NetworKit's `NMIDistance` complement), defined as 1
///   when both entropies are 0 (both partitions put every compared vertex in one group), and
///   clamped to `[0, 1]` against rounding;
/// - `ARI = (Σ_ij C(n_ij, 2) - E) / ((A + B) / 2 - E)` with `A = Σ_i C(a_i, 2)`,
///   `B = Σ_j C(b_j, 2)` and `E = A B / C(n, 2)` (Hubert & Arabie 1985), defined as 1 when the
///   denominator is 0, which happens only when both partitions are all singletons or both one
///   group, that is when they agree. The pair counts are exact integers.
///
/// When no vertex is known in both partitions, both values are NaN.
///
/// The contingency table is sparse and built without hashing: two stable counting sorts order
/// the compared vertices by (group in `a`, group in `b`), and each run of equal pairs is one
/// non-zero cell.
///
/// - Complexity: O(V + G_a + G_b) time and extra space, where `G_a` and `G_b` are the group
///   counts; no comparisons, no dictionaries.
/// - Note: L. Danon, A. Díaz-Guilera, J. Duch, A. Arenas, "Comparing community structure
///   identification", J. Stat. Mech. (2005) P09008. L. Hubert, P. Arabie, "Comparing
///   partitions", Journal of Classification 2 (1985) 193-218.
public struct PartitionComparison: Sendable {
    public init() {}

    /// Compares `a` and `b`, two partitions of the same vertices.
    /// - Precondition: `a.vertexCount == b.vertexCount`.
    /// - Complexity: O(V + G_a + G_b) time and extra space.
    public func run(_ a: Partition, _ b: Partition) -> Result {
        Result(a, b)
    }
}

extension PartitionComparison {
    /// How far two partitions agree.
    public struct Result: Sendable, Equatable {
        /// Vertices compared: those whose group is known in both partitions.
        public let vertices: Int
        /// Groups of the first partition that hold at least one compared vertex.
        public let groupsA: Int
        /// Groups of the second partition that hold at least one compared vertex.
        public let groupsB: Int
        /// Mutual information `I(a; b)` in nats.
        public let mutualInformation: Double
        /// Entropy `H(a)` of the first partition over the compared vertices, in nats.
        public let entropyA: Double
        /// Entropy `H(b)` of the second partition over the compared vertices, in nats.
        public let entropyB: Double
        /// `2 I / (H(a) + H(b))`, in `[0, 1]`; 1 when both entropies are 0; NaN when nothing is compared.
        public let normalizedMutualInformation: Double
        /// The adjusted Rand index, at most 1 (negative when agreement is below chance); NaN when
        /// nothing is compared.
        public let adjustedRandIndex: Double

        init(_ a: Partition, _ b: Partition) {
            precondition(a.vertexCount == b.vertexCount, "partitions of the same vertices")
            let table = _ContingencyTable(a.group, b.group)
            let n = table.vertices
            vertices = n
            var rowsUsed = 0, columnsUsed = 0
            for s in table.rowSums where s > 0 { rowsUsed += 1 }
            for s in table.columnSums where s > 0 { columnsUsed += 1 }
            groupsA = rowsUsed
            groupsB = columnsUsed
            guard n > 0 else {
                mutualInformation = .nan; entropyA = .nan; entropyB = .nan
                normalizedMutualInformation = .nan; adjustedRandIndex = .nan
                return
            }
            let total = Double(n)
            // Entropies and mutual information in the same form, (k / n) ln(n / k): for identical
            // partitions each cell term then equals its row's entropy term bit for bit (n k / (k k)
            // rounds exactly like n / k because both products are exact).
            var hA = 0.0, hB = 0.0, mi = 0.0
            for s in table.rowSums where s > 0 { hA += Double(s) / total * log(total / Double(s)) }
            for s in table.columnSums where s > 0 { hB += Double(s) / total * log(total / Double(s)) }
            var sameCell = 0            // Σ C(n_ij, 2)
            for c in 0..<table.cellCount {
                let count = table.cellEnds[c + 1] - table.cellEnds[c]
                let row = table.rowSums[Int(table.cellRows[c])], column = table.columnSums[Int(table.cellColumns[c])]
                let nij = Double(count)
                mi += nij / total * log(total * nij / (Double(row) * Double(column)))
                sameCell += count * (count - 1) / 2
            }
            mutualInformation = max(0, mi)
            entropyA = hA
            entropyB = hB
            normalizedMutualInformation = hA + hB == 0 ? 1 : min(1, max(0, 2 * mi / (hA + hB)))

            var sameA = 0, sameB = 0     // Σ C(a_i, 2), Σ C(b_j, 2)
            for s in table.rowSums { sameA += s * (s - 1) / 2 }
            for s in table.columnSums { sameB += s * (s - 1) / 2 }
            let pairs = Double(n) * Double(n - 1) / 2
            let expected = pairs > 0 ? Double(sameA) * Double(sameB) / pairs : 0
            let maximum = (Double(sameA) + Double(sameB)) / 2
            adjustedRandIndex = maximum == expected ? 1 : (Double(sameCell) - expected) / (maximum - expected)
        }
    }
}

/// The sparse contingency table of two group assignments over the same vertices, built by two
/// stable counting sorts (by the second group, then by the first), without hashing.
///
/// `order` lists the vertices known in both, sorted by (group in `a`, group in `b`, vertex);
/// cell `c` is `order[cellEnds[c] ..< cellEnds[c + 1]]`, with groups `cellRows[c]` and
/// `cellColumns[c]`, in ascending (row, column) order.
///
/// - Complexity: O(V + G_a + G_b) time and space.
struct _ContingencyTable {
    var vertices = 0
    var rowSums: [Int]
    var columnSums: [Int]
    var order: [Int32]
    var cellEnds: [Int] = [0]
    var cellRows: [Int32] = []
    var cellColumns: [Int32] = []

    var cellCount: Int { cellRows.count }

    init(_ a: [Int32], _ b: [Int32]) {
        precondition(a.count == b.count, "group arrays of the same vertices")
        let rows = Int((a.max() ?? -1) + 1), columns = Int((b.max() ?? -1) + 1)
        rowSums = [Int](repeating: 0, count: rows)
        columnSums = [Int](repeating: 0, count: columns)
        var known = 0
        for v in 0..<a.count where a[v] >= 0 && b[v] >= 0 {
            rowSums[Int(a[v])] += 1
            columnSums[Int(b[v])] += 1
            known += 1
        }
        vertices = known
        // Pass 1: bucket by the column (group in b), vertices ascending within a bucket.
        var cursor = [Int](repeating: 0, count: max(rows, columns) + 1)
        for j in 0..<columns { cursor[j + 1] = cursor[j] + columnSums[j] }
        var byColumn = [Int32](repeating: 0, count: known)
        for v in 0..<a.count where a[v] >= 0 && b[v] >= 0 {
            let j = Int(b[v])
            byColumn[cursor[j]] = Int32(v); cursor[j] += 1
        }
        // Pass 2: stable scatter by the row (group in a): sorted by (row, column, vertex).
        cursor[0] = 0
        for i in 0..<rows { cursor[i + 1] = cursor[i] + rowSums[i] }
        order = [Int32](repeating: 0, count: known)
        for v in byColumn {
            let i = Int(a[Int(v)])
            order[cursor[i]] = v; cursor[i] += 1
        }
        // Runs of equal (row, column) pairs are the non-zero cells.
        var p = 0
        while p < known {
            let row = a[Int(order[p])], column = b[Int(order[p])]
            var q = p + 1
            while q < known && a[Int(order[q])] == row && b[Int(order[q])] == column { q += 1 }
            cellRows.append(row)
            cellColumns.append(column)
            cellEnds.append(q)
            p = q
        }
    }
}
