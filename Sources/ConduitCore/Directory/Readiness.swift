import Foundation

/// One thing a group should have in place to keep children safe (DESIGN.md part 2).
///
/// The first five are what the advisers worked on with groups (seed 004 section 3: child
/// protection policies, a named lead, CRB checks, safer recruitment, awareness training);
/// the `policy…` items are Merton's checklist of what a faith group's safeguarding policy
/// should cover (seed 004 Appendix 2).
public enum ReadinessItem: String, CaseIterable, Codable, Sendable {
    case childProtectionPolicy = "child_protection_policy"
    case safeguardingLead = "safeguarding_lead"
    case dbsChecks = "dbs_checks"
    case saferRecruitment = "safer_recruitment"
    case training = "training"
    case policyWhenWorried = "policy_when_worried"
    case policyWhatIsHarmful = "policy_what_is_harmful"
    case policySafePractice = "policy_safe_practice"
    case policySpiritualPractice = "policy_spiritual_practice"
    case policyAdultsWhoMayPoseRisk = "policy_adults_risk"

    public var title: String {
        switch self {
        case .childProtectionPolicy: "Child protection policy"
        case .safeguardingLead: "Designated safeguarding lead named"
        case .dbsChecks: "DBS checks of people working with children"
        case .saferRecruitment: "Safer recruitment"
        case .training: "Safeguarding training received"
        case .policyWhenWorried: "Policy says what to do if worried about a child"
        case .policyWhatIsHarmful: "Policy says what is harmful to children"
        case .policySafePractice: "Policy covers safe practice with children"
        case .policySpiritualPractice: "Policy covers spiritual practices such as praying for children"
        case .policyAdultsWhoMayPoseRisk: "Policy covers adults who may pose a risk attending"
        }
    }

    /// What counts as met, in one sentence for the form's hint text.
    public var hint: String {
        switch self {
        case .childProtectionPolicy:
            "The group has a written child protection policy, agreed by its leaders and reviewed in the last 12 months."
        case .safeguardingLead:
            "A named person is the group's designated lead for child protection, and members know who they are."
        case .dbsChecks:
            "Everyone who works with children or young people for the group has a current DBS check."
        case .saferRecruitment:
            "Staff and volunteers who work with children are recruited with references, identity checks and supervision."
        case .training:
            "Leaders and people working with children have had safeguarding training that is still current."
        case .policyWhenWorried:
            "The policy says what to do if someone is worried about a child, including the local referral arrangements."
        case .policyWhatIsHarmful:
            "The policy describes what is harmful to children, including abuse linked to culture, faith or belief."
        case .policySafePractice:
            "The policy sets out safe practice when working with children, such as never being alone with a child out of sight."
        case .policySpiritualPractice:
            "The policy says how spiritual practices such as praying for children or deliverance are done safely."
        case .policyAdultsWhoMayPoseRisk:
            "The policy says what the group does when an adult who may pose a risk to children attends."
        }
    }

    /// Whether the item lapses: the policy must be reviewed every 12 months; DBS checks and
    /// training are given a review or expiry date by the user. The other items hold until
    /// someone records otherwise.
    public var lapses: Bool {
        switch self {
        case .childProtectionPolicy, .dbsChecks, .training: true
        default: false
        }
    }
}

/// How far a group has got with one readiness item.
public enum ReadinessStatus: String, CaseIterable, Codable, Sendable {
    case met
    case partly
    case notMet = "not_met"
    case unknown

    /// The answer as the form offers it: a policy is in place or in draft (seed 004: "a
    /// child protection policy has been drafted for the mosques"), the rest yes or no.
    public func title(for item: ReadinessItem) -> String {
        switch (self, item) {
        case (.met, .childProtectionPolicy): "In place"
        case (.partly, .childProtectionPolicy): "Draft"
        case (.notMet, .childProtectionPolicy): "None"
        case (.met, _): "Yes"
        case (.partly, _): "In progress"
        case (.notMet, _): "No"
        case (.unknown, _): "Not known"
        }
    }
}

/// One item as recorded for a group.
public struct ReadinessEntry: Sendable, Equatable, Codable {
    public var item: ReadinessItem
    public var status: ReadinessStatus
    /// What the adviser saw: "Policy dated March 2026, signed by the pastor".
    public var evidence: String
    public var lastReviewed: CalendarDate?
    /// Set by the user when the item has its own expiry (a DBS renewal date, training
    /// to refresh); overrides the 12-month policy review.
    public var reviewDue: CalendarDate?
    /// For DBS checks: people checked, of `totalCount` working with children.
    public var checkedCount: Int?
    public var totalCount: Int?

    public init(item: ReadinessItem, status: ReadinessStatus, evidence: String = "", lastReviewed: CalendarDate? = nil,
                reviewDue: CalendarDate? = nil, checkedCount: Int? = nil, totalCount: Int? = nil) {
        self.item = item
        self.status = status
        self.evidence = evidence
        self.lastReviewed = lastReviewed
        self.reviewDue = reviewDue
        self.checkedCount = checkedCount
        self.totalCount = totalCount
    }
}

