import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Raising a concern: is a child in danger now, then the details, then check and record
/// (issue 16). An urgent concern is stored at its first answer, so the call to 999 comes first.
enum ConcernController {
    /// The form's choices: the groups and partnerships the adviser may name.
    static func choices(_ req: Request) async throws -> ConcernView.Choices {
        let visitor = try req.signedIn
        return .init(own: try await DirectoryLookups.partnerships(visitor.scope(.editConcerns), on: req.sql),
                     partnerships: try await DirectoryLookups.partnerships(on: req.sql),
                     groups: try await EngagementStore.groupOptions(scope: visitor.scope(.editConcerns), on: req.sql))
    }

    /// The partnership a new concern is recorded for: the one the adviser works in now.
    private static func defaultPartnership(_ req: Request, own: [DirectoryLookups.PartnershipOption]) throws -> UUID? {
        let current = try req.signedIn.currentPartnership?.id
        return own.first { $0.id == current }?.id ?? own.first?.id
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        ConcernView.danger(problem: nil, context: PageContext(req))
    }

    @Sendable
    static func answerDanger(req: Request) async throws -> Response {
        switch req.formText("dangerNow") {
        case "yes":
            let own = try await DirectoryLookups.partnerships(try req.signedIn.scope(.editConcerns), on: req.sql)
            guard let partnership = try defaultPartnership(req, own: own) else { throw Abort(.forbidden, reason: "You are not an adviser of a partnership.") }
            let concern = try await ConcernStore.startUrgent(partnershipID: partnership, adviserID: try req.signedIn.userID, receivedAt: req.now, on: req.db)
            try await req.audit(.init("concern.create", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: partnership, detail: "urgent"))
            return req.redirect(to: SiteURL.concernDetails(.value(concern.id!)).path(query: ConcernView.Notice.callNow.query))
        case "no":
            return req.redirect(to: SiteURL.concernNewDetails.path)
        default:
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.danger(
                problem: "Select yes if a child is in danger now", context: PageContext(req))).encodeResponse(for: req)
        }
    }

    @Sendable
    static func newDetails(req: Request) async throws -> Layout {
        let choices = try await choices(req)
        var input = ConcernInput()
        input.received(at: req.now)
        input.partnershipID = try defaultPartnership(req, own: choices.own)?.uuidString ?? ""
        return ConcernView.form(.init(input: input, choices: choices), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let input = ConcernInput(form: req)
        let (values, problems) = try await input.validated(for: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.form(
                .init(input: input, choices: try await choices(req), problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        let concern = try await ConcernStore.create(values, urgent: false, adviserID: try req.signedIn.userID, keys: req.application.dataKeys, on: req.db)
        try await req.audit(.init("concern.create", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: values.partnershipID))
        return req.redirect(to: SiteURL.concernCheck(.value(concern.id!)).path)
    }

    @Sendable
    static func editDetails(req: Request) async throws -> Layout {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        try await req.recordRead(concern)
        let input = try await ConcernInput(stored: concern, on: req.sql)
        return ConcernView.form(.init(input: input, choices: try await choices(req), concern: .init(concern),
                                      notice: ConcernView.Notice.read(req)), context: PageContext(req))
    }

    @Sendable
    static func updateDetails(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        let version = try req.expectedVersion()
        let input = ConcernInput(form: req)
        let (values, problems) = try await input.validated(for: req)
        var stored = ConcernView.StoredConcern(concern)
        guard let values else {
            stored.version = version
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.form(
                .init(input: input, choices: try await choices(req), concern: stored, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        do {
            try await ConcernStore.update(concern, with: values, expectedVersion: version, keys: req.application.dataKeys, on: req.db)
        } catch is VersionConflict {
            // Someone else saved first: what this person typed is shown again, to send once more.
            guard let latest = try await Concern.find(concern.id, on: req.db) else { throw MissingRecord() }
            stored = .init(latest)
            return try await PageResponse(status: .conflict, layout: ConcernView.form(
                .init(input: input, choices: try await choices(req), concern: stored, conflict: true), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("concern.update", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: values.partnershipID))
        if concern.state == ConcernState.incomplete.rawValue { return req.redirect(to: SiteURL.concernCheck(.value(concern.id!)).path) }
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.updated.query))
    }

    @Sendable
    static func check(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        guard ConcernView.StoredConcern(concern).hasDetails else { return req.redirect(to: SiteURL.concernDetails(.value(concern.id!)).path) }
        try await req.recordRead(concern)
        let summary = try await ConcernPage.summary(of: concern, on: req)
        return try await ConcernView.check(summary, context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func confirm(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        guard ConcernView.StoredConcern(concern).hasDetails else { return req.redirect(to: SiteURL.concernDetails(.value(concern.id!)).path) }
        if concern.state == ConcernState.incomplete.rawValue {
            concern.state = ConcernState.open.rawValue
            try await concern.saveVersioned(expectedVersion: concern.version, on: req.db)
            try await req.audit(.init("concern.record", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: concern.$partnership.id))
        }
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.recorded.query))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let concern = try await req.record(Concern.self)
        let summary = try await ConcernPage.summary(of: concern, on: req)
        return ConcernView.show(summary, notice: ConcernView.Notice.read(req), context: PageContext(req))
    }

    /// The restricted fields, shown once, for a reason the person gives and the audit trail keeps.
    @Sendable
    static func revealRestricted(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self)
        var summary = try await ConcernPage.summary(of: concern, on: req)
        let reason = GroupValidation.trimmed(req.formText("reason"))
        if let problem = ConcernValidation.revealProblem(reason) {
            summary.revealProblem = problem
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.show(summary, notice: nil, context: PageContext(req)))
                .encodeResponse(for: req)
        }
        try await req.audit(.init("concern.restricted_read", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: reason))
        let restricted = ConcernStore.restricted(of: concern, keys: req.application.dataKeys)
        summary.revealed = .init(raiserIdentity: restricted.raiserIdentity, childrenNames: restricted.childrenNames, reason: reason)
        return try await ConcernView.show(summary, notice: nil, context: PageContext(req)).encodeResponse(for: req)
    }

    @Sendable
    static func close(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        let referrals = try await ConcernStore.referrals(of: concern.requireID(), on: req.db)
        guard concern.state == ConcernState.open.rawValue,
              referrals.contains(where: { $0.outcome.flatMap(ConcernOutcome.init(rawValue:))?.isDecision == true }) else {
            throw Abort(.conflict, reason: "A concern is closed once it is recorded and a service has said what it will do.")
        }
        concern.state = ConcernState.closed.rawValue
        concern.closedAt = req.now
        try await concern.saveVersioned(expectedVersion: concern.version, on: req.db)
        try await req.audit(.init("concern.close", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: concern.$partnership.id))
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.closed.query))
    }
}

extension ConcernValidation {
    /// Why restricted fields are being looked at: a sentence, not a tick.
    static func revealProblem(_ reason: String) -> FieldProblem? {
        if reason.count < 10 { return .init(field: "reason", message: "Enter why you need to see the names, in a sentence: it is kept in the audit trail") }
        return GroupValidation.tooLong(reason, 500, field: "reason", label: "Reason")
    }
}
