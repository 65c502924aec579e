/// The eigenvalues and eigenvectors of a small symmetric matrix (row-major, `m` by `m`, destroyed)
/// by cyclic Jacobi rotations. Eigenvector `c` is column `c` of the returned row-major matrix.
///
/// - Complexity: O(m^3) per sweep, a handful of sweeps; O(m^2) space.
/// - Note: Jacobi, "Über ein leichtes Verfahren...", Crelle's Journal 30, 1846; the rotation as in
///   Press et al., Numerical Recipes, section 11.1.
func _symmetricEigen(_ a: inout [Double], _ m: Int) -> (values: [Double], vectors: [Double]) {
    var vectors = [Double](repeating: 0, count: m * m)
    for i in 0..<m { vectors[i * m + i] = 1 }
    for _ in 0..<100 {
        var off = 0.0, diagonal = 0.0
        for i in 0..<m {
            diagonal += a[i * m + i] * a[i * m + i]
            for j in (i + 1)..<max(i + 1, m) { off += a[i * m + j] * a[i * m + j] }
        }
        if off <= 1e-32 * diagonal || off == 0 { break }
        for p in 0..<m {
            for q in (p + 1)..<max(p + 1, m) {
                let apq = a[p * m + q]
                if apq == 0 { continue }
                let theta = (a[q * m + q] - a[p * m + p]) / (2 * apq)
                let t = abs(theta) > 1e150 ? 1 / (2 * theta)
                    : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for r in 0..<m {
                    let arp = a[r * m + p], arq = a[r * m + q]
                    a[r * m + p] = c * arp - s * arq; a[r * m + q] = s * arp + c * arq
                }
                for r in 0..<m {
                    let apr = a[p * m + r], aqr = a[q * m + r]
                    a[p * m + r] = c * apr - s * aqr; a[q * m + r] = s * apr + c * aqr
                }
                for r in 0..<m {
                    let vrp = vectors[r * m + p], vrq = vectors[r * m + q]
                    vectors[r * m + p] = c * vrp - s * vrq; vectors[r * m + q] = s * vrp + c * vrq
                }
            }
        }
    }
    return ((0..<m).map { a[$0 * m + $0] }, vectors)
}
