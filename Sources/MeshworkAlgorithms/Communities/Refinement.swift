#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MeshworkCore

/// Leiden's refinement phase: within each community, singleton vertices that are well connected to
/// it merge, in random order, into well-connected pieces of the same community, chosen at random
/// with probability proportional to `exp(gain / randomness)` among the pieces with a non-negative
/// gain (staying alone gains 0). Pieces are therefore connected.
///
/// The scratch is allocated once for the largest graph and reused across levels and iterations;
/// call ``deallocate()`` when done. A candidate whose weight `exp((gain − best) / randomness)` is
/// below e⁻⁴⁰ (about 4 · 10⁻¹⁸ of the best's) is given weight 0 without calling `exp`.
///
/// - Complexity: O(V + E) per call.
/// - Note: Traag, Waltman & van Eck, "From Louvain to Leiden: guaranteeing well-connected
///   communities", Sci. Rep. 9:5233, 2019 (Algorithm A.2, RefinePartition and MergeNodesSubset).
struct _Refinement {
    private let capacity: Int
    private let pieceWeight: UnsafeMutablePointer<Double>
    private let pieceExternal: UnsafeMutablePointer<Double>
    private let communityWeight: UnsafeMutablePointer<Double>
    private let isSingleton: UnsafeMutablePointer<Bool>
    private let contact: UnsafeMutablePointer<_Contact>
    private let touched: UnsafeMutablePointer<Int32>
    private let chance: UnsafeMutablePointer<Double>

    init(capacity: Int) {
        let n = max(1, capacity)
        self.capacity = n
        pieceWeight = .allocate(capacity: n)
        pieceExternal = .allocate(capacity: n)
        communityWeight = .allocate(capacity: n)
        isSingleton = .allocate(capacity: n)
        contact = .allocate(capacity: n)
        touched = .allocate(capacity: n)
        chance = .allocate(capacity: n)
    }

    func deallocate() {
        pieceWeight.deallocate(); pieceExternal.deallocate(); communityWeight.deallocate()
        isSingleton.deallocate(); contact.deallocate(); touched.deallocate(); chance.deallocate()
    }

    /// Returns the refined membership: piece ids are vertex ids (a non-empty piece contains the
    /// vertex whose id it has).
    func run(_ graph: _CommunityGraph, membership: [Int32], scale: Double, randomness: Double,
             rng: inout SplitMix64) -> [Int32] {
        let n = graph.vertexCount
        precondition(n <= capacity, "scratch too small")
        var refined = (0..<Int32(n)).map { $0 }
        let order = _shuffledVertices(n, &rng)
        graph.withView { g in
            membership.withUnsafeBufferPointer { membership in
                refined.withUnsafeMutableBufferPointer { refined in
                    refine(g, n: n, membership: membership, refined: refined, order: order, scale: scale,
                           randomness: randomness, rng: &rng)
                }
            }
        }
        return refined
    }

    private func refine(_ g: _CommunityView, n: Int, membership: UnsafeBufferPointer<Int32>,
                        refined: UnsafeMutableBufferPointer<Int32>, order: [Int32], scale: Double,
                        randomness: Double, rng: inout SplitMix64) {
        communityWeight.initialize(repeating: 0, count: n)
        isSingleton.initialize(repeating: true, count: n)
        contact.initialize(repeating: _Contact(weight: 0, stamp: -1), count: n)
        for v in 0..<n {
            pieceWeight[v] = g.nodeWeight[v]
            communityWeight[Int(membership[v])] += g.nodeWeight[v]
            var external = 0.0
            for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) where membership[Int(g.targets[p])] == membership[v] {
                external += g.weights.isEmpty ? 1 : g.weights[p]
            }
            pieceExternal[v] = external
        }
        var visit: Int64 = 0
        for v32 in order {
            let v = Int(v32)
            guard isSingleton[v] else { continue }
            let community = membership[v]
            let kv = g.nodeWeight[v]
            let total = communityWeight[Int(community)]
            // v itself must be well connected to the rest of its community.
            guard pieceExternal[v] >= scale * kv * (total - kv) else { continue }
            visit += 1
            var touchedCount = 0
            for p in Int(g.offsets[v])..<Int(g.offsets[v + 1]) {
                let t = Int(g.targets[p])
                guard membership[t] == community else { continue }
                let piece = Int(refined[t])
                let w = g.weights.isEmpty ? 1 : g.weights[p]
                if contact[piece].stamp != visit {
                    contact[piece] = _Contact(weight: w, stamp: visit)
                    touched[touchedCount] = Int32(piece)
                    touchedCount += 1
                } else {
                    contact[piece].weight += w
                }
            }
            // Candidates: well-connected pieces with a non-negative gain; staying alone gains 0.
            var best = 0.0
            var candidates = 0
            for i in 0..<touchedCount {
                let piece = Int(touched[i])
                let gain = contact[piece].weight - scale * kv * pieceWeight[piece]
                let wellConnected = pieceExternal[piece] >= scale * pieceWeight[piece] * (total - pieceWeight[piece])
                if gain >= 0 && wellConnected {
                    touched[candidates] = Int32(piece)
                    chance[candidates] = gain
                    candidates += 1
                    best = max(best, gain)
                }
            }
            guard candidates > 0 else { continue }
            // Staying alone (gain 0) is a candidate too, in the last slot.
            func weight(_ gain: Double) -> Double {
                let exponent = (gain - best) / randomness
                return exponent < -40 ? 0 : exp(exponent)
            }
            var sum = weight(0)
            for i in 0..<candidates {
                chance[i] = weight(chance[i])
                sum += chance[i]
            }
            var draw = rng.unit() * sum
            var chosen = v
            for i in 0..<candidates {
                draw -= chance[i]
                if draw < 0 { chosen = Int(touched[i]); break }
            }
            guard chosen != v else { continue }
            refined[v] = Int32(chosen)
            pieceWeight[chosen] += kv
            pieceExternal[chosen] += pieceExternal[v] - 2 * contact[chosen].weight
            pieceWeight[v] = 0
            isSingleton[v] = false
            isSingleton[chosen] = false
        }
    }
}
