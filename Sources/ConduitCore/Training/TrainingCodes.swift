/// Who a training session is meant for (DESIGN.md part 4). Seed 003 trained community
/// members, parents and faith leaders; seed 004 adds supplementary schools and madrasas,
/// young people and the professionals who work beside them.
public enum TrainingAudience: String, CaseIterable, Codable, Sendable {
    case communityMembers = "community_members"
    case faithLeaders = "faith_leaders"
    case supplementarySchoolStaff = "supplementary_school_staff"
    case youngPeople = "young_people"
    case professionals
    case mixed

    public var title: String {
        switch self {
        case .communityMembers: "Community members"
        case .faithLeaders: "Faith leaders"
        case .supplementarySchoolStaff: "Supplementary school staff"
        case .youngPeople: "Young people"
        case .professionals: "Professionals"
        case .mixed: "Mixed audience"
        }
    }
}

/// A participant's gender as recorded on an attendance register. Seed 003 reports female
/// and male; the other answers follow the ONS guidance on asking about sex and gender, so
/// nobody is made to pick a box that is not theirs and an unknown answer stays unknown.
public enum Gender: String, CaseIterable, Codable, Sendable {
    case female
    case male
    case other
    case preferNotToSay = "prefer_not_to_say"
    case notKnown = "not_known"

    public var title: String {
        switch self {
        case .female: "Female"
        case .male: "Male"
        case .other: "In another way"
        case .preferNotToSay: "Prefer not to say"
        case .notKnown: "Not known"
        }
    }
}

/// A participant's age band. Bands rather than dates of birth: the register collects the
/// minimum (UK GDPR Art. 5(1)(c)). Under 16 and 16 to 17 are apart so that children who
/// attend can be counted on their own; the adult bands are the usual census ten-year bands.
public enum AgeBand: String, CaseIterable, Codable, Sendable {
    case under16 = "under_16"
    case from16To17 = "16_17"
    case from18To24 = "18_24"
    case from25To34 = "25_34"
    case from35To44 = "35_44"
    case from45To54 = "45_54"
    case from55To64 = "55_64"
    case from65 = "65_plus"
    case notKnown = "not_known"

    public var title: String {
        switch self {
        case .under16: "Under 16"
        case .from16To17: "16 to 17"
        case .from18To24: "18 to 24"
        case .from25To34: "25 to 34"
        case .from35To44: "35 to 44"
        case .from45To54: "45 to 54"
        case .from55To64: "55 to 64"
        case .from65: "65 or over"
        case .notKnown: "Not known"
        }
    }
}

/// The capacity in which someone attended. Seed 003 involved parents and carers and
/// religious leaders; seed 004 adds volunteers and young people beside professionals.
public enum ParticipantRole: String, CaseIterable, Codable, Sendable {
    case parentOrCarer = "parent_or_carer"
    case faithLeader = "faith_leader"
    case volunteer
    case professional
    case youngPerson = "young_person"
    case communityMember = "community_member"
    case other

    public var title: String {
        switch self {
        case .parentOrCarer: "Parent or carer"
        case .faithLeader: "Faith leader"
        case .volunteer: "Volunteer"
        case .professional: "Professional"
        case .youngPerson: "Young person"
        case .communityMember: "Community member"
        case .other: "Other"
        }
    }
}

/// Whether a booked participant came. Only attendances count as participants in the
/// statistics (seed 003 counts "participants attending"); no-shows are kept because
/// they show which invitations work.
public enum AttendanceStatus: String, CaseIterable, Codable, Sendable {
    case attended
    case didNotAttend = "did_not_attend"

    public var title: String {
        switch self {
        case .attended: "Attended"
        case .didNotAttend: "Booked, did not attend"
        }
    }
}
