import Foundation

// The code lists of a concern passed on through a community partnership adviser (issue 16,
// DESIGN.md part 8). Stored as their codes; titles as the pages show them.

/// How the adviser received the concern.
public enum ConcernReceipt: String, Sendable, CaseIterable, Codable {
    case inPerson = "in_person", phone, atSession = "at_session", atGroup = "at_group", groupSafeguardingLead = "group_safeguarding_lead"

    public var title: String {
        switch self {
        case .inPerson: "In person"
        case .phone: "By phone"
        case .atSession: "At a training session"
        case .atGroup: "At a group's meeting"
        case .groupSafeguardingLead: "From a group's safeguarding lead"
        }
    }
}

/// Who raised it: a group of the directory, a community member (whose identity is optional and
/// kept in a restricted field), or someone who gave no name.
public enum ConcernRaisedBy: String, Sendable, CaseIterable, Codable {
    case group, communityMember = "community_member", anonymous

    public var title: String {
        switch self {
        case .group: "A group"
        case .communityMember: "A community member"
        case .anonymous: "Someone who did not give their name"
        }
    }
}

/// What the concern is about: the categories returns count (DESIGN.md part 6) and the four
/// kinds of abuse of Working Together to Safeguard Children, with "other" for the rest.
public enum ConcernCategory: Sendable, Hashable, Codable, CaseIterable {
    case harmfulPractice(AbuseCategory)
    case neglect, physicalAbuse, emotionalAbuse, sexualAbuse, other

    public static var allCases: [ConcernCategory] {
        AbuseCategory.allCases.map(ConcernCategory.harmfulPractice) + [.neglect, .physicalAbuse, .emotionalAbuse, .sexualAbuse, .other]
    }

    /// Its stored code: a harmful practice keeps its returns code (22A, honour_based_abuse …).
    public var code: String {
        switch self {
        case .harmfulPractice(let category): category.rawValue
        case .neglect: "neglect"
        case .physicalAbuse: "physical_abuse"
        case .emotionalAbuse: "emotional_abuse"
        case .sexualAbuse: "sexual_abuse"
        case .other: "other"
        }
    }

    public init?(code: String) {
        guard let found = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = found
    }

    public var title: String {
        switch self {
        case .harmfulPractice(let category): category.title
        case .neglect: "Neglect"
        case .physicalAbuse: "Physical abuse"
        case .emotionalAbuse: "Emotional abuse"
        case .sexualAbuse: "Sexual abuse"
        case .other: "Other"
        }
    }
}

/// The consent decision, recorded with its reason where it was not sought: the law allows
/// sharing without consent to protect a child; Conduit records the decision, not a legal opinion.
public enum ConsentDecision: String, Sendable, CaseIterable, Codable {
    case given, refused, notSought = "not_sought"

    public var title: String {
        switch self {
        case .given: "Consent given"
        case .refused: "Consent refused"
        case .notSought: "Not sought: seeking it would increase the risk or cause delay"
        }
    }

    /// Refused or not sought: the adviser says why it was shared all the same, or not sought.
    public var needsReason: Bool { self != .given }
}

/// The service a concern is passed to.
public enum ConcernRoute: String, Sendable, CaseIterable, Codable {
    case frontDoor = "front_door", police, lado, health, schoolSafeguardingLead = "school_safeguarding_lead", nspcc, other

    public var title: String {
        switch self {
        case .frontDoor: "Children's social care front door (MASH)"
        case .police: "Police"
        case .lado: "Local authority designated officer (LADO)"
        case .health: "Health"
        case .schoolSafeguardingLead: "The school's designated safeguarding lead"
        case .nspcc: "NSPCC"
        case .other: "Other"
        }
    }

    /// The routes in the order offered: a concern about a person in a position of trust in a
    /// group (a teacher at a madrasa, a pastor) goes to the LADO first.
    public static func offered(positionOfTrust: Bool) -> [ConcernRoute] {
        positionOfTrust ? [.lado] + allCases.filter { $0 != .lado } : allCases
    }
}

/// What the service did, as far as the adviser knows.
public enum ConcernOutcome: String, Sendable, CaseIterable, Codable {
    case acknowledged, assessed, noFurtherAction = "no_further_action", earlyHelp = "early_help"
    case childProtectionEnquiry = "child_protection_enquiry", policeInvestigation = "police_investigation", notKnown = "not_known"

    public var title: String {
        switch self {
        case .acknowledged: "Acknowledged"
        case .assessed: "Assessed"
        case .noFurtherAction: "No further action"
        case .earlyHelp: "Early help"
        case .childProtectionEnquiry: "Child protection enquiry (section 47)"
        case .policeInvestigation: "Police investigation"
        case .notKnown: "Not known"
        }
    }

    /// An outcome that ends the wait for one: "acknowledged" only says the referral arrived.
    public var isDecision: Bool { self != .acknowledged }
}

extension ConcernReceipt: CodeList {}
extension ConcernRaisedBy: CodeList {}
extension ConsentDecision: CodeList {}
extension ConcernRoute: CodeList {}
extension ConcernOutcome: CodeList {}

/// Where a concern stands: `incomplete` until the adviser has checked and recorded its
/// details (an urgent one exists from its first answer, so nothing waits on the typing),
/// `open` while services act on it, `closed` once the adviser has nothing left to do.
public enum ConcernState: String, Sendable, CaseIterable, Codable {
    case incomplete, open, closed

    public var title: String {
        switch self {
        case .incomplete: "Details to complete"
        case .open: "Open"
        case .closed: "Closed"
        }
    }
}

/// How the person who raised the concern was told what happened (recommendation 11: the
/// group stays a safe place when people learn that raising a worry leads somewhere).
public enum ConcernFeedbackMethod: String, Sendable, CaseIterable, Codable {
    case inPerson = "in_person", phone, letterOrEmail = "letter_or_email", throughGroup = "through_group"

    public var title: String {
        switch self {
        case .inPerson: "In person"
        case .phone: "By phone"
        case .letterOrEmail: "By letter or email"
        case .throughGroup: "Through the group's safeguarding lead"
        }
    }
}

extension ConcernState: CodeList {}
extension ConcernFeedbackMethod: CodeList {}