/// A group's readiness on a day: how many items are met, and what is missing, expired or due soon.
public struct ReadinessSummary: Sendable, Equatable {
    public var met: Int
    public var total: Int
    public var missing: [ReadinessItem]
    public var expired: [ReadinessItem]
    public var dueSoon: [ReadinessItem]
    /// "5 of 10", as shown in lists.
    public var text: String

    public init(met: Int, total: Int, missing: [ReadinessItem], expired: [ReadinessItem], dueSoon: [ReadinessItem]) {
        self.met = met
        self.total = total
        self.missing = missing
        self.expired = expired
        self.dueSoon = dueSoon
        self.text = "\(met) of \(total)"
    }
}

/// Scoring and validation of safeguarding readiness.
public enum Readiness {
    /// Merton's aim (seed 004 Appendix 2): a policy "regularly monitored and reviewed";
    /// yearly is what the London procedures ask of organisations working with children.
    public static let policyReviewMonths = 12

    /// The longest evidence note kept: enough for a paragraph, short enough for a list.
    static let evidenceLimit = 1000

    /// The date an entry lapses: its reviewDue, else for the child protection policy
    /// lastReviewed + 12 months, else nil.
    public static func dueDate(of entry: ReadinessEntry) -> CalendarDate? {
        if let reviewDue = entry.reviewDue { return reviewDue }
        if entry.item == .childProtectionPolicy, let lastReviewed = entry.lastReviewed {
            return lastReviewed.adding(months: policyReviewMonths)
        }
        return nil
    }

    /// DBS checks: a status from the counts (all checked → met, some → partly, none → notMet);
    /// nil when no total is given (0) or the counts cannot be right, so the user chooses.
    public static func status(checked: Int, of total: Int) -> ReadinessStatus? {
        guard total > 0, (0...total).contains(checked) else { return nil }
        return switch checked {
        case total: .met
        case 0: .notMet
        default: .partly
        }
    }

    /// Items missing from `entries` count as unknown. An item is met when its status is met
    /// and its due date (if any) is on or after `today`; met-but-past-due items are `expired`
    /// (and not counted as met); met items due within `dueWithinDays` days are `dueSoon`;
    /// everything else not met is `missing`. Lists in ReadinessItem.allCases order.
    /// When an item is recorded twice, the later entry counts.
    public static func summary(of entries: [ReadinessEntry], on today: CalendarDate, dueWithinDays: Int = 30) -> ReadinessSummary {
        var latest: [ReadinessItem: ReadinessEntry] = [:]
        for entry in entries { latest[entry.item] = entry }
        let horizon = today.adding(days: dueWithinDays)
        var met = 0
        var missing: [ReadinessItem] = [], expired: [ReadinessItem] = [], dueSoon: [ReadinessItem] = []
        for item in ReadinessItem.allCases {
            guard let entry = latest[item], entry.status == .met else {
                missing.append(item)
                continue
            }
            let due = dueDate(of: entry)
            if let due, due < today {
                expired.append(item)
            } else {
                met += 1
                if let due, due <= horizon { dueSoon.append(item) }
            }
        }
        return ReadinessSummary(met: met, total: ReadinessItem.allCases.count, missing: missing, expired: expired, dueSoon: dueSoon)
    }

    /// Validation of one entry from a form or import: checked and total are whole numbers ≥ 0,
    /// checked ≤ total, evidence ≤ 1000 characters. Field names: "\(item.rawValue)-checked",
    /// "\(item.rawValue)-total", "\(item.rawValue)-evidence".
    public static func problems(in entry: ReadinessEntry) -> [FieldProblem] {
        let field = entry.item.rawValue
        // The item's title leads each message: a group's form shows several items at once,
        // and the error summary must say which one is wrong.
        let title = entry.item.title
        var problems: [FieldProblem] = []
        if let checked = entry.checkedCount, checked < 0 {
            problems.append(FieldProblem(field: "\(field)-checked", message: "\(title): the number checked must be 0 or more"))
        }
        if let total = entry.totalCount, total < 0 {
            problems.append(FieldProblem(field: "\(field)-total", message: "\(title): the number of people must be 0 or more"))
        }
        if let checked = entry.checkedCount, let total = entry.totalCount, checked >= 0, total >= 0, checked > total {
            problems.append(FieldProblem(
                field: "\(field)-checked",
                message: "\(title): the number checked must be no more than the number of people (\(total))"))
        }
        if entry.evidence.count > evidenceLimit {
            problems.append(FieldProblem(
                field: "\(field)-evidence",
                message: "\(title): evidence must be 1,000 characters or fewer"))
        }
        return problems
    }
}
