import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Training evaluations and community survey responses: started from a session's or a group's
/// page, then filled in, checked and submitted on the same pages as a file audit, and counted
/// on the same findings page.
enum FormResponseController {
    @Sendable
    static func startEvaluation(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self)
        return try await start(.trainingEvaluation, about: .trainingSession(try session.requireID()), partnershipID: session.$partnership.id, req: req)
    }

    @Sendable
    static func startSurvey(req: Request) async throws -> Response {
        let group = try await req.record(Organisation.self)
        guard let partnershipID = try await surveyPartnership(of: group, req: req) else {
            throw Abort(.forbidden, reason: "You do not record engagement for a partnership this group serves.")
        }
        return try await start(.communitySurvey, about: .group(try group.requireID()), partnershipID: partnershipID, req: req)
    }

    /// The partnership a survey response from this group belongs to: one the group serves and
    /// the person records engagement for, their current partnership first.
    static func surveyPartnership(of group: Organisation, req: Request) async throws -> UUID? {
        let visitor = try req.signedIn
        let served = try await GroupStore.served([try group.requireID()], on: req.db)[try group.requireID()] ?? []
        let candidates = [visitor.currentPartnership?.id, group.$partnership.id].compactMap { $0 } + served.map(\.partnership_id)
        return candidates.first { id in served.contains { $0.partnership_id == id } && visitor.allows(.editEngagement, on: id) }
    }

    /// Starts a response with the newest form for the purpose (or the one chosen) and opens its first section.
    static func start(_ purpose: FormPurpose, about subject: AuditStore.Subject, partnershipID: UUID, req: Request) async throws -> Response {
        let visitor = try req.signedIn
        guard visitor.allows(purpose.editAction, on: partnershipID) else {
            throw Abort(.forbidden, reason: "Only the partnership's own staff can record these responses.")
        }
        let forms = try await AuditStore.latestForms(for: purpose, on: req.db)
        let chosen = UUID(uuidString: req.formText("formID"))
        guard let (form, definition) = forms.first(where: { $0.form.id == chosen }) ?? (chosen == nil ? forms.first : nil) else {
            throw Abort(.notFound, reason: "No \(purpose.title.lowercased()) form is loaded.")
        }
        let counts = try await AuditStore.responseCounts(about: subject, in: [partnershipID], on: req.sql)
        let response = FileAudit()
        response.version = 1
        // Responses are numbered within their session or group and partnership; no one's name is asked for.
        response.fileReference = "Response \(counts.total + 1)"
        response.auditedOn = req.today.description
        response.status = .draft
        response.$form.id = try form.requireID()
        response.$partnership.id = partnershipID
        response.$auditor.id = visitor.userID
        switch subject {
        case .trainingSession(let id): response.$trainingSession.id = id
        case .group(let id): response.$group.id = id
        }
        try await response.save(on: req.db)
        try await req.audit(.init("file_audit.create", recordType: "file_audit", recordID: response.id?.uuidString, partnershipID: partnershipID,
                                  detail: "\(purpose.rawValue) \(subject.column)=\(subject.id.uuidString.lowercased())"))
        return req.redirect(to: SiteURL.auditSection(.value(try response.requireID()), definition.sections[0].key).path)
    }
}
