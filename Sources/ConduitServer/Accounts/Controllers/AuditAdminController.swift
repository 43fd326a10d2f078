import ConduitCore
import Foundation
import Vapor

/// The audit trail, for administrators.
enum AuditAdminController {
    struct Query: Content {
        var action: String?
        var actor: String?
        var outcome: String?
        var page: Int?
    }

    @Sendable
    static func index(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let query = try req.query.decode(Query.self)
        func text(_ name: String) -> String { ((try? req.query.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespaces) }
        var form = AuditAdminView.FilterForm(action: text("action"), actor: text("actor"), outcome: text("outcome"),
                                             fromDay: text("from-day"), fromMonth: text("from-month"), fromYear: text("from-year"),
                                             toDay: text("to-day"), toMonth: text("to-month"), toYear: text("to-year"))
        var filter = AuditList.Filter(action: String(form.action.prefix(100)), actor: String(form.actor.prefix(254)),
                                      outcome: query.outcome.flatMap(AuditTrail.Outcome.init(rawValue:)))
        let from = CalendarDate.parse(day: form.fromDay, month: form.fromMonth, year: form.fromYear, label: "From date")
        let to = CalendarDate.parse(day: form.toDay, month: form.toMonth, year: form.toYear, label: "To date")
        form.problems = [from.problem.map { FieldProblem(field: "from", message: $0) }, to.problem.map { FieldProblem(field: "to", message: $0) }].compactMap { $0 }
        if let start = from.date, let end = to.date, end < start {
            form.problems.append(.init(field: "to", message: "To date must be the same as or after the from date"))
        }
        if form.problems.isEmpty {
            filter.from = from.date?.start(in: Formats.ukTimeZone)
            // Up to the end of the "to" day.
            filter.until = to.date?.start(in: Formats.ukTimeZone).addingTimeInterval(24 * 3600)
        }
        let scope = try await UserList.scope(for: visitor, on: req.db)
        let total = try await AuditList.count(on: req.db, scope: scope, filter: filter)
        let pagination = Pagination(page: query.page, total: total)
        let rows = try await AuditList.page(on: req.db, scope: scope, filter: filter, pagination: pagination)
        let layout = AuditAdminView.layout(.init(form: form, rows: rows, pagination: pagination), context: PageContext(req))
        return try await PageResponse(status: form.problems.isEmpty ? .ok : .unprocessableEntity, layout: layout).encodeResponse(for: req)
    }
}
