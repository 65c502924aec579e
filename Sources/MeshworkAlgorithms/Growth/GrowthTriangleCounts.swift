import MeshworkCore

/// The network of one period as a subset of the network of all time, with every member's degree
/// and triangle count kept up to date as ties are added and removed.
///
/// Ties are either toggled one at a time (``toggle(_:_:entry:)``, adding or removing), or added as
/// a batch (``addPending(_:entry:)`` for each, then ``closePending(team:)``), whose triangles are
/// counted on a worker team: a triangle that the batch closes is counted once, at its batch tie
/// that comes first in (smaller end, larger end) order, so the counts are those of adding the
/// ties one by one, whatever the team.
///
/// - Complexity: O(M + E) memory for the all-time network's E ties and M members; a toggle of
///   `{u, v}`, or a batch tie, is O(d_u + d_v) in all-time degrees.
struct _TriangleCounts {
    let graph: CSRGraph
    /// Per entry: 0 when its tie is absent, 1 when present, 2 while pending (both entries of a
    /// tie alike).
    private var state: [UInt8]
    private(set) var degree: [Int32]
    private(set) var triangles: [Int]
    /// Ties added since the last ``closePending(team:)``: each one's entry in the row of `u`.
    private var pending: [(entry: Int32, u: VertexID)] = []
    /// Marks the present neighbours of one end of a toggled tie.
    private var stamp: [Int]
    private var stamps = 0

    init(_ graph: CSRGraph) {
        self.graph = graph
        state = [UInt8](repeating: 0, count: graph.targets.count)
        degree = [Int32](repeating: 0, count: graph.vertexCount)
        triangles = [Int](repeating: 0, count: graph.vertexCount)
        stamp = [Int](repeating: 0, count: graph.vertexCount)
    }

    /// Whether the tie of `entry` is in the network (pending ties are).
    func isPresent(_ entry: Int) -> Bool { state[entry] != 0 }

    /// Adds the tie `{u, v}` (its entry in u's row) when absent, removes it when present, and
    /// updates the triangle counts of u, v and every common neighbour present.
    mutating func toggle(_ u: VertexID, _ v: VertexID, entry: Int) {
        precondition(pending.isEmpty, "pending ties are closed first")
        let back = graph.edgeIndex(v, u)!
        let adding = state[entry] == 0
        state[entry] = adding ? 1 : 0
        state[back] = adding ? 1 : 0
        let change = adding ? 1 : -1
        degree[Int(u)] += Int32(change)
        degree[Int(v)] += Int32(change)
        // Mark the present neighbours of the end with the shorter row, scan the other's.
        let (a, b) = graph.degree(u) <= graph.degree(v) ? (u, v) : (v, u)
        stamps += 1
        let mark = stamps
        var common = 0
        graph.targets.withUnsafeBufferPointer { targets in
        state.withUnsafeBufferPointer { state in
        stamp.withUnsafeMutableBufferPointer { stamp in
        triangles.withUnsafeMutableBufferPointer { triangles in
            for q in graph.row(a) where state[q] != 0 { stamp[Int(targets[q])] = mark }
            for q in graph.row(b) where state[q] != 0 {
                let w = Int(targets[q])
                if stamp[w] == mark { triangles[w] += change; common += 1 }
            }
        }}}}
        triangles[Int(u)] += change * common
        triangles[Int(v)] += change * common
    }

    /// NetworkX `average_clustering` over the members present in `period` (`presentFrom[v] <=
    /// period`), in member order (the sum of ``Clustering``'s local coefficients, the same bits);
    /// NaN without one.
    func averageClustering(presentFrom: [Int], period: Int) -> Double {
        var sum = 0.0, members = 0
        for v in 0..<graph.vertexCount where presentFrom[v] <= period {
            members += 1
            guard triangles[v] != 0 else { continue }
            let d = Double(degree[v])
            sum += 2 * Double(triangles[v]) / (d * (d - 1))
        }
        return members == 0 ? .nan : sum / Double(members)
    }

    /// The network of the present ties on the members with one (`tied`, in member order: member
    /// `tied[i]` is vertex `i`, and `compactID[v]` member v's vertex or -1), rows sorted.
    /// - Complexity: O(M + E) over the all-time network.
    func tiedNetwork() -> (network: CSRGraph, tied: [VertexID], compactID: [Int32]) {
        var tied: [VertexID] = []
        var compactID = [Int32](repeating: -1, count: graph.vertexCount)
        for v in 0..<graph.vertexCount where degree[v] > 0 {
            compactID[v] = Int32(tied.count)
            tied.append(VertexID(v))
        }
        var offsets = [Int32](repeating: 0, count: tied.count + 1)
        for (i, v) in tied.enumerated() { offsets[i + 1] = offsets[i] + degree[Int(v)] }
        var targets = [Int32](repeating: 0, count: Int(offsets[tied.count]))
        graph.targets.withUnsafeBufferPointer { all in
        state.withUnsafeBufferPointer { state in
        compactID.withUnsafeBufferPointer { compactID in
        targets.withUnsafeMutableBufferPointer { targets in
            var next = 0
            for q in 0..<all.count where state[q] != 0 { targets[next] = compactID[Int(all[q])]; next += 1 }
        }}}}
        return (CSRGraph(isDirected: false, offsets: offsets, targets: targets, weights: nil), tied, compactID)
    }
}

