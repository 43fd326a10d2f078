import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Returns in the JSON API: the code lists, periods, returns through their workflow, and the
/// dashboard's figures, with the pages' rules, scope and suppression.
enum ReturnsAPIController {
    struct Category: Content {
        var code: String
        var title: String
        var source: String
        var description: String
    }

    struct CodeLists: Content {
        var categories: [Category]
        var sources: [String]
        var breakdowns: [String]
    }

    @Sendable
    static func codes(req: Request) async throws -> CodeLists {
        CodeLists(categories: AbuseCategory.allCases.map { Category(code: $0.rawValue, title: $0.title, source: $0.source, description: $0.description) },
                  sources: ReturnSource.allCases.map(\.rawValue), breakdowns: Breakdown.all.map(\.key))
    }

    struct Period: Content {
        var key: String
        var label: String
        var start: String
        var end: String
        var deadline: String
    }

    struct PeriodList: Content {
        var items: [Period]
    }

    /// The quarters returns can be entered for, newest first, with their deadlines.
    @Sendable
    static func periods(req: Request) async throws -> PeriodList {
        let periods = ReportingPeriod.offeredForReturns(today: req.today)
        // The deadlines of the partnership the token's owner works in first.
        let partnership = try req.signedIn.currentPartnership?.id
        let deadlines = try await ReturnStore.deadlines(of: periods, for: partnership.map { [$0] } ?? [], on: req.sql)
        return PeriodList(items: periods.map { period in
            let deadline = partnership.flatMap { deadlines[period]?[$0] } ?? period.defaultDeadline
            return Period(key: period.key, label: period.label, start: period.start.description, end: period.end.description, deadline: deadline.description)
        })
    }

    struct CellDTO: Content {
        var category: String
        var breakdown: String
        var count: Int
    }

    struct ReturnDTO: Content {
        var id: UUID
        var version: Int
        var partnershipId: UUID
        var period: String
        var periodLabel: String
        var source: String
        var status: String
        var note: String
        var comment: String
        var firstSubmittedOn: String?
        var cells: [CellDTO]
    }

    struct ReturnSummary: Content {
        var id: UUID
        var period: String
        var source: String
        var status: String
        var partnership: String
    }

    struct ReturnList: Content {
        var items: [ReturnSummary]
        var total: Int
        var page: Int
        var perPage: Int
    }

    static func document(_ ret: Return, req: Request) async throws -> ReturnDTO {
        let cells = try await ReturnStore.cells(of: ret.requireID(), on: req.sql)
        return ReturnDTO(id: try ret.requireID(), version: ret.version, partnershipId: ret.$partnership.id, period: ret.periodKey, periodLabel: ret.period?.label ?? ret.periodKey,
                         source: ret.source, status: ret.status, note: ret.note, comment: ret.comment, firstSubmittedOn: ret.firstSubmittedOn,
                         cells: ReturnCellKey.all.compactMap { key in cells[key].map { CellDTO(category: key.category.rawValue, breakdown: key.breakdown.key, count: $0) } })
    }

