import MeshworkCore

extension CommunityGenerator.Configuration {
    /// Throws when a value is out of range (the generator never traps on user input).
    func validate() throws {
        func fail(_ reason: String) -> GenerationError { .invalidConfiguration(reason) }
        guard members >= 0, members <= 100_000_000 else { throw fail("members must be in 0...100000000") }
        guard years >= 1, years <= 100 else { throw fail("years must be in 1...100") }
        guard foundingMembers >= 0 else { throw fail("foundingMembers must not be negative") }
        guard membersPerOrganisation >= 1 else { throw fail("membersPerOrganisation must be at least 1") }
        guard interactionsPerMember.isFinite, interactionsPerMember >= 0, interactionsPerMember <= 1_000 else {
            throw fail("interactionsPerMember must be in 0...1000")
        }
        guard attendancesPerMember.isFinite, attendancesPerMember >= 0, attendancesPerMember <= 1_000 else {
            throw fail("attendancesPerMember must be in 0...1000")
        }
        guard connectorsPerThousand.isFinite, connectorsPerThousand >= 0, connectorsPerThousand <= 1_000 else {
            throw fail("connectorsPerThousand must be in 0...1000")
        }
        let (year, _, _) = startDate.components
        guard year >= 1, year + years <= 9999 else { throw fail("startDate + years must fall in years 1...9999") }
        guard Double(members) * (interactionsPerMember + attendancesPerMember) < 1.5e9 else {
            throw fail("too many records (members * per-member rates must stay below 1.5e9)")
        }
    }
}
