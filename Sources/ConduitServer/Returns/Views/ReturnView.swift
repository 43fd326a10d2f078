import ConduitCore
import Foundation
import Plot

/// The returns pages: the list with "start a return", and one return's grid with its workflow.
enum ReturnView {
    struct IndexModel: Sendable {
        var rows: [ReadableReturns.Row]
        var total: Int
        var pagination: Pagination
        var status: ReturnStatus?
        var enterable: [(partnership: DirectoryLookups.PartnershipOption, sources: [ReturnSource])]
        var periods: [ReportingPeriod]
        var defaultPeriod: ReportingPeriod
        var canApprove: Bool
    }

    static func statusTag(_ status: ReturnStatus) -> HTMLNode {
        let colour = switch status {
        case .draft: "c-tag--grey"
        case .submitted: "c-tag--blue"
        case .approved: "c-tag--green"
        case .returned: "c-tag--red"
        }
        return .el("strong", .cls("c-tag " + colour), .txt(status.title))
    }

    static func index(_ model: IndexModel, context: PageContext) -> Layout {
        let sources = model.enterable.filter { !$0.sources.isEmpty }
        return Layout(title: "Returns", context: context, main: [
            .heading(1, "Returns", classes: "c-heading-l"),
            .paragraph("The same figures on harmful practices from every partnership, each quarter of the financial year (April to March), from each source."),
            .el("div", .cls("c-button-group"),
                .link("Completeness", to: SiteURL.returnsCompleteness.path, classes: "c-link"),
                .link("Dashboard", to: SiteURL.returnsDashboard.path, classes: "c-link"),
                .link("Local authority and police compared", to: SiteURL.returnsComparison.path, classes: "c-link"),
                sources.isEmpty ? .empty : .link("Import from a CSV file", to: SiteURL.returnsImport.path, classes: "c-link"),
                model.canApprove ? .link("Child populations", to: SiteURL.returnsPopulations.path, classes: "c-link") : .empty),
            sources.isEmpty ? .empty : .el("div", .cls("c-card"),
                .heading(2, "Enter a return", classes: "c-heading-m"),
                Form.post(action: SiteURL.returns.path, csrfToken: context.csrfToken,
                    .el("div", .cls("c-grid-row"),
                        .el("div", .cls("c-grid-column-one-third"),
                            Form.select(name: "partnershipID", label: "Partnership", options: sources.map { ($0.partnership.id.uuidString, $0.partnership.name) }, selected: nil)),
                        .el("div", .cls("c-grid-column-one-third"),
                            Form.select(name: "source", label: "Source", options: ReturnSource.allCases.filter { source in sources.contains { $0.sources.contains(source) } }
                                .map { ($0.rawValue, $0.title) }, selected: nil)),
                        .el("div", .cls("c-grid-column-one-third"),
                            Form.select(name: "period", label: "Quarter", options: model.periods.map { ($0.key, $0.label) }, selected: model.defaultPeriod.key))),
                    Form.button("Open the return"))),
            .el("form", .cls("c-filter"), .attr("method", "get"), .attr("action", SiteURL.returns.path),
                Form.select(name: "status", label: "Status", options: [("", "Any status")] + ReturnStatus.allCases.map { ($0.rawValue, $0.title) },
                            selected: model.status?.rawValue ?? ""),
                Form.button("Show", classes: "c-button c-button--secondary")),
            model.rows.isEmpty ? .paragraph("No returns yet.") : Table.render(
                caption: "\(model.total) returns", columns: [.init(title: "Quarter"), .init(title: "Partnership"), .init(title: "Source"), .init(title: "Status"), .init(title: "First submitted")],
                rows: model.rows.map { row in
                    [.link(ReportingPeriod(key: row.periodKey)?.label ?? row.periodKey, to: SiteURL.returnShow(.value(row.id)).path), .txt(row.partnership),
                     .txt(ReturnSource.title(of: row.source)), statusTag(ReturnStatus(rawValue: row.status) ?? .draft),
                     .txt(row.firstSubmittedOn.flatMap(CalendarDate.init(iso:)).map(Formats.date) ?? "—")]
                }),
            model.pagination.render { SiteURL.returns.path(query: [("status", model.status?.rawValue ?? ""), ("page", String($0))]) },
        ])
    }

    /// What the page shows of the return itself.
    struct Summary: Sendable {
        var id: UUID
        var version: Int
        var sourceTitle: String
        var status: ReturnStatus
        var firstSubmittedOn: CalendarDate?
        var comment: String
    }

