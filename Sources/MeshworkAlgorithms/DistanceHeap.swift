/// A 4-ary min-heap of (distance, vertex) pairs in two flat arrays, with lazy deletion (a vertex
/// is pushed again when its distance improves; stale entries are skipped by the caller). No
/// closures, no generics: the comparison is on `Double` keys only. Four children per node halve
/// the depth of a binary heap and keep siblings in one cache line, which measured faster for
/// Dijkstra's pops (the dominant cost of the weighted searches).
///
/// - Complexity: O(log size) per push and pop; capacity fixed at creation.
struct _DistanceHeap {
    let keys: UnsafeMutablePointer<Double>
    let vertices: UnsafeMutablePointer<Int32>
    var count = 0

    init(capacity: Int) {
        keys = .allocate(capacity: max(1, capacity))
        vertices = .allocate(capacity: max(1, capacity))
    }

    func deallocate() {
        keys.deallocate()
        vertices.deallocate()
    }

    @inline(__always)
    mutating func push(_ key: Double, _ vertex: Int32) {
        var i = count
        count &+= 1
        while i > 0 {
            let parent = (i &- 1) >> 2
            let pk = keys[parent]
            if pk <= key { break }
            keys[i] = pk
            vertices[i] = vertices[parent]
            i = parent
        }
        keys[i] = key
        vertices[i] = vertex
    }

    /// Removes the smallest entry; the heap must not be empty.
    @inline(__always)
    mutating func pop() -> (key: Double, vertex: Int32) {
        let top = (keys[0], vertices[0])
        count &-= 1
        let size = count
        if size > 0 {
            let key = keys[size], vertex = vertices[size]
            var i = 0
            while true {
                let first = 4 &* i &+ 1
                if first >= size { break }
                var child = first
                var best = keys[first]
                let last = min(first &+ 4, size)
                var c = first &+ 1
                while c < last {
                    let k = keys[c]
                    if k < best { best = k; child = c }
                    c &+= 1
                }
                if best >= key { break }
                keys[i] = best
                vertices[i] = vertices[child]
                i = child
            }
            keys[i] = key
            vertices[i] = vertex
        }
        return top
    }
}
