import Foundation
import MeshworkCore

/// A small valid community and the hostile changes the fuzzing test makes to it.
///
/// The dataset has a full hierarchy (partner -> region -> organisation -> member), two attribute
/// columns, interactions over two years with kinds and weights, and event attendance, so that every
/// command has something to compute. A case applies one to three mutations, each of one kind:
/// a hostile value substituted into a typed cell (date, weight, id, name, kind), raw byte changes,
/// or a whole line duplicated, dropped or cut short.
struct HostileDataset {
    var files: [String: [UInt8]]
    var changes: [String] = []

    static let fileNames = ["nodes.csv", "interactions.csv", "attendance.csv"]

    /// The valid starting point.
    static func valid() -> HostileDataset {
        var nodes = "id,kind,name,parent,joined,gender,email\n"
        nodes += "P1,partner,England,,,,\nP2,partner,Wales,,,,\n"
        nodes += "R1,region,North East,P1,,,\nR2,region,\"London, Inner\",P1,,,\nR3,region,Cymru,P2,,,\n"
        for o in 1...5 { nodes += "O\(o),organisation,Trust \(o),R\(o % 3 + 1),,,\n" }
        for m in 1...18 {
            let joined = m % 4 == 0 ? "" : "2020-0\(m % 9 + 1)-1\(m % 10)"
            nodes += "M\(m),member,Member \(m),O\(m % 5 + 1),\(joined),\(m % 2 == 0 ? "f" : "m"),m\(m)@example.org\n"
        }
        var interactions = "source,target,date,kind,weight\n"
        let kinds = ["event", "lab", "message", "mentoring"]
        for i in 0..<40 {
            let a = i % 18 + 1, b = (i * 7 + 3) % 18 + 1
            guard a != b else { continue }
            let month = i % 12 + 1
            let date = i % 5 == 0 ? "202\(i % 3)-\(month < 10 ? "0" : "")\(month)-15T10:30:00+01:00"
                                  : "202\(i % 3)-\(month < 10 ? "0" : "")\(month)-0\(i % 9 + 1)"
            interactions += "M\(a),M\(b),\(date),\(kinds[i % 4]),\(i % 3 + 1)\(i % 2 == 0 ? ".5" : "")\n"
        }
        var attendance = "event,member,date\n"
        for e in 1...4 { for m in stride(from: e, through: 18, by: 5) { attendance += "E\(e),M\(m),2021-0\(e + 2)-0\(m % 9 + 1)\n" } }
        return HostileDataset(files: ["nodes.csv": Array(nodes.utf8), "interactions.csv": Array(interactions.utf8),
                                      "attendance.csv": Array(attendance.utf8)])
    }

    // MARK: - Hostile values by column type

    static let dates = [
        "9999-12-31", "0001-01-01", "0000-01-01", "10000-01-01", "2020-02-30", "2021-02-29", "2020-13-01",
        "2020-00-10", "2020-1-5", "20200105", "2020-01-05T25:00:00Z", "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00", "2020-01-05T10:00:00+99:00", "2020-01-05T10:00:00.123456789Z",
        "2020-01-05 10:00", "-2020-01-01", "", " ", "2020-01-05T", "1970-01-01", "1900-02-28", "2024-02-29",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2020-W05", "2020-01-05Z",
    ]
    static let weights = [
        "1e155", "1e308", "1.7e308", "1.79e308", "4.9e-324", "1e-320", "2.2e-308", "1e-300", "0", "-0", "-1",
        "nan", "NaN", "inf", "-inf", "Infinity", "0x10", "0x1p3", "1e", "1.", ".5", "+3", "1,5", "", " ",
        "1e400", "99999999999999999999999999999", "0.000000000000000000001", "3 4",
    ]
    static let ids = [
        "", " ", "M1", "M2", "O1", "R1", "P1", "E1", "\"M1\"", "M1 ", "\u{00e9}\u{0301}", "\u{1F600}", "a,b",
        "\"a\"\"b\"", "<script>", "a\nb", "--help", "-o", "%x", "#x", String(repeating: "x", count: 70_000),
        "node\u{0}", "\u{202E}evil",
    ]
    static let names = [
        "", "<b>&amp;\"'</b>", "\\N \\G \\L", "Ann \"A\" Lee", "line\nbreak", String(repeating: "N", count: 200_000),
        "]]><!--", "\u{FEFF}bom", "{label}", "a|b|c", "\u{7F}\u{1B}[31m",
    ]
    static let kinds = ["", "Member", "MEMBER", "member ", "country", "organization", "partner", "region",
                        "organisation", "member", "event", "\u{0}"]

