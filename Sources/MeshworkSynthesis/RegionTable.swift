/// The fixed geography of the synthetic community: four country partners and eighteen regions.
///
/// England is split into the fifteen Academic Health Science Network areas; Scotland, Wales and
/// Northern Ireland are each one region under their own partner. Regions are listed partner by
/// partner, so the regions of one partner are contiguous (the generator relies on this to treat a
/// partner's members as one range). Populations are in millions (mid-2010s estimates, rounded) and
/// set how members spread over regions: England holds about 84 % of them.
///
/// - Complexity: static tables; every lookup is O(1).
enum RegionTable {
    /// Partner names, in id order (`P1` ... `P4`).
    static let partners = ["England", "Scotland", "Wales", "Northern Ireland"]

    /// One region: display name, partner index, population (millions) and a few place names used
    /// to name its organisations. No name contains a comma or a quote.
    struct Region {
        var name: String
        var partner: Int
        var population: Double
        var places: [String]
    }

    /// The eighteen regions, in id order (`R01` ... `R18`), grouped by partner.
    static let regions: [Region] = [
        Region(name: "North East and North Cumbria", partner: 0, population: 3.0,
               places: ["Newcastle", "Sunderland", "Durham", "Gateshead", "Middlesbrough", "Darlington", "Carlisle", "Northumberland"]),
        Region(name: "North West Coast", partner: 0, population: 4.0,
               places: ["Liverpool", "Lancashire", "Blackpool", "Wirral", "Preston", "Southport", "Chester", "Warrington"]),
        Region(name: "Greater Manchester", partner: 0, population: 2.8,
               places: ["Manchester", "Salford", "Bolton", "Stockport", "Wigan", "Oldham", "Bury", "Tameside"]),
        Region(name: "Yorkshire and Humber", partner: 0, population: 5.5,
               places: ["Leeds", "Sheffield", "Bradford", "Hull", "York", "Doncaster", "Wakefield", "Harrogate"]),
        Region(name: "East Midlands", partner: 0, population: 4.8,
               places: ["Nottingham", "Leicester", "Derby", "Lincoln", "Northampton", "Mansfield", "Loughborough", "Chesterfield"]),
        Region(name: "West Midlands", partner: 0, population: 5.9,
               places: ["Birmingham", "Coventry", "Wolverhampton", "Stoke", "Worcester", "Shrewsbury", "Dudley", "Walsall"]),
        Region(name: "East of England", partner: 0, population: 6.2,
               places: ["Cambridge", "Norwich", "Ipswich", "Peterborough", "Luton", "Colchester", "Chelmsford", "Bedford"]),
        Region(name: "North Central and East London", partner: 0, population: 4.5,
               places: ["Camden", "Islington", "Barnet", "Hackney", "Tower Hamlets", "Enfield", "Haringey", "Newham"]),
        Region(name: "North West London", partner: 0, population: 2.1,
               places: ["Hammersmith", "Ealing", "Brent", "Harrow", "Hillingdon", "Westminster", "Hounslow", "Kensington"]),
        Region(name: "South London", partner: 0, population: 3.2,
               places: ["Lambeth", "Southwark", "Lewisham", "Croydon", "Greenwich", "Bromley", "Wandsworth", "Kingston"]),
        Region(name: "Kent Surrey and Sussex", partner: 0, population: 4.6,
               places: ["Brighton", "Maidstone", "Canterbury", "Guildford", "Crawley", "Hastings", "Medway", "Worthing"]),
        Region(name: "Oxford and Thames Valley", partner: 0, population: 3.3,
               places: ["Oxford", "Reading", "Milton Keynes", "Banbury", "Aylesbury", "Slough", "High Wycombe", "Bracknell"]),
        Region(name: "Wessex", partner: 0, population: 2.8,
               places: ["Southampton", "Portsmouth", "Winchester", "Bournemouth", "Salisbury", "Basingstoke", "Poole", "Dorchester"]),
        Region(name: "West of England", partner: 0, population: 2.4,
               places: ["Bristol", "Bath", "Gloucester", "Cheltenham", "Weston-super-Mare", "Swindon", "Chippenham", "Stroud"]),
        Region(name: "South West Peninsula", partner: 0, population: 2.3,
               places: ["Plymouth", "Exeter", "Truro", "Torbay", "Barnstaple", "Taunton", "Yeovil", "Penzance"]),
        Region(name: "Scotland", partner: 1, population: 5.4,
               places: ["Lothian", "Greater Glasgow and Clyde", "Lanarkshire", "Grampian", "Tayside", "Highland", "Fife", "Ayrshire and Arran"]),
        Region(name: "Wales", partner: 2, population: 3.1,
               places: ["Cardiff and Vale", "Swansea Bay", "Aneurin Bevan", "Betsi Cadwaladr", "Cwm Taf Morgannwg", "Hywel Dda", "Powys", "Newport"]),
        Region(name: "Northern Ireland", partner: 3, population: 1.9,
               places: ["Belfast", "South Eastern", "Northern", "Southern", "Western", "Derry", "Newry", "Armagh"]),
    ]

    /// For each partner, the half-open range of region indices under it.
    static let partnerRegionRanges: [Range<Int>] = [0..<15, 15..<16, 16..<17, 17..<18]
}