    struct ShowModel: Sendable {
        var ret: Summary
        var partnershipName: String
        var period: ReportingPeriod
        var deadline: CalendarDate
        /// What each cell shows: the stored count, or the text just sent back with problems.
        var entries: [ReturnCellKey: String]
        var stored: [ReturnCellKey: Int]
        var note: String
        var lastYear: [AbuseCategory: Int]
        /// For the community source: the children of the partnership's concerns in the quarter,
        /// a suggestion the submitter may take and confirms by saving.
        var fromConcerns: [AbuseCategory: Int]? = nil
        var canEnter: Bool
        var canApprove: Bool
        var problems: [FieldProblem]
        var notice: String?
    }

    static func show(_ model: ShowModel, context: PageContext) -> Layout {
        let ret = model.ret
        let source = ret.sourceTitle
        let title = "\(model.partnershipName): \(source), \(model.period.label)"
        return Layout(title: title, context: context, hasErrors: !model.problems.isEmpty, main: [
            model.notice.map { NotificationBanner.render($0) } ?? .empty,
            Form.errorSummary(model.problems),
            .el("span", .cls("c-caption-l"), .txt("Return for \(model.period.label) (\(Formats.date(model.period.start)) to \(Formats.date(model.period.end)))")),
            .heading(1, "\(model.partnershipName): \(source)", classes: "c-heading-l"),
            SummaryList.render([
                .init("Status", node: statusTag(ret.status)),
                .init("Deadline", Formats.date(model.deadline)),
                .init("First submitted", ret.firstSubmittedOn.map(Formats.date) ?? "Not yet"),
            ] + (ret.comment.isEmpty ? [] : [.init(ret.status == .returned ? "Coordinator's comment" : "Reason reopened", ret.comment)])),
            model.canEnter ? entryForm(model, context: context) : readOnly(model),
            decisions(model, context: context),
        ])
    }

