import ConduitCore
import Foundation
import Plot

/// A concern's page, and the forms of what follows it: a referral, an outcome, feedback.
extension ConcernView {
    static func show(_ summary: Summary, notice: Notice?, context: PageContext) -> Layout {
        let concern = summary.concern
        let title = summary.categories.first.map { "Concern: \($0.title.lowercased())" } ?? "Concern"
        return Layout(title: title, context: context, hasErrors: summary.revealProblem != nil, main: [
            Form.errorSummary(summary.revealProblem.map { [$0] } ?? []),
            notice.map { NotificationBanner.render($0.message, success: $0 != .callNow) } ?? .empty,
            concern.urgent && summary.referrals.isEmpty ? callNow() : .empty,
            .el("span", .cls("c-caption-l"), .txt("Concern received \(Formats.dateTime(concern.receivedAt))")),
            .heading(1, title, classes: "c-heading-l"),
            .el("p", .cls("c-body"), stateTag(concern.state), .group(summary.timeliness.flags.map { .group([.txt(" "), flagTag($0)]) })),
            concern.anonymised ? .paragraph("This concern passed its retention period: names and free text were removed, its counts and categories kept.") : .empty,
            concern.state == .incomplete && summary.canEdit
                ? .el("p", .cls("c-body"), .link(summary.concern.hasDetails ? "Check and record the concern" : "Complete the details",
                                                to: summary.concern.hasDetails ? SiteURL.concernCheck(.value(concern.id)).path : SiteURL.concernDetails(.value(concern.id)).path,
                                                classes: "c-button"))
                : .empty,
            SummaryList.render(rows(summary, changeLink: nil)),
            summary.canEdit && concern.state != .closed ? .el("p", .cls("c-body"), .link("Change the details", to: SiteURL.concernDetails(.value(concern.id)).path)) : .empty,
            referralsSection(summary),
            feedbackSection(summary),
            restrictedSection(summary, context: context),
            closeSection(summary, context: context),
        ])
    }

    static func stateTag(_ state: ConcernState) -> HTMLNode {
        .el("strong", .cls("c-tag " + (state == .closed ? "c-tag--grey" : state == .incomplete ? "c-tag--yellow" : "c-tag--blue")), .txt(state.title))
    }

    static func flagTag(_ flag: ConcernTimeliness.Flag) -> HTMLNode {
        .el("strong", .cls("c-tag " + (flag == .referredLate ? "c-tag--yellow" : "c-tag--red")), .txt(flag.title))
    }

    private static func referralsSection(_ summary: Summary) -> HTMLNode {
        let concern = summary.concern
        let due = summary.timeliness
        return .group([
            .heading(2, "Where it was passed on", classes: "c-heading-m"),
            summary.referrals.isEmpty
                ? .paragraph("Not yet referred. Refer it by \(Formats.dateTime(due.referralDue))" + (concern.urgent ? " (1 hour: urgent)." : " (24 hours)."))
                : .group(summary.referrals.map { referral in referralCard(referral, concernID: concern.id, canEdit: summary.canEdit && concern.state != .closed) }),
            due.outcomeDue.map { day in
                summary.referrals.contains { $0.outcome?.isDecision == true } ? .empty
                    : .paragraph("An outcome is due by \(Formats.date(day.start(in: Formats.ukTimeZone))) (10 working days). Ask the service if you have not heard.")
            } ?? .empty,
            summary.canEdit && concern.state != .closed && concern.state != .incomplete
                ? .el("p", .cls("c-body"), .link(summary.referrals.isEmpty ? "Record a referral" : "Add another referral",
                                                to: SiteURL.concernReferralNew(.value(concern.id)).path, classes: summary.referrals.isEmpty ? "c-button" : "c-button c-button--secondary"))
                : .empty,
        ])
    }

    private static func referralCard(_ referral: Referral, concernID: UUID, canEdit: Bool) -> HTMLNode {
        .el("div", .cls("c-inset"),
            .el("h3", .cls("c-heading-s"), .txt(referral.route?.title ?? "Service")),
            SummaryList.render([
                .init("Service", referral.serviceName.nonEmpty ?? "—"),
                .init("Referred", Formats.dateTime(referral.referredAt)),
                .init("Their reference", referral.reference.nonEmpty ?? "—"),
                .init("Outcome", referral.outcome.map { $0.title + (referral.outcomeOn.map { ", " + Formats.date($0.start(in: Formats.ukTimeZone)) } ?? "") } ?? "Not yet known",
                      action: canEdit ? .link(referral.outcome == nil ? "Record" : "Change", to: SiteURL.concernReferralOutcome(.value(concernID), .value(referral.id)).path) : .empty),
            ]))
    }

    private static func feedbackSection(_ summary: Summary) -> HTMLNode {
        let concern = summary.concern
        let text: String
        if let on = concern.feedbackOn {
            text = "Told what happened on \(Formats.date(on.start(in: Formats.ukTimeZone)))" + (concern.feedbackMethod.map { ", " + $0.title.lowercased() } ?? "") + "."
        } else if concern.raisedBy == .anonymous {
            text = "They did not give their name, so they cannot be told what happened."
        } else {
            text = "Not yet told what happened."
        }
        return .group([
            .heading(2, "Feedback to the person who raised it", classes: "c-heading-m"),
            .paragraph(text),
            summary.canEdit && concern.state == .open && concern.raisedBy != .anonymous
                ? .el("p", .cls("c-body"), .link("Record feedback", to: SiteURL.concernFeedback(.value(concern.id)).path)) : .empty,
        ])
    }

    private static func restrictedSection(_ summary: Summary, context: PageContext) -> HTMLNode {
        let concern = summary.concern
        guard concern.hasRaiserIdentity || concern.hasChildrenNames else { return .empty }
        if let revealed = summary.revealed {
            return .group([
                .heading(2, "Restricted details", classes: "c-heading-m"),
                SummaryList.render([
                    concern.hasRaiserIdentity ? .init("Raised by (name or contact)", revealed.raiserIdentity ?? "—") : nil,
                    concern.hasChildrenNames ? .init("Children's names", revealed.childrenNames ?? "—") : nil,
                    .init("Shown because", revealed.reason),
                ].compactMap { $0 }),
            ])
        }
        let error = summary.revealProblem?.message
        return .group([
            .heading(2, "Restricted details", classes: "c-heading-m"),
            .paragraph("Names are recorded for this concern. They are shown only when you say why you need them; your reason is kept in the audit trail."),
            Form.post(action: SiteURL.concernRestricted(.value(concern.id)).path, csrfToken: context.csrfToken,
                Form.input(name: "reason", label: "Why do you need to see them?", hint: "For example: the front door asked for the child's name to find the family's record.",
                           error: error, autocomplete: "off"),
                Form.button("Show the names", classes: "c-button c-button--secondary")),
        ])
    }

    private static func closeSection(_ summary: Summary, context: PageContext) -> HTMLNode {
        guard summary.canEdit, summary.concern.state == .open, summary.referrals.contains(where: { $0.outcome?.isDecision == true }) else { return .empty }
        return .group([
            .heading(2, "Close the concern", classes: "c-heading-m"),
            .paragraph("Close it when a service has said what it will do and the person who raised it has been told, where they can be."),
            Form.post(action: SiteURL.concernClose(.value(summary.concern.id)).path, csrfToken: context.csrfToken,
                      Form.button("Close the concern", classes: "c-button c-button--secondary")),
        ])
    }
}
