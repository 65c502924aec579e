import Foundation
import MeshworkCore

extension CommunityGenerator {
    /// Shares of the interaction budget (`members * interactionsPerMember` rows) per kind.
    static let labShare = 0.15
    static let mentoringShare = 0.10
    /// Expected messages per contact: a burst is 1 + geometric with continuation 1/2 (mean 2),
    /// less the messages that would fall after the end date (measured: about 2.5 %).
    static let messagesPerContact = 1.95
    /// Message contacts of a connector: 25...65.
    static let connectorContacts = 25...65

    /// Messages: every member starts a heavy-tailed number of contacts (Pareto activity times an
    /// exponential draw), mostly inside their organisation and region, each a short burst of
    /// messages back and forth dated after both joined. Connectors start 25-65 contacts, mostly
    /// across regions and partners, and ordinary members sometimes write to a connector.
    ///
    /// - Complexity: O(rows) time, O(1) extra space.
    func generateMessages(_ community: SyntheticCommunity, _ log: inout SyntheticInteractions, _ rng: inout SplitMix64) {
        let n = community.memberCount
        guard n >= 2 else { return }
        let budget = Double(n) * community.configuration.interactionsPerMember
            * (1 - Self.labShare - Self.mentoringShare)
        let connectorMean = Double(Self.connectorContacts.lowerBound + Self.connectorContacts.upperBound) / 2
        let connectorRows = Double(community.connectors.count) * connectorMean * Self.messagesPerContact
        let regular = max(1, n - community.connectors.count)
        let mean = max(0, (budget - connectorRows) / (Self.messagesPerContact * Double(regular)))
        let totalDays = Int32(community.totalDays)
        let connectorSpan = Self.connectorContacts.count

        for member in 0..<n {
            let isConnector = community.memberRole[member] == .connector
            let contacts: Int
            if isConnector {
                contacts = Self.connectorContacts.lowerBound + rng.below(connectorSpan)
            } else {
                // Pareto activity (tail 2.5, mean 1, capped) times an exponential: heavy-tailed degrees.
                let activity = min(30, 0.6 * pow(1 - rng.unit(), -1 / 2.5))
                contacts = Sampling.stochasticRound(mean * activity * Sampling.exponential(&rng), &rng)
            }
            for _ in 0..<contacts {
                var other = -1
                for _ in 0..<3 {
                    let candidate = pickContact(community, of: member, connector: isConnector, &rng)
                    if candidate != member { other = candidate; break }
                }
                guard other >= 0 else { continue }
                let earliest = max(community.memberJoined[member], community.memberJoined[other])
                var day = earliest + Int32(rng.below(Int(totalDays - earliest)))
                var from = Int32(member)
                var to = Int32(other)
                while true {
                    log.append(from, to, day: day, .message)
                    if rng.next() & 1 == 0 { break }
                    day += 1 + Int32(rng.below(45))
                    if day >= totalDays { break }
                    if rng.below(5) < 2 { swap(&from, &to) }
                }
            }
        }
    }

