import ConduitCore
import Foundation
import Plot

/// The returns' reports: completeness, the dashboard and the two-source comparison.
enum ReturnsReportView {
    // MARK: Completeness

    struct CompletenessModel: Sendable {
        var period: ReportingPeriod
        var periods: [ReportingPeriod]
        var deadline: CalendarDate
        var lines: [Completeness.Line]
        var canSetDeadline: Bool
        var notice: String?
        var problems: [FieldProblem]
    }

    static func timelinessTag(_ timeliness: Timeliness) -> HTMLNode {
        let colour = switch timeliness {
        case .onTime: "c-tag--green"
        case .late: "c-tag--yellow"
        case .missing: "c-tag--red"
        case .notDueYet: "c-tag--grey"
        }
        return .el("strong", .cls("c-tag " + colour), .txt(timeliness.title))
    }

    static func completeness(_ model: CompletenessModel, context: PageContext) -> Layout {
        let reminders = model.lines.flatMap { line in
            zip(ReturnSource.allCases, line.cells).compactMap { source, cell -> String? in
                guard cell.timeliness == .missing else { return nil }
                return "\(line.partnership.name): \(source.title)" + (cell.status.map { " (\($0.title.lowercased()))" } ?? " (not started)")
            }
        }
        let done = model.lines.flatMap(\.cells).filter { $0.timeliness == .onTime || $0.timeliness == .late }.count
        return Layout(title: "Completeness of returns", context: context, hasErrors: !model.problems.isEmpty, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(model.problems),
            .heading(1, "Completeness of returns, \(model.period.label)", classes: "c-heading-l"),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.returnsCompleteness.path),
                Form.select(name: "period", label: "Quarter", options: model.periods.map { ($0.key, $0.label) }, selected: model.period.key),
                Form.button("Show", classes: "c-button c-button--secondary")),
            .paragraph("Deadline \(Formats.date(model.deadline)). \(done) of \(model.lines.count * ReturnSource.allCases.count) returns submitted."),
            Table.render(caption: "Returns by partnership and source", columns: [.init(title: "Partnership")] + ReturnSource.allCases.map { .init(title: $0.title) },
                         rows: model.lines.map { line in
                             [.txt(line.partnership.name)] + line.cells.map { cell in
                                 let tag = timelinessTag(cell.timeliness)
                                 guard let id = cell.returnID else { return tag }
                                 return .group([tag, .el("br"), .link(cell.status?.title ?? "Open", to: SiteURL.returnShow(.value(id)).path)])
                             }
                         }),
            model.canSetDeadline ? .group([
                .heading(2, "Reminders", classes: "c-heading-m"),
                reminders.isEmpty ? .paragraph("Every return of this quarter is in or not yet due.")
                    : .group([.paragraph("Past the deadline and not submitted:"),
                              .el("ul", .cls("c-list c-list--bullet"), .group(reminders.map { HTMLNode.el("li", .txt($0)) }))]),
                .heading(2, "Deadline for \(model.period.label)", classes: "c-heading-m"),
                Form.post(action: SiteURL.returnsDeadline.path, csrfToken: context.csrfToken,
                          .void("input", .attr("type", "hidden"), .attr("name", "period"), .attr("value", model.period.key)),
                          Form.date(name: "deadline", legend: "Deadline", field: DateField(model.deadline),
                                    error: model.problems.first { $0.field == "deadline" }?.message),
                          Form.button("Set the deadline", classes: "c-button c-button--secondary")),
            ]) : .empty,
        ])
    }

    // MARK: Dashboard

    struct DashboardModel: Sendable {
        var asked: DashboardReport.Asked
        var partnerships: [DirectoryLookups.PartnershipOption]
        var figures: DashboardReport.Figures?
        var problems: [FieldProblem]
        var query: String
    }

    static func dashboard(_ model: DashboardModel, context: PageContext) -> Layout {
        Layout(title: "Returns dashboard", context: context, hasErrors: !model.problems.isEmpty, main: [
            Form.errorSummary(model.problems),
            .heading(1, "Figures from returns", classes: "c-heading-l"),
            dashboardFilters(model),
            model.figures.map { figures in figuresSection(figures, model: model) } ?? .empty,
        ])
    }

    private static func figuresSection(_ figures: DashboardReport.Figures, model: DashboardModel) -> HTMLNode {
        let asked = model.asked
        let chosen = figures.categories.first { $0.category == asked.category }!
        let points = zip(figures.periods, chosen.table.columnTotals).map { LineChart.Point(label: $0.label, value: $1.value) }
        let scope = figures.partnerships.count == 1 ? figures.partnerships[0].name : "all partnerships shown"
        return .group([
            PublicationNote.render(figures.publication),
            .paragraph("Approved returns only. Source: \(asked.source.title). A child may be counted under more than one category, so categories are not added together.", classes: "c-body-s"),
            .el("p", .cls("c-body"), .link("Download these figures (CSV)", to: SiteURL.returnsExport.path + (model.query.isEmpty ? "" : "?" + model.query))),
            .heading(2, "All categories, \(scope)", classes: "c-heading-m"),
            categoryTable(figures),
            .heading(2, "Trend: \(asked.category.label)", classes: "c-heading-m"),
            LineChart.render(title: "\(asked.category.label) by quarter, \(scope)", points: points),
            .heading(2, "\(asked.category.label) by partnership", classes: "c-heading-m"),
            partnershipTable(figures, chosen),
            .paragraph("— means no approved return for the quarter; it counts as none in the totals.", classes: "c-body-s"),
            populationsNote(figures),
        ])
    }

    /// The region's totals: each category's published column totals.
    private static func categoryTable(_ figures: DashboardReport.Figures) -> HTMLNode {
        var columns = [Table.Column(title: "Category")]
        columns += figures.periods.map { Table.Column(title: $0.label, numeric: true) }
        columns.append(.init(title: "All quarters", numeric: true))
        let rows: [[HTMLNode]] = figures.categories.map { category in
            [.txt(category.category.label)] + category.table.columnTotals.map { HTMLNode.txt($0.text) } + [.txt(category.table.total.text)]
        }
        return .el("div", .cls("c-table-scroll"), Table.render(caption: "Children counted by category and quarter", columns: columns, rows: rows))
    }

    private static func partnershipTable(_ figures: DashboardReport.Figures, _ chosen: DashboardReport.CategoryFigures) -> HTMLNode {
        var columns = [Table.Column(title: "Partnership")]
        columns += figures.periods.map { Table.Column(title: $0.label, numeric: true) }
        columns.append(.init(title: "All quarters", numeric: true))
        columns.append(.init(title: "Rate per 10,000 children, \(figures.periods.last?.label ?? "")", numeric: true))
        var rows: [[HTMLNode]] = figures.partnerships.enumerated().map { index, partnership in
            let cells: [HTMLNode] = zip(figures.periods, chosen.table.cells[index]).map { figures.shows(partnership.id, $0) ? .txt($1.text) : .txt("—") }
            return [.txt(partnership.name)] + cells + [.txt(chosen.table.rowTotals[index].text), .txt(rate(figures.periods.last.flatMap { figures.shows(partnership.id, $0) ? chosen.table.cells[index].last : nil },
                                                                                           figures.populations[partnership.id]))]
        }
        let totals: [HTMLNode] = chosen.table.columnTotals.map { .el("strong", .txt($0.text)) }
        rows.append([.el("strong", .txt("All partnerships shown"))] + totals + [.el("strong", .txt(chosen.table.total.text)), .txt("")])
        return .el("div", .cls("c-table-scroll"), Table.render(caption: "\(chosen.category.label) by partnership and quarter", columns: columns, rows: rows))
    }

    static func populations(rows: [Populations.Row], partnerships: [DirectoryLookups.PartnershipOption], input: [String: String],
                            problems: [FieldProblem], notice: String?, context: PageContext) -> Layout {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return Layout(title: "Child populations", context: context, hasErrors: !problems.isEmpty, main: [
            notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(problems),
            .heading(1, "Child populations", classes: "c-heading-l"),
            .paragraph("Children aged 0 to 17 living in each partnership. The dashboard divides by the latest year up to the quarters shown to give rates per 10,000 children."),
            rows.isEmpty ? .paragraph("No populations entered yet.") : Table.render(
                caption: "Populations", columns: [.init(title: "Partnership"), .init(title: "Year", numeric: true), .init(title: "Children", numeric: true), .init(title: "Source")],
                rows: rows.map { [.txt($0.partnership), .txt(String($0.year)), .txt($0.children.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))), .txt($0.source)] }),
            .heading(2, "Add or replace a year's figure", classes: "c-heading-m"),
            Form.post(action: SiteURL.returnsPopulations.path, csrfToken: context.csrfToken,
                Form.select(name: "partnershipID", label: "Partnership", options: partnerships.map { ($0.id.uuidString, $0.name) }, selected: input["partnershipID"], error: error("partnershipID")),
                Form.input(name: "year", label: "Year", value: input["year"] ?? "", error: error("year"), width: "4", inputmode: "numeric"),
                Form.input(name: "children", label: "Children aged 0 to 17", value: input["children"] ?? "", error: error("children"), width: "10", inputmode: "numeric"),
                Form.input(name: "source", label: "Source", value: input["source"] ?? "", hint: "For example, ONS mid-year population estimates 2024", error: error("source")),
                Form.button("Save")),
        ])
    }

    /// Count per 10,000 children, where the count is published and the population known.
    static func rate(_ cell: Cell?, _ population: ReturnFigures.Population?) -> String {
        guard case .count(let count)? = cell, let population, population.children > 0 else { return "—" }
        return String(format: "%.1f", Double(count) * 10_000 / Double(population.children))
    }

    private static func populationsNote(_ figures: DashboardReport.Figures) -> HTMLNode {
        let known = figures.partnerships.compactMap { figures.populations[$0.id] }
        guard !known.isEmpty else { return .paragraph("Rates appear once coordinators enter each partnership's child population.", classes: "c-body-s") }
        let sources = Set(known.map { "\($0.source) (\($0.year))" }).sorted()
        return .paragraph("Child populations: " + sources.joined(separator: "; ") + ".", classes: "c-body-s")
    }

    private static func dashboardFilters(_ model: DashboardModel) -> HTMLNode {
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        typealias Name = DashboardReport.Name
        let asked = model.asked
        return .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.returnsDashboard.path),
            .el("div", .cls("c-grid-row"),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: Name.source.rawValue, label: "Source", options: ReturnSource.allCases.map { ($0.rawValue, $0.title) }, selected: asked.source.rawValue, error: error("source")),
                    Form.select(name: Name.category.rawValue, label: "Category for the trend and partnerships", options: AbuseCategory.allCases.map { ($0.rawValue, $0.label) },
                                selected: asked.category.rawValue, error: error("category"))),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.input(name: Name.from.rawValue, label: "From quarter", value: asked.from.label, hint: "For example, 2024-25 Q1", error: error("from"), width: "10"),
                    Form.input(name: Name.to.rawValue, label: "To quarter", value: asked.to.label, error: error("to"), width: "10")),
                .el("div", .cls("c-grid-column-one-third"),
                    Form.select(name: Name.partnership.rawValue, label: "Partnership", options: [("", "All you may see")] + model.partnerships.map { ($0.id.uuidString.lowercased(), $0.name) },
                                selected: asked.partnershipID?.uuidString.lowercased() ?? "", error: error("partnership")))),
            Form.button("Show figures", classes: "c-button c-button--secondary"))
    }

    // MARK: Two-source comparison

    static func comparison(_ model: ComparisonModel, context: PageContext) -> Layout {
        Layout(title: "Local authority and police figures compared", context: context, hasErrors: !model.problems.isEmpty, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(model.problems),
            .heading(1, "Local authority and police figures compared", classes: "c-heading-l"),
            .paragraph("Seed 004 found police figures on honour-based violence against children far higher than local authorities', and nobody could reconcile the two. Approved returns of \(model.period.label); a flag marks a gap of more than \(DisclosureControl.threshold) that is more than half the larger figure. — means no approved return."),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.returnsComparison.path),
                .el("div", .cls("c-grid-row"),
                    .el("div", .cls("c-grid-column-one-half"),
                        Form.select(name: "category", label: "Category", options: AbuseCategory.allCases.map { ($0.rawValue, $0.label) }, selected: model.category.rawValue)),
                    .el("div", .cls("c-grid-column-one-half"),
                        Form.select(name: "period", label: "Quarter", options: model.periods.map { ($0.key, $0.label) }, selected: model.period.key))),
                Form.button("Compare", classes: "c-button c-button--secondary")),
            PublicationNote.render(model.publication),
            .paragraph("The difference is shown only where both figures are.", classes: "c-body-s"),
            Table.render(caption: "\(model.category.label), \(model.period.label)",
                         columns: [.init(title: "Partnership"), .init(title: "Local authority", numeric: true), .init(title: "Police", numeric: true),
                                   .init(title: "Difference", numeric: true), .init(title: "Police per local authority", numeric: true), .init(title: "Flag"), .init(title: "Explanations")],
                         rows: model.lines.map { line in
                             [.txt(line.partnership.name), .txt(line.localAuthority?.text ?? "—"), .txt(line.police?.text ?? "—"),
                              .txt(line.comparison.map { String(format: "%+d", $0.difference) } ?? "—"),
                              .txt(line.comparison?.ratio.map { String(format: "%.1f", $0) } ?? "—"),
                              line.comparison?.differs() == true ? .el("strong", .cls("c-tag c-tag--red"), .txt("Differs")) : .txt(""),
                              notes(line, model: model, context: context)]
                         }),
        ])
    }

    private static func notes(_ line: ComparisonLine, model: ComparisonModel, context: PageContext) -> HTMLNode {
        .group([
            .group(line.notes.map { HTMLNode.el("p", .cls("c-body-s"), .el("strong", .txt("\($0.source.title): ")), .txt($0.note)) }),
            .group(line.writable.map { source in
                let field = "note-\(line.partnership.id.uuidString.lowercased())-\(source.rawValue)"
                return .el("details", .cls("c-details"), .el("summary", .txt("Explain the \(source == .police ? "police" : "local authority") figure")),
                    Form.post(action: SiteURL.returnsComparisonNote.path, csrfToken: context.csrfToken,
                        .void("input", .attr("type", "hidden"), .attr("name", "partnershipID"), .attr("value", line.partnership.id.uuidString)),
                        .void("input", .attr("type", "hidden"), .attr("name", "period"), .attr("value", model.period.key)),
                        .void("input", .attr("type", "hidden"), .attr("name", "category"), .attr("value", model.category.rawValue)),
                        .void("input", .attr("type", "hidden"), .attr("name", "source"), .attr("value", source.rawValue)),
                        .el("div", .cls("c-form-group"),
                            .el("label", .cls("c-label"), .attr("for", field), .txt("Note")),
                            model.problems.first { $0.field == field }.map { .el("p", .cls("c-error-message"), .txt($0.message)) } ?? .empty,
                            .el("textarea", .cls("c-textarea"), .attr("id", field), .attr("name", "note"), .attr("rows", "3"),
                                .txt(line.notes.first { $0.source == source }?.note ?? ""))),
                        Form.button("Save the note", classes: "c-button c-button--secondary")))
            }),
        ])
    }
}

extension ReturnsReportView {
    /// A partnership's two figures on the comparison page.
    struct ComparisonLine: Sendable {
        var partnership: DirectoryLookups.PartnershipOption
        /// nil where the source has no approved return.
        var localAuthority: Cell?
        var police: Cell?
        /// Only where both figures are published: a difference beside a hidden figure would give it away.
        var comparison: SourceComparison?
        var notes: [(source: ReturnSource, note: String)]
        /// The sides whose note the reader may write.
        var writable: [ReturnSource]
    }

    struct ComparisonModel: Sendable {
        var period: ReportingPeriod
        var periods: [ReportingPeriod]
        var category: AbuseCategory
        var lines: [ComparisonLine]
        var publication: Publication
        var notice: String?
        var problems: [FieldProblem]
    }
}

extension ReturnsReportView {
    /// The comparison page's notice.
    enum ComparisonNotice: String, PageNotice {
        case note

        var message: String { "Your note has been saved." }
    }

    /// The completeness page's notice.
    enum CompletenessNotice: String, PageNotice {
        case deadline

        var message: String { "The deadline has been set." }
    }

    /// The populations page's notice.
    enum PopulationNotice: String, PageNotice {
        case saved

        var message: String { "The population has been saved." }
    }
}
