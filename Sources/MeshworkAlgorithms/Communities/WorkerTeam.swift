import CSpinWait
import Foundation

/// A team of persistent worker threads for kernels that hand out many short rounds of work (the
/// block-synchronous community kernels wake their workers once per block: about 80 times per sweep
/// on a 100,000-vertex graph). The calling thread is worker 0; the `size - 1` helpers are started
/// once, wait for the next round by spinning briefly (then sleep on a condition), and take tasks
/// from a shared counter, as OpenMP's runtime does for NetworKit. A round costs no system call
/// while the helpers are still spinning, where a Dispatch round wakes a sleeping thread every time.
///
/// Which worker runs which task never changes a result: callers write only their worker's scratch
/// and their task's own slots (the contract of ``_BlockState/parallel(tasks:_:)``).
///
/// Call ``stop()`` when done (it joins the helpers).
///
/// - Complexity: one round is `tasks` calls of the body plus O(size) atomic operations.
final class _WorkerTeam: @unchecked Sendable {
    /// Workers, the calling thread included.
    let size: Int
    /// The shared words: the round's generation, the helpers done with it, the next task, the
    /// round's task count, the helpers asleep, and the stop flag (one cache line each would only
    /// matter with many more workers than the two to eight this team serves).
    private let words: UnsafeMutablePointer<Int>
    private var body: ((Int, Int) -> Void)?
    private let sleep = NSCondition()
    private let exited = DispatchSemaphore(value: 0)

    /// About 20-100 microseconds of spinning (a `pause` takes tens of cycles): longer than the
    /// calling thread's sequential step between two blocks, far shorter than a scheduler tick.
    private static let spins = 4_000

    private enum Word: Int { case generation = 0, finished, nextTask, taskCount, sleepers, stopped }

    init(size: Int) {
        self.size = max(1, size)
        words = .allocate(capacity: 6)
        words.initialize(repeating: 0, count: 6)
        for worker in 1..<self.size {
            let thread = Thread { [self] in helperLoop(worker: worker) }
            thread.name = "meshwork-worker-\(worker)"
            thread.start()
        }
    }

    deinit { words.deallocate() }

    private func word(_ w: Word) -> UnsafeMutablePointer<Int> { words + w.rawValue }

    /// Runs `body(worker, task)` for every task in `0..<tasks` on the team and returns when all
    /// are done. Must be called from one thread at a time (the kernel's driving thread).
    func run(tasks: Int, _ body: (_ worker: Int, _ task: Int) -> Void) {
        guard tasks > 0 else { return }
        guard size > 1, tasks > 1 else {
            for task in 0..<tasks { body(0, task) }
            return
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            meshwork_atomic_store(word(.nextTask), 0)
            meshwork_atomic_store(word(.taskCount), tasks)
            meshwork_atomic_store(word(.finished), 0)
            _ = meshwork_atomic_fetch_add(word(.generation), 1)
            if meshwork_atomic_load(word(.sleepers)) > 0 {
                sleep.lock(); sleep.broadcast(); sleep.unlock()
            }
            takeTasks(worker: 0, body)
            // Wait for the helpers to finish their last task (short: at most one task each).
            var spins = 0
            while meshwork_atomic_load(word(.finished)) < size - 1 {
                spins += 1
                if spins < Self.spins { meshwork_spin_pause() } else { sched_yield() }
            }
            self.body = nil
        }
    }

    /// Stops and joins the helpers; the team cannot be used afterwards.
    func stop() {
        guard size > 1 else { return }
        meshwork_atomic_store(word(.stopped), 1)
        _ = meshwork_atomic_fetch_add(word(.generation), 1)
        sleep.lock(); sleep.broadcast(); sleep.unlock()
        for _ in 1..<size { exited.wait() }
    }

    private func takeTasks(worker: Int, _ body: (Int, Int) -> Void) {
        let tasks = meshwork_atomic_load(word(.taskCount))
        while true {
            let task = meshwork_atomic_fetch_add(word(.nextTask), 1)
            guard task < tasks else { return }
            body(worker, task)
        }
    }

    private func helperLoop(worker: Int) {
        var seen = 0
        while true {
            var spins = 0
            while meshwork_atomic_load(word(.generation)) == seen {
                spins += 1
                if spins < Self.spins { meshwork_spin_pause(); continue }
                sleep.lock()
                _ = meshwork_atomic_fetch_add(word(.sleepers), 1)
                while meshwork_atomic_load(word(.generation)) == seen { sleep.wait() }
                _ = meshwork_atomic_fetch_add(word(.sleepers), -1)
                sleep.unlock()
            }
            seen = meshwork_atomic_load(word(.generation))
            if meshwork_atomic_load(word(.stopped)) != 0 { break }
            if let body { takeTasks(worker: worker, body) }
            _ = meshwork_atomic_fetch_add(word(.finished), 1)
        }
        exited.signal()
    }
}