    /// A message partner for `member`: homophily by organisation, region and partner, with earlier
    /// members favoured within a group (cumulative advantage) and a small pull towards connectors.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    func pickContact(_ community: SyntheticCommunity, of member: Int, connector: Bool, _ rng: inout SplitMix64) -> Int {
        let r = rng.unit()
        if !connector, r < 0.02, !community.connectors.isEmpty {
            return Int(community.connectors[rng.below(community.connectors.count)])
        }
        let (organisationCut, regionCut, partnerCut) = connector ? (0.05, 0.3, 0.6) : (0.5, 0.85, 0.95)
        let region = Int(community.memberRegion[member])
        if r < organisationCut {
            let range = community.organisationRange(Int(community.memberOrganisation[member]))
            if range.count > 1 {
                return Int(community.organisationMembers[range.lowerBound + Self.earlyBiased(range.count, &rng)])
            }
        }
        if r < regionCut {
            let range = community.regionRange(region)
            if range.count > 1 {
                return Int(community.regionMembers[range.lowerBound + Self.earlyBiased(range.count, &rng)])
            }
        }
        if r < partnerCut {
            let range = community.partnerRange(ofRegion: region)
            if range.count > 1 {
                return Int(community.regionMembers[range.lowerBound + rng.below(range.count)])
            }
        }
        return rng.below(community.memberCount)
    }

    /// An index in `0..<count` with density falling like `k^(-1/3)`: early joiners are picked more.
    @inline(__always)
    static func earlyBiased(_ count: Int, _ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        return min(count - 1, Int(Double(count) * u * u.squareRoot()))
    }

    /// Mentoring: some members, a year or more after the community started, get a mentor from
    /// their region who joined at least a year before them (uniformly among those) and meet
    /// about monthly 3-9 times. Returns each member's number of mentees.
    ///
    /// - Complexity: O(rows + members log members) time, O(members) extra space.
    func generateMentoring(_ community: SyntheticCommunity, _ log: inout SyntheticInteractions, _ rng: inout SplitMix64) -> [Int32] {
        let n = community.memberCount
        var mentees = [Int32](repeating: 0, count: n)
        let seniority: Int32 = 365
        let eligible = n - community.present(onOrBefore: seniority - 1)
        guard eligible > 0 else { return mentees }
        let sessions = 6.0
        let probability = min(1, Double(n) * community.configuration.interactionsPerMember * Self.mentoringShare
            / (sessions * Double(eligible)))
        let totalDays = Int32(community.totalDays)
        for mentee in 0..<n {
            let joined = community.memberJoined[mentee]
            guard joined >= seniority, rng.unit() < probability else { continue }
            let cutoff = joined - seniority
            let regionRange = community.regionRange(Int(community.memberRegion[mentee]))
            var mentor: Int
            let local = Sampling.joinedCount(community.regionMembers, regionRange,
                                             joined: community.memberJoined, onOrBefore: cutoff)
            if local > 0 {
                mentor = Int(community.regionMembers[regionRange.lowerBound + rng.below(local)])
            } else {
                let national = community.present(onOrBefore: cutoff)
                guard national > 0 else { continue }
                mentor = rng.below(national)
            }
            mentees[mentor] += 1
            let meetings = 3 + rng.below(7)
            var day = joined + 7 + Int32(rng.below(56))
            for _ in 0..<meetings {
                guard day < totalDays else { break }
                log.append(Int32(mentor), Int32(mentee), day: day, .mentoring)
                day += 21 + Int32(rng.below(21))
            }
        }
        return mentees
    }

    /// Labs: cross-organisation project teams of 4-10 members (regional or national) that meet
    /// monthly for 3-12 months; at each meeting every member works with one teammate.
    ///
    /// - Complexity: O(rows + labs log members) time, O(members) extra space.
    func generateLabs(_ community: SyntheticCommunity, _ log: inout SyntheticInteractions, _ rng: inout SplitMix64) {
        let n = community.memberCount
        guard n >= 2 else { return }
        let rowsPerLab = 7.0 * 7.5
        let labs = Int((Double(n) * community.configuration.interactionsPerMember * Self.labShare / rowsPerLab).rounded())
        let totalDays = community.totalDays
        let sampler = DaySampler(presentByDay: community.presentByDay)
        var stamp = [Int32](repeating: -1, count: n)
        var team: [Int32] = []
        var teamOrganisations: [Int32] = []
        for lab in 0..<labs {
            let start = sampler.sample(in: 0..<max(1, totalDays - 90), &rng)
            let pool = PresentPool(community, day: start, regional: rng.unit() < 0.65, minimum: 4, &rng)
            let size = min(4 + rng.below(7), pool.count)
            guard size >= 2 else { continue }
            team.removeAll(keepingCapacity: true)
            teamOrganisations.removeAll(keepingCapacity: true)
            var attempts = 0
            while team.count < size, attempts < 8 * size {
                attempts += 1
                let candidate = pool.draw(community, connectorChance: 0.05, &rng)
                guard stamp[Int(candidate)] != Int32(lab) else { continue }
                let organisation = community.memberOrganisation[Int(candidate)]
                if attempts < 4 * size, teamOrganisations.contains(organisation) { continue }
                stamp[Int(candidate)] = Int32(lab)
                team.append(candidate)
                teamOrganisations.append(organisation)
            }
            guard team.count >= 2 else { continue }
            let months = 3 + rng.below(10)
            for month in 0..<months {
                let day = Int(start) + 30 * month + rng.below(7)
                guard day < totalDays else { break }
                for (k, member) in team.enumerated() {
                    var other = rng.below(team.count - 1)
                    if other >= k { other += 1 }
                    log.append(member, team[other], day: Int32(day), .lab)
                }
            }
        }
    }
}

/// The members present on a day, either in one region (chosen in proportion to presence) or in the
/// whole community, from which labs and events draw their participants.
///
/// - Complexity: O(log members) to build, O(1) per draw.
struct PresentPool {
    /// The candidates, as a range of `community.regionMembers` (regional) or of member indices.
    private let range: Range<Int>
    private let regional: Bool
    /// Connectors present on the day: a prefix of `community.connectors`.
    private let connectorCount: Int

    /// A pool for `day`; regional pools smaller than `minimum` fall back to the whole community.
    init(_ community: SyntheticCommunity, day: Int32, regional wantsRegional: Bool, minimum: Int, _ rng: inout SplitMix64) {
        let present = community.present(onOrBefore: day)
        var chosen: Range<Int>? = nil
        if wantsRegional, present > 0 {
            let anchor = rng.below(present)
            let regionRange = community.regionRange(Int(community.memberRegion[anchor]))
            let count = Sampling.joinedCount(community.regionMembers, regionRange,
                                             joined: community.memberJoined, onOrBefore: day)
            if count >= minimum { chosen = regionRange.lowerBound..<(regionRange.lowerBound + count) }
        }
        regional = chosen != nil
        range = chosen ?? 0..<present
        var low = 0
        var high = community.connectors.count
        while low < high {
            let mid = (low + high) >> 1
            if Int(community.connectors[mid]) < present { low = mid + 1 } else { high = mid }
        }
        connectorCount = low
    }

    var count: Int { range.count }

    /// A uniform candidate, or with `connectorChance` a present connector (from anywhere).
    @inline(__always)
    func draw(_ community: SyntheticCommunity, connectorChance: Double, _ rng: inout SplitMix64) -> Int32 {
        if connectorCount > 0, rng.unit() < connectorChance {
            return community.connectors[rng.below(connectorCount)]
        }
        let k = range.lowerBound + rng.below(range.count)
        return regional ? community.regionMembers[k] : Int32(k)
    }
}
