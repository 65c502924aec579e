import MeshworkCore

/// A vertex numbering that keeps communities together, for kernels that index per-vertex arrays by
/// neighbour (Brandes's searches): when a row's neighbours have nearby numbers they share cache
/// lines, and on graphs whose per-vertex arrays are far larger than the caches that is most of the
/// cost.
///
///     let newID = _LocalityOrder.communityOrder(graph)
///     let rows = graph.permutedRowsKeepingOrder(newID: newID)
///
/// A few sweeps of label propagation (sequential, in vertex order, each vertex taking the label most
/// frequent among its out-neighbours; ties keep the current label, else take the smallest) group
/// the vertices; the groups are numbered in order of their labels and, within a group, the vertices
/// keep their order. Only the speed of the caller depends on the result, and the result depends
/// only on the graph.
///
/// - Complexity: O(sweeps · (V + E)) time; O(V) extra space.
/// - Note: Raghavan, Albert & Kumara, "Near linear time algorithm to detect community structures in
///   large-scale networks", Phys. Rev. E 76, 2007; Arai et al., "Rabbit order: just-in-time parallel
///   reordering for fast graph analysis", IPDPS 2016 (community orders for locality).
enum _LocalityOrder {
    /// `newID[v]`, a permutation of the vertices that numbers each label-propagation group
    /// contiguously.
    static func communityOrder(_ graph: CSRGraph, sweeps: Int = 3) -> [Int32] {
        let n = graph.vertexCount
        var label = [Int32](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: n)
        var touched = [Int32](repeating: 0, count: n)
        var newID = [Int32](repeating: 0, count: n)
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        label.withUnsafeMutableBufferPointer { label in
        count.withUnsafeMutableBufferPointer { count in
        touched.withUnsafeMutableBufferPointer { touched in
        newID.withUnsafeMutableBufferPointer { newID in
            for v in 0..<n { label[v] = Int32(truncatingIfNeeded: v) }
            for _ in 0..<sweeps {
                var changed = 0
                for v in 0..<n {
                    let start = Int(offsets[v]), end = Int(offsets[v &+ 1])
                    if start == end { continue }
                    var k = 0
                    var most: Int32 = 0
                    for p in start ..< end {
                        let l = Int(label[Int(targets[p])])
                        if count[l] == 0 { touched[k] = Int32(truncatingIfNeeded: l); k &+= 1 }
                        count[l] &+= 1
                        if count[l] > most { most = count[l] }
                    }
                    let current = label[v]
                    var chosen = current
                    if count[Int(current)] != most {
                        chosen = Int32.max
                        for i in 0 ..< k where count[Int(touched[i])] == most && touched[i] < chosen { chosen = touched[i] }
                    }
                    for i in 0 ..< k { count[Int(touched[i])] = 0 }
                    if chosen != current { label[v] = chosen; changed &+= 1 }
                }
                if changed == 0 { break }
            }
            // Counting sort by label (labels are vertex numbers), stable within a label.
            for v in 0..<n { count[Int(label[v])] &+= 1 }
            var next: Int32 = 0
            for l in 0..<n { let c = count[l]; count[l] = next; next &+= c }
            for v in 0..<n {
                let l = Int(label[v])
                newID[v] = count[l]
                count[l] &+= 1
            }
        }}}}}}
        return newID
    }
}
