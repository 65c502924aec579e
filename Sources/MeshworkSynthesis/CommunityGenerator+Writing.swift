import MeshworkCore

extension CommunityGenerator {
    /// The number of digits of ids with values up to `count`, at least `minimum`.
    static func idWidth(_ count: Int, minimum: Int) -> Int {
        var width = 1
        var limit = 10
        while count >= limit { width += 1; limit *= 10 }
        return max(width, minimum)
    }

    /// Writes `nodes.csv`: partners, regions, organisations, then members in joining order, with
    /// the columns `id,kind,name,parent,joined,role,profession`. Member names are drawn here.
    ///
    /// - Complexity: O(members + organisations) time, O(1) extra space besides the name tables.
    func writeNodes(_ community: SyntheticCommunity, _ dates: borrowing DateTable, to path: String,
                    _ rng: inout SplitMix64) throws {
        var sink = try ByteSink(path: path)
        sink.append("id,kind,name,parent,joined,role,profession\n" as StaticString)
        for (p, name) in RegionTable.partners.enumerated() {
            sink.append(id: p + 1, prefix: UInt8(ascii: "P"), width: 1)
            sink.append(",partner,")
            sink.append(name)
            sink.append(",,,,\n" as StaticString)
        }
        for (r, region) in RegionTable.regions.enumerated() {
            sink.append(id: r + 1, prefix: UInt8(ascii: "R"), width: 2)
            sink.append(",region,")
            sink.append(region.name)
            sink.append(UInt8(ascii: ","))
            sink.append(id: region.partner + 1, prefix: UInt8(ascii: "P"), width: 1)
            sink.append(",,,\n" as StaticString)
        }
        let organisationWidth = Self.idWidth(community.organisationCount, minimum: 4)
        for o in 0..<community.organisationCount {
            sink.append(id: o + 1, prefix: UInt8(ascii: "O"), width: organisationWidth)
            sink.append(",organisation,")
            sink.append(community.organisationName[o])
            sink.append(UInt8(ascii: ","))
            sink.append(id: Int(community.organisationRegion[o]) + 1, prefix: UInt8(ascii: "R"), width: 2)
            sink.append(",,,\n" as StaticString)
            try sink.flushIfFull()
        }
        let firstNames = EncodedStrings(NameTables.firstNames)
        let surnames = EncodedStrings(NameTables.surnames)
        let roles = EncodedStrings(NameTables.roles)
        let professions = EncodedStrings(NameTables.professions.map(\.name))
        let memberWidth = Self.idWidth(community.memberCount, minimum: 4)
        for member in 0..<community.memberCount {
            sink.append(id: member + 1, prefix: UInt8(ascii: "M"), width: memberWidth)
            sink.append(",member," as StaticString)
            sink.append(firstNames[rng.below(firstNames.count)])
            sink.append(UInt8(ascii: " "))
            sink.append(surnames[rng.below(surnames.count)])
            sink.append(UInt8(ascii: ","))
            sink.append(id: Int(community.memberOrganisation[member]) + 1, prefix: UInt8(ascii: "O"), width: organisationWidth)
            sink.append(UInt8(ascii: ","))
            sink.append(date: dates.date(community.memberJoined[member]))
            sink.append(UInt8(ascii: ","))
            sink.append(roles[Int(community.memberRole[member].rawValue)])
            sink.append(UInt8(ascii: ","))
            sink.append(professions[Int(community.memberProfession[member])])
            sink.append(UInt8(ascii: "\n"))
            try sink.flushIfFull()
        }
        try sink.finish()
    }

    /// Writes `interactions.csv` (`source,target,date,kind,weight`) in date order.
    ///
    /// - Parameter progress: called about every million rows with the fraction written.
    /// - Complexity: O(records + days) time, 4 bytes per record of extra space (the order).
    func writeInteractions(_ log: SyntheticInteractions, _ community: SyntheticCommunity, _ dates: borrowing DateTable,
                           to path: String, progress: (Double) -> Void) throws {
        var sink = try ByteSink(path: path)
        sink.append("source,target,date,kind,weight\n" as StaticString)
        let width = Self.idWidth(community.memberCount, minimum: 4)
        let order = log.orderByDay()
        let total = Double(max(order.count, 1))
        for (k, index) in order.enumerated() {
            let i = Int(index)
            sink.append(id: Int(log.source[i]) + 1, prefix: UInt8(ascii: "M"), width: width)
            sink.append(UInt8(ascii: ","))
            sink.append(id: Int(log.target[i]) + 1, prefix: UInt8(ascii: "M"), width: width)
            sink.append(UInt8(ascii: ","))
            sink.append(date: dates.date(log.day[i]))
            switch log.kind[i] {
            case .message: sink.append(",message,1\n" as StaticString)
            case .lab: sink.append(",lab,2\n" as StaticString)
            case .mentoring: sink.append(",mentoring,3\n" as StaticString)
            }
            try sink.flushIfFull()
            if k & 0xF_FFFF == 0xF_FFFF { progress(Double(k) / total) }
        }
        try sink.finish()
        progress(1)
    }

    /// Writes `attendance.csv` (`event,member,date`), events in date order.
    ///
    /// - Complexity: O(attendances) time, O(1) extra space.
    func writeAttendance(_ events: SyntheticEvents, _ community: SyntheticCommunity, _ dates: borrowing DateTable,
                         to path: String) throws {
        var sink = try ByteSink(path: path)
        sink.append("event,member,date\n" as StaticString)
        let memberWidth = Self.idWidth(community.memberCount, minimum: 4)
        let eventWidth = Self.idWidth(events.count, minimum: 4)
        for event in 0..<events.count {
            let date = dates.date(events.day[event])
            for k in Int(events.offsets[event])..<Int(events.offsets[event + 1]) {
                sink.append(id: event + 1, prefix: UInt8(ascii: "E"), width: eventWidth)
                sink.append(UInt8(ascii: ","))
                sink.append(id: Int(events.attendees[k]) + 1, prefix: UInt8(ascii: "M"), width: memberWidth)
                sink.append(UInt8(ascii: ","))
                sink.append(date: date)
                sink.append(UInt8(ascii: "\n"))
                try sink.flushIfFull()
            }
        }
        try sink.finish()
    }
}
