import Foundation
import MeshworkCore

/// Generates a synthetic improvement community, modelled on the UK's Q community, as a Meshwork
/// dataset directory (`nodes.csv`, `interactions.csv`, `attendance.csv`; see docs/data-contract.md).
///
/// The community has four country partners, eighteen regions (the fifteen English Academic Health
/// Science Network areas, Scotland, Wales and Northern Ireland), organisations of heavy-tailed size,
/// a founding cohort that joins on the start date and logistic growth to `members` over the
/// following years. Members interact through messages (mostly within their organisation and
/// region), mentoring (a senior member and a newer one, monthly for a few months), labs
/// (cross-organisation project teams meeting monthly) and events (8-60 attendees, mostly regional).
/// A few members are `connector`s with many ties across organisations, regions and partners.
///
///     var configuration = CommunityGenerator.Configuration(members: 2_500, seed: 42)
///     configuration.years = 10
///     let summary = try CommunityGenerator(configuration).write(to: "example-community")
///     print(summary.interactions, summary.attendances)
///
/// The output depends only on the configuration: the same configuration gives byte-identical files.
///
/// - Complexity: O(members + records) time and about 20 bytes per record of extra space, where
///   records is about `members * (interactionsPerMember + attendancesPerMember)`.
public struct CommunityGenerator: Sendable {
    /// What to generate.
    public struct Configuration: Sendable {
        /// The number of members at the end date.
        public var members: Int
        /// The seed of every random choice.
        public var seed: UInt64
        /// The day the founding cohort joins (default 2015-01-01).
        public var startDate: CivilDate
        /// How many years the community grows; records are dated before `startDate` + `years`.
        public var years: Int
        /// The founding cohort, all joining on `startDate` (capped at `members`).
        public var foundingMembers: Int
        /// The mean number of members per organisation (there are at least three organisations).
        public var membersPerOrganisation: Int
        /// The mean number of `interactions.csv` rows per member.
        public var interactionsPerMember: Double
        /// The mean number of `attendance.csv` rows per member.
        public var attendancesPerMember: Double
        /// Connectors (cross-boundary brokers) per thousand members.
        public var connectorsPerThousand: Double

        /// The defaults: ten years from 2015-01-01, 231 founders, about 20 members per organisation,
        /// 8.8 interactions and 1.2 event attendances per member, 5 connectors per thousand.
        public init(members: Int, seed: UInt64) {
            self.members = members
            self.seed = seed
            startDate = CivilDate(year: 2015, month: 1, day: 1)!
            years = 10
            foundingMembers = 231
            membersPerOrganisation = 20
            interactionsPerMember = 8.8
            attendancesPerMember = 1.2
            connectorsPerThousand = 5
        }

        /// The example community that `meshwork demo` analyses and `fixtures/example-community`
        /// holds: 2,500 members, seed 42, the defaults.
        public static let example = Configuration(members: 2_500, seed: 42)

        /// The first day after the generated period: no record is dated on or after it.
        public var endDate: CivilDate {
            let (year, month, day) = startDate.components
            let target = year + years
            return CivilDate(year: target, month: month, day: min(day, CivilDate.daysInMonth(year: target, month: month)))
                ?? startDate.adding(days: Int32(365 * years))
        }
    }

    /// The configuration this generator writes.
    public let configuration: Configuration

    /// Creates a generator; nothing is computed until ``write(to:progress:)``.
    ///
    /// - Complexity: O(1).
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Writes `nodes.csv`, `interactions.csv` and `attendance.csv` into `directory` (created if
    /// missing), each atomically, and returns what was written.
    ///
    /// - Parameter progress: called now and then with the fraction done (0...1), on this thread.
    /// - Throws: ``GenerationError`` for an invalid configuration; `OutputError` when a file cannot
    ///   be written.
    /// - Complexity: O(members + records) time; about 20 bytes per record and 40 bytes per member of
    ///   extra space.
    public func write(to directory: String, progress: ((Double) -> Void)? = nil) throws -> GenerationSummary {
        try configuration.validate()
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw GenerationError.cannotCreateDirectory(directory, reason: error.localizedDescription)
        }
        progress?(0)
        let root = SplitMix64(seed: configuration.seed)
        var community = SyntheticCommunity(configuration, rng: root.split(1))
        progress?(0.04)

        var log = SyntheticInteractions(
            days: community.totalDays,
            expected: Int(Double(community.memberCount) * configuration.interactionsPerMember * 1.05) + 64
        )
        var draws = root.split(2)
        generateMessages(community, &log, &draws)
        draws = root.split(3)
        let mentees = generateMentoring(community, &log, &draws)
        draws = root.split(4)
        generateLabs(community, &log, &draws)
        progress?(0.2)
        draws = root.split(5)
        let events = generateEvents(community, &draws)
        community.assignRoles(mentees: mentees)
        progress?(0.25)

        let dates = DateTable(firstDay: community.startDay, days: community.totalDays)
        draws = root.split(6)
        try writeNodes(community, dates, to: directory + "/nodes.csv", &draws)
        progress?(0.35)
        try writeInteractions(log, community, dates, to: directory + "/interactions.csv") { fraction in
            progress?(0.35 + 0.55 * fraction)
        }
        try writeAttendance(events, community, dates, to: directory + "/attendance.csv")
        progress?(1)

        return GenerationSummary(
            members: community.memberCount,
            organisations: community.organisationCount,
            regions: RegionTable.regions.count,
            partners: RegionTable.partners.count,
            interactions: log.count,
            attendances: events.attendanceCount,
            events: events.count
        )
    }
}

