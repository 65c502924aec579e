import MeshworkCore
import Testing

@Suite("InteractionLog.sortByTime")
struct InteractionLogTests {
    /// A log of `count` interactions with times drawn by `time`; the source records input order.
    func log(_ count: Int, _ time: (Int) -> Int64) -> InteractionLog {
        var log = InteractionLog()
        for i in 0..<count {
            log.append(source: Int32(i), target: Int32(i % 7), time: time(i), weight: Double(i) + 0.5)
        }
        return log
    }

    /// Every column permuted by the stable order of the times, computed the naive way.
    func expectStableSorted(_ original: InteractionLog) {
        var sorted = original
        sorted.sortByTime()
        let order = (0..<original.count).sorted {
            original.times[$0] != original.times[$1] ? original.times[$0] < original.times[$1] : $0 < $1
        }
        #expect(sorted.times == order.map { original.times[$0] })
        #expect(sorted.sources == order.map { original.sources[$0] })
        #expect(sorted.targets == order.map { original.targets[$0] })
        #expect(sorted.weights == order.map { original.weights[$0] })
    }

    @Test("sorted logs, two sorted runs (ties keep input order) and arbitrary logs", arguments: 0..<8)
    func stable(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.below(400)
        let split = rng.below(n)
        let times = (0..<n).map { _ in Int64(rng.below(50)) }
        expectStableSorted(log(n) { Int64($0 / 3) })                                   // already sorted
        let firstRun = times[..<split].sorted(), secondRun = times[split...].sorted()
        expectStableSorted(log(n) { $0 < split ? firstRun[$0] : secondRun[$0 - split] })  // two runs
        expectStableSorted(log(n) { times[$0] })                                       // anything
    }
}
