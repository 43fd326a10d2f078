import ConduitCore
import Foundation
import Plot

/// The readiness form of a group and the list of items lapsing soon.
enum ReadinessView {
    struct FormModel: Sendable {
        var groupID: UUID
        var groupName: String
        var inputs: [ReadinessItemInput]
        /// The fingerprint of the stored readiness the form was based on.
        var version: String
        var problems: [FieldProblem] = []
        /// Items whose saved state differs from this person's, with the saved state.
        var conflict: [(item: ReadinessItem, stored: ReadinessEntry?)]?
    }

    static func form(_ model: FormModel, context: PageContext) -> Layout {
        let (groupID, groupName, inputs, problems) = (model.groupID, model.groupName, model.inputs, model.problems)
        return Layout(title: "Safeguarding readiness of \(groupName)", context: context, hasErrors: !problems.isEmpty, main: [
            Form.errorSummary(problems),
            model.conflict.map(conflictPanel) ?? .empty,
            .el("span", .cls("c-caption-l"), .txt(groupName)),
            .heading(1, "Safeguarding readiness", classes: "c-heading-l"),
            .paragraph("Record what the group has in place, with the evidence you saw and when each item should be reviewed. The policy items follow the checklist in the final report's Appendix 2 (Merton)."),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                Form.post(action: SiteURL.directoryGroupReadiness(.value(groupID)).path, csrfToken: context.csrfToken,
                    .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", model.version)),
                    .group(inputs.map { item($0, problems: problems) }),
                    .el("div", .cls("c-button-group"),
                        Form.button("Save readiness"),
                        .link("Cancel", to: SiteURL.directoryGroup(.value(groupID)).path))))),
        ])
    }

    private static func conflictPanel(_ changes: [(item: ReadinessItem, stored: ReadinessEntry?)]) -> HTMLNode {
        func describe(_ entry: ReadinessEntry?, _ item: ReadinessItem) -> String {
            guard let entry else { return "Not recorded" }
            var parts = [entry.status.title(for: item)]
            if let checked = entry.checkedCount, let total = entry.totalCount { parts.append("\(checked) of \(total) checked") }
            if !entry.evidence.isEmpty { parts.append(entry.evidence) }
            if let due = Readiness.dueDate(of: entry) { parts.append("due \(Formats.date(due))") }
            return parts.joined(separator: "; ")
        }
        return .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
            .el("h2", .cls("c-error-summary__title"), .txt("Someone else saved this group's readiness while you were editing it")),
            .paragraph("Your changes have not been saved; they are still in the form. Check the saved version of these items, then save again."),
            Table.render(caption: "Items whose saved version differs from yours", columns: [.init(title: "Item"), .init(title: "Saved version")],
                         rows: changes.map { [.txt($0.item.title), .txt(describe($0.stored, $0.item))] }))
    }

    private static func item(_ input: ReadinessItemInput, problems: [FieldProblem]) -> HTMLNode {
        let key = input.item.rawValue
        func error(_ field: String) -> String? { problems.first { $0.field == "\(key)-\(field)" }?.message }
        return .el("fieldset", .cls("c-fieldset c-card"),
            .el("legend", .cls("c-fieldset__legend c-fieldset__legend--m"), .txt(input.item.title)),
            .paragraph(input.item.hint, classes: "c-hint"),
            Form.select(name: "\(key)-status", label: "Status", options: ReadinessStatus.allCases.map { ($0.rawValue, $0.title(for: input.item)) },
                        selected: input.status, error: error("status")),
            input.item == .dbsChecks ? .group([
                Form.input(name: "\(key)-checked", label: "People with a current DBS check", value: input.checked, error: error("checked"), width: "4", inputmode: "numeric"),
                Form.input(name: "\(key)-total", label: "People working with children", value: input.total,
                           hint: "When both are given, the status follows from them", error: error("total"), width: "4", inputmode: "numeric"),
            ]) : .empty,
            Form.input(name: "\(key)-evidence", label: "Evidence (optional)", value: input.evidence,
                       hint: "For example, seen the policy dated March 2026", error: error("evidence")),
            input.item == .childProtectionPolicy
                ? Form.date(name: "\(key)-lastReviewed", legend: "When was it last reviewed? (optional)", field: input.lastReviewed,
                            hint: "It is due for review 12 months later", error: error("lastReviewed"))
                : .empty,
            Form.date(name: "\(key)-reviewDue", legend: "Review or expiry date (optional)", field: input.reviewDue, error: error("reviewDue")))
    }

    static func due(rows: [ReadinessStore.Due], days: Int, today: CalendarDate, context: PageContext) -> Layout {
        Layout(title: "Readiness items due for review", context: context, main: [
            .heading(1, "Readiness items due for review", classes: "c-heading-l"),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.directoryReadinessDue.path),
                Form.select(name: "days", label: "Lapsed, or lapsing within", options: [("30", "30 days"), ("60", "60 days"), ("90", "90 days"), ("180", "6 months"), ("365", "12 months")],
                            selected: String(days)),
                Form.button("Show", classes: "c-button c-button--secondary")),
            rows.isEmpty ? .paragraph("No readiness items lapse in this period.") :
            Table.render(caption: "Items lapsed or lapsing within \(days) days", columns: [.init(title: "Group"), .init(title: "Item"), .init(title: "Due"), .init(title: "")],
                rows: rows.map { row in
                    let due = CalendarDate(iso: row.dueOn)
                    return [.link(row.name, to: SiteURL.directoryGroup(.value(row.organisationId)).path),
                            .txt(ReadinessItem.title(of: row.item)),
                            .txt(due.map(Formats.date) ?? row.dueOn),
                            due.map { $0 < today ? HTMLNode.el("strong", .cls("c-tag c-tag--red"), .txt("Lapsed")) : .el("strong", .cls("c-tag c-tag--yellow"), .txt("Due soon")) } ?? .empty]
                }),
        ])
    }
}
