import MeshworkCore

/// A group of members followed on its own through a growth series.
public enum Cohort: Sendable, Equatable, CustomStringConvertible {
    /// Members who joined in a calendar year: by their `joined` date, or, without one, the date
    /// they became present (their first tie).
    case joinedIn(year: Int)
    /// Members present in the series' first period.
    case founding

    /// Parses `founding` or a year such as `2019`.
    public init?(_ text: String) {
        if text == "founding" {
            self = .founding
        } else if let year = Int(text), year > 0 {
            self = .joinedIn(year: year)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .joinedIn(let year): return String(year)
        case .founding: return "founding"
        }
    }
}

extension _GrowthRecords {
    /// 1 for the members of `cohort`, 0 for the others: the weights of the series of the network
    /// among the cohort's members (``GrowthSeries/cohort``).
    /// - Complexity: O(M).
    func weights(of cohort: Cohort) -> [Int] {
        return (0..<community.memberCount).map { m in
            switch cohort {
            case .founding:
                return presentFrom[m] == 0 ? 1 : 0
            case .joinedIn(let year):
                let joined = community.joined[Int(community.members[m])]
                let day: CivilDate? = joined != Int32.min ? CivilDate(daysSinceEpoch: joined)
                    : firstTieDay[m]
                return day?.components.year == year ? 1 : 0
            }
        }
    }
}
