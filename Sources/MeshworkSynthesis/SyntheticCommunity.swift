import MeshworkCore

/// The generated population: hierarchy and member attributes, stored column-wise.
///
/// Members are numbered in joining order (index 0 is `M…1`), so "members who joined by day d" is
/// always a prefix of any member list kept in index order. Days are offsets from the start date.
///
/// - Complexity: about 40 bytes per member and 50 bytes per organisation.
struct SyntheticCommunity {
    /// Member roles, as codes into ``NameTables/roles``.
    enum Role: UInt8 { case member = 0, founder, mentor, connector }

    /// What was asked for.
    let configuration: CommunityGenerator.Configuration
    let memberCount: Int
    let startDay: Int32
    /// Days from the start date to the end date (exclusive): every record's day is below it.
    let totalDays: Int

    // Organisations, in id order (grouped by region, largest first within a region).
    var organisationRegion: [Int32] = []
    var organisationName: [String] = []
    var organisationKind: [NameTables.OrganisationKind] = []
    var organisationCount: Int { organisationRegion.count }

    // Members, in joining order.
    var memberOrganisation: [Int32] = []
    var memberRegion: [Int32] = []
    /// Joining day (offset from the start date), non-decreasing in member index.
    var memberJoined: [Int32] = []
    var memberProfession: [UInt8] = []
    var memberRole: [Role] = []

    /// `presentByDay[d]` = members who joined on or before day `d`.
    var presentByDay: [Int32] = []

    // Member lists by organisation and by region (CSR; each list in joining order). Regions are
    // grouped by partner, so a partner's members are one contiguous range of `regionMembers`.
    var organisationOffsets: [Int32] = []
    var organisationMembers: [Int32] = []
    var regionOffsets: [Int32] = []
    var regionMembers: [Int32] = []

    /// Connector members, in index (joining) order.
    var connectors: [Int32] = []

    /// Builds the hierarchy, the joining days and the member attributes.
    ///
    /// - Complexity: O(members + organisations log organisations).
    init(_ configuration: CommunityGenerator.Configuration, rng: SplitMix64) {
        self.configuration = configuration
        memberCount = configuration.members
        startDay = configuration.startDate.daysSinceEpoch
        totalDays = max(1, Int(configuration.endDate.daysSinceEpoch - startDay))
        var growthDraws = rng.split(1)
        memberJoined = SyntheticCommunity.joiningDays(configuration, totalDays: totalDays, &growthDraws)
        presentByDay = SyntheticCommunity.presence(memberJoined, totalDays: totalDays)
        var hierarchyDraws = rng.split(2)
        buildHierarchy(configuration, &hierarchyDraws)
        var attributeDraws = rng.split(4)
        drawAttributes(configuration, foundingMembers: min(configuration.foundingMembers, memberCount), &attributeDraws)
    }

    /// The members of organisation `o` (joining order).
    @inline(__always)
    func organisationRange(_ o: Int) -> Range<Int> {
        Int(organisationOffsets[o])..<Int(organisationOffsets[o + 1])
    }

    /// The members of region `r` (joining order).
    @inline(__always)
    func regionRange(_ r: Int) -> Range<Int> {
        Int(regionOffsets[r])..<Int(regionOffsets[r + 1])
    }

    /// The members of the partner of region `r`, as a range of `regionMembers`.
    @inline(__always)
    func partnerRange(ofRegion r: Int) -> Range<Int> {
        let regions = RegionTable.partnerRegionRanges[RegionTable.regions[r].partner]
        return Int(regionOffsets[regions.lowerBound])..<Int(regionOffsets[regions.upperBound])
    }

    /// Members who joined on or before `day` (a prefix of the member indices).
    @inline(__always)
    func present(onOrBefore day: Int32) -> Int {
        day < 0 ? 0 : Int(presentByDay[min(Int(day), totalDays - 1)])
    }

    /// Marks connectors, mentors (at least two mentees) and founders; connector wins, then mentor.
    mutating func assignRoles(mentees: [Int32]) {
        for member in 0..<memberCount where memberRole[member] != .connector {
            if mentees[member] >= 2 { memberRole[member] = .mentor }
        }
    }
}
