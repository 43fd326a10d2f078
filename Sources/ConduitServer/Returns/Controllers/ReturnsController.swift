import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Returns: started by a submitter for their partnership and source, filled in as a grid,
/// submitted, then approved (locked) or sent back by a coordinator; approved ones reopened
/// with a reason. Every step is checked by `ReturnWorkflow` and recorded in the audit trail.
enum ReturnsController {
    /// Who may read which returns: coordinators every source of their partnerships; submitters
    /// their own sources. Nil when the person reads none.
    static func readable(by visitor: Visitor) -> SQLQueryString? {
        let approving = visitor.scope(.approveReturns)
        var clauses: [SQLQueryString] = approving.isEmpty ? [] : ["r.partnership_id IN (\(binds: Array(approving)))"]
        for membership in visitor.memberships where Policy.actions(of: membership.role).contains(.enterReturns) && !approving.contains(membership.partnershipID) {
            clauses.append(membership.returnSource.map { "(r.partnership_id = \(bind: membership.partnershipID) AND r.source = \(bind: $0.rawValue))" }
                           ?? "r.partnership_id = \(bind: membership.partnershipID)")
        }
        guard !clauses.isEmpty else { return nil }
        return "(" + clauses.joined(separator: " OR ") + ")"
    }

    static func mayRead(_ ret: Return, _ visitor: Visitor) -> Bool {
        visitor.allows(.approveReturns, on: ret.$partnership.id) || ret.returnSource.map { visitor.entersReturns(of: $0, on: ret.$partnership.id) } == true
    }

    static func mayEnter(_ ret: Return, _ visitor: Visitor) -> Bool {
        ret.returnSource.map { visitor.entersReturns(of: $0, on: ret.$partnership.id) } == true
    }

