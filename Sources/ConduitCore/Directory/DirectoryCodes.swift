/// What kind of organisation a directory entry is (DESIGN.md part 2; seed 004 section 3:
/// the advisers mapped community groups, churches, mosques and madrasas, supplementary
/// schools and voluntary agencies).
public enum GroupType: String, CaseIterable, Codable, Sendable {
    case communityGroup = "community_group"
    case faithGroup = "faith_group"
    case placeOfWorship = "place_of_worship"
    case supplementarySchool = "supplementary_school"
    case voluntaryAgency = "voluntary_agency"
    case youthGroup = "youth_group"
    case statutoryService = "statutory_service"

    public var title: String {
        switch self {
        case .communityGroup: "Community group"
        case .faithGroup: "Faith group"
        case .placeOfWorship: "Place of worship"
        // Seed 004 names madrasas beside supplementary schools: the same kind of
        // after-school teaching, run by a mosque or a community.
        case .supplementarySchool: "Supplementary school or madrasa"
        case .voluntaryAgency: "Voluntary agency"
        case .youthGroup: "Youth group"
        case .statutoryService: "Statutory service"
        }
    }
}

/// Whether a group can still be reached. Seed 004: many groups are small, new and
/// independent, so they go quiet, move borough or close, and the directory must say so
/// rather than lose them.
public enum GroupStatus: String, CaseIterable, Codable, Sendable {
    case active
    case dormant
    case moved
    case noLongerExists = "no_longer_exists"
    case unknown

    public var title: String {
        switch self {
        case .active: "Active"
        case .dormant: "Dormant"
        case .moved: "Moved"
        case .noLongerExists: "No longer exists"
        case .unknown: "Not known"
        }
    }
}

/// The broad faith of a group: the ONS census religion categories, with "no religion" read
/// as not faith-based, plus the interfaith forums and Rastafarian groups the seeds meet.
/// Special category data (UK GDPR Art. 9) about an organisation, not about a person.
public enum Faith: String, CaseIterable, Codable, Sendable {
    case notFaithBased = "not_faith_based"
    case christian
    case muslim
    case hindu
    case sikh
    case jewish
    case buddhist
    case rastafarian
    case multiFaith = "multi_faith"
    case other

    public var title: String {
        switch self {
        case .notFaithBased: "Not faith-based"
        case .christian: "Christian"
        case .muslim: "Muslim"
        case .hindu: "Hindu"
        case .sikh: "Sikh"
        case .jewish: "Jewish"
        case .buddhist: "Buddhist"
        case .rastafarian: "Rastafarian"
        case .multiFaith: "Several faiths (interfaith)"
        case .other: "Another faith"
        }
    }
}

/// The role a contact person holds in a group: the faith and community leaders the
/// advisers met (seed 004), and the designated safeguarding lead every group should name.
public enum ContactRole: String, CaseIterable, Codable, Sendable {
    case pastor
    case imam
    case priest
    case faithLeader = "faith_leader"
    case chair
    case secretary
    case trustee
    case safeguardingLead = "designated_safeguarding_lead"
    case youthLeader = "youth_leader"
    case teacher
    case coordinator
    case other

    public var title: String {
        switch self {
        case .pastor: "Pastor"
        case .imam: "Imam"
        case .priest: "Priest"
        case .faithLeader: "Other faith leader"
        case .chair: "Chair"
        case .secretary: "Secretary"
        case .trustee: "Trustee"
        case .safeguardingLead: "Designated safeguarding lead"
        case .youthLeader: "Youth leader"
        case .teacher: "Teacher"
        // The seeds' own spelling ("co-ordinator").
        case .coordinator: "Co-ordinator"
        case .other: "Another role"
        }
    }
}
