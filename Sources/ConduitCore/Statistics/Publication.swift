import Foundation

/// How a set of figures reaches its reader (DESIGN.md "Disclosure control"; issue 14).
public enum Publication: String, Codable, Sendable, CaseIterable {
    /// The reader may open every record the figures count: hiding from them what they can
    /// open anyway would only hide figures from the people who need them.
    case exact
    /// For the public: frozen releases of fixed tables, protected together.
    case released
    /// For every other signed-in reader: figures beyond what they may open are adjusted
    /// slightly (cell key perturbation), the same records always giving the same figure.
    case adjusted

    /// What a page says of its figures, in a reader's words.
    public var explanation: String {
        switch self {
        case .exact:
            "These figures are exact: they count only records you may open."
        case .released:
            "These figures are a published release: counts from 1 to \(DisclosureControl.threshold) and figures that would give one away are hidden."
        case .adjusted:
            "These figures include records you may not open, so each is adjusted slightly to protect confidentiality, and counts from 1 to \(DisclosureControl.threshold) are shown as c. Totals may not equal the sum of their rows."
        }
    }
}

/// The one place that decides, for a reader and an output, how its figures are published.
public enum PublicationPolicy {
    /// What opens the records a set of figures counts.
    public enum Opening: Sendable {
        /// One action opens them: an attendance register (`readTraining`), an audit or form
        /// response (its purpose's read action), an engagement (`readEngagement`).
        case records(Action)
        /// Returns of these sources: opened by the coordinator who approves the partnership's
        /// returns, or by the submitter who enters every one of these sources for it.
        case returns([ReturnSource])
    }

    /// The figures of a signed-in reader counting records of these partnerships. An analyst
    /// never opens records, so even their own partnership's figures are adjusted.
    public static func publication(counting partnerships: some Sequence<UUID>, opening: Opening,
                                   memberships: some Sequence<Membership>) -> Publication {
        let memberships = Array(memberships)
        let opensAll = partnerships.allSatisfy { partnership in
            switch opening {
            case .records(let action):
                Policy.allows(action, on: partnership, memberships: memberships)
            case .returns(let sources):
                Policy.allows(.approveReturns, on: partnership, memberships: memberships)
                    || sources.allSatisfy { Policy.entersReturns(of: $0, on: partnership, memberships: memberships) }
            }
        }
        return opensAll ? .exact : .adjusted
    }
}
