/// One problem found in an input file, reported as `file:line: message`.
public struct InputProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line number; 0 when the problem concerns the whole file.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Bad input data: every problem found (up to a cap). The command-line tool prints one line per
/// problem and exits with status 65.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]
    /// Problems found beyond the cap and not listed.
    public var omitted: Int

    public init(problems: [InputProblem], omitted: Int = 0) {
        self.problems = problems
        self.omitted = omitted
    }

    public init(file: String, line: Int, _ message: String) {
        self.init(problems: [InputProblem(file: file, line: line, message: message)])
    }

    public var description: String {
        var lines = problems.map(\.description)
        if omitted > 0 { lines.append("... and \(omitted) more problems") }
        return lines.joined(separator: "\n")
    }
}

/// Gathers problems while a reader keeps going, so that one run reports all of them.
package struct ProblemLog: Sendable {
    /// The most problems listed; later ones are only counted.
    package static let cap = 50

    package private(set) var problems: [InputProblem] = []
    package private(set) var omitted = 0

    package init() {}

    package var isEmpty: Bool { problems.isEmpty }

    package mutating func report(_ file: String, _ line: Int, _ message: String) {
        if problems.count < Self.cap {
            problems.append(InputProblem(file: file, line: line, message: message))
        } else {
            omitted += 1
        }
    }

    /// Appends `other`'s problems (their lines moved down by `lineOffset`) and its omitted count,
    /// keeping the cap.
    package mutating func append(_ other: ProblemLog, lineOffset: Int = 0) {
        for problem in other.problems {
            report(problem.file, problem.line > 0 ? problem.line + lineOffset : 0, problem.message)
        }
        omitted += other.omitted
    }

    /// The problems of `first` and `second` (each in line order) in line order, `first`'s before
    /// `second`'s on the same line, under the cap; what either omitted stays counted.
    package static func merged(_ first: ProblemLog, _ second: ProblemLog) -> ProblemLog {
        var result = ProblemLog()
        var i = 0, j = 0
        while i < first.problems.count || j < second.problems.count {
            let takeFirst = j == second.problems.count
                || (i < first.problems.count && first.problems[i].line <= second.problems[j].line)
            let problem = takeFirst ? first.problems[i] : second.problems[j]
            if takeFirst { i += 1 } else { j += 1 }
            result.report(problem.file, problem.line, problem.message)
        }
        result.omitted += first.omitted + second.omitted
        return result
    }

    /// Throws an ``InputError`` holding the problems, if there are any.
    package func throwIfAny() throws {
        if !problems.isEmpty { throw InputError(problems: problems, omitted: omitted) }
    }
}
