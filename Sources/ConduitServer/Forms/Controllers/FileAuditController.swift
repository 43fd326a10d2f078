import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// File audits: the list of those the person may read, and starting one with the File Audit
/// Tool (seed 004 Appendix 1); they are then filled in on the pages of every form response.
enum FileAuditController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let scope = visitor.scope(.readFileAudits)
        let rows = try await ReadableAudits.rows(scope: scope, on: req.sql)
        // The list names files and partnerships: a read, as the API's list is.
        try await req.audit(.init("file_audit.list", recordType: "file_audit", detail: "\(rows.count) audits listed"))
        let forms = try await StoredForm.query(on: req.db).sort(\.$key).sort(\.$version).all().compactMap { form in
            (try? FormStore.definition(of: form)).map { (form: form, definition: $0) }
        }
        return FormResponseView.index(rows: rows, definitions: forms.map(\.definition), canStart: visitor.allows(.editFileAudits), context: PageContext(req))
    }

    /// The forms a file audit can be started with.
    static func auditForms(_ req: Request) async throws -> [StoredForm] {
        try await FormStore.latestForms(for: .fileAudit, on: req.db).map(\.form)
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        FormResponseView.new(forms: try await auditForms(req).map(FormResponseView.FormChoice.init), partnerships: try await NewAudit.partnerships(req),
                      input: .init(formID: nil, partnershipID: try req.signedIn.currentPartnership?.id, reference: "", date: DateField(req.today)),
                      problems: [], context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let forms = try await auditForms(req)
        let partnerships = try await NewAudit.partnerships(req)
        let input = FormResponseView.NewInput(formID: UUID(uuidString: req.formText("formID")), partnershipID: UUID(uuidString: req.formText("partnershipID")),
                                       reference: GroupValidation.trimmed(req.formText("fileReference")),
                                       date: .parts(day: req.formText("auditedOn-day"), month: req.formText("auditedOn-month"), year: req.formText("auditedOn-year")))
        let (problems, day) = NewAudit.check(input, forms: forms, partnerships: partnerships, today: req.today)
        guard problems.isEmpty, let formID = input.formID, let partnershipID = input.partnershipID, let day else {
            return try await PageResponse(status: .unprocessableEntity, layout: FormResponseView.new(forms: forms.map(FormResponseView.FormChoice.init), partnerships: partnerships, input: input, problems: problems,
                                                                                            context: PageContext(req))).encodeResponse(for: req)
        }
        let audit = try await NewAudit.start(formID: formID, partnershipID: partnershipID, reference: input.reference, on: day, req: req)
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path)
    }
}