    /// Which columns of each file hold which type of value.
    static let columnTypes: [String: [Int: [String]]] = [
        "nodes.csv": [0: ids, 1: kinds, 2: names, 3: ids, 4: dates, 5: names, 6: names],
        "interactions.csv": [0: ids, 1: ids, 2: dates, 3: names, 4: weights],
        "attendance.csv": [0: ids, 1: ids, 2: dates],
    ]

    static let bytes: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, 0x00, 0xFF, 0xC3,
                                 UInt8(ascii: "x"), UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "e"),
                                 UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ":"), UInt8(ascii: "#")]

    // MARK: - Mutations

    /// Applies one random mutation.
    mutating func mutate(_ random: inout SplitMix64) {
        let file = Self.fileNames[random.below(Self.fileNames.count)]
        switch random.below(10) {
        case 0..<6: substituteValue(in: file, &random)
        case 6..<8: mutateBytes(in: file, &random)
        default: mutateLines(in: file, &random)
        }
    }

    /// Puts one hostile value into a typed column of one to six rows (several rows, so that sums
    /// of huge weights overflow and repeated bad dates reach every period computation).
    private mutating func substituteValue(in file: String, _ random: inout SplitMix64) {
        var lines = String(decoding: files[file]!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dataLines = lines.indices.filter { $0 > 0 && !lines[$0].isEmpty && !lines[$0].contains("\"") }
        guard !dataLines.isEmpty else { return }
        let types = Self.columnTypes[file]!
        let column = types.keys.sorted()[random.below(types.count)]
        let pool = types[column]!
        var value = pool[random.below(pool.count)]
        if value.contains(",") || value.contains("\"") || value.contains("\n") {
            value = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let rowCount = random.below(2) == 0 ? 1 : 2 + random.below(5)
        var rows: [Int] = []
        for _ in 0..<rowCount {
            let row = dataLines[random.below(dataLines.count)]
            var cells = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard column < cells.count else { continue }
            cells[column] = value
            lines[row] = cells.joined(separator: ",")
            rows.append(row + 1)
        }
        files[file] = Array(lines.joined(separator: "\n").utf8)
        let shown = value.prefix(40).debugDescription + (value.count > 40 ? " (\(value.count) characters)" : "")
        changes.append("\(file): lines \(rows) column \(column + 1) = \(shown)")
    }

    private mutating func mutateBytes(in file: String, _ random: inout SplitMix64) {
        var bytes = files[file]!
        let count = 1 + random.below(4)
        for _ in 0..<count where !bytes.isEmpty {
            let position = random.below(bytes.count)
            let byte = Self.bytes[random.below(Self.bytes.count)]
            switch random.below(3) {
            case 0: bytes[position] = byte
            case 1: bytes.remove(at: position)
            default: bytes.insert(byte, at: position)
            }
            changes.append("\(file): byte \(position) changed (\(byte))")
        }
        files[file] = bytes
    }

    private mutating func mutateLines(in file: String, _ random: inout SplitMix64) {
        var lines = String(decoding: files[file]!, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = random.below(lines.count)
        switch random.below(4) {
        case 0: lines.insert(lines[line], at: line); changes.append("\(file): line \(line + 1) duplicated")
        case 1: lines.remove(at: line); changes.append("\(file): line \(line + 1) removed")
        case 2:
            let cut = random.below(max(1, lines[line].utf8.count))
            lines[line] = String(decoding: Array(lines[line].utf8.prefix(cut)), as: UTF8.self)
            changes.append("\(file): line \(line + 1) cut at \(cut)")
        default:
            let bytes = files[file]!
            let cut = random.below(bytes.count + 1)
            files[file] = Array(bytes.prefix(cut))
            changes.append("\(file): file cut at byte \(cut)")
            return
        }
        files[file] = Array(lines.joined(separator: "\n").utf8)
    }

    /// Writes the files into `directory`.
    func write(to directory: String) throws {
        for (name, bytes) in files { try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name)) }
    }
}

extension SplitMix64 {
    /// A uniformly drawn element of a non-empty array.
    mutating func element<T>(_ array: [T]) -> T { array[below(array.count)] }
}
