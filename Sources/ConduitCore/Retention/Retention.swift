import Foundation

/// The personal data Conduit stops holding after a time (UK GDPR Art. 5(1)(e), storage
/// limitation; DESIGN.md "Retention"). Each partnership may set its own period; these are the
/// defaults. What passes its period is anonymised, not deleted: names, free text and contact
/// details go, and the counts and categories every report is built from stay, so a report
/// gives the same figures before and after.
public enum RetentionRecord: String, Sendable, CaseIterable, Codable {
    /// A closed concern: the service that acted holds the case; the adviser's copy of the
    /// names and the account of what was said is kept 6 years after closing (the limitation
    /// period for most claims, and local authorities' usual minimum for such records).
    case concerns
    /// A person at a group (a pastor, a madrasa's lead), not changed or confirmed for 3 years:
    /// by then the details are as likely wrong as right.
    case contacts
    /// A named participant on a training register: registers are pseudonymous by default, and
    /// a name entered for a certificate is kept 2 years after the session.
    case participants

    public var defaultYears: Int {
        switch self {
        case .concerns: 6
        case .contacts: 3
        case .participants: 2
        }
    }

    public var title: String {
        switch self {
        case .concerns: "Closed concerns"
        case .contacts: "Contacts at groups"
        case .participants: "Named participants on registers"
        }
    }

    /// What anonymising one removes and what it keeps, in the words of the settings page.
    public var removes: String {
        switch self {
        case .concerns: "names, who raised it, the account of what was said, the reasons given and the services' references; categories, routes, outcomes and dates stay"
        case .contacts: "the name, phone, email and notes; the role at the group stays"
        case .participants: "the name; the register's pseudonymous number and its counts stay"
        }
    }

    /// The periods a partnership may choose, in years.
    public static let allowedYears = 1...25

    /// The first day not yet passed: records whose date is before it are anonymised.
    public static func cutoff(years: Int, today: CalendarDate) -> CalendarDate {
        today.adding(months: -12 * years)
    }
}
