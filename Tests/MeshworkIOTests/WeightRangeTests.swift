import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Weights outside the accepted range")
struct WeightRangeTests {
    static func problem(_ read: () throws -> Void) -> InputProblem? {
        do { try read() } catch let error as InputError { return error.problems.first } catch { return nil }
        return nil
    }

    @Test("edge lists: the bounds read; beyond them, subnormal and overflowing weights name their line",
          arguments: [("1e-101", "is outside the accepted range [1e-100, 1e100]"), ("0.99e-100", "is outside the accepted range [1e-100, 1e100]"), ("1.1e100", "is outside the accepted range [1e-100, 1e100]"),
                      ("4.9e-324", "is outside the accepted range [1e-100, 1e100]"), ("1e155", "is outside the accepted range [1e-100, 1e100]"),
                      ("1.7e308", "is outside the accepted range [1e-100, 1e100]"), ("1e400", "must be a finite number > 0")])
    func edgeList(weight: String, message: String) throws {
        let path = try Scratch.file("a b 1e100\nb c 1e-100\n# c\nc d \(weight)\n")
        defer { Scratch.remove(path) }
        let found = Self.problem { _ = try EdgeListReader(weighted: true).read(path: path) }
        #expect(found?.line == 4)
        #expect(found?.message == "weight \(weight) \(message)")
    }

    @Test("GraphML: an edge weight outside the range names the edge's data line")
    func graphML() throws {
        let path = try Scratch.file("""
            <graphml><key id="w" for="edge" attr.name="weight" attr.type="double"/>
            <graph edgedefault="undirected"><node id="a"/><node id="b"/><node id="c"/>
            <edge source="a" target="b"><data key="w">1e100</data></edge>
            <edge source="b" target="c">
              <data key="w">2e-101</data></edge>
            </graph></graphml>
            """, suffix: ".graphml")
        defer { Scratch.remove(path) }
        let found = Self.problem { _ = try GraphMLReader(weighted: true).read(path: path) }
        #expect(found?.line == 5)
        #expect(found?.message == "weight 2e-101 is outside the accepted range [1e-100, 1e100]")
    }

    @Test("interactions.csv: a weight outside the range names its row")
    func interactions() throws {
        let dir = try Scratch.dataset([
            "nodes.csv": "id,kind\na,member\nb,member\n",
            "interactions.csv": "source,target,date,weight\na,b,2020-01-01,1e100\na,b,2020-01-02,1e-100\nb,a,2020-01-03,3e100\n"])
        defer { Scratch.remove(dir) }
        let found = Self.problem { _ = try DatasetReader().read(directory: dir) }
        #expect(found?.file.hasSuffix("/interactions.csv") == true)
        #expect(found?.line == 4)
        #expect(found?.message == "weight 3e100 is outside the accepted range [1e-100, 1e100]")
    }

    static let sumMessage = "makes the records of 'b' and 'a' sum to 1.1e+100, above the accepted [1e-100, 1e100]"

    @Test("edge lists: the record that lifts a pair's sum (either direction) above 1e100 names its line")
    func edgeListSum() throws {
        let path = try Scratch.file("# c\na b 6e99\n\nb c 1\nb a 5e99\nc a 1\n")
        defer { Scratch.remove(path) }
        let found = Self.problem { _ = try EdgeListReader(weighted: true).read(path: path) }
        #expect(found?.line == 5)
        #expect(found?.message.hasPrefix("weight 5e+99 " + Self.sumMessage) == true, "\(String(describing: found))")
        // Unweighted, the third column is ignored.
        #expect(Self.problem { _ = try EdgeListReader(weighted: false).read(path: path) } == nil)
    }

    @Test("GraphML and interactions.csv: the record that lifts a pair's sum above 1e100 names its line")
    func otherSums() throws {
        let graphML = try Scratch.file("""
            <graphml><key id="w" for="edge" attr.name="weight" attr.type="double"/>
            <graph edgedefault="directed"><node id="a"/><node id="b"/>
            <edge source="a" target="b"><data key="w">6e99</data></edge>
            <edge source="a" target="b"/>
            <edge source="b" target="a">
              <data key="w">5e99</data></edge>
            </graph></graphml>
            """, suffix: ".graphml")
        defer { Scratch.remove(graphML) }
        let fromGraphML = Self.problem { _ = try GraphMLReader(weighted: true).read(path: graphML) }
        #expect(fromGraphML?.line == 6)
        #expect(fromGraphML?.message.contains("sum to 1.1e+100") == true, "\(String(describing: fromGraphML))")
        let dir = try Scratch.dataset([
            "nodes.csv": "id,kind\na,member\nb,member\n",
            "interactions.csv": "source,target,date,kind,weight\na,b,2020-01-01,x,6e99\n\"b\",a,2020-01-02,\"two\nlines\",1\nb,a,2020-01-03,x,5e99\n"])
        defer { Scratch.remove(dir) }
        let fromDataset = Self.problem { _ = try DatasetReader().read(directory: dir) }
        #expect(fromDataset?.line == 5)
        #expect(fromDataset?.message.hasPrefix("weight 5e+99 " + Self.sumMessage) == true, "\(String(describing: fromDataset))")
    }

    @Test("a graph read within the range writes an edge list that reads back (ties at 1e100 included)")
    func roundTrip() throws {
        let path = try Scratch.file("a b 5e99\nb a 5e99\nb c 1e-100\nc a 1e100\n")
        let copy = path + ".copy"
        defer { Scratch.remove(path); Scratch.remove(copy) }
        let loaded = try GraphLoader.load(path, options: LoadOptions(weighted: true))
        try EdgeListWriter.write(loaded.graph, labels: loaded.labels, to: copy)
        let again = try GraphLoader.load(copy, options: LoadOptions(weighted: true))
        #expect(again.graph.weights == loaded.graph.weights)
        #expect(loaded.graph.weights?.max() == 1e100)
    }
}
