import Foundation
import MeshworkCore

extension SyntheticCommunity {
    /// The Pareto tail index of organisation sizes (smaller is more uneven).
    static let organisationSizeTail = 1.3
    /// The largest organisation weight, in multiples of the smallest (keeps the biggest trusts
    /// plausible at a million members).
    static let organisationSizeCap = 2_000.0
    /// Share of a region's organisations that are large bodies (trusts, health boards, universities).
    static let largeOrganisationShare = 0.1

    /// Creates the organisations, spreads members over regions by population and over each
    /// region's organisations by heavy-tailed (Pareto) size, and builds the member lists.
    ///
    /// Organisations are allotted to regions in proportion to population (at least one each when
    /// there are enough); members then fill regions in proportion to population and organisations
    /// in proportion to their Pareto weights (largest-remainder rounding, at least one member per
    /// organisation when there are enough). Slots are shuffled so joining order mixes regions.
    ///
    /// - Complexity: O(members + organisations log organisations) time, O(members) extra space.
    mutating func buildHierarchy(_ configuration: CommunityGenerator.Configuration, _ rng: inout SplitMix64) {
        let n = memberCount
        let regions = RegionTable.regions
        let organisationTotal = max(3, (n + configuration.membersPerOrganisation / 2) / configuration.membersPerOrganisation)
        let populations = regions.map(\.population)
        let organisationsPerRegion = Sampling.largestRemainder(populations, total: organisationTotal, minimum: 1)
        let memberWeights = regions.indices.map { organisationsPerRegion[$0] > 0 ? populations[$0] : 0 }
        let membersPerRegion = Sampling.largestRemainder(memberWeights, total: n, minimum: 0)

        // Organisations, region by region, largest first; their member slots grouped by region.
        var organisationSlots = [Int32](repeating: 0, count: n)
        var slotCursor = 0
        for (r, region) in regions.enumerated() where organisationsPerRegion[r] > 0 {
            let count = organisationsPerRegion[r]
            var weights = (0..<count).map { _ in 
                min(SyntheticCommunity.organisationSizeCap, pow(1 - rng.unit(), -1 / SyntheticCommunity.organisationSizeTail))
            }
            weights.sort(by: >)
            let sizes = Sampling.largestRemainder(weights, total: membersPerRegion[r], minimum: 1)
            let largeCount = max(1, Int((Double(count) * SyntheticCommunity.largeOrganisationShare).rounded()))
            var namer = OrganisationNamer(region: region)
            let first = organisationRegion.count
            for rank in 0..<count {
                let (name, kind) = namer.name(rank: rank, large: rank < largeCount, &rng)
                organisationRegion.append(Int32(r))
                organisationName.append(name)
                organisationKind.append(kind)
                for _ in 0..<sizes[rank] {
                    organisationSlots[slotCursor] = Int32(first + rank)
                    slotCursor += 1
                }
            }
            Sampling.shuffle(&organisationSlots, (slotCursor - membersPerRegion[r])..<slotCursor, &rng)
        }

        // Regions in joining order: a shuffled multiset of region slots.
        memberRegion = []
        memberRegion.reserveCapacity(n)
        for (r, count) in membersPerRegion.enumerated() {
            memberRegion.append(contentsOf: repeatElement(Int32(r), count: count))
        }
        Sampling.shuffle(&memberRegion, 0..<n, &rng)

        // Member lists by region (joining order) and each member's organisation.
        regionOffsets = [0]
        for count in membersPerRegion { regionOffsets.append(regionOffsets.last! + Int32(count)) }
        var cursor = regionOffsets
        regionMembers = [Int32](repeating: 0, count: n)
        memberOrganisation = [Int32](repeating: 0, count: n)
        for member in 0..<n {
            let r = Int(memberRegion[member])
            let position = Int(cursor[r])
            cursor[r] += 1
            regionMembers[position] = Int32(member)
            memberOrganisation[member] = organisationSlots[position]
        }

        // Member lists by organisation (counting sort keeps joining order).
        var offsets = [Int32](repeating: 0, count: organisationCount + 1)
        for o in memberOrganisation { offsets[Int(o) + 1] += 1 }
        for o in 0..<organisationCount { offsets[o + 1] += offsets[o] }
        var fill = offsets
        organisationMembers = [Int32](repeating: 0, count: n)
        for member in 0..<n {
            let o = Int(memberOrganisation[member])
            organisationMembers[Int(fill[o])] = Int32(member)
            fill[o] += 1
        }
        organisationOffsets = offsets
    }

    /// Draws professions (university members are often researchers), marks the founders and picks
    /// the connectors (biased towards long-standing members).
    ///
    /// - Complexity: O(members) time.
    mutating func drawAttributes(_ configuration: CommunityGenerator.Configuration, foundingMembers: Int,
                                 _ rng: inout SplitMix64) {
        let n = memberCount
        let professions = NameTables.professions
        let totalWeight = professions.reduce(0) { $0 + $1.weight }
        memberProfession = [UInt8](repeating: 0, count: n)
        memberRole = [Role](repeating: .member, count: n)
        for member in 0..<n {
            let kind = organisationKind[Int(memberOrganisation[member])]
            if kind == .university, rng.unit() < 0.5 {
                memberProfession[member] = UInt8(NameTables.researcherProfession)
                continue
            }
            var pick = rng.below(totalWeight)
            var p = 0
            while pick >= professions[p].weight {
                pick -= professions[p].weight
                p += 1
            }
            memberProfession[member] = UInt8(p)
        }
        for member in 0..<foundingMembers { memberRole[member] = .founder }

        var connectorCount = Int((Double(n) * configuration.connectorsPerThousand / 1000).rounded())
        if connectorCount == 0, n >= 50, configuration.connectorsPerThousand > 0 { connectorCount = 1 }
        connectorCount = min(connectorCount, n / 2)
        var chosen = 0
        while chosen < connectorCount {
            let u = rng.unit()
            let member = Int(Double(n) * u * u)
            if memberRole[member] != .connector {
                memberRole[member] = .connector
                chosen += 1
            }
        }
        connectors = []
        for member in 0..<n where memberRole[member] == .connector { connectors.append(Int32(member)) }
    }
}

/// Names a region's organisations from the templates and the region's places, appending a number
/// when a name repeats (`Leeds Medical Practice 2`), so names are unique within a region.
struct OrganisationNamer {
    private let region: RegionTable.Region
    private let large: [NameTables.OrganisationTemplate]
    /// Uses of each (template, place) pair; large templates first, then small ones.
    private var uses: [Int]

    init(region: RegionTable.Region) {
        self.region = region
        large = NameTables.largeTemplates[region.partner]
        uses = [Int](repeating: 0, count: (large.count + NameTables.smallTemplates.count) * region.places.count)
    }

    /// The name and kind of the organisation of size rank `rank` in the region.
    mutating func name(rank: Int, large isLarge: Bool, _ rng: inout SplitMix64) -> (String, NameTables.OrganisationKind) {
        let templateIndex = isLarge ? rank % large.count : large.count + rng.below(NameTables.smallTemplates.count)
        let template = isLarge ? large[templateIndex] : NameTables.smallTemplates[templateIndex - large.count]
        let place = isLarge ? (rank / large.count) % region.places.count : rng.below(region.places.count)
        let key = templateIndex * region.places.count + place
        uses[key] += 1
        var name = template.prefix + region.places[place] + template.suffix
        if uses[key] > 1 { name += " \(uses[key])" }
        return (name, template.kind)
    }
}
