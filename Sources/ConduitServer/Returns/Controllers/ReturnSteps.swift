import ConduitCore
import Fluent
import Foundation
import Vapor

/// The steps a return goes through, taken the same way from its page and from the API:
/// opening it, saving or submitting its figures, and the coordinators' decisions. Each is
/// checked by `ReturnWorkflow` and recorded in the audit trail.
enum ReturnSteps {
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

    /// Saves a return's figures as a draft, or submits them when every rule holds (the page and
    /// the API both come here, having required `.enterReturns`). Returns the problems when refused; a problem on "status" means
    /// the workflow does not allow it now.
    static func store(_ ret: Return, counts: [ReturnCellKey: Int], note: String, submitting: Bool, expectedVersion: Int, req: Request) async throws -> [FieldProblem] {
        let visitor = try req.signedIn
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

    /// A coordinator's step (the caller has required `.approveReturns`), checked by the workflow
    /// and recorded; the problem when refused.
    static func decide(_ ret: Return, _ transition: ReturnTransition, expectedVersion: Int, action: String, req: Request) async throws -> FieldProblem? {
        let visitor = try req.signedIn
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
}
