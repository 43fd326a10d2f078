import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Attendance statistics: the report of seed 003, for one partnership or many.
enum StatisticsController {
    /// What the report is asked for, as read from the query string.
    struct Request: Sendable {
        var from: DateField
        var to: DateField
        var partnershipID: UUID?
        var topic: EngagementTopic?
        var audience: TrainingAudience?
        var grouping: AttendanceStatistics.Grouping
        var crossGrouping: AttendanceStatistics.Grouping?
        /// Values given that are not among the choices: the report is not run on a guess.
        var problems: [FieldProblem] = []
    }

    struct Result: Sendable {
        var filters: AttendanceStatistics.Filters
        var publication: Publication
        /// Whether any figure is hidden or adjusted.
        var suppressed: Bool { publication != .exact }
        var report: GroupedReport?
        var cross: (table: AttendanceStatistics.CrossTable, published: SuppressedTable)?
    }

    static func read(_ req: Vapor.Request) -> StatisticsController.Request {
        let today = req.today
        func date(_ name: String, default value: CalendarDate) -> DateField {
            let day = req.queryText("\(name)-day"), month = req.queryText("\(name)-month"), year = req.queryText("\(name)-year")
            if !req.queryText(name).isEmpty { return .iso(req.queryText(name)) }
            return day.isEmpty && month.isEmpty && year.isEmpty ? DateField(value) : .parts(day: day, month: month, year: year)
        }
        var problems: [FieldProblem] = []
        func choice<T>(_ name: String, _ parse: (String) -> T?, message: String) -> T? {
            req.queryChoice(name, parse, message: message, problems: &problems)
        }
        let partnershipID = choice("partnership", UUID.init(uuidString:), message: "Select a partnership from the list")
        let topic = choice("topic", EngagementTopic.init(rawValue:), message: "Select a topic from the list")
        let audience = choice("audience", TrainingAudience.init(rawValue:), message: "Select an audience from the list")
        let grouping = choice("by", AttendanceStatistics.Grouping.init(rawValue:), message: "Select how to group the participants")
        let crossGrouping = choice("then", AttendanceStatistics.Grouping.init(rawValue:), message: "Select a second grouping from the list, or none")
        return .init(from: date("from", default: today.adding(months: -12)), to: date("to", default: today),
                     partnershipID: partnershipID, topic: topic, audience: audience, grouping: grouping ?? .referrer,
                     crossGrouping: crossGrouping, problems: problems)
    }

    /// Checks the request and runs the report; problems name the form's fields.
    static func run(_ asked: StatisticsController.Request, req: Vapor.Request) async throws -> (result: Result?, problems: [FieldProblem]) {
        let visitor = try req.signedIn
        var problems = asked.problems
        let from = asked.from.parse(label: "Start date"), to = asked.to.parse(label: "End date")
        if let problem = from.problem { problems.append(.init(field: "from", message: problem)) }
        if let problem = to.problem { problems.append(.init(field: "to", message: problem)) }
        if let start = from.date, let end = to.date, end < start { problems.append(.init(field: "to", message: "End date must be on or after the start date")) }
        let scope = try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql).map(\.id)
        if let id = asked.partnershipID, !scope.contains(id) { problems.append(.init(field: "partnership", message: "Select a partnership from the list")) }
        if asked.crossGrouping == asked.grouping { problems.append(.init(field: "then", message: "Choose a different second grouping, or none")) }
        guard problems.isEmpty, let start = from.date, let end = to.date else { return (nil, problems) }
        let partnerships = asked.partnershipID.map { [$0] } ?? scope
        let filters = AttendanceStatistics.Filters(from: start, to: end, partnershipIDs: partnerships, topic: asked.topic, audience: asked.audience)
        // Exact for a reader who may open every register counted (an adviser's own partnership).
        let publication = visitor.publication(counting: partnerships, opening: .records(.readTraining))
        if let then = asked.crossGrouping {
            let table = try await AttendanceStatistics.crossCounts(rows: asked.grouping, columns: then, filters: filters, on: req.sql)
            let published = publication == .adjusted ? CellKeyPerturbation.adjust(table: table.counts) : SuppressedTable.exact(table.counts.map { $0.map(\.count) })
            return (Result(filters: filters, publication: publication, report: nil, cross: (table, published)), [])
        }
        let rows = try await AttendanceStatistics.counts(by: asked.grouping, filters: filters, on: req.sql)
        return (Result(filters: filters, publication: publication, report: GroupedCounts.report(rows, publication: publication), cross: nil), [])
    }

    @Sendable
    static func show(req: Vapor.Request) async throws -> PageResponse {
        let visitor = try req.signedIn
        let asked = read(req)
        let (result, problems) = try await run(asked, req: req)
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql)
        return PageResponse(problems: problems, layout: StatisticsView.page(.init(asked: asked, partnerships: partnerships, result: result, problems: problems,
                                                                                  query: req.url.query ?? ""), context: PageContext(req)))
    }

    @Sendable
    static func export(req: Vapor.Request) async throws -> Response {
        let asked = read(req)
        let (result, problems) = try await run(asked, req: req)
        guard let result else { throw ValidationFailure(problems: problems) }
        var text = ""
        if let report = result.report {
            text = CSV.line([asked.grouping.title, "Participants", "Percentage"])
            for line in report.lines { text += CSV.line([line.label, line.count.text, line.percentage ?? ""]) }
            text += CSV.line(["Total", report.total.text, ""])
        } else if let (table, published) = result.cross, let then = asked.crossGrouping {
            text = CSV.line(["\(asked.grouping.title) by \(then.title)"] + table.columns.map(\.label) + ["Total"])
            for (index, row) in table.rows.enumerated() {
                text += CSV.line([row.label] + published.cells[index].map(\.text) + [published.rowTotals[index].text])
            }
            text += CSV.line(["Total"] + published.columnTotals.map(\.text) + [published.total.text])
        }
        text += PublicationNote.csvLine(result.publication)
        try await req.audit(.init("statistics.export", recordType: "attendance_statistics",
                                  detail: "\(asked.grouping.rawValue)\(asked.crossGrouping.map { " by \($0.rawValue)" } ?? ""), \(result.filters.from) to \(result.filters.to)"
                                      + ", \(result.publication.rawValue)"))
        return Files.csv(text, name: "conduit-attendance", req: req)
    }
}
