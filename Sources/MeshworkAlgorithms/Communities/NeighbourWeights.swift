/// The weight of the ties from one vertex into each group its neighbours belong to (a community in
/// local moving, a piece in Leiden's refinement, a label in label propagation), the inner loop of
/// every community method.
///
///     neighbours.add(w, to: community)        // per incident tie
///     for i in 0..<neighbours.count { let c = Int(neighbours.touched[i]); ... neighbours[c] ... }
///     neighbours.clear()                      // before the next vertex
///
/// A group's slot holds 0 until the visit touches it (tie weights are > 0, so a touched group's sum
/// is never 0) and ``clear()`` puts the touched slots back to 0. ``add(_:to:)`` has no branch: it
/// always writes the group at the end of ``touched`` and advances ``count`` only when the slot was
/// 0. Which group a neighbour belongs to is unpredictable, and the branch of the usual "first
/// contact?" test was mispredicted about half the time: on a 100,000-vertex, 2,000,000-tie graph the
/// branch-free form made Louvain's local moving about a fifth faster, with the same sums in the same
/// order (so the same partitions). Eight bytes per group rather than a 16-byte weight-and-stamp pair
/// also halve the slots' share of the cache.
///
/// The buffers are allocated once per worker for the largest graph; call ``deallocate()`` when done.
///
/// Label propagation on an unweighted graph counts ties in `UInt32` (``_NeighbourCounts``): a
/// label held by many neighbours is added to again and again, and an integer addition ends that
/// chain sooner than a floating-point one, with the same sums (whole numbers) and so the same labels.
///
/// - Complexity: O(1) per ``add(_:to:)``; O(touched groups) per ``clear()``; 12 bytes per group
///   (8 with `UInt32` counts).
struct _NeighbourSums<Value: _TieValue> {
    /// Per group: the weight from the current vertex, 0 when the visit has not touched it.
    let weight: UnsafeMutablePointer<Value>
    /// The touched groups in order of first contact (``count`` of them; callers may reorder them).
    let touched: UnsafeMutablePointer<Int32>
    /// How many groups the current visit has touched.
    private(set) var count = 0

    /// Scratch for groups numbered `0..<capacity`.
    init(capacity: Int) {
        let n = max(1, capacity)
        weight = .allocate(capacity: n)
        weight.initialize(repeating: .zero, count: n)
        // One spare slot: `add` writes the group at `touched[count]` before knowing whether it is new.
        touched = .allocate(capacity: n + 1)
    }

    func deallocate() {
        weight.deallocate(); touched.deallocate()
    }

    /// Adds the weight `w` (> 0) of one tie to `group`; returns the group's new sum.
    @inline(__always) @discardableResult
    mutating func add(_ w: Value, to group: Int) -> Value {
        let before = weight[group]
        touched[count] = Int32(truncatingIfNeeded: group)
        count &+= before == .zero ? 1 : 0
        let after = before + w
        weight[group] = after
        return after
    }

    /// The weight into `group` in this visit (0 when untouched).
    @inline(__always) subscript(group: Int) -> Value { weight[group] }

    /// Swaps two entries of ``touched`` (to gather some groups at the front; ``clear()`` still
    /// finds them all).
    @inline(__always) func swapTouched(_ i: Int, _ j: Int) {
        let group = touched[i]
        touched[i] = touched[j]
        touched[j] = group
    }

    /// Puts every touched slot back to 0, for the next visit.
    @inline(__always) mutating func clear() {
        for i in 0..<count { weight[Int(touched[i])] = .zero }
        count = 0
    }
}

/// One ``_NeighbourSums`` per worker (the sequential code uses the first), each for groups
/// `0..<capacity`, allocated once per kernel run; call ``deallocate()`` when done.
struct _WorkerSums<Value: _TieValue> {
    let workers: Int
    private let sums: UnsafeMutablePointer<_NeighbourSums<Value>>

    init(workers: Int, capacity: Int) {
        self.workers = max(1, workers)
        sums = .allocate(capacity: self.workers)
        for w in 0..<self.workers { (sums + w).initialize(to: _NeighbourSums<Value>(capacity: capacity)) }
    }

    func deallocate() {
        for w in 0..<workers { sums[w].deallocate() }
        sums.deinitialize(count: workers)
        sums.deallocate()
    }

    /// Worker `worker`'s sums (a copy of the handle: its buffers are shared, its count is 0 between visits).
    @inline(__always) subscript(worker: Int) -> _NeighbourSums<Value> { sums[worker] }
}

/// Tie weights summed per group: `Double` (each tie's weight), `UInt32` (each tie counts 1).
typealias _NeighbourWeights = _NeighbourSums<Double>
/// Ties counted per group, for unweighted graphs (see ``_NeighbourSums``).
typealias _NeighbourCounts = _NeighbourSums<UInt32>

/// A value ``_NeighbourSums`` adds up: the weight of the tie at CSR position `p`.
protocol _TieValue: AdditiveArithmetic, Comparable {
    /// The tie's value: its weight (`Double`), or 1 (`UInt32`, unweighted graphs only).
    static func tie(at p: Int, weights: UnsafeBufferPointer<Double>) -> Self
}

extension Double: _TieValue {
    @inline(__always) static func tie(at p: Int, weights: UnsafeBufferPointer<Double>) -> Double { weights[p] }
}

extension UInt32: _TieValue {
    @inline(__always) static func tie(at p: Int, weights: UnsafeBufferPointer<Double>) -> UInt32 { 1 }
}
