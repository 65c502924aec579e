import MeshworkAlgorithms
import MeshworkIO
import MeshworkRender
import MeshworkReport
import MeshworkTestSupport
import Testing

/// Maps speak plain words: communities named by what they hold, groups by their names, levels
/// without jargon, and a level of one group said so.
@Suite("Map words")
struct MapWordsTests {
    @Test("member map: communities are numbered by size and named by their organisations; no level jargon")
    func communities() throws {
        let loaded = try Fixtures.load("school-like")
        let map = try NetworkMap.document(loaded, options: NetworkMap.Options())
        #expect(map.legendTitle == "Community")
        #expect(map.crossingLabel == "tie across communities")
        #expect(map.legend.first?.label.hasPrefix("Community 1: ") == true)
        for (i, entry) in map.legend.enumerated() {
            #expect(entry.label.hasPrefix("Community \(i + 1): "), "\(entry.label)")
            #expect(entry.label.contains(": mostly Class ") || entry.label.contains(" and "), "\(entry.label)")
        }
        #expect(!map.dot.contains(">c0<") && !map.dot.contains("community: c") && !map.dot.contains("attribute:"))
        var byGender = NetworkMap.Options()
        byGender.colourBy = .attribute("gender")
        let gender = try NetworkMap.document(loaded, options: byGender)
        #expect(gender.legendTitle == "Gender" && gender.crossingLabel == "tie across gender groups")
        #expect(!gender.dot.contains("attribute:"))
    }

    @Test("group maps: names from nodes.csv, coloured by themselves under a one-group level; one group is said so")
    func groups() throws {
        let loaded = try Fixtures.load("school-like")
        var options = NetworkMap.Options()
        options.level = .groups(.hierarchy(.organisation))
        let organisations = try NetworkMap.document(loaded, options: options)
        #expect(organisations.legendTitle == "Organisation")
        #expect(organisations.legend.contains { $0.label == "Class 1A" })
        #expect(!organisations.legend.contains { $0.label == "class-1a" || $0.label == "unknown" })
        #expect(organisations.notes.contains { $0.hasPrefix("All 11 organisations; each with its 8 heaviest ties") })
        options.level = .groups(.hierarchy(.region))
        let region = try NetworkMap.document(loaded, options: options)
        #expect(region.nodes.count == 1)
        #expect(region.notes == ["All 242 members with a known region are in one: A primary school (synthetic)."])
    }
}
