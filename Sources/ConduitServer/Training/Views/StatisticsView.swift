import ConduitCore
import Foundation
import Plot

/// The attendance statistics page: the choices, the table, the chart.
enum StatisticsView {
    struct Model: Sendable {
        var asked: StatisticsReport.Asked
        var partnerships: [DirectoryLookups.PartnershipOption]
        var result: StatisticsReport.Result?
        var problems: [FieldProblem]
        /// The query string, for the CSV link.
        var query: String
    }

    static func page(_ model: Model, context: PageContext) -> Layout {
        Layout(title: "Attendance statistics", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Number of participants attending", classes: "c-heading-l"),
            choices(model),
            model.result.map { results($0, model: model) } ?? .empty,
        ])
    }

    private static func choices(_ model: Model) -> HTMLNode {
        typealias Name = StatisticsReport.Name
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        let asked = model.asked
        let groupings = AttendanceStatistics.Grouping.allCases.map { ($0.rawValue, $0.title) }
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.trainingStatistics.path),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.date(name: Name.from.rawValue, legend: "From", field: asked.from, hint: nil, error: error("from")),
                    Form.date(name: Name.to.rawValue, legend: "To", field: asked.to, hint: nil, error: error("to"))),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: Name.partnership.rawValue, label: "Partnership", options: [("", "All partnerships you may see")] + model.partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                                selected: asked.partnershipID?.uuidString.lowercased() ?? "", error: error("partnership")),
                    Form.select(name: Name.topic.rawValue, label: "Topic", options: [("", "Any topic")] + EngagementTopic.allCases.map { ($0.rawValue, $0.title) }, selected: asked.topic?.rawValue ?? ""),
                    Form.select(name: Name.audience.rawValue, label: "Audience", options: [("", "Any audience")] + TrainingAudience.allCases.map { ($0.rawValue, $0.title) },
                                selected: asked.audience?.rawValue ?? "")),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: Name.by.rawValue, label: "Grouped by", options: groupings, selected: asked.grouping.rawValue),
                    Form.select(name: Name.then.rawValue, label: "And by (a cross-table)", options: [("", "Nothing else")] + groupings,
                                selected: asked.crossGrouping?.rawValue ?? "", error: error("then")))),
            Form.button("Show the figures", classes: "c-button c-button--secondary"))
    }

    private static func results(_ result: StatisticsReport.Result, model: Model) -> HTMLNode {
        let range = "\(Formats.date(result.filters.from)) to \(Formats.date(result.filters.to))"
        return .group([
            .paragraph("Grouped by: \(model.asked.grouping.title)\(model.asked.crossGrouping.map { " and \($0.title)" } ?? ""). Date range: \(range).", classes: "c-body"),
            PublicationNote.render(result.publication),
            model.asked.grouping == .topic || model.asked.crossGrouping == .topic
                ? .paragraph("A participant is counted under each topic of their session.", classes: "c-body-s") : .empty,
            result.report.map { oneWay($0, grouping: model.asked.grouping) } ?? .empty,
            result.cross.map { crossTable($0.table, $0.published, rows: model.asked.grouping, columns: model.asked.crossGrouping!) } ?? .empty,
            .el("p", .cls("c-body"), .link("Download these figures (CSV)", to: SiteURL.trainingStatisticsExport.path + (model.query.isEmpty ? "" : "?" + model.query))),
        ])
    }

    private static func oneWay(_ report: GroupedReport, grouping: AttendanceStatistics.Grouping) -> HTMLNode {
        guard !report.lines.isEmpty else { return .paragraph("Nobody attended a session matching these choices.") }
        return .el("div", .cls("c-grid-row"),
            .el("div", .cls("c-grid-column-one-third"),
                Table.render(caption: "Participants by \(grouping.title.lowercased())", columns: [.init(title: grouping.title), .init(title: "Participants", numeric: true), .init(title: "Share", numeric: true)],
                             rows: report.lines.map { [.txt($0.label), .txt($0.count.text), .txt($0.percentage ?? "")] }
                                 + [[.el("strong", .txt("Total")), .el("strong", .txt(report.total.text)), .txt("")]])),
            .el("div", .cls("c-grid-column-two-thirds"),
                BarChart.render(title: "Participants by \(grouping.title.lowercased())",
                                bars: report.lines.map { line in
                                    if case .count(let value) = line.count { BarChart.Bar(label: line.label, value: value) } else { BarChart.Bar(label: line.label, value: nil) }
                                })))
    }

    private static func crossTable(_ table: AttendanceStatistics.CrossTable, _ published: SuppressedTable,
                                   rows: AttendanceStatistics.Grouping, columns: AttendanceStatistics.Grouping) -> HTMLNode {
        guard !table.rows.isEmpty else { return .paragraph("Nobody attended a session matching these choices.") }
        let header: [Table.Column] = [.init(title: "\(rows.title) by \(columns.title.lowercased())")] + table.columns.map { .init(title: $0.label, numeric: true) } + [.init(title: "Total", numeric: true)]
        var body: [[HTMLNode]] = table.rows.enumerated().map { index, row in
            [.txt(row.label)] + published.cells[index].map { HTMLNode.txt($0.text) } + [.el("strong", .txt(published.rowTotals[index].text))]
        }
        body.append([.el("strong", .txt("Total"))] + published.columnTotals.map { HTMLNode.el("strong", .txt($0.text)) } + [.el("strong", .txt(published.total.text))])
        return .el("div", .cls("c-table-scroll"), Table.render(caption: "\(rows.title) by \(columns.title.lowercased())", columns: header, rows: body))
    }
}
