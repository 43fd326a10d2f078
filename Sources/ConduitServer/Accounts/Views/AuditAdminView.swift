import ConduitCore
import Plot

/// The audit trail page: filters, then the entries newest first.
enum AuditAdminView {
    struct FilterForm: Sendable {
        var action = "", actor = "", outcome = ""
        var fromDay = "", fromMonth = "", fromYear = ""
        var toDay = "", toMonth = "", toYear = ""
        var problems: [FieldProblem] = []

        var query: [(String, String)] {
            [("action", action), ("actor", actor), ("outcome", outcome), ("from-day", fromDay), ("from-month", fromMonth), ("from-year", fromYear),
             ("to-day", toDay), ("to-month", toMonth), ("to-year", toYear)]
        }
    }

    struct Model: Sendable {
        var form: FilterForm
        var rows: [AuditList.Row]
        var pagination: Pagination
    }

    static func layout(_ model: Model, context: PageContext) -> Layout {
        let form = model.form
        func error(_ field: String) -> String? { form.problems.first { $0.field == field }?.message }
        return Layout(title: "Audit trail", context: context, hasErrors: !form.problems.isEmpty, main: [
            Form.errorSummary(form.problems),
            .heading(1, "Audit trail", classes: "c-heading-l"),
            .paragraph("Every change, every sign-in attempt and every read of a sensitive record. Entries cannot be changed; each carries the hash of the one before, and `conduit audit verify` checks the chain."),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.adminAudit.path), .attr("novalidate", "novalidate"),
                Form.input(name: "action", label: "Action starts with", value: form.action, hint: "For example sign-in or user.", width: "20"),
                Form.input(name: "actor", label: "Who (email contains)", value: form.actor, width: "20"),
                Form.select(name: "outcome", label: "Outcome", options: [("", "Any")] + AuditTrail.Outcome.allCases.map { ($0.rawValue, $0.rawValue.capitalized) },
                            selected: form.outcome),
                Form.date(name: "from", legend: "From", day: form.fromDay, month: form.fromMonth, year: form.fromYear, error: error("from")),
                Form.date(name: "to", legend: "To", day: form.toDay, month: form.toMonth, year: form.toYear, error: error("to")),
                Form.button("Filter", classes: "c-button c-button--secondary")),
            .el("p", .cls("c-body"), .link("Show refused access", to: SiteURL.adminAudit.path(query: [("action", "access.refused")])),
                .txt(": requests refused with 403, or for another partnership's records (answered as not found).")),
            .paragraph("\(model.pagination.total) \(model.pagination.total == 1 ? "entry" : "entries")"),
            Table.render(caption: "Audit entries", columns: [.init(title: "When"), .init(title: "Who"), .init(title: "Action"), .init(title: "Record"),
                                                            .init(title: "Outcome"), .init(title: "From"), .init(title: "Detail")],
                rows: model.rows.map { row in
                    [.txt(Formats.dateTime(row.occurredAt)), .txt(row.actorLabel), .txt(row.action),
                     .txt([row.recordType, row.recordId].compactMap { $0 }.joined(separator: " ")),
                     .el("strong", .cls("c-tag " + (row.outcome == "success" ? "c-tag--green" : "c-tag--red")), .txt(row.outcome)),
                     .txt(row.address ?? ""), .txt(row.detail ?? "")]
                }, captionVisible: false),
            model.pagination.render { SiteURL.adminAudit.path(query: form.query + [("page", String($0))]) },
        ])
    }
}
