import ConduitCore
import Foundation
import SQLKit
import Vapor

/// The attendance statistics of seed 003, for the page, its CSV and the API alike: what is
/// asked (with defaults), checked, and the counts published as the policy decides for the reader.
enum StatisticsReport {
    /// What the report is asked for, as read from the query string.
    struct Asked: Sendable {
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

    /// The report's names in the query string: read here, written by its form (dates as day,
    /// month and year boxes, or one ISO date from the API).
    enum Name: String {
        case from, to, partnership, topic, audience, by, then
    }

    struct Result: Sendable {
        var filters: AttendanceStatistics.Filters
        var publication: Publication
        /// Whether any figure is hidden or adjusted.
        var suppressed: Bool { publication != .exact }
        var report: GroupedReport?
        var cross: (table: AttendanceStatistics.CrossTable, published: SuppressedTable)?
    }

    static func read(_ req: Vapor.Request) -> Asked {
        let today = req.today
        func date(_ field: Name, default value: CalendarDate) -> DateField {
            let name = field.rawValue
            let day = req.queryText("\(name)-day"), month = req.queryText("\(name)-month"), year = req.queryText("\(name)-year")
            if !req.queryText(name).isEmpty { return .iso(req.queryText(name)) }
            return day.isEmpty && month.isEmpty && year.isEmpty ? DateField(value) : .parts(day: day, month: month, year: year)
        }
        var problems: [FieldProblem] = []
        func choice<T>(_ name: Name, _ parse: (String) -> T?, message: String) -> T? {
            req.queryChoice(name.rawValue, parse, message: message, problems: &problems)
        }
        let partnershipID = choice(.partnership, UUID.init(uuidString:), message: "Select a partnership from the list")
        let topic = choice(.topic, EngagementTopic.init(rawValue:), message: "Select a topic from the list")
        let audience = choice(.audience, TrainingAudience.init(rawValue:), message: "Select an audience from the list")
        let grouping = choice(.by, AttendanceStatistics.Grouping.init(rawValue:), message: "Select how to group the participants")
        let crossGrouping = choice(.then, AttendanceStatistics.Grouping.init(rawValue:), message: "Select a second grouping from the list, or none")
        return .init(from: date(.from, default: today.adding(months: -12)), to: date(.to, default: today),
                     partnershipID: partnershipID, topic: topic, audience: audience, grouping: grouping ?? .referrer,
                     crossGrouping: crossGrouping, problems: problems)
    }

    /// Checks the request and runs the report; problems name the form's fields.
    static func run(_ asked: Asked, req: Vapor.Request) async throws -> (result: Result?, problems: [FieldProblem]) {
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
}
