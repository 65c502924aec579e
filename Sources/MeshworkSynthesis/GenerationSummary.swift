/// What ``CommunityGenerator/write(to:progress:)`` wrote.
public struct GenerationSummary: Sendable, Equatable {
    /// Member nodes (the configured `members`).
    public var members: Int
    /// Organisation nodes.
    public var organisations: Int
    /// Region nodes (always 18).
    public var regions: Int
    /// Partner nodes (always 4).
    public var partners: Int
    /// Rows of `interactions.csv`.
    public var interactions: Int
    /// Rows of `attendance.csv`.
    public var attendances: Int
    /// Distinct events in `attendance.csv`.
    public var events: Int

    /// Creates a summary from its counts.
    public init(members: Int, organisations: Int, regions: Int, partners: Int,
                interactions: Int, attendances: Int, events: Int) {
        self.members = members
        self.organisations = organisations
        self.regions = regions
        self.partners = partners
        self.interactions = interactions
        self.attendances = attendances
        self.events = events
    }
}
