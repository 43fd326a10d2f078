/// The roles a membership can grant, as listed in DESIGN.md "Who uses it".
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case administrator
    case coordinator
    case adviser
    case auditor
    case analyst
    case submitter
    case viewer

    /// The name shown to people.
    public var title: String {
        switch self {
        case .administrator: "Administrator"
        case .coordinator: "Coordinator"
        case .adviser: "Community partnership adviser"
        case .auditor: "Auditor"
        case .analyst: "Analyst"
        case .submitter: "Data submitter"
        case .viewer: "Viewer"
        }
    }

    /// One line on what the role is for, shown when memberships are granted.
    public var summary: String {
        switch self {
        case .administrator: "Manages users, memberships and settings; no access to sensitive records."
        case .coordinator: "Reads across partnerships, approves returns and runs the programme."
        case .adviser: "Works with the partnership's community and faith groups: directory, engagement, training, resources and concerns."
        case .auditor: "Audits case files of the partnership and reads the findings."
        case .analyst: "Reads aggregate statistics only, never individual records."
        case .submitter: "Enters and submits returns for their own source."
        case .viewer: "Reads the partnership's directory and resources."
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
