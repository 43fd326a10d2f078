import ConduitCore
import Foundation
import Plot

/// A concern's pages: the danger question, the details form, check answers and the concern itself.
enum ConcernView {
    struct Choices: Sendable {
        /// The partnerships the adviser records concerns for.
        var own: [DirectoryLookups.PartnershipOption]
        /// Every partnership, for where the children live.
        var partnerships: [DirectoryLookups.PartnershipOption]
        var groups: [EngagementStore.GroupOption]
    }

    /// What the pages know of a stored concern, without its restricted fields.
    struct StoredConcern: Sendable {
        var id: UUID
        var version: Int
        var state: ConcernState
        var urgent: Bool
        var receivedAt: Date
        var receipt: ConcernReceipt?
        var raisedBy: ConcernRaisedBy?
        var hasRaiserIdentity: Bool
        var childrenCount: Int?
        var ageBands: [ReturnAgeBand]
        var sexes: [ReturnSex]
        var hasChildrenNames: Bool
        var summary: String
        var positionOfTrust: Bool
        var consent: ConsentDecision?
        var consentReason: String
        var feedbackOn: CalendarDate?
        var feedbackMethod: ConcernFeedbackMethod?
        var anonymised: Bool

        /// Whether its details are complete enough to be checked and recorded.
        var hasDetails: Bool { receipt != nil && consent != nil }

    }

    struct Referral: Sendable {
        var id: UUID
        var route: ConcernRoute?
        var serviceName: String
        var referredAt: Date
        var reference: String
        var outcome: ConcernOutcome?
        var outcomeOn: CalendarDate?

    }

    /// The restricted fields, once asked for with a reason.
    struct Revealed: Sendable {
        var raiserIdentity: String?
        var childrenNames: String?
        var reason: String
    }

    /// Everything a concern's page and its check-answers page show.
    struct Summary: Sendable {
        var concern: StoredConcern
        var categories: [ConcernCategory]
        var raisedByGroup: (id: UUID, name: String)?
        var trustGroup: (id: UUID, name: String)?
        var partnershipName: String
        var residenceName: String?
        var adviserName: String
        var referrals: [Referral]
        var timeliness: ConcernTimeliness
        var canEdit: Bool
        var revealed: Revealed? = nil
        var revealProblem: FieldProblem? = nil
    }

    enum Notice: String, PageNotice {
        case callNow = "urgent", recorded, updated, referred, outcome, feedback, closed

        var message: String {
            switch self {
            case .callNow: "The concern is marked urgent. Call 999 now if you have not: the details can wait."
            case .recorded: "The concern has been recorded."
            case .updated: "The concern's details have been saved."
            case .referred: "The referral has been recorded."
            case .outcome: "The outcome has been recorded."
            case .feedback: "The feedback has been recorded."
            case .closed: "The concern has been closed."
            }
        }
    }

    /// The 999 panel: first on the page, before any question, when a child is in danger now.
    static func callNow() -> HTMLNode {
        .el("div", .cls("c-call-now"), .attr("role", "alert"),
            .el("h2", .cls("c-heading-l"), .txt("Call 999 now")),
            .paragraph("A child is in danger now: call the police on 999 before anything else. Then record what you can here; the rest can wait.", classes: "c-body-l"),
            .el("p", .cls("c-body"), .link("Call 999", to: "tel:999", classes: "c-button c-button--warning")))
    }

    // MARK: - The first question

    static func danger(problem: String?, context: PageContext) -> Layout {
        let problems = problem.map { [FieldProblem(field: "dangerNow", message: $0)] } ?? []
        return Layout(title: "Is a child in danger now?", context: context, hasErrors: !problems.isEmpty, main: [
            Form.errorSummary(problems),
            .el("span", .cls("c-caption-l"), .txt("Record a concern")),
            Form.post(action: SiteURL.concernNew.path, csrfToken: context.csrfToken,
                .el("div", .cls("c-form-group" + (problem == nil ? "" : " c-form-group--error")),
                    .el("fieldset", .cls("c-fieldset"), .attr("aria-describedby", "dangerNow-hint" + (problem == nil ? "" : " dangerNow-error")),
                        .el("legend", .cls("c-fieldset__legend c-fieldset__legend--l"), .el("h1", .cls("c-heading-l"), .txt("Is a child in danger now?"))),
                        Form.hintText("For example, a child who is being hurt, is about to be taken abroad, or cannot go home safely tonight.", id: "dangerNow"),
                        Form.errorMessage(problem, id: "dangerNow"),
                        .el("div", .cls("c-radios"),
                            radio("dangerNow", "yes", "Yes: a child is in danger now", index: 0),
                            radio("dangerNow", "no", "No", index: 1)))),
                Form.button("Continue")),
        ])
    }

    private static func radio(_ name: String, _ value: String, _ label: String, index: Int, checked: Bool = false) -> HTMLNode {
        let id = index == 0 ? name : "\(name)-\(index + 1)"
        return .el("div", .cls("c-radios__item"),
            .void("input", .cls("c-radios__input"), .attr("id", id), .attr("name", name), .attr("type", "radio"), .attr("value", value), .flag("checked", checked)),
            .el("label", .cls("c-radios__label"), .attr("for", id), .txt(label)))
    }
}
