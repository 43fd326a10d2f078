import ConduitCore
import Foundation
import Plot

/// The subject access page: the name asked for, then what is held, record by record.
enum SubjectAccessView {
    struct Model: Sendable {
        var name: String
        var problems: [FieldProblem]
        var result: SubjectAccess.Result?
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Subject access request", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Subject access request", classes: "c-heading-l"),
            .paragraph("Find everything Conduit holds about a person who has asked (UK GDPR Article 15): concerns that name them, their contact details at groups, registers they are named on, and the audit trail. Your search is recorded."),
            Form.post(action: SiteURL.adminSubjectAccess.path, csrfToken: context.csrfToken,
                Form.input(name: "name", label: "The person's name", value: model.name, hint: "As they gave it; found ignoring capitals and accents.",
                           error: model.problems.first?.message, autocomplete: "off"),
                Form.button("Find what is held", classes: "c-button")),
            model.result.map { result(model.name, $0, context: context) } ?? .empty,
        ])
    }

    private static func result(_ name: String, _ result: SubjectAccess.Result, context: PageContext) -> HTMLNode {
        let titles = ["concern": "Concern", "contact": "Contact at a group", "attendance": "On a training register", "audit_entry": "Audit trail entry"]
        return .group([
            .heading(2, result.records.count == 1 ? "1 record holds this name" : "\(result.records.count) records hold this name", classes: "c-heading-m"),
            .group(result.records.map { held in
                HTMLNode.el("div", .cls("c-inset"),
                    .heading(3, [titles[held.kind] ?? held.kind, held.partnership, held.date].filter { !$0.isEmpty }.joined(separator: " · "), classes: "c-heading-s"),
                    SummaryList.render(held.fields.map { .init($0.name, $0.value) }))
            }),
            Form.post(action: SiteURL.adminSubjectAccessExport.path, csrfToken: context.csrfToken,
                .void("input", .attr("type", "hidden"), .attr("name", "name"), .attr("value", name)),
                Form.button("Export all of it (JSON)", classes: "c-button c-button--secondary")),
        ])
    }
}
