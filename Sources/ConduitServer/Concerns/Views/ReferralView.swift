import ConduitCore
import Foundation
import Plot

/// The forms of what follows a recorded concern.
extension ConcernView {
    /// A service the partnership passes concerns to, as the referral form offers it.
    struct Service: Sendable {
        var route: ConcernRoute?
        var name: String
        var phone: String
        var email: String
        /// Its record, for the settings page that removes it.
        var id: UUID? = nil
    }

    struct ReferralModel: Sendable {
        var concernID: UUID
        var positionOfTrust: Bool
        var input: ReferralInput
        var services: [Service]
        var problems: [FieldProblem] = []
    }

    static func referralForm(_ model: ReferralModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let options = ConcernRoute.offered(positionOfTrust: model.positionOfTrust).map { route -> (String, String, String?) in
            let contacts = model.services.filter { $0.route == route }.map { [$0.name, $0.phone, $0.email].filter { !$0.isEmpty }.joined(separator: ", ") }
            return (route.rawValue, route.title, contacts.isEmpty ? nil : contacts.joined(separator: "; "))
        }
        return Layout(title: "Record a referral", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Record a referral", classes: "c-heading-l"),
            model.positionOfTrust
                ? .el("div", .cls("c-warning-text"), .txt("This concern is about someone in a position of trust: refer it to the local authority designated officer (LADO) first."))
                : .empty,
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: SiteURL.concernReferrals(.value(model.concernID)).path, csrfToken: context.csrfToken,
                    Form.radios(name: "route", legend: "Where did you pass it on?", options: options, selected: model.input.route, error: error("route")),
                    Form.input(name: "serviceName", label: "Name of the service (optional)", value: model.input.serviceName,
                               hint: "Leave empty for your partnership's service shown above.", error: error("serviceName")),
                    Form.date(name: "referredOn", legend: "Date referred", field: model.input.referredOn, hint: nil, error: error("referredOn")),
                    Form.input(name: "referredTime", label: "Time", value: model.input.referredTime, hint: "For example, 20:15", error: error("referredTime"), width: "5"),
                    Form.input(name: "reference", label: "Their reference (optional)", value: model.input.reference, error: error("reference"), width: "20", spellcheck: false),
                    Form.button("Record the referral")))),
        ])
    }

    struct OutcomeModel: Sendable {
        var concernID: UUID
        var referral: Referral
        var input: OutcomeInput
        var problems: [FieldProblem] = []
    }

    static func outcomeForm(_ model: OutcomeModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let service = model.referral.serviceName.nonEmpty ?? model.referral.route?.title ?? "the service"
        return Layout(title: "What did the service do?", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt("Referred to \(service) on \(Formats.dateTime(model.referral.referredAt))")),
            .heading(1, "What did the service do?", classes: "c-heading-l"),
            Form.post(action: SiteURL.concernReferralOutcome(.value(model.concernID), .value(model.referral.id)).path, csrfToken: context.csrfToken,
                Form.radios(name: "outcome", legend: "Outcome", options: ConcernOutcome.allCases.map { ($0.rawValue, $0.title, nil) },
                            selected: model.input.outcome, error: error("outcome")),
                Form.date(name: "outcomeOn", legend: "Date you heard", field: model.input.outcomeOn, hint: nil, error: error("outcomeOn")),
                Form.button("Record the outcome")),
        ])
    }

    struct FeedbackModel: Sendable {
        var concernID: UUID
        var version: Int
        var input: FeedbackInput
        var problems: [FieldProblem] = []
    }

    static func feedbackForm(_ model: FeedbackModel, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return Layout(title: "Feedback to the person who raised it", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Feedback to the person who raised it", classes: "c-heading-l"),
            .paragraph("Tell them what you can: that it was passed on, and what happened, without details they should not have."),
            Form.post(action: SiteURL.concernFeedback(.value(model.concernID)).path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.version))),
                Form.date(name: "feedbackOn", legend: "Date they were told", field: model.input.feedbackOn, hint: nil, error: error("feedbackOn")),
                Form.radios(name: "method", legend: "How were they told?", options: ConcernFeedbackMethod.allCases.map { ($0.rawValue, $0.title, nil) },
                            selected: model.input.method, error: error("method")),
                Form.button("Record the feedback")),
        ])
    }
}
