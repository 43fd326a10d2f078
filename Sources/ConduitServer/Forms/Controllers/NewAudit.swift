import ConduitCore
import Fluent
import Foundation
import Vapor

/// Starting a file audit, the same from its page and from the API: where it may be started,
/// the details checked, and the draft stored and recorded.
enum NewAudit {
    static func partnerships(_ req: Request) async throws -> [DirectoryLookups.PartnershipOption] {
        // The hub audits for the whole programme (seed 004), so regions may hold audits too.
        try await DirectoryLookups.partnerships(try req.signedIn.scope(.editFileAudits), includingRegions: true, on: req.sql)
    }

    /// A new audit's details checked, as the page and the API send them; the date when it is good.
    static func check(_ input: FormResponseView.NewInput, forms: [StoredForm], partnerships: [DirectoryLookups.PartnershipOption],
                      today: CalendarDate) -> (problems: [FieldProblem], date: CalendarDate?) {
        var problems: [FieldProblem] = []
        if input.formID == nil || !forms.contains(where: { $0.id == input.formID }) { problems.append(.init(field: "formID", message: "Select the form to audit with")) }
        if input.partnershipID == nil || !partnerships.contains(where: { $0.id == input.partnershipID }) {
            problems.append(.init(field: "partnershipID", message: "Select the partnership whose file this is"))
        }
        // A reference, never a name: letters, digits and a few separators, as case management systems number files.
        if input.reference.isEmpty { problems.append(.init(field: "fileReference", message: "Enter the file's reference")) }
        else if input.reference.count > 40 || !input.reference.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-/_. ".contains($0)) }) {
            problems.append(.init(field: "fileReference", message: "File reference must be up to 40 letters, numbers, spaces, hyphens or slashes, like CSC/2026/0142: never a child's name"))
        }
        let date = input.date.parse(label: "Date of audit")
        if let problem = date.problem { problems.append(.init(field: "auditedOn", message: problem)) }
        else if date.date == nil { problems.append(.init(field: "auditedOn", message: "Enter the date of the audit")) }
        else if let day = date.date, day > today { problems.append(.init(field: "auditedOn", message: "Date of audit must be today or in the past")) }
        return (problems, problems.isEmpty ? date.date : nil)
    }

    /// Stores a new draft audit by the person asking, recorded in the audit trail.
    static func start(formID: UUID, partnershipID: UUID, reference: String, on day: CalendarDate, req: Request) async throws -> FormResponse {
        let visitor = try req.signedIn
        let audit = FormResponse()
        audit.version = 1
        audit.fileReference = reference
        audit.auditedOn = day.description
        audit.status = .draft
        audit.$form.id = formID
        audit.$partnership.id = partnershipID
        audit.$auditor.id = visitor.userID
        try await audit.save(on: req.db)
        try await req.audit(.init("file_audit.create", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: partnershipID))
        return audit
    }
}
