import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Which partnerships and sources have sent a quarter's return, on time, late or not at all;
/// coordinators set each quarter's deadline and see whom to remind.
enum CompletenessController {
    static func period(_ req: Request) -> ReportingPeriod {
        ReportingPeriod(key: req.queryText("period")).flatMap { $0.isYear ? nil : $0 } ?? ReportingPeriod.quarter(containing: req.today).previous
    }

    static func page(_ req: Request, period: ReportingPeriod, problems: [FieldProblem] = []) async throws -> Layout {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.approveReturns).union(visitor.scope(.enterReturns)), on: req.sql)
        let deadlines = try await ReturnStore.deadlines(of: [period], for: partnerships.map(\.id), on: req.sql)[period] ?? [:]
        // The deadline shown (and changed by the form) is that of the partnerships the person approves, else of the first listed.
        let approved = partnerships.first { visitor.allows(.approveReturns, on: $0.id) } ?? partnerships.first
        let deadline = approved.flatMap { deadlines[$0.id] } ?? period.defaultDeadline
        let lines = try await Completeness.lines(period: period, deadlines: deadlines, partnerships: partnerships, today: req.today, on: req.sql)
        return ReturnsReportView.completeness(.init(period: period, periods: ReportingPeriod.offeredForReturns(today: req.today), deadline: deadline, lines: lines,
                                                    canSetDeadline: visitor.allows(.approveReturns),
                                                    notice: ReturnsReportView.CompletenessNotice.read(req)?.message, problems: problems),
                                              context: PageContext(req))
    }

    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let asked = req.queryText("period")
        let problems: [FieldProblem] = asked.isEmpty || ReportingPeriod(key: asked).map({ !$0.isYear }) == true ? []
            : [.init(field: "period", message: "Select a quarter from the list")]
        return PageResponse(problems: problems, layout: try await page(req, period: period(req), problems: problems))
    }

    /// A coordinator sets a quarter's deadline.
    @Sendable
    static func setDeadline(req: Request) async throws -> Response {
        guard let period = ReportingPeriod(key: req.formText("period")), !period.isYear else { throw Abort(.badRequest, reason: "Choose a quarter.") }
        let parsed = DateField.parts(day: req.formText("deadline-day"), month: req.formText("deadline-month"), year: req.formText("deadline-year")).parse(label: "Deadline")
        guard let deadline = parsed.date, deadline > period.end else {
            let message = parsed.problem ?? (parsed.date == nil ? "Enter the deadline" : "Deadline must be after the quarter ends on \(Formats.date(period.end))")
            return try await PageResponse(status: .unprocessableEntity, layout: try await page(req, period: period, problems: [.init(field: "deadline", message: message)]))
                .encodeResponse(for: req)
        }
        // Only for the partnerships whose returns this coordinator approves (issue 13).
        let partnerships = try await DirectoryLookups.partnerships(try req.signedIn.scope(.approveReturns), on: req.sql).map(\.id)
        guard !partnerships.isEmpty else { throw Abort(.forbidden, reason: "You approve no partnership's returns, so you set no deadline.") }
        try await ReturnStore.setDeadline(deadline, of: period, for: partnerships, on: req.sql)
        try await req.audit(.init("return.deadline", recordType: "return_period", recordID: period.key, detail: deadline.description), forEachOf: partnerships)
        return req.redirect(to: SiteURL.returnsCompleteness.path(query: [("period", period.key)] + ReturnsReportView.CompletenessNotice.deadline.query))
    }
}