    @Sendable
    static func list(req: Request) async throws -> ReturnList {
        let visitor = try req.signedIn
        var problems = Pagination.queryProblems(in: req)
        let status = req.queryText("status"), period = req.queryText("period")
        if !status.isEmpty && ReturnStatus(rawValue: status) == nil {
            problems.append(.init(field: "status", message: "status must be one of: " + ReturnStatus.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if !period.isEmpty && ReportingPeriod(key: period) == nil { problems.append(.init(field: "period", message: "period must be a quarter's key, like 2025Q3")) }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let perPage = Pagination.perPage(requestedBy: req)
        guard ReadableReturns.exist(for: visitor) else { return ReturnList(items: [], total: 0, page: 1, perPage: perPage) }
        let filter = ReadableReturns.Filter(status: status.nonEmpty, period: period.nonEmpty)
        let total = try await ReadableReturns.count(filter, readableBy: visitor, on: req.sql)
        let pagination = Pagination(requestedBy: req, total: total)
        let rows = try await ReadableReturns.rows(filter, readableBy: visitor, limit: perPage, offset: pagination.offset, on: req.sql)
        return ReturnList(items: rows.map { ReturnSummary(id: $0.id, period: $0.periodKey, source: $0.source, status: $0.status, partnership: $0.partnership) },
                          total: total, page: pagination.page, perPage: perPage)
    }

    struct NewReturnBody: Content {
        var partnershipId: UUID?
        var period: String?
        var source: String?
    }

    /// Opens the return of a partnership, quarter and source: 201 when started, 200 when it was already there.
    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let body = try req.content.decode(NewReturnBody.self)
        var problems: [FieldProblem] = []
        let period = (body.period).flatMap { ReportingPeriod(key: $0) ?? ReportingPeriod(label: $0) }
        let source = body.source.flatMap(ReturnSource.init(rawValue:))
        if period == nil || period!.isYear || !ReportingPeriod.offeredForReturns(today: req.today).contains(period!) {
            problems.append(.init(field: "period", message: "period must be one of the last eight quarters or the current one, like \(ReportingPeriod.quarter(containing: req.today).previous.key)"))
        }
        if source == nil { problems.append(.init(field: "source", message: "source must be one of: " + ReturnSource.allCases.map(\.rawValue).joined(separator: ", "))) }
        if let source, body.partnershipId.map({ !visitor.entersReturns(of: source, on: $0) }) ?? true {
            problems.append(.init(field: "partnershipId", message: "Send a partnership whose \(source.title) returns you enter"))
        }
        guard problems.isEmpty, let period, let source, let partnershipID = body.partnershipId else { throw ValidationFailure(problems: problems) }
        let (ret, created) = try await ReturnSteps.open(partnershipID: partnershipID, period: period, source: source, req: req)
        // An existing return comes back whole, figures and all: that is a read.
        if !created { try await req.recordRead(ret) }
        return try await Response.json(try await document(ret, req: req), status: created ? .created : .ok, req: req)
    }

    @Sendable
    static func show(req: Request) async throws -> ReturnDTO {
        let ret = try await req.record(Return.self)
        return try await document(ret, req: req)
    }

    struct CellsBody: Content {
        var version: Int?
        var cells: [CellDTO]?
        var note: String?
    }

    /// The body's cells, each checked: known category and breakdown, given once.
    static func counts(_ cells: [CellDTO]) -> ([ReturnCellKey: Int], [FieldProblem]) {
        var counts: [ReturnCellKey: Int] = [:]
        var problems: [FieldProblem] = []
        for (index, cell) in cells.enumerated() {
            guard let category = AbuseCategory(rawValue: cell.category) else {
                problems.append(.init(field: "cells[\(index)].category", message: "category must be one of: " + AbuseCategory.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            guard let breakdown = Breakdown(key: cell.breakdown) else {
                problems.append(.init(field: "cells[\(index)].breakdown", message: "breakdown must be one of: " + Breakdown.all.map(\.key).joined(separator: ", ")))
                continue
            }
            let key = ReturnCellKey(category: category, breakdown: breakdown)
            if counts[key] != nil { problems.append(.init(field: "cells[\(index)]", message: "\(key.name) is given more than once")) }
            counts[key] = cell.count
        }
        return (counts, problems)
    }

    /// Replaces a draft's cells (and note) with those sent.
    @Sendable
    static func update(req: Request) async throws -> ReturnDTO {
        try await store(req, submitting: false)
    }

    @Sendable
    static func submit(req: Request) async throws -> ReturnDTO {
        try await store(req, submitting: true)
    }

    static func store(_ req: Request, submitting: Bool) async throws -> ReturnDTO {
        let ret = try await req.record(Return.self, editable: .enterReturns)
        let body = try req.content.decode(CellsBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the return you are changing")]) }
        // Submitting without cells submits the figures as saved.
        let (sent, problems) = body.cells.map(counts) ?? ([:], [])
        let counts = body.cells == nil ? try await ReturnStore.cells(of: ret.requireID(), on: req.sql) : sent
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let refused = try await ReturnSteps.store(ret, counts: counts, note: GroupValidation.trimmed(body.note ?? ret.note), submitting: submitting,
                                                        expectedVersion: version, req: req)
        if let locked = refused.first(where: { $0.field == "status" }) { throw Abort(.conflict, reason: locked.message) }
        guard refused.isEmpty else { throw ValidationFailure(problems: refused) }
        return try await document(ret, req: req)
    }

    struct DecisionBody: Content {
        var version: Int?
        var comment: String?
        var reason: String?
    }

    static func decide(_ req: Request, _ transition: (DecisionBody) -> ReturnTransition, action: String) async throws -> ReturnDTO {
        let ret = try await req.record(Return.self, editable: .approveReturns)
        let body = try req.content.decode(DecisionBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the return you are deciding on")]) }
        if let problem = try await ReturnSteps.decide(ret, transition(body), expectedVersion: version, action: action, req: req) {
            if problem.field == "status" { throw Abort(.conflict, reason: problem.message) }
            throw ValidationFailure(problems: [problem])
        }
        return try await document(ret, req: req)
    }

    @Sendable
    static func approve(req: Request) async throws -> ReturnDTO {
        try await decide(req, { _ in .approve }, action: "return.approve")
    }

    @Sendable
    static func sendBack(req: Request) async throws -> ReturnDTO {
        try await decide(req, { .sendBack(comment: GroupValidation.trimmed($0.comment ?? "")) }, action: "return.send_back")
    }

    @Sendable
    static func reopen(req: Request) async throws -> ReturnDTO {
        try await decide(req, { .reopen(reason: GroupValidation.trimmed($0.reason ?? "")) }, action: "return.reopen")
    }

    struct FigureLine: Content {
        var key: String
        var label: String
        /// Counts per quarter, in the order of `periods`: a number, "c" where suppressed, or "" where no return is approved.
        var counts: [String]
        var total: String
    }

    struct DashboardDTO: Content {
        var source: String
        var category: String
        var periods: [String]
        var suppressed: Bool
        /// "exact" or "adjusted" (issue 14).
        var publication: String
        /// Every category's total over the partnerships asked for.
        var categories: [FigureLine]
        /// The category asked for, by partnership.
        var partnerships: [FigureLine]
    }

    @Sendable
    static func dashboard(req: Request) async throws -> DashboardDTO {
        let (asked, problems) = DashboardReport.asked(req)
        let (found, more) = problems.isEmpty ? try await DashboardReport.figures(asked, req: req) : (nil, [])
        guard let figures = found else { throw ValidationFailure(problems: problems + more) }
        let chosen = figures.categories.first { $0.category == asked.category }!
        return DashboardDTO(
            source: asked.source.rawValue, category: asked.category.rawValue, periods: figures.periods.map(\.key), suppressed: figures.suppressed, publication: figures.publication.rawValue,
            categories: figures.categories.map { FigureLine(key: $0.category.rawValue, label: $0.category.label, counts: $0.table.columnTotals.map(\.text), total: $0.table.total.text) },
            partnerships: figures.partnerships.enumerated().map { index, partnership in
                FigureLine(key: partnership.id.uuidString.lowercased(), label: partnership.name,
                           counts: zip(figures.periods, chosen.table.cells[index]).map { figures.shows(partnership.id, $0) ? $1.text : "" },
                           total: chosen.table.rowTotals[index].text)
            })
    }
}
