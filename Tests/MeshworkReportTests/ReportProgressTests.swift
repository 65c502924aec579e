import Foundation
import MeshworkCore
import MeshworkIO
import MeshworkReport
import MeshworkTestSupport
import Testing

/// The report tells its caller about its long steps (the CLI prints them on a terminal), and
/// nothing it tells goes into the page.
@Suite("Report progress")
struct ReportProgressTests {
    /// The (step, seconds) pairs a report reported, in order.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(String, Double?)] = []
        func add(_ step: String, _ seconds: Double?) { lock.withLock { entries.append((step, seconds)) } }
        var all: [(step: String, seconds: Double?)] { lock.withLock { entries } }
    }

    @Test("each step is told when it starts and how long it took, in page order; the page is the same without it")
    func steps() throws {
        let loaded = try Fixtures.load("workplace-invs15")
        let log = Log()
        let spans = (before: try #require(DateSpan(parsing: "..2015-06-05")), after: try #require(DateSpan(parsing: "2015-06-08..")))
        let told = try HTMLReport(loaded, options: .init(threads: 2, comparison: spans, progress: log.add)).html
        let silent = try HTMLReport(loaded, options: .init(threads: 2, comparison: spans)).html
        #expect(told == silent)
        let steps = ["communities (Leiden)", "maps", "member map", "growth", "comparison of two spans",
                     "boundary spanners (brokerage)", "introductions", "who holds the network together", "boundaries"]
        #expect(log.all.map(\.step) == steps.flatMap { [$0, $0] })
        for (k, entry) in log.all.enumerated() {
            if k % 2 == 0 { #expect(entry.seconds == nil) } else { #expect(entry.seconds.map { $0 >= 0 && $0 < 600 } == true) }
        }
        // A plain graph: its two steps.
        let plain = Log()
        _ = try HTMLReport(Fixtures.load("karate/karate.edges"), options: .init(threads: 1, progress: plain.add))
        #expect(plain.all.map(\.step) == ["communities (Leiden)", "communities (Leiden)", "member map", "member map"])
    }

    @Test("brokers: each step is told when it starts and how long it took; the table is the same without it")
    func brokerSteps() throws {
        let loaded = try Fixtures.load("lazega-lawyers")
        let log = Log(), shares = Log()
        let told = try BrokerReport(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42, threads: 2,
                                    progress: log.add, shares: { shares.add($0, $1) })
        let silent = try BrokerReport(loaded, level: .hierarchy(.organisation), weighted: false, seed: 42, threads: 2)
        #expect(told.constraint.map(\.bitPattern) == silent.constraint.map(\.bitPattern))
        #expect(told.roles.total == silent.roles.total && told.partition.group == silent.partition.group)
        let steps = ["groups", "brokerage roles", "structural holes", "module roles", "bridges and articulation points"]
        #expect(log.all.map(\.step) == steps.flatMap { [$0, $0] })
        // The two long steps tell their shares, rising to 1.
        for step in ["brokerage roles", "structural holes"] {
            let told = shares.all.filter { $0.step == step }.compactMap(\.seconds)
            #expect(told.last == 1 && zip(told, told.dropFirst()).allSatisfy { $0 < $1 }, "\(step)")
        }
        #expect(Set(shares.all.map(\.step)) == ["brokerage roles", "structural holes"])
        for (k, entry) in log.all.enumerated() {
            if k % 2 == 0 { #expect(entry.seconds == nil) } else { #expect(entry.seconds.map { $0 >= 0 && $0 < 600 } == true) }
        }
    }
}
