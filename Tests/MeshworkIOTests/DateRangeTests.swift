import MeshworkCore
import MeshworkIO
import MeshworkTestSupport
import Testing

@Suite("Dates outside the supported range")
struct DateRangeTests {
    func parse(_ text: String) -> Result<Int64, ISO8601.Failure> {
        Array(text.utf8).withUnsafeBufferPointer { ISO8601.seconds($0) }
    }

    @Test("the first and last instants of the range read; an offset that leaves it is outOfRange")
    func iso() throws {
        let first = Int64(CivilDate.supportedRange.lowerBound.daysSinceEpoch) * 86_400
        let last = (Int64(CivilDate.supportedRange.upperBound.daysSinceEpoch) + 1) * 86_400 - 1
        #expect(try parse("0001-01-01").get() == first)
        #expect(try parse("0001-01-01T00:00:00-14:00").get() == first + 14 * 3600)
        #expect(try parse("9999-12-31T23:59:59Z").get() == last)
        #expect(try parse("9999-12-31T23:59:59+01:00").get() == last - 3600)
        #expect(parse("0001-01-01T00:00:00+14:00") == .failure(.outOfRange))
        #expect(parse("0001-01-01T00:00:00+00:01") == .failure(.outOfRange))
        #expect(parse("9999-12-31T23:59:59-14:00") == .failure(.outOfRange))
        #expect(parse("9999-12-31T23:00-0100") == .failure(.outOfRange))
        #expect(parse("0000-12-31") == .failure(.impossible))
    }

    @Test("datasets name the file and line of a date outside the range",
          arguments: ["interactions.csv", "attendance.csv", "nodes.csv"])
    func dataset(file: String) throws {
        var files = ["nodes.csv": "id,kind,joined\na,member,\nb,member,\n",
                     "interactions.csv": "source,target,date\na,b,2020-01-01\n",
                     "attendance.csv": "event,member,date\ne,a,2020-01-01\ne,b,2020-01-02\n"]
        switch file {
        case "nodes.csv": files[file] = "id,kind,joined\na,member,\nb,member,0001-01-01T00:00+14:00\n"
        case "interactions.csv": files[file] = "source,target,date\na,b,2020-01-01\na,b,9999-12-31T23:59:59-14:00\n"
        default: files[file] = "event,member,date\ne,a,2020-01-01\ne,b,0001-01-01T00:00:00+00:30\n"
        }
        let dir = try Scratch.dataset(files)
        defer { Scratch.remove(dir) }
        let error = #expect(throws: InputError.self) { try DatasetReader().read(directory: dir) }
        #expect(error?.problems.count == 1)
        #expect(error?.problems.first?.file.hasSuffix("/" + file) == true)
        #expect(error?.problems.first?.line == 3)
        #expect(error?.description.contains("outside the supported range 0001-01-01 to 9999-12-31 UTC") == true)
    }

    @Test("records on the first and last days of the range read")
    func edges() throws {
        let dir = try Scratch.dataset([
            "nodes.csv": "id,kind,joined\na,member,0001-01-01\nb,member,9999-12-31T23:59:59Z\nc,member,\n",
            "interactions.csv": "source,target,date\na,b,0001-01-01T00:00:00Z\na,c,9999-12-31\n",
            "attendance.csv": "event,member,date\ne,b,9999-12-31T12:00-11:59\ne,c,9999-12-31\n"])
        defer { Scratch.remove(dir) }
        let community = try DatasetReader().read(directory: dir)
        #expect(community.recordCount == 3)  // two interactions and the b-c co-attendance tie
        let bounds = try #require(community.recordBounds)
        #expect(utcDay(bounds.lowerBound) == "0001-01-01")
        #expect(utcDay(bounds.upperBound) == "9999-12-31")
    }

    func utcDay(_ seconds: Int64) -> String {
        CivilDate(daysSinceEpoch: Int32((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)).description
    }
}
