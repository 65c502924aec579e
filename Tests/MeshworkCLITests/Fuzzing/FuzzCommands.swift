import Foundation
import MeshworkCore
import MeshworkTestSupport

/// The commands and flags the fuzzing test draws from, and the mutated edge-list and GraphML inputs.
enum FuzzCommands {
    static let levels = ["organisation", "region", "partner", "community", "communities", "attribute:gender",
                         "attribute:email", "attribute:nothing", "member"]
    static let periods = ["day", "week", "month", "quarter", "year"]
    static let measures = ["degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
                           "pagerank", "katz", "kcore", "clustering"]

    /// One command over a dataset directory, with random flags.
    static func datasetCommand(input: String, output: String, _ random: inout SplitMix64) -> [String] {
        var arguments: [String]
        switch random.below(14) {
        case 0: arguments = ["summary", input]
        case 1: arguments = ["components", input]
        case 2: arguments = ["centrality", input] + measures.flatMap { ["--measure", $0] }
        case 3: arguments = ["communities", input, "--method", random.element(["louvain", "leiden", "label-propagation"])]
        case 4: arguments = [random.element(["bridges", "articulation-points", "biconnected-components", "edge-betweenness"]), input]
        case 5, 6:
            arguments = ["boundaries", input, "--level", random.element(levels), "--min-cell", "1",
                         "--mixing", output + ".mixing.csv", "--ties", output + ".ties.csv", "--weak-ties", "3"]
        case 7: arguments = ["brokers", input, "--level", random.element(levels), "--top", "5"]
        case 8, 9:
            arguments = ["growth", input, "--period", random.element(periods)]
            switch random.below(6) {
            case 0: arguments += ["--window", "2"]
            case 1: arguments += ["--member", random.element(["M1", "M7", "M18", "nobody"])]
            case 2: arguments += ["--cohort", random.element(["founding", "2020", "2021"])]
            case 3: arguments += ["--bootstrap", "5", "--seed", "3"]
            case 4: arguments += ["--charts", output + ".charts", "--level", random.element(levels)]
            default: arguments += ["--format", "json"]
            }
        case 10, 11:
            arguments = ["map", input, "--format", random.element(["dot", "svg"]),
                         "--level", random.element(["member", "organisation", "region", "partner", "community"])]
            if random.below(3) == 0 { arguments += ["--until", random.element(["2020-06-30", "2021-12-31", "9999-12-31"])] }
            if random.below(4) == 0 { arguments += ["--ego", random.element(["M1", "M5"]), "--radius", "2"] }
        case 12: arguments = ["report", input]
        default: arguments = ["convert", input, "--to", random.element(["graphml", "edgelist"])]
        }
        return arguments + commonFlags(output: output, directedAllowed: false, &random)
    }

    /// One command over an edge list or GraphML file.
    static func graphCommand(input: String, output: String, _ random: inout SplitMix64) -> [String] {
        var arguments: [String]
        switch random.below(9) {
        case 0: arguments = ["summary", input]
        case 1: arguments = ["components", input]
        case 2: arguments = ["centrality", input] + measures.flatMap { ["--measure", $0] }
        case 3: arguments = ["communities", input, "--method", random.element(["louvain", "leiden", "label-propagation"])]
        case 4: arguments = [random.element(["bridges", "articulation-points", "biconnected-components", "edge-betweenness"]), input]
        case 5: arguments = ["brokers", input, "--level", "community"]
        case 6: arguments = ["boundaries", input, "--level", "community", "--min-cell", "1"]
        case 7: arguments = ["map", input, "--format", "dot"]
        default: arguments = ["convert", input, "--to", random.element(["graphml", "edgelist"])]
        }
        return arguments + commonFlags(output: output, directedAllowed: true, &random)
    }