    /// The grid as tables: totals, then each breakdown, categories down the side.
    private static func entryForm(_ model: ShowModel, context: PageContext) -> HTMLNode {
        Form.post(action: SiteURL.returnShow(.value(model.ret.id)).path, csrfToken: context.csrfToken,
            .void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.ret.version))),
            .paragraph("Enter whole numbers. Leave a cell blank where the figure is not recorded; enter 0 where there were none. Where you give a breakdown, it must add up to the total.",
                       classes: "c-body"),
            .group(grids(model, editable: true)),
            Form.textarea(name: "note", label: "Note for the coordinator (optional)", value: model.note,
                          hint: "Needed when a total has jumped since the same quarter last year: say why, for example a new way of recording.",
                          error: model.problems.first { $0.field == "note" }?.message, rows: 3),
            .el("div", .cls("c-button-group"),
                model.fromConcerns == nil ? .empty : Form.button("Fill empty totals from concerns", classes: "c-button c-button--secondary", name: "action", value: "suggest"),
                Form.button("Submit the return", name: "action", value: "submit"),
                Form.button("Save as draft", classes: "c-button c-button--secondary", name: "action", value: "save")))
    }

    private static func readOnly(_ model: ShowModel) -> HTMLNode {
        .group(grids(model, editable: false) + (model.note.isEmpty ? [] : [.heading(2, "Note from the submitter", classes: "c-heading-m"), .paragraph(model.note)]))
    }

    private static func grids(_ model: ShowModel, editable: Bool) -> [HTMLNode] {
        let dimensions: [(title: String, breakdowns: [Breakdown])] = [("Totals", [.total])]
            + BreakdownDimension.allCases.map { ("By \($0.title.lowercased())", Breakdown.values(of: $0)) }
        return dimensions.map { dimension in
            let isTotals = dimension.breakdowns == [.total]
            let columns = [Table.Column(title: "Category")] + dimension.breakdowns.map { Table.Column(title: isTotals ? "Total" : $0.title, numeric: true) }
                + (isTotals ? [Table.Column(title: "Same quarter last year", numeric: true)] : [Table.Column(title: "Adds up to", numeric: true)])
                + (isTotals && model.fromConcerns != nil ? [Table.Column(title: "Children in concerns (suggested)", numeric: true)] : [])
            let rows: [[HTMLNode]] = AbuseCategory.allCases.map { category in
                let cells = dimension.breakdowns.map { breakdown in cell(ReturnCellKey(category: category, breakdown: breakdown), model, editable: editable) }
                let last: HTMLNode = isTotals
                    ? .txt(model.lastYear[category].map(String.init) ?? "—")
                    : .txt(sum(of: dimension.breakdowns, category, model.stored))
                let suggested: [HTMLNode] = isTotals ? model.fromConcerns.map { [.txt(String($0[category] ?? 0))] } ?? [] : []
                return [.txt(category.label)] + cells + [last] + suggested
            }
            return .el("div", .cls("c-table-scroll"), Table.render(caption: dimension.title, columns: columns, rows: rows))
        }
    }

    private static func sum(of breakdowns: [Breakdown], _ category: AbuseCategory, _ stored: [ReturnCellKey: Int]) -> String {
        let given = breakdowns.compactMap { stored[ReturnCellKey(category: category, breakdown: $0)] }
        return given.isEmpty ? "—" : String(given.reduce(0, +))
    }

    private static func cell(_ key: ReturnCellKey, _ model: ShowModel, editable: Bool) -> HTMLNode {
        let value = model.entries[key] ?? ""
        guard editable else { return .txt(value) }
        // Each cell's label names it in full for screen readers; sighted people read the row and column.
        let label: HTMLNode = .el("label", .cls("c-visually-hidden"), .attr("for", key.fieldName), .txt(key.name))
        guard let error = model.problems.first(where: { $0.field == key.fieldName })?.message else {
            return .group([label, .void("input", .cls("c-input c-input--width-4"), .attr("id", key.fieldName), .attr("name", key.fieldName), .attr("value", value),
                                        .attr("inputmode", "numeric"), .attr("autocomplete", "off"))])
        }
        let message: HTMLNode = .el("span", .cls("c-error-message"), .attr("id", key.fieldName + "-error"), .txt(error))
        let input: HTMLNode = .void("input", .cls("c-input c-input--width-4 c-input--error"), .attr("id", key.fieldName), .attr("name", key.fieldName),
                                    .attr("value", value), .attr("inputmode", "numeric"), .attr("autocomplete", "off"),
                                    .attr("aria-describedby", key.fieldName + "-error"))
        return .group([label, message, input])
    }

    /// The coordinator's steps that the return's status allows.
    private static func decisions(_ model: ShowModel, context: PageContext) -> HTMLNode {
        guard model.canApprove else { return .empty }
        let id = model.ret.id
        let version = HTMLNode.void("input", .attr("type", "hidden"), .attr("name", "version"), .attr("value", String(model.ret.version)))
        func error(_ field: String) -> String? { model.problems.first { $0.field == field }?.message }
        switch model.ret.status {
        case .submitted:
            return .el("div", .cls("c-card"),
                .heading(2, "Your decision", classes: "c-heading-m"),
                Form.post(action: SiteURL.returnApprove(.value(id)).path, csrfToken: context.csrfToken, version,
                          .paragraph("Approving locks the return: its figures go into the dashboards and exports."), Form.button("Approve the return")),
                Form.post(action: SiteURL.returnSendBack(.value(id)).path, csrfToken: context.csrfToken, version,
                          Form.textarea(name: "comment", label: "What needs to change", value: "", error: error("comment"), rows: 3),
                          Form.button("Send it back", classes: "c-button c-button--secondary")))
        case .approved:
            return .el("div", .cls("c-card"),
                .heading(2, "Reopen the return", classes: "c-heading-m"),
                Form.post(action: SiteURL.returnReopen(.value(id)).path, csrfToken: context.csrfToken, version,
                          .paragraph("Approved figures may already have been reported. The reason is kept in the audit trail."),
                          Form.textarea(name: "reason", label: "Reason for reopening", value: "", error: error("reason"), rows: 3),
                          Form.button("Reopen", classes: "c-button c-button--warning")))
        case .draft, .returned:
            return .empty
        }
    }
}

extension ReturnView {
    enum Notice: String, PageNotice {
        case saved, submitted, approved, sentBack = "sent-back", reopened, suggested

        var message: String {
            switch self {
            case .saved: "The return has been saved as a draft."
            case .submitted: "The return has been submitted. A coordinator will approve it or send it back."
            case .approved: "The return has been approved and is now locked."
            case .sentBack: "The return has been sent back to its submitter with your comment."
            case .reopened: "The return has been reopened: it can be changed and submitted again."
            case .suggested: "The children in your partnership's concerns this quarter fill the totals that were empty. Check them: nothing is saved until you save or submit."
            }
        }
    }
}
