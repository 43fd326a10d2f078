import ConduitCore
import Foundation
import Plot

/// The returns import: the file's columns, the upload, and every problem with its line.
enum ReturnsImportView {
    static func form(problems: [FieldProblem], lines: [ImportProblem], notice: String?, context: PageContext) -> Layout {
        Layout(title: "Import returns", context: context, hasErrors: !problems.isEmpty, main: [
            notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(problems),
            .heading(1, "Import returns from a CSV file", classes: "c-heading-l"),
            .el("div", .cls("c-grid-row"), .el("div", .cls("c-grid-column-two-thirds"),
                .paragraph("One line per cell, for one return or many. Conduit checks every line first: if any has a problem, nothing is imported. Imported returns are saved as drafts for you to check and submit."),
                .paragraph("Columns: " + ReturnCellsCSV.columns.joined(separator: ", ") + ". For example: camden, 2025-26 Q3, police, honour_based_abuse, total, 7", classes: "c-body-s"),
                .el("details", .cls("c-details"), .el("summary", .txt("Codes to use")),
                    .paragraph("Sources: " + ReturnSource.allCases.map(\.rawValue).joined(separator: ", "), classes: "c-body-s"),
                    .paragraph("Categories: " + AbuseCategory.allCases.map(\.rawValue).joined(separator: ", "), classes: "c-body-s"),
                    .paragraph("Breakdowns: " + Breakdown.all.map(\.key).joined(separator: ", "), classes: "c-body-s")),
                .el("form", .attr("method", "post"), .attr("action", SiteURL.returnsImport.path), .attr("enctype", "multipart/form-data"), .flag("novalidate", true),
                    Form.csrf(context.csrfToken),
                    .el("div", .cls("c-form-group" + (problems.isEmpty ? "" : " c-form-group--error")),
                        .el("label", .cls("c-label"), .attr("for", "file"), .txt("CSV file")),
                        Form.errorMessage(problems.first { $0.field == "file" }?.message, id: "file"),
                        .void("input", .cls("c-input"), .attr("id", "file"), .attr("name", "file"), .attr("type", "file"), .attr("accept", ".csv,text/csv"))),
                    Form.button("Check and import")))),
            lines.isEmpty ? .empty : Table.render(caption: "Problems in the file", columns: [.init(title: "Line", numeric: true), .init(title: "Column"), .init(title: "Problem")],
                                                  rows: lines.prefix(500).map { [.txt(String($0.line)), .txt($0.column), .txt($0.message)] }),
        ])
    }
}