    private static func commonFlags(output: String, directedAllowed: Bool, _ random: inout SplitMix64) -> [String] {
        var flags = ["-o", output, "--threads", random.element(["1", "2"])]
        if random.below(2) == 0 { flags.append("--weighted") }
        if directedAllowed && random.below(4) == 0 { flags.append("--directed") }
        if random.below(5) == 0 { flags.append("--pseudonymise") }
        if random.below(4) == 0 { flags += ["--stats", output + ".stats.json"] }
        return flags
    }

    // MARK: - Graph files

    static let edgeList = """
        # a small weighted graph
        a b 1.5
        b\tc 2
        % other comment
        c a 1e-3
        c d 4
        d e 1
        e f 2
        f d 3
        g g 1
        h i 0.25

        """

    static let graphML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="n" for="node" attr.name="name" attr.type="string"/>
          <key id="w" for="edge" attr.name="weight" attr.type="double"/>
          <graph edgedefault="undirected">
            <node id="a"><data key="n">Ann &amp; Co</data></node>
            <node id="b"><data key="n">Bob</data></node>
            <node id="c"/><node id="d"/><node id="e"/>
            <edge source="a" target="b"><data key="w">2.5</data></edge>
            <edge source="b" target="c"><data key="w">1</data></edge>
            <edge source="c" target="a"><data key="w">3</data></edge>
            <edge source="c" target="d"/>
            <edge source="d" target="e"><data key="w">1e-5</data></edge>
          </graph>
        </graphml>

        """

    static let weights = ["1e308", "1.7e308", "4.9e-324", "0", "-1", "nan", "inf", "0x10", "", "1 2", "1e400"]

    /// A mutated input file: its name, bytes and a description of the changes.
    static func graphFile(_ random: inout SplitMix64) throws -> (String, [UInt8], String) {
        let graphML = random.below(3) == 0
        var text = graphML ? Self.graphML : Self.edgeList
        var changes: [String] = []
        // Value substitution: a weight, or a line's field.
        if random.below(2) == 0 {
            let weight = random.element(weights)
            if graphML { text = text.replacingOccurrences(of: ">2.5<", with: ">\(weight)<") }
            else { text = text.replacingOccurrences(of: "a b 1.5", with: "a b \(weight)") }
            changes.append("weight \(weight.debugDescription)")
        }
        var bytes = Array(text.utf8)
        for _ in 0..<random.below(4) where !bytes.isEmpty {
            let position = random.below(bytes.count)
            let byte = HostileDataset.bytes[random.below(HostileDataset.bytes.count)]
            if random.below(2) == 0 { bytes[position] = byte } else { bytes.insert(byte, at: position) }
            changes.append("byte \(position) = \(byte)")
        }
        let extensionName = graphML ? "graphml" : "edges"
        switch random.below(4) {
        case 0:
            // Gzip, then damage the compressed stream: cut it, flip a byte or append garbage.
            var compressed = Gzip.stored(bytes)
            switch random.below(3) {
            case 0: let cut = random.below(compressed.count); compressed = Array(compressed.prefix(cut)); changes.append("gzip cut at \(cut)")
            case 1: let at = random.below(compressed.count); compressed[at] ^= 0x5A; changes.append("gzip byte \(at) flipped")
            default: compressed += [0x00, 0x42]; changes.append("gzip with trailing bytes")
            }
            return ("in.\(extensionName).gz", compressed, changes.joined(separator: "; "))
        case 1 where !graphML:
            // The real compressed fixture, cut short.
            let real = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/email-eu-core.edges.gz"))
            let cut = random.below(real.count)
            return ("real.edges.gz", Array(real.prefix(cut)), "email-eu-core.edges.gz cut at \(cut)")
        default:
            return ("in.\(extensionName)", bytes, changes.joined(separator: "; "))
        }
    }
}

/// A minimal gzip writer (stored deflate blocks, no compression), enough to make test streams.
enum Gzip {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        var offset = 0
        repeat {
            let count = min(65_535, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            out += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        let crc = crc32(data)
        let size = UInt32(truncatingIfNeeded: data.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((crc >> UInt32(shift)) & 0xFF)) }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((size >> UInt32(shift)) & 0xFF)) }
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
