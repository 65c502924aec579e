import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import MeshworkTestSupport
import Testing

/// `meshwork growth` against the independent reference (fixtures/goldens/make_growth_goldens.py).
@Suite("meshwork growth")
struct GrowthCommandTests {
    /// `fixtures/goldens/growth/<dataset>-<period>[-window<K>].csv`, for the datasets in the repository.
    static let goldens: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.root + "/goldens/growth")) ?? []
        return files.filter { $0.hasSuffix(".csv") }.sorted().filter { file in
            // hospital-ward's data may not be redistributed: its fixture exists only where it was converted.
            !file.hasPrefix("hospital-ward") || FileManager.default.fileExists(atPath: Fixtures.root + "/hospital-ward/nodes.csv")
        }
    }()

    func table(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    /// The series the default lane runs through the binary: one without and one with `--window`,
    /// on the two smallest datasets. Every other reference series runs in the large lane here and,
    /// except the example community's and the monthly e-mail series, in process in the default
    /// lane (`MeshworkReportTests`, ``GrowthReport`` column by column against the same files).
    static let smallSeries: Set<String> = ["school-like-day.csv", "workplace-invs15-day-window3.csv"]

    @Test("every reference column agrees, period by period, on the other series", .tags(.large), .largeLane,
          arguments: goldens.filter { !smallSeries.contains($0) })
    func largeReference(file: String) throws { try reference(file: file) }

    @Test("every reference column agrees, period by period", arguments: goldens.filter(smallSeries.contains))
    func reference(file: String) throws {
        var name = String(file.dropLast(4))
        var flags: [String] = []
        if let range = name.range(of: "-window") {
            flags += ["--window", String(name[range.upperBound...])]
            name = String(name[..<range.lowerBound])
        }
        let period = String(name[name.index(after: name.lastIndex(of: "-")!)...])
        let dataset = String(name[..<name.lastIndex(of: "-")!])
        let run = try Meshwork.run(["growth", Meshwork.fixture(dataset), "--period", period] + flags)
        #expect(run.status == 0, "\(run.stderr)")
        let ours = table(run.stdout)
        let golden = table(try String(contentsOfFile: Fixtures.root + "/goldens/growth/" + file, encoding: .utf8))
        #expect(Array(ours.header.prefix(15)) == Array(golden.header.prefix(15)), "the contract's columns first, in order")
        #expect(ours.rows.count == golden.rows.count)
        for (column, name) in golden.header.enumerated() {
            let mine = try #require(ours.header.firstIndex(of: name), "column \(name)")
            for (r, (a, b)) in zip(ours.rows, golden.rows).enumerated() {
                let x = a[mine], y = b[column]
                let same = x == y || (Double(x).flatMap { fx in Double(y).map { agrees(fx, $0, tolerance: 1e-9) } } ?? false)
                #expect(same, "\(file) row \(r) \(name): \(x) vs \(y)")
            }
        }
    }

    @Test("JSON has the same values; usage errors")
    func json() throws {
        let csv = try Meshwork.run(["growth", Meshwork.fixture("email-eu-core-temporal"), "--period", "quarter", "--basic"])
        let json = try Meshwork.run(["growth", Meshwork.fixture("email-eu-core-temporal"), "--period", "quarter", "--basic",
                                     "--format", "json"])
        let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        let rows = table(csv.stdout)
        #expect(objects.count == rows.rows.count)
        #expect(objects.first?["ties"] as? Int == Int(rows.rows[0][3]))
        #expect(!rows.header.contains("clustering"), "--basic leaves out the network measures")
        #expect(try Meshwork.run(["growth", Meshwork.fixture("karate/karate.edges"), "--period", "month"]).status == 64)
        #expect(try Meshwork.run(["growth", Meshwork.fixture("karate-club"), "--period", "fortnight"]).status == 64)
        #expect(try Meshwork.run(["growth", Meshwork.fixture("karate-club"), "--period", "month", "--window", "0"]).status == 64)
    }

    @Test("--bootstrap intervals on the e-mail network by quarter, same bytes for any --threads",
          .tags(.large), .largeLane)
    func largeBootstrap() throws {
        let args = ["growth", Meshwork.fixture("email-eu-core-temporal"), "--period", "quarter", "--basic",
                    "--bootstrap", "20", "--seed", "3"]
        let one = try Meshwork.run(args + ["--threads", "1"])
        let two = try Meshwork.run(args + ["--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout, "\(one.stderr)")
    }

    @Test("--bootstrap intervals (same bytes for any --threads), --charts SVG, --cohort and --member")
    func extras() throws {
        let dir = try TemporaryDirectory()
        // Twelve days of the workplace study (the e-mail network by quarter in the large lane); the
        // intervals' thread independence is also GrowthSeriesTests' (in process).
        let dataset = Meshwork.fixture("workplace-invs15")
        let args = ["growth", dataset, "--period", "day", "--basic", "--bootstrap", "20", "--seed", "3"]
        let one = try Meshwork.run(args + ["--threads", "1", "--charts", dir.path + "/charts"])
        let two = try Meshwork.run(args + ["--threads", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout, "\(one.stderr)")
        let header = table(one.stdout).header
        #expect(Array(header[6...8]) == ["density", "density_low", "density_high"])
        let charts = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/charts").sorted()
        #expect(charts.contains("density.svg") && charts.contains("ties.svg"))
        for chart in charts {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/charts/" + chart))
            #expect(XMLParser(data: data).parse(), "\(chart) is well-formed XML")
        }
        let density = try String(contentsOfFile: dir.path + "/charts/density.svg", encoding: .utf8)
        #expect(density.contains("<polygon") && density.contains("<polyline"), "band and line")

        let ego = try Meshwork.run(["growth", dataset, "--period", "day", "--member", "1"])
        #expect(ego.status == 0)
        #expect(table(ego.stdout).header.prefix(6) == ["period_start", "period_end", "present", "degree", "new_ties", "lost_ties"])
        #expect(try Meshwork.run(["growth", dataset, "--period", "day", "--member", "nobody"]).status == 64)

        // Members and ties only (--basic): the network measures of the cohort's series are the
        // kernels' (GrowthSeriesTests checks a cohort's series in process).
        let founding = try Meshwork.run(["growth", Meshwork.fixture("example-community"), "--period", "year", "--basic",
                                         "--cohort", "founding"])
        let all = try Meshwork.run(["growth", Meshwork.fixture("example-community"), "--period", "year", "--basic"])
        let cohortRows = table(founding.stdout).rows, allRows = table(all.stdout).rows
        #expect(founding.status == 0 && cohortRows.count == allRows.count)
        #expect(zip(cohortRows, allRows).allSatisfy { Int($0[2])! <= Int($1[2])! && Int($0[3])! <= Int($1[3])! })
        #expect(try Meshwork.run(["growth", dataset, "--period", "year", "--cohort", "someday"]).status == 64)
    }
}
