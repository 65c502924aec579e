import Foundation
import MeshworkCore

/// Generated events and their attendees, ordered by day (event ids follow this order).
///
/// - Complexity: 4 bytes per attendance and 8 bytes per event.
struct SyntheticEvents {
    /// Day offset of each event, non-decreasing.
    var day: [Int32] = []
    /// CSR offsets into `attendees` (events + 1 entries).
    var offsets: [Int32] = [0]
    /// Attendees of each event, ascending member index.
    var attendees: [Int32] = []

    var count: Int { day.count }
    var attendanceCount: Int { attendees.count }
}

extension CommunityGenerator {
    /// The mean planned event size (8 + 52 u^4 for uniform u): most events are small, since each
    /// event ties every pair of its attendees.
    static let meanEventSize = 18.4

    /// Events: regional (80 %) or national gatherings of 8-60 members who joined by the event's day
    /// (small sizes are far more common than large ones), on days drawn in proportion to the
    /// members present; connectors attend more often than others.
    ///
    /// - Complexity: O(attendances + events log members) time, O(members + attendances) extra space.
    func generateEvents(_ community: SyntheticCommunity, _ rng: inout SplitMix64) -> SyntheticEvents {
        let n = community.memberCount
        guard n >= 2 else { return SyntheticEvents() }
        let planned = Int((Double(n) * community.configuration.attendancesPerMember / Self.meanEventSize).rounded())
        let totalDays = community.totalDays
        let sampler = DaySampler(presentByDay: community.presentByDay)
        var stamp = [Int32](repeating: -1, count: n)
        var rawDay: [Int32] = []
        var rawOffsets: [Int32] = [0]
        var rawAttendees: [Int32] = []
        rawDay.reserveCapacity(planned)
        rawOffsets.reserveCapacity(planned + 1)
        rawAttendees.reserveCapacity(Int(Double(planned) * Self.meanEventSize * 1.05))

        for event in 0..<planned {
            let day = sampler.sample(in: min(7, totalDays - 1)..<totalDays, &rng)
            let pool = PresentPool(community, day: day, regional: rng.unit() < 0.8, minimum: 8, &rng)
            let u = rng.unit()
            let size = min(8 + Int(52 * (u * u) * (u * u)), pool.count)
            guard size >= 2 else { continue }
            let first = rawAttendees.count
            var attempts = 0
            while rawAttendees.count - first < size, attempts < 4 * size {
                attempts += 1
                let member = pool.draw(community, connectorChance: 0.02, &rng)
                guard stamp[Int(member)] != Int32(event) else { continue }
                stamp[Int(member)] = Int32(event)
                rawAttendees.append(member)
            }
            guard rawAttendees.count - first >= 2 else {
                rawAttendees.removeSubrange(first...)
                continue
            }
            rawAttendees[first...].sort()
            rawDay.append(day)
            rawOffsets.append(Int32(rawAttendees.count))
        }

        // Order events by day (stable counting sort), so ids run in date order.
        var starts = [Int](repeating: 0, count: totalDays + 1)
        for d in rawDay { starts[Int(d) + 1] += 1 }
        for d in 0..<totalDays { starts[d + 1] += starts[d] }
        var order = [Int](repeating: 0, count: rawDay.count)
        for (index, d) in rawDay.enumerated() {
            order[starts[Int(d)]] = index
            starts[Int(d)] += 1
        }
        var events = SyntheticEvents()
        events.day.reserveCapacity(rawDay.count)
        events.offsets.reserveCapacity(rawDay.count + 1)
        events.attendees.reserveCapacity(rawAttendees.count)
        for index in order {
            events.day.append(rawDay[index])
            events.attendees.append(contentsOf: rawAttendees[Int(rawOffsets[index])..<Int(rawOffsets[index + 1])])
            events.offsets.append(Int32(events.attendees.count))
        }
        return events
    }
}
