import Foundation

/// Everything a person can be allowed to do. Each route declares one of these;
/// the policy below decides it from the person's memberships.
public enum Action: String, CaseIterable, Codable, Sendable {
    // Partnerships and accounts
    case manageAccounts
    case managePartnerships
    case readAuditTrail
    case readPartnerships
    // Directory and engagement
    case readDirectory
    case editDirectory
    /// Contacts are personal data: fewer roles read them, and every read is audited.
    case readContacts
    /// Merging duplicate groups touches records of several partnerships: the hub's job.
    case mergeDirectory
    case readEngagement
    case editEngagement
    // Training
    case readTraining
    case editTraining
    // Forms and file audits
    case readFileAudits
    case editFileAudits
    /// A submitted audit is read-only; reopening it is the hub's decision, and recorded.
    case reopenFileAudits
    // Returns
    case enterReturns
    case approveReturns
    // Aggregate statistics (suppressed outside the owning partnership)
    case readStatistics
    // Resources
    case readResources
    case editResources
    // Concerns
    /// Concerns are opened by the partnership's advisers and the hub's coordinators only;
    /// every read is recorded, and their restricted fields need a stated reason.
    case readConcerns
    case editConcerns
    /// Finding and exporting everything held about a named person (UK GDPR Art. 15): the
    /// hub's job, across the partnerships it coordinates, and logged.
    case subjectAccess
    // Programme
    case runProgramme
}

/// A person's role in one partnership (or region, which covers its partnerships).
public struct Membership: Hashable, Codable, Sendable {
    public var partnershipID: UUID
    public var role: Role
    /// For a data submitter, the one source whose returns they enter (a police data lead
    /// enters police figures); nil for every other role, and for a submitter of every source.
    public var returnSource: ReturnSource?

    public init(partnershipID: UUID, role: Role, returnSource: ReturnSource? = nil) {
        self.partnershipID = partnershipID
        self.role = role
        self.returnSource = returnSource
    }
}

/// The one place authorisation is decided (DESIGN.md "Who uses it").
///
/// The memberships given to the policy are *effective* memberships: a membership
/// of a region has already been expanded to each partnership under it.
public enum Policy {
    /// What each role may do within the partnerships it is a member of.
    public static func actions(of role: Role) -> Set<Action> {
        switch role {
        case .administrator:
            // No access to sensitive records by default (DESIGN.md).
            [.manageAccounts, .managePartnerships, .readAuditTrail, .readPartnerships]
        case .coordinator:
            [.readPartnerships, .readDirectory, .editDirectory, .readContacts, .mergeDirectory, .readEngagement, .readTraining,
             .readFileAudits, .reopenFileAudits, .approveReturns, .readStatistics, .readResources, .editResources,
             .readConcerns, .subjectAccess, .runProgramme]
        case .adviser:
            [.readPartnerships, .readDirectory, .editDirectory, .readContacts, .readEngagement, .editEngagement,
             .readTraining, .editTraining, .readStatistics, .readResources, .editResources,
             .readConcerns, .editConcerns]
        case .auditor:
            [.readPartnerships, .readFileAudits, .editFileAudits, .readStatistics]
        case .analyst:
            [.readPartnerships, .readStatistics]
        case .submitter:
            [.readPartnerships, .enterReturns, .readStatistics]
        case .viewer:
            [.readPartnerships, .readDirectory, .readResources]
        }
    }

    /// Whether any of the memberships allows the action, in any partnership.
    /// Used to decide whether a route may be entered at all.
    public static func allows(_ action: Action, memberships: some Sequence<Membership>) -> Bool {
        memberships.contains { actions(of: $0.role).contains(action) }
    }

    /// Whether the memberships allow the action on a record of the given partnership.
    public static func allows(_ action: Action, on partnershipID: UUID, memberships: some Sequence<Membership>) -> Bool {
        memberships.contains { $0.partnershipID == partnershipID && actions(of: $0.role).contains(action) }
    }

    /// The partnerships whose records the action may touch: every list query is
    /// filtered to this set, so records of other partnerships never appear.
    public static func scope(of action: Action, memberships: some Sequence<Membership>) -> Set<UUID> {
        Set(memberships.lazy.filter { actions(of: $0.role).contains(action) }.map(\.partnershipID))
    }

    /// Whether the memberships allow entering the returns of one partnership's source.
    public static func entersReturns(of source: ReturnSource, on partnershipID: UUID, memberships: some Sequence<Membership>) -> Bool {
        memberships.contains {
            $0.partnershipID == partnershipID && actions(of: $0.role).contains(.enterReturns) && ($0.returnSource == nil || $0.returnSource == source)
        }
    }
}
