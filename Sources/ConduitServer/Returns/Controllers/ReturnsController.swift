import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Returns: started by a submitter for their partnership and source, filled in as a grid,
/// submitted, then approved (locked) or sent back by a coordinator; approved ones reopened
/// with a reason. Every step is checked by `ReturnWorkflow` and recorded in the audit trail.
enum ReturnsController {
    /// The (partnership, source) pairs the person enters returns for.
    static func enterable(_ req: Request) async throws -> [(partnership: DirectoryLookups.PartnershipOption, sources: [ReturnSource])] {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.enterReturns), on: req.sql)
        return partnerships.map { partnership in
            (partnership, ReturnSource.allCases.filter { visitor.entersReturns(of: $0, on: partnership.id) })
        }
    }

    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let status = ReturnStatus(rawValue: req.queryText("status"))
        let filter = ReadableReturns.Filter(status: status?.rawValue)
        let total = try await ReadableReturns.count(filter, readableBy: visitor, on: req.sql)
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), perPage: 50, total: total)
        let rows = try await ReadableReturns.rows(filter, readableBy: visitor, limit: 50, offset: pagination.offset, on: req.sql)
        return ReturnView.index(.init(rows: rows, total: total, pagination: pagination, status: status, enterable: try await enterable(req),
                                      periods: ReportingPeriod.offeredForReturns(today: req.today), defaultPeriod: ReportingPeriod.quarter(containing: req.today).previous,
                                      canApprove: visitor.allows(.approveReturns)), context: PageContext(req))
    }

    /// Opens the return of a partnership, period and source, starting it as a draft if there is none.
    @Sendable
    static func start(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        guard let partnershipID = UUID(uuidString: req.formText("partnershipID")), let source = ReturnSource(rawValue: req.formText("source")),
              let period = ReportingPeriod(key: req.formText("period")), !period.isYear, ReportingPeriod.offeredForReturns(today: req.today).contains(period),
              visitor.entersReturns(of: source, on: partnershipID) else {
            throw ValidationFailure(problems: [.init(field: "period", message: "Choose a partnership, source and quarter you enter returns for")])
        }
        let (ret, _) = try await ReturnSteps.open(partnershipID: partnershipID, period: period, source: source, req: req)
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path)
    }

    static func model(_ ret: Return, entries: [ReturnCellKey: String]? = nil, note: String? = nil, problems: [FieldProblem] = [],
                      notice: String? = nil, req: Request) async throws -> ReturnView.ShowModel {
        let visitor = try req.signedIn
        let cells = try await ReturnStore.cells(of: ret.requireID(), on: req.sql)
        let period = ret.period ?? .quarter(containing: req.today)
        let deadline = try await ReturnStore.deadline(of: period, for: ret.$partnership.id, on: req.sql)
        return ReturnView.ShowModel(
            ret: .init(id: try ret.requireID(), version: ret.version, sourceTitle: ret.returnSource?.title ?? ret.source, status: ret.returnStatus,
                       firstSubmittedOn: ret.firstSubmittedOn.flatMap(CalendarDate.init(iso:)), comment: ret.comment), partnershipName: try await Partnership.find(ret.$partnership.id, on: req.db)?.name ?? "", period: period, deadline: deadline,
            entries: entries ?? cells.mapValues(String.init), stored: cells, note: note ?? ret.note,
            lastYear: try await ReturnStore.lastYearTotals(partnershipID: ret.$partnership.id, period: period, source: ret.returnSource ?? .localAuthority, on: req.sql),
            // Exact children's counts from concerns only for someone who may open those concerns:
            // to anyone else they would be figures beyond what they may open, unadjusted.
            fromConcerns: ret.returnSource == .community && visitor.allows(.readConcerns, on: ret.$partnership.id)
                ? try await ConcernFigures.childrenForReturn(partnershipID: ret.$partnership.id, from: period.start, to: period.end, on: req.sql) : nil,
            canEnter: try await req.permits(.enterReturns, on: ret) && ret.returnStatus.isEditable, canApprove: visitor.allows(.approveReturns, on: ret.$partnership.id),
            problems: problems, notice: notice)
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let ret = try await req.record(Return.self)
        let notice = ReturnView.Notice.read(req)?.message
        return ReturnView.show(try await model(ret, notice: notice, req: req), context: PageContext(req))
    }

    /// Saves the grid as a draft, or submits it when every rule holds; every problem names its cell.
    @Sendable
    static func save(req: Request) async throws -> Response {
        let ret = try await req.record(Return.self, editable: .enterReturns)
        let version = try req.expectedVersion()
        let submitting = req.formText("action") == "submit"
        var entries: [ReturnCellKey: String] = [:]
        for key in ReturnCellKey.all {
            let text = req.formText(key.fieldName)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { entries[key] = text }
        }
        let note = GroupValidation.trimmed(req.formText("note"))
        if req.formText("action") == "suggest" {
            // The figures from concerns fill the empty totals on the page only: the submitter checks them, then saves or submits.
            guard ret.returnSource == .community, try req.signedIn.allows(.readConcerns, on: ret.$partnership.id) else {
                throw Abort(.forbidden, reason: "Figures from concerns are offered to those who may open the partnership's concerns.")
            }
            let period = ret.period ?? .quarter(containing: req.today)
            let suggested = try await ConcernFigures.childrenForReturn(partnershipID: ret.$partnership.id, from: period.start, to: period.end, on: req.sql)
            for category in AbuseCategory.allCases where entries[ReturnCellKey(category: category, breakdown: .total)] == nil {
                entries[ReturnCellKey(category: category, breakdown: .total)] = String(suggested[category] ?? 0)
            }
            return try await ReturnView.show(try await model(ret, entries: entries, note: note, notice: ReturnView.Notice.suggested.message, req: req),
                                             context: PageContext(req)).encodeResponse(for: req)
        }
        let (counts, parseProblems) = ReturnValidation.counts(from: entries)
        let problems = parseProblems.isEmpty ? try await ReturnSteps.store(ret, counts: counts, note: note, submitting: submitting, expectedVersion: version, req: req) : parseProblems
        guard problems.isEmpty else {
            // A refused step (the return is locked or waiting) is a conflict with its state, not bad input.
            let status: HTTPStatus = problems.contains { $0.field == "status" } ? .conflict : .unprocessableEntity
            return try await PageResponse(status: status, layout: ReturnView.show(
                try await model(ret, entries: entries, note: note, problems: problems, req: req), context: PageContext(req))).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path(query: (submitting ? ReturnView.Notice.submitted : .saved).query))
    }

    /// Approves, sends back or reopens: the coordinators' steps.
    static func decide(_ req: Request, _ transition: (String) -> ReturnTransition, field: String, action: String, done: ReturnView.Notice) async throws -> Response {
        let ret = try await req.record(Return.self, editable: .approveReturns)
        let version = try req.expectedVersion()
        if let problem = try await ReturnSteps.decide(ret, transition(GroupValidation.trimmed(req.formText(field))), expectedVersion: version, action: action, req: req) {
            return try await PageResponse(status: problem.field == "status" ? .conflict : .unprocessableEntity,
                                          layout: ReturnView.show(try await model(ret, problems: [problem], req: req), context: PageContext(req))).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path(query: done.query))
    }

    @Sendable
    static func approve(req: Request) async throws -> Response {
        try await decide(req, { _ in .approve }, field: "", action: "return.approve", done: .approved)
    }

    @Sendable
    static func sendBack(req: Request) async throws -> Response {
        try await decide(req, { .sendBack(comment: $0) }, field: "comment", action: "return.send_back", done: .sentBack)
    }

    @Sendable
    static func reopen(req: Request) async throws -> Response {
        try await decide(req, { .reopen(reason: $0) }, field: "reason", action: "return.reopen", done: .reopened)
    }
}
