import ConduitCore
import Foundation
import Plot

/// A concern's details form and its check-answers page.
extension ConcernView {
    struct FormModel: Sendable {
        var input: ConcernInput
        var choices: Choices
        /// The stored concern being completed or changed; nil for a new one.
        var concern: StoredConcern? = nil
        var problems: [FieldProblem] = []
        /// Someone else saved the concern first: what this person typed is kept in the form.
        var conflict = false
        var notice: Notice? = nil
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        let title = model.concern.map { $0.state == .incomplete ? "Complete the concern's details" : "Change the concern's details" } ?? "Record a concern"
        let action = model.concern.map { SiteURL.concernDetails(.value($0.id)).path } ?? SiteURL.concerns.path
        let urgent = model.notice == .callNow || (model.concern?.urgent == true && model.concern?.state == .incomplete)
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            urgent ? callNow() : .empty,
            Form.errorSummary(model.problems),
            model.conflict ? NotificationBanner.render("Someone else changed this concern while you were typing. What you typed is below: check it against the concern and save again.", success: false) : .empty,
            .heading(1, title, classes: "c-heading-l"),
            .paragraph("Record the facts, as they were told to you. A child's name is never needed; names and who raised the concern are kept restricted."),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: action, csrfToken: context.csrfToken,
                    model.concern.map { .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String($0.version))) } ?? .empty,
                    receivedFields(model), raisedByFields(model), childrenFields(model), aboutFields(model), consentFields(model),
                    partnershipField(model),
                    Form.button("Continue"))))
        ])
    }

    private static func error(_ model: FormModel, _ name: ConcernInput.Name) -> String? {
        model.problems.first { $0.field == name.rawValue }?.message
    }

    private static func receivedFields(_ model: FormModel) -> HTMLNode {
        let input = model.input
        return .group([
            Form.date(name: ConcernInput.Name.receivedOn.rawValue, legend: "Date you received it", field: input.receivedOn, hint: nil, error: error(model, .receivedOn)),
            Form.input(name: ConcernInput.Name.receivedTime.rawValue, label: "Time", value: input.receivedTime, hint: "For example, 19:30 or 7.30pm",
                       error: error(model, .receivedTime), width: "5"),
            Form.radios(name: ConcernInput.Name.receipt.rawValue, legend: "How did you receive it?",
                        options: ConcernReceipt.allCases.map { ($0.rawValue, $0.title, nil) }, selected: input.receipt, error: error(model, .receipt)),
        ])
    }

    private static func raisedByFields(_ model: FormModel) -> HTMLNode {
        let input = model.input
        let kept = model.concern?.hasRaiserIdentity == true
        return .group([
            Form.radios(name: ConcernInput.Name.raisedBy.rawValue, legend: "Who raised it?",
                        options: ConcernRaisedBy.allCases.map { ($0.rawValue, $0.title, nil) }, selected: input.raisedBy, error: error(model, .raisedBy)),
            Form.select(name: ConcernInput.Name.raisedByGroupID.rawValue, label: "The group (if a group raised it)",
                        options: [("", "Select a group")] + model.choices.groups.map { ($0.id.uuidString, $0.name) },
                        selected: input.raisedByGroupID, error: error(model, .raisedByGroupID)),
            Form.input(name: ConcernInput.Name.raiserIdentity.rawValue, label: "Their name or how to reach them (optional, restricted)",
                       value: input.raiserIdentity,
                       hint: kept ? "Already recorded and restricted: leave empty to keep it, or type to replace it." : "Only if they agreed to give it, so they can be told what happened.",
                       error: error(model, .raiserIdentity), autocomplete: "off"),
            kept ? Form.checkboxes(name: ConcernInput.Name.removeRaiserIdentity.rawValue, legend: "Remove the recorded name",
                                   options: [("yes", "Remove it")], selected: input.removeRaiserIdentity ? ["yes"] : [], small: true) : .empty,
        ])
    }

    private static func childrenFields(_ model: FormModel) -> HTMLNode {
        let input = model.input
        let kept = model.concern?.hasChildrenNames == true
        return .el("fieldset", .cls("c-fieldset"),
            .el("legend", .cls("c-fieldset__legend c-fieldset__legend--m"), .txt("The children")),
            Form.input(name: ConcernInput.Name.childrenCount.rawValue, label: "How many children?", value: input.childrenCount,
                       error: error(model, .childrenCount), width: "3", inputmode: "numeric"),
            Form.checkboxes(name: ConcernInput.Name.ageBands.rawValue, legend: "Age", options: ReturnAgeBand.allCases.map { ($0.rawValue, $0.title) },
                            selected: Set(input.ageBands), hint: "Select each that applies.", error: error(model, .ageBands), small: true),
            Form.checkboxes(name: ConcernInput.Name.sexes.rawValue, legend: "Sex", options: ReturnSex.allCases.map { ($0.rawValue, $0.title) },
                            selected: Set(input.sexes), error: error(model, .sexes), small: true),
            Form.select(name: ConcernInput.Name.residence.rawValue, label: "Where do they live?",
                        options: [("", "Select a partnership"), (ConcernInput.notKnown, "Not known")] + model.choices.partnerships.map { ($0.id.uuidString, $0.name) },
                        selected: input.residence, error: error(model, .residence)),
            Form.input(name: ConcernInput.Name.childrenNames.rawValue, label: "Children's names (optional, restricted)", value: input.childrenNames,
                       hint: kept ? "Already recorded and restricted: leave empty to keep them, or type to replace them." : "Not needed to pass a concern on. Only if the service will need them.",
                       error: error(model, .childrenNames), autocomplete: "off"),
            kept ? Form.checkboxes(name: ConcernInput.Name.removeChildrenNames.rawValue, legend: "Remove the recorded names",
                                   options: [("yes", "Remove them")], selected: input.removeChildrenNames ? ["yes"] : [], small: true) : .empty)
    }

    private static func aboutFields(_ model: FormModel) -> HTMLNode {
        let input = model.input
        return .group([
            Form.checkboxes(name: ConcernInput.Name.categories.rawValue, legend: "What is it about?",
                            options: ConcernCategory.allCases.map { ($0.code, $0.title) }, selected: Set(input.categories),
                            hint: "Select each that applies.", error: error(model, .categories), small: true),
            Form.textarea(name: ConcernInput.Name.summary.rawValue, label: "What was said or seen", value: input.summary,
                          hint: "The facts, in the words you were given. Who, what, when and where; not opinions.", error: error(model, .summary), rows: 6),
            Form.radios(name: ConcernInput.Name.positionOfTrust.rawValue, legend: "Is it about someone in a position of trust in a group?",
                        options: [("yes", "Yes", "For example a madrasa teacher, a pastor or a youth leader. The LADO is offered first."), ("no", "No", nil)],
                        selected: input.positionOfTrust, error: error(model, .positionOfTrust)),
            Form.select(name: ConcernInput.Name.trustGroupID.rawValue, label: "The group where they work or volunteer (optional)",
                        options: [("", "Not in the directory, or not known")] + model.choices.groups.map { ($0.id.uuidString, $0.name) },
                        selected: input.trustGroupID, error: error(model, .trustGroupID)),
        ])
    }

    private static func consentFields(_ model: FormModel) -> HTMLNode {
        let input = model.input
        return .group([
            Form.radios(name: ConcernInput.Name.consent.rawValue, legend: "Consent to pass it on",
                        options: ConsentDecision.allCases.map { ($0.rawValue, $0.title, nil) }, selected: input.consent,
                        hint: "A concern may be shared without consent to protect a child. Record the decision and why.", error: error(model, .consent)),
            Form.textarea(name: ConcernInput.Name.consentReason.rawValue, label: "Why (if refused or not sought)", value: input.consentReason,
                          error: error(model, .consentReason), rows: 3),
        ])
    }

    private static func partnershipField(_ model: FormModel) -> HTMLNode {
        model.choices.own.count > 1
            ? Form.select(name: ConcernInput.Name.partnershipID.rawValue, label: "Recorded for partnership",
                          options: model.choices.own.map { ($0.id.uuidString, $0.name) }, selected: model.input.partnershipID, error: error(model, .partnershipID))
            : .void("input", .attr("type", "hidden"), .attr("name", ConcernInput.Name.partnershipID.rawValue),
                    .attr("value", model.input.partnershipID.isEmpty ? model.choices.own.first?.id.uuidString : model.input.partnershipID))
    }

    // MARK: - Check answers

    static func check(_ summary: Summary, context: PageContext) -> Layout {
        let id = summary.concern.id
        return Layout(title: "Check the concern before you record it", context: context, main: [
            .heading(1, "Check the concern before you record it", classes: "c-heading-l"),
            SummaryList.render(rows(summary, changeLink: SiteURL.concernDetails(.value(id)).path)),
            .heading(2, "Now record it", classes: "c-heading-m"),
            .paragraph("Recording it puts it on your partnership's list of concerns. Then record where you passed it on."),
            Form.post(action: SiteURL.concernCheck(.value(id)).path, csrfToken: context.csrfToken, Form.button("Record the concern")),
        ])
    }

    /// The details as summary rows; on the check page each has a change link.
    static func rows(_ summary: Summary, changeLink: String?) -> [SummaryList.Row] {
        let concern = summary.concern
        func change(_ label: String) -> HTMLNode {
            changeLink.map { .el("a", .cls("c-link"), .attr("href", $0), .txt("Change"), .el("span", .cls("c-visually-hidden"), .txt(" " + label.lowercased()))) } ?? .empty
        }
        let raisedBy = concern.raisedBy.map { by in
            by == .group ? (summary.raisedByGroup?.name ?? "A group") : by.title
        } ?? "—"
        return [
            .init("Urgent", concern.urgent ? "Yes: a child was in danger" : "No", action: .empty),
            .init("Received", Formats.dateTime(concern.receivedAt) + (concern.receipt.map { ", " + $0.title.lowercased() } ?? ""), action: change("Received")),
            .init("Raised by", raisedBy + (concern.hasRaiserIdentity ? " (name recorded, restricted)" : ""), action: change("Raised by")),
            .init("Children", children(summary), action: change("Children")),
            .init("About", summary.categories.map(\.title).joined(separator: ", ").nonEmpty ?? "—", action: change("About")),
            .init("What was said or seen", concern.summary.nonEmpty ?? "—", action: change("What was said or seen")),
            .init("Person in a position of trust", concern.positionOfTrust ? "Yes" + (summary.trustGroup.map { ", at \($0.name)" } ?? "") : "No", action: change("Position of trust")),
            .init("Consent", (concern.consent?.title ?? "—") + (concern.consentReason.isEmpty ? "" : ": " + concern.consentReason), action: change("Consent")),
            .init("Recorded by", "\(summary.adviserName), \(summary.partnershipName)", action: .empty),
        ]
    }

    private static func children(_ summary: Summary) -> String {
        let concern = summary.concern
        guard let count = concern.childrenCount else { return "—" }
        var parts = [count == 1 ? "1 child" : "\(count) children"]
        if !concern.ageBands.isEmpty { parts.append("aged " + concern.ageBands.map { $0.title.lowercased() }.joined(separator: ", ")) }
        if !concern.sexes.isEmpty { parts.append(concern.sexes.map { $0.title.lowercased() }.joined(separator: ", ")) }
        parts.append("living in " + (summary.residenceName ?? "a partnership not known"))
        if concern.hasChildrenNames { parts.append("names recorded (restricted)") }
        return parts.joined(separator: "; ")
    }
}
