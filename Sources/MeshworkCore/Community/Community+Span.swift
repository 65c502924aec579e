extension Community {
    /// The day (days since the epoch) from which each member is present: the earlier of its
    /// `joined` date and the day of its first tie record (an interaction with another member);
    /// `Int32.max` for a member with neither. Growth uses the same rule.
    /// - Complexity: O(M + R) for R records.
    public var presenceDays: [Int32] {
        var days = members.map { joined[Int($0)] == Int32.min ? Int32.max : joined[Int($0)] }
        forEachRecord { source, target, time, _ in
            let u = memberIndex[Int(source)], v = memberIndex[Int(target)]
            guard u >= 0, v >= 0, u != v else { return }
            let day = CivilDate.day(ofSeconds: time)
            days[Int(u)] = min(days[Int(u)], day)
            days[Int(v)] = min(days[Int(v)], day)
        }
        return days
    }

    /// The community seen over `span`: the members present by its last day (all members when it
    /// has none), every other node, and the interactions dated within the span whose nodes are
    /// kept; its member network is therefore that of the ties with at least one record in the
    /// span (weights summing those records). A kept member's `joined` becomes the day it is present
    /// from (``presenceDays``), so that presence, and the growth series over the span, follow the
    /// whole data's rule even when the member's first tie lies before the span. The dated records
    /// (``recordTimes``) are those of the interactions kept (an attendance row that made no tie
    /// no longer widens them).
    ///
    ///     let spring = community.restricted(to: DateSpan(from: march1, until: may31))
    ///     spring.memberCount     // members present by May 31
    ///
    /// - Complexity: O(N + R + bytes of the ids) for N nodes and R records.
    public func restricted(to span: DateSpan) -> Community {
        let presence = presenceDays
        let lastDay = span.until?.daysSinceEpoch ?? Int32.max
        var keep = [Bool](repeating: true, count: kinds.count)
        for (m, node) in members.enumerated() where presence[m] > lastDay { keep[Int(node)] = false }
        var newIndex = [Int32](repeating: -1, count: kinds.count)
        var keptIDs = LabelTable(capacity: kinds.count)
        var keptKinds: [NodeKind] = [], keptNames: [String] = [], keptJoined: [Int32] = [], kept: [Int] = []
        for node in 0..<kinds.count where keep[node] {
            newIndex[node] = Int32(kept.count)
            kept.append(node)
            ids.withLabelBytes(Int32(node)) { _ = keptIDs.intern($0) }
            keptKinds.append(kinds[node])
            keptNames.append(names[node])
            let m = memberIndex[node]
            keptJoined.append(m >= 0 && presence[Int(m)] != Int32.max ? presence[Int(m)] : joined[node])
        }
        let keptParents = kept.map { parents[$0] < 0 ? -1 : newIndex[Int(parents[$0])] }
        let keptAttributes = attributeValues.map { column in kept.map { column[$0] } }
        var log = InteractionLog()
        for i in interactions.range(from: span.firstTime, through: span.lastTime) {
            let u = newIndex[Int(interactions.sources[i])], v = newIndex[Int(interactions.targets[i])]
            guard u >= 0, v >= 0 else { continue }
            log.append(source: u, target: v, time: interactions.times[i],
                       weight: interactions.weights[i])
        }
        let keptAttendance = coAttendance.restricted(newIndex: newIndex, from: span.firstTime, through: span.lastTime)
        return Community(ids: keptIDs, kinds: keptKinds, names: keptNames, parents: keptParents,
                         joined: keptJoined, attributeNames: attributeNames, attributeValues: keptAttributes,
                         interactions: log, coAttendance: keptAttendance)
    }
}
