@testable import MeshworkAlgorithms
import Foundation
import Testing

/// The persistent worker team of the block-synchronous community kernels: every task of every
/// round runs exactly once, on a worker of the team, whatever the team's size and however short
/// or long the rounds; rounds after the helpers fell asleep still run; the team stops cleanly.
@Suite("Worker team")
struct WorkerTeamTests {
    /// Runs `rounds` rounds of varying task counts and counts, per task, the runs and the workers seen.
    static func exercise(size: Int, rounds: Int, sleepEvery: Int? = nil) -> (runs: [Int], badWorker: Bool) {
        let team = _WorkerTeam(size: size)
        defer { team.stop() }
        let maximumTasks = 97
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: rounds * maximumTasks)
        counts.initialize(repeating: 0, count: rounds * maximumTasks)
        defer { counts.deallocate() }
        let workerSeen = UnsafeMutablePointer<Int>.allocate(capacity: rounds * maximumTasks)
        workerSeen.initialize(repeating: -1, count: rounds * maximumTasks)
        defer { workerSeen.deallocate() }
        var expected: [Int] = []
        for round in 0..<rounds {
            let tasks = (round * 37) % (maximumTasks + 1)  // 0 ... 97, including 0 and 1
            if let sleepEvery, round % sleepEvery == sleepEvery - 1 {
                // Long enough for the helpers to stop spinning and sleep on the condition.
                usleep(3_000)
            }
            team.run(tasks: tasks) { worker, task in
                counts[round * maximumTasks + task] += 1
                workerSeen[round * maximumTasks + task] = worker
            }
            for task in 0..<maximumTasks { expected.append(task < tasks ? 1 : 0) }
        }
        var runs: [Int] = []
        var badWorker = false
        for i in 0..<(rounds * maximumTasks) {
            runs.append(counts[i] == expected[i] ? 1 : 0)
            if counts[i] > 0 && !(0..<size).contains(workerSeen[i]) { badWorker = true }
        }
        return (runs, badWorker)
    }

    @Test("every task of every round runs exactly once, on a worker of the team", arguments: [1, 2, 3, 5])
    func everyTaskOnce(size: Int) {
        let (runs, badWorker) = Self.exercise(size: size, rounds: 400)
        #expect(runs.allSatisfy { $0 == 1 })
        #expect(!badWorker)
    }

    @Test("rounds after the helpers fell asleep still run every task once", arguments: [2, 3])
    func afterSleeping(size: Int) {
        let (runs, badWorker) = Self.exercise(size: size, rounds: 40, sleepEvery: 4)
        #expect(runs.allSatisfy { $0 == 1 })
        #expect(!badWorker)
    }

    @Test("a team stops at once when it never ran a round, and after many")
    func stops() {
        for size in 1...4 {
            let idle = _WorkerTeam(size: size)
            idle.stop()
        }
        let busy = _WorkerTeam(size: 2)
        var total = 0
        for _ in 0..<1_000 { busy.run(tasks: 2) { _, _ in } ; total += 1 }
        busy.stop()
        #expect(total == 1_000)
    }
}
