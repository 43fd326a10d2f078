import ConduitCore
import Foundation
import Plot

/// The import page and the report of a file's problems.
enum DirectoryImportView {
    struct FormModel: Sendable {
        var owners: [DirectoryLookups.PartnershipOption]
        var kind: DirectoryImport.Kind
        var ownerID: UUID?
        var problems: [FieldProblem] = []
    }

    static func form(_ model: FormModel, notice: String?, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        return Layout(title: "Import groups or contacts", context: context, hasErrors: !model.problems.isEmpty, main: [
            notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(model.problems),
            .heading(1, "Import groups or contacts from a spreadsheet", classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                .paragraph("Save the spreadsheet as CSV. Conduit checks every row first: if any row has a problem, nothing is imported and you see each problem with its line number. You can then correct the file, or import only the valid rows."),
                .el("form", .attr("method", "post"), .attr("action", SiteURL.directoryImport.path), .attr("enctype", "multipart/form-data"), .flag("novalidate", true),
                    Form.csrf(context.csrfToken),
                    Form.radios(name: "kind", legend: "What does the file hold?", options: [
                        (DirectoryImport.Kind.groups.rawValue, "Groups", "Columns: " + DirectoryImport.Kind.groups.columns.joined(separator: ", ") + ". Only name and type are required."),
                        (DirectoryImport.Kind.contacts.rawValue, "Contacts", "Columns: " + DirectoryImport.Kind.contacts.columns.joined(separator: ", ") + ". Give the group by group_id (from the export) or by its name."),
                    ], selected: model.kind.rawValue, error: error("kind")),
                    Form.select(name: "partnershipID", label: "Partnership that keeps the imported groups", options: model.owners.map { ($0.id.uuidString, $0.name) },
                                selected: (model.ownerID ?? model.owners.first?.id)?.uuidString, hint: "Unless a row's kept_by column names another of yours", error: error("partnershipID")),
                    .el("div", .cls("c-form-group" + (error("file") == nil ? "" : " c-form-group--error")),
                        .el("label", .cls("c-label"), .attr("for", "file"), .txt("CSV file")),
                        Form.errorMessage(error("file"), id: "file"),
                        .void("input", .cls("c-input"), .attr("id", "file"), .attr("name", "file"), .attr("type", "file"), .attr("accept", ".csv,text/csv"))),
                    Form.button("Check and import")),
                .heading(2, "Download the directory", classes: "c-heading-m"),
                .el("ul", .cls("c-list c-list--bullet"),
                    .el("li", .link("Groups (CSV)", to: SiteURL.directoryExport.path)),
                    .el("li", .link("Contacts (CSV)", to: SiteURL.directoryContactsExport.path))))),
        ])
    }

    struct ProblemsModel: Sendable {
        var importID: UUID
        var kind: DirectoryImport.Kind
        var fileName: String
        var valid: Int
        var rejected: Int
        var problems: [DirectoryImport.RowProblem]
    }

    static func problems(_ model: ProblemsModel, context: PageContext) -> Layout {
        let shown = model.problems.prefix(500)
        return Layout(title: "Problems in \(model.fileName)", context: context, hasErrors: true, main: [
            .el("div", .cls("c-error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
                .el("h2", .cls("c-error-summary__title"), .txt("Nothing has been imported")),
                .paragraph("\(model.rejected) of \(model.rejected + model.valid) rows have problems. Correct them in the spreadsheet and import the file again, or import only the \(model.valid) valid rows.")),
            .heading(1, "Problems in \(model.fileName)", classes: "c-heading-l"),
            .el("div", .cls("c-button-group"),
                model.valid > 0 ? Form.post(action: SiteURL.directoryImportConfirm(.value(model.importID)).path, csrfToken: context.csrfToken,
                                            Form.button("Import the \(model.valid) valid rows only", classes: "c-button c-button--secondary")) : .empty,
                .link("Download the \(model.rejected) rejected rows (CSV)", to: SiteURL.directoryImportRejects(.value(model.importID)).path),
                .link("Import another file", to: SiteURL.directoryImport.path)),
            Table.render(caption: "Problems by line", columns: [.init(title: "Line", numeric: true), .init(title: "Column"), .init(title: "Problem")],
                         rows: shown.map { [.txt(String($0.line)), .txt($0.column), .txt($0.message)] }),
            model.problems.count > shown.count ? .paragraph("And \(model.problems.count - shown.count) more: download the rejected rows to see them all.") : .empty,
        ])
    }
}
