import MeshworkAlgorithms
import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

/// `--from/--until` (``LoadOptions/span``) against the independent growth reference
/// (`fixtures/goldens/make_growth_goldens.py`): the network over a span ending on a period's last
/// day has exactly that period's present members and ties.
@Suite("Date spans")
struct DateSpanTests {
    static let cases: [(golden: String, dataset: String, window: Int?)] = [
        ("email-eu-core-temporal-month", "email-eu-core-temporal", nil),
        ("email-eu-core-temporal-month-window3", "email-eu-core-temporal", 3),
        ("workplace-invs15-day", "workplace-invs15", nil),
        ("workplace-invs15-day-window3", "workplace-invs15", 3),
        ("school-like-day", "school-like", nil),
    ]

    func date(_ text: String) -> CivilDate {
        let parts = text.split(separator: "-").map { Int($0)! }
        return CivilDate(year: parts[0], month: parts[1], day: parts[2])!
    }

    /// The dataset is read once and restricted to each period in process, as ``GraphLoader`` does
    /// with a span; the last period goes through `GraphLoader.load(_:options:)` with the span too.
    @Test("members and ties over [from, until] equal the reference's period rows", arguments: cases.indices)
    func againstGrowthReference(index: Int) throws {
        let c = Self.cases[index]
        let golden = try Fixtures.golden("growth/" + c.golden)
        let starts = golden.column("period_start"), ends = golden.column("period_end")
        let members = golden.column("members"), ties = golden.column("ties")
        let community = try #require(try Fixtures.load(c.dataset).community)
        for row in golden.rows.indices {
            let from = c.window.map { starts[max(0, row - $0 + 1)] }
            let span = DateSpan(from: from.map(date), until: date(ends[row]))
            let graph = community.restricted(to: span).memberNetwork(weighted: false).graph
            #expect(String(graph.vertexCount) == members[row], "\(c.golden) \(span): members")
            #expect(String(graph.edgeCount) == ties[row], "\(c.golden) \(span): ties")
            if row == golden.rows.count - 1 {
                let loaded = try GraphLoader.load(Fixtures.root + "/" + c.dataset, options: LoadOptions(span: span))
                #expect(String(loaded.graph.vertexCount) == members[row], "\(c.golden) \(span): loaded members")
                #expect(String(loaded.graph.edgeCount) == ties[row], "\(c.golden) \(span): loaded ties")
            }
        }
    }

    @Test("a restricted community keeps ids, groups, attributes and presence; weights sum the span's records")
    func restriction() throws {
        let whole = try Fixtures.load("email-eu-core-temporal", weighted: true)
        let community = try #require(whole.community)
        let span = DateSpan(from: date("2004-02-01"), until: date("2004-03-31"))
        let spring = community.restricted(to: span)
        let presence = community.presenceDays
        let kept = (0..<community.memberCount).filter { presence[$0] <= span.until!.daysSinceEpoch }
        #expect(spring.memberCount == kept.count && kept.count < community.memberCount)
        let organisations = community.partition(.organisation), keptOrganisations = spring.partition(.organisation)
        for (i, m) in kept.enumerated() {
            let id = community.ids[community.members[m]]
            #expect(spring.ids[spring.members[i]] == id)
            #expect(keptOrganisations.names[Int(keptOrganisations.group[i])] == organisations.names[Int(organisations.group[m])])
            #expect(spring.presenceDays[i] == presence[m], "presence of \(id) survives the span")
        }
        // The restricted member network equals the whole community's network over the span's
        // records, induced on the kept members.
        let restricted = spring.memberNetwork(weighted: true).graph
        let direct = community.memberNetwork(from: span.firstTime, through: span.lastTime, weighted: true).graph
        var keep = [Bool](repeating: false, count: community.memberCount)
        for m in kept { keep[m] = true }
        let induced = direct.induced(keeping: keep).graph
        #expect(restricted.offsets == induced.offsets && restricted.targets == induced.targets)
        #expect(restricted.weights == induced.weights)
        #expect(induced.edgeCount == direct.edgeCount, "every tie in the span joins present members")
    }
}
