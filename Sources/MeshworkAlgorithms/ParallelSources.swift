import Foundation
import MeshworkCore

/// The shared driver for all-sources kernels (betweenness, closeness): it splits the sources into a
/// fixed number of contiguous blocks and hands the blocks to `threads` workers.
///
///     let blocks = _ParallelSources.blockCount(sources: n, bytesPerBlock: n * 8)
///     _ParallelSources.run(blocks: blocks, threads: 2) { nextBlock in
///         // allocate this worker's scratch once, then:
///         while let block = nextBlock() {
///             for s in _ParallelSources.range(of: block, blocks: blocks, sources: n) { ... }
///         }
///     }
///
/// Determinism: the number of blocks and each block's sources depend only on the input, never on
/// `threads`; each block is processed sequentially by one worker and writes only its own partial
/// array (or its own output slots), and callers merge the partial arrays in block order. The
/// result is therefore bit-identical whatever the thread count and whichever worker ran a block.
///
/// - Complexity: O(blocks) lock acquisitions; no per-source overhead.
enum _ParallelSources {
    /// At most this many blocks: enough for load balance on any realistic core count.
    static let maximumBlocks = 64
    /// At most this many bytes of per-block partial results in total.
    static let partialBudget = 512 << 20

    /// The number of blocks for `sources` sources when each block needs `bytesPerBlock` bytes of
    /// partial results: `min(64, sources, budget / bytesPerBlock)` (by default 512 MB), at least 1
    /// (0 when there are no sources). Independent of the thread count by construction.
    static func blockCount(sources: Int, bytesPerBlock: Int, budget: Int = partialBudget) -> Int {
        guard sources > 0 else { return 0 }
        let byMemory = bytesPerBlock > 0 ? max(1, budget / bytesPerBlock) : maximumBlocks
        return max(1, min(maximumBlocks, sources, byMemory))
    }

    /// The contiguous range of source positions that block `block` of `blocks` covers.
    @inline(__always)
    static func range(of block: Int, blocks: Int, sources: Int) -> Range<Int> {
        (block * sources / blocks) ..< ((block + 1) * sources / blocks)
    }

    /// Contiguous vertex blocks of about equal work (`V + E` counted as one unit per vertex and one per
    /// CSR entry) for the per-vertex kernels (the parallel matrix-vector products): block `b` covers
    /// vertices `starts[b] ..< starts[b + 1]`. The count is `min(64, work / 16384)`, at least 1, and
    /// the boundaries depend only on `offsets`, never on the thread count, so per-block partial sums
    /// merged in block order give the same bits on any number of threads.
    ///
    /// - Complexity: O(blocks · log V).
    static func vertexBlocks(offsets: UnsafeBufferPointer<Int32>) -> [Int] {
        let n = offsets.count - 1
        guard n > 0 else { return [0] }
        let work = n + Int(offsets[n])
        let blocks = max(1, min(maximumBlocks, work / 16_384, n))
        var starts = [Int](repeating: 0, count: blocks + 1)
        starts[blocks] = n
        for b in 1 ..< blocks {
            // The first vertex whose work prefix `v + offsets[v]` reaches b / blocks of the total.
            let goal = b * work / blocks
            var low = starts[b - 1], high = n
            while low < high {
                let mid = (low + high) >> 1
                if mid + Int(offsets[mid]) < goal { low = mid + 1 } else { high = mid }
            }
            starts[b] = low
        }
        return starts
    }

    /// Runs `worker` on `min(threads, blocks)` workers of ``forEachWorker(_:_:)``; each call pulls
    /// block indices from a shared counter through `nextBlock` until it returns `nil`. `progress`,
    /// when given, is told the share of the blocks done (a worker's block is done when it asks for
    /// the next): for blocks of about equal work, such as ``vertexBlocks(offsets:)``'s.
    static func run(blocks: Int, threads: Int, progress: (@Sendable (_ done: Double) -> Void)? = nil,
                    _ worker: (_ nextBlock: () -> Int?) -> Void) {
        guard blocks > 0 else { return }
        let counter = _BlockCounter(limit: blocks)
        // The workers only read shared inputs and write disjoint outputs (see above).
        guard let done = _WorkProgress.tracking(total: blocks, report: progress) else {
            // Without progress, no per-worker state (its box would be an allocation per call).
            forEachWorker(max(1, min(threads, blocks))) { _ in worker { counter.take() } }
            return
        }
        forEachWorker(max(1, min(threads, blocks))) { _ in
            var holding = false
            worker {
                if holding { done.advance(by: 1) }
                let block = counter.take()
                holding = block != nil
                return block
            }
        }
    }
}

/// The share of a parallel kernel's work done (the searches of an all-sources kernel, or the
/// blocks of ``_ParallelSources/run(blocks:threads:progress:_:)``), told to a progress callback
/// from the workers: under a lock, so in increasing order, and at most once per whole percent.
/// Never changes a result.
final class _WorkProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var reportedPercent = -1
    private let report: @Sendable (_ done: Double) -> Void

    /// Progress over `total` units of work, or nil when there is no callback (or nothing to do).
    /// A factory rather than a failable initialiser: a class's failable initialiser allocates the
    /// object before it can fail, an allocation per kernel call without progress.
    static func tracking(total: Int, report: (@Sendable (_ done: Double) -> Void)?) -> _WorkProgress? {
        guard let report, total > 0 else { return nil }
        return _WorkProgress(total: total, report: report)
    }

    private init(total: Int, report: @escaping @Sendable (_ done: Double) -> Void) {
        self.total = total
        self.report = report
    }

    /// Counts `units` more units of work done.
    func advance(by units: Int) {
        lock.lock()
        defer { lock.unlock() }
        done += units
        let percent = done * 100 / total
        guard percent > reportedPercent else { return }
        reportedPercent = percent
        report(Double(done) / Double(total))
    }
}

/// A lock-protected block counter, taken once per block (never per source).
final class _BlockCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}

/// A raw pointer that workers share to write disjoint ranges (their own block's partial array or
/// their own sources' output slots). Only the driver's disjointness makes this safe.
struct _SharedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}

/// Unsafe views of one direction of a CSR graph (out-edges, or in-edges of a directed graph),
/// taken once per worker.
struct _Adjacency {
    let offsets: UnsafeBufferPointer<Int32>
    let targets: UnsafeBufferPointer<Int32>
    /// Empty when the traversal is unweighted.
    let weights: UnsafeBufferPointer<Double>
}

extension CSRGraph {
    /// Calls `body` with unsafe views of the out-edges (`reversed == false`) or of the in-edges
    /// (`reversed == true`, directed graphs only; undirected graphs use their only rows).
    func _withAdjacency<R>(reversed: Bool, weighted: Bool, _ body: (_Adjacency) -> R) -> R {
        let useIn = reversed && isDirected
        let offs = useIn ? inOffsets : offsets
        let tgts = useIn ? inSources : targets
        let wts: [Double] = weighted ? ((useIn ? inWeights : weights) ?? []) : []
        return offs.withUnsafeBufferPointer { o in
            tgts.withUnsafeBufferPointer { t in
                wts.withUnsafeBufferPointer { w in
                    body(_Adjacency(offsets: o, targets: t, weights: w))
                }
            }
        }
    }
}

