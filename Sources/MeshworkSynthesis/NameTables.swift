/// Word lists for member names, professions, roles and organisation names.
///
/// Every entry is plain ASCII without commas, quotes or line breaks, so the CSV writers can copy the
/// bytes without quoting. The tables are fixed: changing one changes every generated dataset.
///
/// - Complexity: static tables; every lookup is O(1).
enum NameTables {
    static let firstNames = [
        "Aisha", "Alan", "Alice", "Amara", "Amir", "Andrew", "Angela", "Anna", "Arjun", "Ben",
        "Bethan", "Carys", "Catherine", "Chen", "Chloe", "Claire", "Connor", "Daniel", "David", "Deborah",
        "Eilidh", "Elena", "Emma", "Fatima", "Fiona", "Gareth", "Grace", "Hamish", "Hannah", "Helen",
        "Imran", "Isla", "James", "Jane", "Joanne", "John", "Karen", "Kwame", "Laura", "Leah",
        "Liam", "Lucy", "Mairead", "Mark", "Mary", "Mohammed", "Naomi", "Nia", "Niamh", "Oliver",
        "Olu", "Paul", "Priya", "Rachel", "Rhys", "Richard", "Ruth", "Sam", "Sarah", "Sean",
        "Simon", "Siobhan", "Sophie", "Tom", "Wei", "Yusuf", "Zainab", "Zoe",
    ]

    static let surnames = [
        "Adams", "Ahmed", "Ali", "Allen", "Anderson", "Bailey", "Baker", "Begum", "Bell", "Brown",
        "Campbell", "Carter", "Chan", "Clarke", "Cooper", "Davies", "Doherty", "Edwards", "Evans", "Fraser",
        "Gallagher", "Green", "Hall", "Harris", "Hughes", "Hussain", "Jackson", "James", "Jenkins", "Johnson",
        "Jones", "Kaur", "Kelly", "Khan", "King", "Lewis", "Li", "MacDonald", "Martin", "McLaughlin",
        "Mitchell", "Moore", "Morgan", "Murphy", "Murray", "Nguyen", "O'Neill", "Okafor", "Owen", "Patel",
        "Phillips", "Price", "Quinn", "Reid", "Roberts", "Robertson", "Robinson", "Rose", "Scott", "Shah",
        "Singh", "Smith", "Stewart", "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Watson", "White",
        "Williams", "Wilson", "Wood", "Wright", "Young",
    ]

    /// Professions with their relative frequency among members of non-university organisations.
    static let professions: [(name: String, weight: Int)] = [
        ("clinician", 22), ("nurse", 18), ("allied health professional", 10), ("manager", 16),
        ("analyst", 8), ("researcher", 6), ("improvement specialist", 10), ("patient leader", 5),
        ("pharmacist", 3), ("social care worker", 2),
    ]

    /// The index of `researcher` in ``professions`` (university members are often researchers).
    static let researcherProfession = 5

    /// Member roles, by their code in the generator's role array.
    static let roles = ["member", "founder", "mentor", "connector"]

    /// What kind of body an organisation is; it shapes its name and its members' professions.
    enum OrganisationKind: UInt8 {
        case provider, university, smallBody
    }

    /// An organisation name pattern: `prefix + place + suffix`.
    struct OrganisationTemplate {
        var prefix: String
        var suffix: String
        var kind: OrganisationKind
    }

    /// Templates for the largest organisations of a region, per partner.
    static let largeTemplates: [[OrganisationTemplate]] = [
        [
            .init(prefix: "", suffix: " NHS Foundation Trust", kind: .provider),
            .init(prefix: "University of ", suffix: "", kind: .university),
            .init(prefix: "", suffix: " Teaching Hospitals NHS Trust", kind: .provider),
            .init(prefix: "", suffix: " Integrated Care Board", kind: .provider),
            .init(prefix: "", suffix: " Community Health NHS Trust", kind: .provider),
        ],
        [
            .init(prefix: "NHS ", suffix: "", kind: .provider),
            .init(prefix: "", suffix: " Health and Social Care Partnership", kind: .provider),
            .init(prefix: "", suffix: " University Research Centre", kind: .university),
        ],
        [
            .init(prefix: "", suffix: " University Health Board", kind: .provider),
            .init(prefix: "", suffix: " Public Health Team", kind: .provider),
            .init(prefix: "", suffix: " University Research Centre", kind: .university),
        ],
        [
            .init(prefix: "", suffix: " Health and Social Care Trust", kind: .provider),
            .init(prefix: "", suffix: " Integrated Care Partnership", kind: .provider),
            .init(prefix: "", suffix: " University Research Centre", kind: .university),
        ],
    ]

    /// Templates for the many small organisations (any partner).
    static let smallTemplates: [OrganisationTemplate] = [
        .init(prefix: "", suffix: " Medical Practice", kind: .smallBody),
        .init(prefix: "", suffix: " Primary Care Network", kind: .smallBody),
        .init(prefix: "", suffix: " Hospice", kind: .smallBody),
        .init(prefix: "", suffix: " Council Public Health", kind: .smallBody),
        .init(prefix: "", suffix: " Community Interest Company", kind: .smallBody),
        .init(prefix: "", suffix: " Carers Centre", kind: .smallBody),
        .init(prefix: "", suffix: " Community Pharmacy", kind: .smallBody),
        .init(prefix: "", suffix: " Mental Health Charity", kind: .smallBody),
        .init(prefix: "", suffix: " Care Home", kind: .smallBody),
        .init(prefix: "", suffix: " Healthwatch", kind: .smallBody),
        .init(prefix: "", suffix: " Improvement Collaborative", kind: .smallBody),
        .init(prefix: "", suffix: " Patient Forum", kind: .smallBody),
    ]
}