    /// The (partnership, source) pairs the person enters returns for.
    static func enterable(_ req: Request) async throws -> [(partnership: DirectoryLookups.PartnershipOption, sources: [ReturnSource])] {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.enterReturns), on: req.sql)
        return partnerships.map { partnership in
            (partnership, ReturnSource.allCases.filter { visitor.entersReturns(of: $0, on: partnership.id) })
        }
    }

    /// The quarters offered when starting a return: the last eight ended and the current one.
    struct Row: Decodable, Sendable {
        var id: UUID
        var period_key: String
        var source: String
        var status: String
        var partnership: String
        var first_submitted_on: String?
    }

    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let status = ReturnStatus(rawValue: req.queryText("status"))
        var rows: [Row] = []
        var total = 0
        let pagination: Pagination
        if let filter = readable(by: visitor) {
            let condition = filter + (status.map { " AND r.status = \(bind: $0.rawValue)" as SQLQueryString } ?? "")
            total = try await req.sql.raw("SELECT COUNT(*) AS n FROM \(ident: Return.schema) r WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
            pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), perPage: 50, total: total)
            rows = try await req.sql.raw("""
                SELECT r.id, r.period_key, r.source, r.status, p.name AS partnership, r.first_submitted_on
                FROM \(ident: Return.schema) r JOIN \(ident: Partnership.schema) p ON p.id = r.partnership_id
                WHERE \(condition) ORDER BY r.period_key DESC, p.name, r.source LIMIT 50 OFFSET \(unsafeRaw: String(pagination.offset))
                """).all(decoding: Row.self)
        } else {
            pagination = Pagination(page: 1, total: 0)
        }
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
        let (ret, _) = try await open(partnershipID: partnershipID, period: period, source: source, req: req)
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path)
    }

    /// The return of a partnership, period and source, started as a draft if there is none.
    static func open(partnershipID: UUID, period: ReportingPeriod, source: ReturnSource, req: Request) async throws -> (Return, created: Bool) {
        if let existing = try await Return.query(on: req.db).filter(\.$partnership.$id == partnershipID).filter(\.$periodKey == period.key)
            .filter(\.$source == source.rawValue).first() {
            return (existing, false)
        }
        let ret = Return()
        ret.version = 1
        ret.periodKey = period.key
        ret.source = source.rawValue
        ret.status = ReturnStatus.draft.rawValue
        ret.note = ""
        ret.comment = ""
        ret.$partnership.id = partnershipID
        ret.$enteredBy.id = try req.signedIn.userID
        try await ret.save(on: req.db)
        try await req.audit(.init("return.create", recordType: "return", recordID: ret.id?.uuidString, partnershipID: partnershipID,
                                  detail: "\(period.label) \(source.rawValue)"))
        return (ret, true)
    }

    /// A return's figures are about abused children, drafts included: each read is recorded (issue 13).
    static func recordRead(_ ret: Return, req: Request) async throws {
        try await req.audit(.init("return.read", recordType: "return", recordID: try ret.requireID().uuidString, partnershipID: ret.$partnership.id,
                                  detail: ret.status))
    }

    /// A return the person may read, else 404.
    static func find(_ req: Request) async throws -> Return {
        guard let ret = try await Return.find(try req.uuid(.returnID), on: req.db) else { throw Abort(.notFound) }
        guard mayRead(ret, try req.signedIn) else { throw HiddenRecord(recordType: "return", id: try ret.requireID(), partnershipID: ret.$partnership.id) }
        return ret
    }

    static func model(_ ret: Return, entries: [ReturnCellKey: String]? = nil, note: String? = nil, problems: [FieldProblem] = [],
                      notice: String? = nil, req: Request) async throws -> ReturnView.ShowModel {
        let visitor = try req.signedIn
        let cells = try await ReturnStore.cells(of: ret.requireID(), on: req.sql)
        let period = ret.period ?? .quarter(containing: req.today)
        let deadline = try await ReturnStore.deadline(of: period, for: ret.$partnership.id, on: req.sql)
        return ReturnView.ShowModel(
            ret: ret, partnershipName: try await Partnership.find(ret.$partnership.id, on: req.db)?.name ?? "", period: period, deadline: deadline,
            entries: entries ?? cells.mapValues(String.init), stored: cells, note: note ?? ret.note,
            lastYear: try await ReturnStore.lastYearTotals(partnershipID: ret.$partnership.id, period: period, source: ret.returnSource ?? .localAuthority, on: req.sql),
            canEnter: mayEnter(ret, visitor) && ret.returnStatus.isEditable, canApprove: visitor.allows(.approveReturns, on: ret.$partnership.id),
            problems: problems, notice: notice)
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let ret = try await find(req)
        try await recordRead(ret, req: req)
        let notice: String? = switch req.queryText("done") {
        case "saved": "The return has been saved as a draft."
        case "submitted": "The return has been submitted. A coordinator will approve it or send it back."
        case "approved": "The return has been approved and is now locked."
        case "sent-back": "The return has been sent back to its submitter with your comment."
        case "reopened": "The return has been reopened: it can be changed and submitted again."
        default: nil
        }
        return ReturnView.show(try await model(ret, notice: notice, req: req), context: PageContext(req))
    }

    /// Saves the grid as a draft, or submits it when every rule holds; every problem names its cell.
    @Sendable
    static func save(req: Request) async throws -> Response {
        let ret = try await find(req)
        let version = try req.expectedVersion()
        let submitting = req.formText("action") == "submit"
        var entries: [ReturnCellKey: String] = [:]
        for key in ReturnCellKey.all {
            let text = req.formText(key.fieldName)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { entries[key] = text }
        }
        let note = GroupValidation.trimmed(req.formText("note"))
        let (counts, parseProblems) = ReturnValidation.counts(from: entries)
        let problems = parseProblems.isEmpty ? try await store(ret, counts: counts, note: note, submitting: submitting, expectedVersion: version, req: req) : parseProblems
        guard problems.isEmpty else {
            // A refused step (the return is locked or waiting) is a conflict with its state, not bad input.
            let status: HTTPStatus = problems.contains { $0.field == "status" } ? .conflict : .unprocessableEntity
            return try await PageResponse(status: status, layout: ReturnView.show(
                try await model(ret, entries: entries, note: note, problems: problems, req: req), context: PageContext(req))).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path(query: [("done", submitting ? "submitted" : "saved")]))
    }

    /// Saves a return's figures as a draft, or submits them when every rule holds (the page and
    /// the API both come here). Returns the problems when refused; a problem on "status" means
    /// the workflow does not allow it now.
    static func store(_ ret: Return, counts: [ReturnCellKey: Int], note: String, submitting: Bool, expectedVersion: Int, req: Request) async throws -> [FieldProblem] {
        let visitor = try req.signedIn
        guard mayEnter(ret, visitor) else { throw Abort(.forbidden, reason: "You do not enter this source's returns for this partnership.") }
        var problems: [FieldProblem] = []
        if TextLimit.exceeds(note, characters: 4000) { problems.append(.init(field: "note", message: "Note must be 4000 characters or fewer")) }
        let next: ReturnStatus
        switch ReturnWorkflow.apply(submitting ? .submit : .save, to: ret.returnStatus) {
        case .success(let status): next = status
        case .failure(let problem): return [problem]
        }
        problems += submitting
            ? ReturnValidation.problems(for: counts, lastYear: try await ReturnStore.lastYearTotals(partnershipID: ret.$partnership.id, period: ret.period!,
                                                                                                    source: ret.returnSource!, on: req.sql), note: note)
            : ReturnValidation.problemsForDraft(counts)
        guard problems.isEmpty else { return problems }
        ret.note = note
        ret.status = next.rawValue
        ret.$enteredBy.id = visitor.userID
        if submitting {
            ret.submittedAt = req.now
            ret.firstSubmittedOn = ret.firstSubmittedOn ?? req.today.description
        }
        try await ReturnStore.save(ret, cells: counts, expectedVersion: expectedVersion, on: req.db)
        try await req.audit(.init(submitting ? "return.submit" : "return.save", recordType: "return", recordID: ret.id?.uuidString,
                                  partnershipID: ret.$partnership.id, detail: "\(counts.count) cells"))
        return []
    }

    /// Approves, sends back or reopens: the coordinators' steps.
    static func decide(_ req: Request, _ transition: (String) -> ReturnTransition, field: String, action: String, done: String) async throws -> Response {
        let ret = try await find(req)
        let version = try req.expectedVersion()
        if let problem = try await decide(ret, transition(GroupValidation.trimmed(req.formText(field))), expectedVersion: version, action: action, req: req) {
            return try await PageResponse(status: problem.field == "status" ? .conflict : .unprocessableEntity,
                                          layout: ReturnView.show(try await model(ret, problems: [problem], req: req), context: PageContext(req))).encodeResponse(for: req)
        }
        return req.redirect(to: SiteURL.returnShow(.value(try ret.requireID())).path(query: [("done", done)]))
    }

    /// A coordinator's step, checked by the workflow and recorded; the problem when refused.
    static func decide(_ ret: Return, _ transition: ReturnTransition, expectedVersion: Int, action: String, req: Request) async throws -> FieldProblem? {
        let visitor = try req.signedIn
        guard visitor.allows(.approveReturns, on: ret.$partnership.id) else { throw Abort(.forbidden, reason: "Only the partnership's coordinators approve its returns.") }
        let text: String = switch transition {
        case .sendBack(let comment): comment
        case .reopen(let reason): reason
        default: ""
        }
        switch ReturnWorkflow.apply(transition, to: ret.returnStatus) {
        case .failure(let problem):
            return problem
        case .success(let status):
            ret.status = status.rawValue
            if status == .approved {
                ret.approvedAt = req.now
                ret.$approvedBy.id = visitor.userID
            } else {
                ret.comment = text
                ret.approvedAt = nil
                ret.$approvedBy.id = nil
            }
            try await ret.saveVersioned(expectedVersion: expectedVersion, on: req.db)
            try await req.audit(.init(action, recordType: "return", recordID: ret.id?.uuidString, partnershipID: ret.$partnership.id,
                                      detail: text.isEmpty ? nil : text))
            return nil
        }
    }

    @Sendable
    static func approve(req: Request) async throws -> Response {
        try await decide(req, { _ in .approve }, field: "", action: "return.approve", done: "approved")
    }

    @Sendable
    static func sendBack(req: Request) async throws -> Response {
        try await decide(req, { .sendBack(comment: $0) }, field: "comment", action: "return.send_back", done: "sent-back")
    }

    @Sendable
    static func reopen(req: Request) async throws -> Response {
        try await decide(req, { .reopen(reason: $0) }, field: "reason", action: "return.reopen", done: "reopened")
    }
}
