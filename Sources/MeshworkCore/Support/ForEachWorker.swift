import Dispatch

/// Calls `body(worker)` for every worker in `0..<workers`, concurrently when there are several,
/// and returns when all are done.
///
///     forEachWorker(2) { worker in process(ranges[worker]) }
///
/// The caller guarantees that the workers only read shared state and write disjoint memory (each
/// its own range, slot or batch); that is what makes sharing `body`'s captures safe.
///
/// - Complexity: `workers` calls of `body`; one dispatch of `workers` tasks.
package func forEachWorker(_ workers: Int, _ body: (Int) -> Void) {
    if workers <= 1 { body(0); return }
    withoutActuallyEscaping(body) { body in
        let shared = _UncheckedWorkerBody(body: body)
        DispatchQueue.concurrentPerform(iterations: workers) { shared.body($0) }
    }
}

/// A worker body handed to Dispatch; ``forEachWorker(_:_:)``'s callers guarantee its safety.
private struct _UncheckedWorkerBody: @unchecked Sendable {
    let body: (Int) -> Void
}
