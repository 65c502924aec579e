import MeshworkAlgorithms
import MeshworkIO

/// What every analysis of the command line returns: a value that writes its primary output
/// (the table or document the command prints) and knows the command-specific figures of its
/// `--stats` file. Secondary outputs (such as the mixing table of `boundaries`) are methods of the
/// conforming type.
///
///     let loaded = try GraphLoader.load("fixtures/karate-club", options: LoadOptions())
///     let components = ComponentAnalysis(loaded)
///     try components.write(to: "components.csv")      // nil: standard output
///     print(components.statistics)                     // [("components", 1), ...]
///
/// docs/library-api.md lists the type behind each command.
public protocol AnalysisOutput {
    /// The command-specific members of the `--stats` JSON object, in order; they follow the graph's
    /// counts and the phase timings.
    var statistics: [(String, JSONValue)] { get }
    /// Remarks for people about what was written (groups suppressed, fewer members than asked),
    /// without the `meshwork: ` prefix; the command line prints them on standard error.
    var notices: [String] { get }
    /// Writes the primary output atomically to `path`, or to standard output when `path` is `nil`.
    func write(to path: String?) throws
}

extension AnalysisOutput {
    public var statistics: [(String, JSONValue)] { [] }
    public var notices: [String] { [] }
}

/// The loaded input does not allow the analysis asked for (a member it does not have, a graph on
/// which an iteration cannot converge). The message names the input, which only the caller knows
/// (the command line's GRAPH argument).
public struct AnalysisInputError: Error, Sendable {
    public enum Kind: Sendable {
        /// The request does not fit this input (the command line exits 64).
        case usage
        /// The input's data rule the analysis out (the command line exits 65, as `input:0: message`).
        case data
    }

    public let kind: Kind
    private let describe: @Sendable (String) -> String

    /// `describe` builds the message from the input's name.
    public init(_ kind: Kind, _ describe: @escaping @Sendable (_ input: String) -> String) {
        self.kind = kind
        self.describe = describe
    }

    /// The message about the input called `input`.
    public func message(input: String) -> String { describe(input) }
}

/// The two encodings of a table that commands offer with `--format`.
public enum TableFormat: String, Sendable {
    case csv, json
}

extension BoundaryLevel {
    /// The levels the boundary commands (`boundaries`, `growth`, `compare`) default to:
    /// organisation, region and partner.
    public static let hierarchyLevels: [BoundaryLevel] = [.hierarchy(.organisation), .hierarchy(.region), .hierarchy(.partner)]
}
