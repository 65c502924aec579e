import Foundation
import MeshworkIO

/// The repository's `fixtures/` folder and its NetworkX goldens, shared by the test targets.
public enum Fixtures {
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }()

    public struct Entry: Decodable, CustomStringConvertible, Sendable {
        public var name: String
        public var input: String
        public var directed: Bool
        public var weighted: Bool
        public var description: String { name }
        public var path: String { Fixtures.root + "/" + input }
        public var options: LoadOptions { LoadOptions(directed: directed, weighted: weighted) }
    }

    /// Every entry of `fixtures/goldens/manifest.json`.
    public static let manifest: [Entry] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: root + "/goldens/manifest.json"))
        return try! JSONDecoder().decode([Entry].self, from: data)
    }()

    /// A golden table: the header's columns and one row of fields per node.
    public struct Golden {
        public var columns: [String]
        public var rows: [[String]]

        public func column(_ name: String) -> [String] {
            let index = columns.firstIndex(of: name)!
            return rows.map { $0[index] }
        }
    }

    public static func golden(_ name: String) throws -> Golden {
        let text = try String(contentsOfFile: root + "/goldens/\(name).csv", encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        return Golden(columns: header, rows: lines)
    }

    public struct GoldenStats: Decodable {
        public var nodes: Int
        public var edges: Int
        public var self_loops: Int
        public var components: Int
    }

    public static func stats(_ name: String) throws -> GoldenStats {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/goldens/\(name).stats.json"))
        return try JSONDecoder().decode(GoldenStats.self, from: data)
    }
}

extension Fixtures {
    /// One case of `fixtures/goldens/brokers-manifest.json`: per-member broker goldens made by
    /// `fixtures/goldens/make_broker_goldens.py` (NetworkX for constraint and effective size, the
    /// papers' formulas in plain Python for the rest).
    public struct BrokerCase: Decodable, CustomStringConvertible, Sendable {
        public var name: String
        public var input: String
        public var directed: Bool
        public var weighted: Bool
        /// `organisation` or `attribute:NAME`.
        public var level: String
        public var description: String { name }

        public static let all: [BrokerCase] = {
            let url = URL(fileURLWithPath: Fixtures.root + "/goldens/brokers-manifest.json")
            return try! JSONDecoder().decode([BrokerCase].self, from: Data(contentsOf: url))
        }()
    }
}

/// Whether two numbers agree within `tolerance`, relative to the larger magnitude (absolute near 0).
public func agrees(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
