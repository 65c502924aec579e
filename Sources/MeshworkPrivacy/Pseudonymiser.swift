import Crypto
import Foundation
import MeshworkCore
import MeshworkIO

/// Replaces member ids and names with stable keyed pseudonyms, so that tables about people in
/// health and care can be published.
///
/// A pseudonym is `p` followed by the first 16 hexadecimal digits (64 bits) of
/// HMAC-SHA-256(key, id): the same id and key always give the same pseudonym, in every run and
/// every output, so tables stay joinable; without the key, ids cannot be recovered by hashing
/// guesses (which an unkeyed hash would allow for ids such as staff numbers). With 64 bits, two of
/// a million members share a pseudonym with probability below 3 · 10⁻⁸.
///
///     let pseudonyms = try Pseudonymiser(key: Array("a long secret phrase".utf8))
///     pseudonyms.pseudonym(for: "M0001")   // "p3f1c…", 17 characters
///
/// - Complexity: O(length of the id) per pseudonym.
/// - Note: HMAC: Krawczyk, Bellare & Canetti, RFC 2104, 1997; SHA-256: FIPS 180-4.
public struct Pseudonymiser: LabelPseudonyms {
    /// The environment variable that can hold the key (a passphrase).
    public static let environmentVariable = "MESHWORK_PSEUDONYM_KEY"
    /// The shortest key accepted, in bytes.
    public static let minimumKeyLength = 16

    private let keyBytes: [UInt8]

    /// - Throws: ``PseudonymKeyError`` when the key is shorter than ``minimumKeyLength`` bytes.
    public init(key: [UInt8]) throws {
        guard key.count >= Self.minimumKeyLength else { throw PseudonymKeyError.tooShort(key.count) }
        self.keyBytes = key
    }

    /// The key from `file` (its bytes, without a final newline) or, when `file` is nil, from the
    /// environment variable ``environmentVariable``.
    public static func loadingKey(file: String?) throws -> Pseudonymiser {
        if let file {
            InputFiles.record(path: file)
            guard var bytes = FileManager.default.contents(atPath: file).map(Array.init) else {
                throw PseudonymKeyError.unreadable(file)
            }
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            return try Pseudonymiser(key: bytes)
        }
        guard let phrase = ProcessInfo.processInfo.environment[environmentVariable], !phrase.isEmpty else {
            throw PseudonymKeyError.missing
        }
        return try Pseudonymiser(key: Array(phrase.utf8))
    }

    /// The pseudonym of `id`.
    public func pseudonym(for id: String) -> String {
        Self.pseudonym(for: id, key: SymmetricKey(data: keyBytes))
    }

    private static func pseudonym(for id: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(id.utf8), using: key)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "p")]
        for byte in mac.prefix(8) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A copy of `loaded` that holds nothing that identifies a person: its vertex labels are
    /// pseudonyms; for a dataset, member ids and names are pseudonyms too (organisations, regions
    /// and partners keep their ids and names: they are groups, not persons); and every attribute
    /// column (the extra columns of `nodes.csv`, or GraphML node data such as a name or an
    /// e-mail address) is dropped unless `kept` names it. The result records the dropped columns
    /// in ``LoadedGraph/droppedAttributes`` (so that asking for one can be told apart from a
    /// typing error) and the pseudonymiser in ``LoadedGraph/pseudonyms`` (so that an id given on
    /// the command line can still be found).
    ///
    /// - Throws: ``KeptAttributeError`` when `kept` names a column the input does not have.
    /// - Complexity: O(V + N + bytes of the ids) for V vertices and N dataset nodes.
    public func pseudonymised(_ loaded: LoadedGraph, keepingAttributes kept: [String] = []) throws -> LoadedGraph {
        let key = SymmetricKey(data: keyBytes)
        func pseudonym(for id: String) -> String { Self.pseudonym(for: id, key: key) }
        var result = loaded
        result.labels = LabelTable(loaded.labels.labels.map(pseudonym(for:)))
        result.pseudonyms = self
        let available = loaded.community?.attributeNames ?? loaded.attributeNames
        if let missing = kept.first(where: { !available.contains($0) }) {
            throw KeptAttributeError(name: missing, available: available)
        }
        func keeping(_ names: [String], _ values: [[String]]) -> ([String], [[String]], dropped: [String]) {
            let columns = names.indices.filter { kept.contains(names[$0]) }
            return (columns.map { names[$0] }, columns.map { values[$0] },
                    names.filter { !kept.contains($0) })
        }
        if var community = loaded.community {
            var ids: [String] = []
            ids.reserveCapacity(community.ids.count)
            for node in 0..<community.ids.count {
                let id = community.ids[Int32(node)]
                ids.append(community.kinds[node] == .member ? pseudonym(for: id) : id)
            }
            for member in community.members { community.names[Int(member)] = pseudonym(for: ids[Int(member)] + "#name") }
            community.ids = LabelTable(ids)
            let columns = keeping(community.attributeNames, community.attributeValues)
            (community.attributeNames, community.attributeValues) = (columns.0, columns.1)
            result.droppedAttributes = columns.dropped
            result.community = community
        } else {
            let columns = keeping(loaded.attributeNames, loaded.attributeValues)
            (result.attributeNames, result.attributeValues) = (columns.0, columns.1)
            result.droppedAttributes = columns.dropped
        }
        return result
    }
}

/// `--keep-attribute` named a column that the input does not have.
public struct KeptAttributeError: Error, CustomStringConvertible {
    public var name: String
    public var available: [String]

    public var description: String {
        let columns = available.isEmpty ? "it has none" : "it has " + available.joined(separator: ", ")
        return "--keep-attribute \(name): the input has no attribute column \(name) (\(columns))"
    }
}

/// Why a pseudonym key could not be used.
public enum PseudonymKeyError: Error, CustomStringConvertible {
    case missing
    case tooShort(Int)
    case unreadable(String)

    public var description: String {
        switch self {
        case .missing:
            return "--pseudonymise needs a key: --pseudonym-key FILE or the \(Pseudonymiser.environmentVariable) environment variable"
        case .tooShort(let count):
            return "the pseudonym key has \(count) bytes; use at least \(Pseudonymiser.minimumKeyLength)"
        case .unreadable(let file):
            return "cannot read the pseudonym key file \(file)"
        }
    }
}