extension _TriangleCounts {
    /// Adds the tie of `entry` (in u's row, u its smaller end) to the pending batch and returns
    /// true, or returns false when it is present (or pending) already. Degrees count it at once;
    /// triangles at ``closePending(team:)``.
    mutating func addPending(_ u: VertexID, entry: Int) -> Bool {
        guard state[entry] == 0 else { return false }
        let v = graph.targets[entry]
        precondition(u < v, "a pending tie is named by its smaller end")
        state[entry] = 2
        degree[Int(u)] += 1
        degree[Int(v)] += 1
        pending.append((Int32(entry), u))
        return true
    }

    /// Counts the triangles the pending ties close, on `team`'s workers (each with its own marks
    /// and counts, summed after), and makes them present.
    /// - Complexity: O(Σ (d_u + d_v)) over the pending ties, O(M) per worker.
    mutating func closePending(team: _WorkerTeam) {
        guard !pending.isEmpty else { return }
        let n = graph.vertexCount
        let workers = team.size
        // Per worker: a mark per member, the state of the marked tie, and triangle counts.
        let stamp = UnsafeMutablePointer<Int32>.allocate(capacity: n * workers)
        stamp.initialize(repeating: 0, count: n * workers)
        let markedState = UnsafeMutablePointer<UInt8>.allocate(capacity: n * workers)
        let found = UnsafeMutablePointer<Int32>.allocate(capacity: n * workers)
        found.initialize(repeating: 0, count: n * workers)
        let stamps = UnsafeMutablePointer<Int32>.allocate(capacity: workers)
        stamps.initialize(repeating: 0, count: workers)
        defer { stamp.deallocate(); markedState.deallocate(); found.deallocate(); stamps.deallocate() }
        let chunk = 1024
        let tasks = (pending.count + chunk - 1) / chunk
        var backs = [Int32](repeating: 0, count: pending.count)
        // Each pending tie's entry in its larger end's row, marked pending too (distinct entries).
        let graph = self.graph
        state.withUnsafeMutableBufferPointer { stateBuffer in
        backs.withUnsafeMutableBufferPointer { backsBuffer in
        pending.withUnsafeBufferPointer { pending in
            let state = stateBuffer, backs = backsBuffer
            let body = { (_: Int, task: Int) in
                for i in (task * chunk)..<min(pending.count, (task + 1) * chunk) {
                    let back = graph.edgeIndex(graph.targets[Int(pending[i].entry)], pending[i].u)!
                    backs[i] = Int32(back)
                    state[back] = 2
                }
            }
            team.run(tasks: tasks, body)
        }}}
        graph.offsets.withUnsafeBufferPointer { offsets in
        graph.targets.withUnsafeBufferPointer { targets in
        state.withUnsafeBufferPointer { state in
        pending.withUnsafeBufferPointer { pending in
            // Whether tie {p, q} comes after {x, y} (x < y) in (smaller end, larger end) order.
            @inline(__always) func after(_ p: Int32, _ q: Int32, _ x: Int32, _ y: Int32) -> Bool {
                let (low, high) = p < q ? (p, q) : (q, p)
                return low > x || (low == x && high > y)
            }
            let body = { (worker: Int, task: Int) in
                let mark = stamp + worker * n, markState = markedState + worker * n, count = found + worker * n
                for i in (task * chunk)..<min(pending.count, (task + 1) * chunk) {
                    // u < v: the tie's place in (smaller end, larger end) order.
                    let u = pending[i].u, v = targets[Int(pending[i].entry)]
                    let degreeU = offsets[Int(u) + 1] - offsets[Int(u)], degreeV = offsets[Int(v) + 1] - offsets[Int(v)]
                    let (a, b) = degreeU <= degreeV ? (u, v) : (v, u)
                    stamps[worker] += 1
                    let s = stamps[worker]
                    for q in Int(offsets[Int(a)])..<Int(offsets[Int(a) + 1]) where state[q] != 0 {
                        let w = Int(targets[q])
                        mark[w] = s
                        markState[w] = state[q]
                    }
                    var closed: Int32 = 0
                    for q in Int(offsets[Int(b)])..<Int(offsets[Int(b) + 1]) where state[q] != 0 {
                        let w = targets[q]
                        guard mark[Int(w)] == s else { continue }
                        // Counted here only if every other pending tie of the triangle comes after.
                        if markState[Int(w)] == 2 && !after(a, w, u, v) { continue }
                        if state[q] == 2 && !after(b, w, u, v) { continue }
                        count[Int(w)] += 1
                        closed += 1
                    }
                    count[Int(u)] += closed
                    count[Int(v)] += closed
                }
            }
            team.run(tasks: tasks, body)
        }}}}
        for worker in 0..<workers {
            for v in 0..<n { triangles[v] += Int(found[worker * n + v]) }
        }
        for (tie, back) in zip(pending, backs) {
            state[Int(tie.entry)] = 1
            state[Int(back)] = 1
        }
        pending.removeAll(keepingCapacity: true)
    }
}
