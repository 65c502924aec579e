extension Community {
    /// The day (days since the epoch) of each tie's first dated record, per slot of `network`'s
    /// `targets` (both slots of an undirected tie hold the same day; a directed network dates `u -> v` by the records from `u` to `v`): the day the tie enters the
    /// cumulative network of the growth series. `network` must be this community's member network
    /// (vertex `m` is `members[m]`); a slot whose tie has no record here holds `Int32.max`.
    ///
    /// Every tie starts on or after both its members' ``presenceDays``, since presence counts the
    /// first tie record too.
    ///
    ///     let days = community.tieStartDays(in: loaded.graph)
    ///     CivilDate(daysSinceEpoch: days[graph.row(0).lowerBound])   // member 0's first tie's start
    ///
    /// - Complexity: O(R log d + E) for R records, d the largest degree and E tie slots.
    public func tieStartDays(in network: CSRGraph) -> [Int32] {
        tieDays(in: network, through: nil, initial: .max, keep: <)
    }

    /// The day of each tie's latest dated record on or before `through` (days since the epoch), per
    /// slot of `network`'s `targets`, like ``tieStartDays(in:)``; a slot whose tie has no record
    /// by then holds `Int32.min`. What a recency weighting of the ties reads.
    /// - Complexity: O(R log d + E) for R records.
    public func tieLastDays(in network: CSRGraph, through: Int32 = .max) -> [Int32] {
        tieDays(in: network, through: through == .max ? nil : Int64(through) * 86_400 + 86_399,
                initial: .min, keep: >)
    }

    /// One day per tie slot of `network`: starting from `initial`, a record's day replaces the
    /// slot's day when `keep(recordDay, slotDay)` holds (`<` keeps the first day, `>` the last),
    /// over the records up to `through` seconds (all when nil).
    /// - Complexity: O(R log d + E) for R records, d the largest degree and E tie slots.
    private func tieDays(in network: CSRGraph, through: Int64?, initial: Int32,
                         keep: (Int32, Int32) -> Bool) -> [Int32] {
        var days = [Int32](repeating: initial, count: network.targets.count)
        forEachRecord(through: through) { source, target, time, _ in
            let u = memberIndex[Int(source)], v = memberIndex[Int(target)]
            guard u >= 0, v >= 0, u != v else { return }
            let day = CivilDate.day(ofSeconds: time)
            if let slot = network.edgeIndex(u, v), keep(day, days[slot]) { days[slot] = day }
            if !network.isDirected, let slot = network.edgeIndex(v, u), keep(day, days[slot]) { days[slot] = day }
        }
        return days
    }
}
