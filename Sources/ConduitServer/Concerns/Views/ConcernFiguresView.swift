import ConduitCore
import Foundation
import Plot

/// The counts of concerns for a period, a table for each way of counting them.
enum ConcernFiguresView {
    struct Model: Sendable {
        var from: DateField
        var to: DateField
        var partnershipID: UUID?
        var partnerships: [DirectoryLookups.PartnershipOption]
        var problems: [FieldProblem]
        var publication: Publication? = nil
        var tables: [(ConcernFigures.Grouping, GroupedReport)] = []
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        typealias Name = ConcernFiguresController.Name
        func error(_ name: Name) -> String? { model.problems.first { $0.field == name.rawValue }?.message }
        return Layout(title: "Concerns: figures", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Concerns: figures", classes: "c-heading-l"),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.concernFigures.path),
                .el("div", .cls("c-grid-row"),
                    .el("div", .cls("c-grid-column-one-third"), Form.date(name: Name.from.rawValue, legend: "Received from", field: model.from, hint: nil, error: error(.from))),
                    .el("div", .cls("c-grid-column-one-third"), Form.date(name: Name.to.rawValue, legend: "To", field: model.to, hint: nil, error: error(.to))),
                    .el("div", .cls("c-grid-column-one-third"),
                        Form.select(name: Name.partnership.rawValue, label: "Partnership",
                                    options: [("", "All partnerships you may see")] + model.partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                                    selected: model.partnershipID?.uuidString.lowercased() ?? "", error: error(.partnership)))),
                Form.button("Show the figures", classes: "c-button c-button--secondary")),
            model.publication.map(PublicationNote.render) ?? .empty,
            .group(model.tables.map { grouping, report in table(grouping, report) }),
        ])
    }

    private static func table(_ grouping: ConcernFigures.Grouping, _ report: GroupedReport) -> HTMLNode {
        .group([
            Table.render(caption: grouping.title, columns: [.init(title: grouping.title.components(separatedBy: " by ").last?.capitalizedFirst ?? ""),
                                                           .init(title: "Number", numeric: true), .init(title: "Share", numeric: true)],
                         rows: report.lines.map { [.txt($0.label), .txt($0.count.text), .txt($0.percentage ?? "")] }
                            + [[.el("strong", .txt("Total")), .el("strong", .txt(report.total.text)), .txt("")]]),
            grouping.note.map { .paragraph($0, classes: "c-body-s") } ?? .empty,
        ])
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
