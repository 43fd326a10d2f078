import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Filled-in forms: file audits started here, evaluations and surveys started from their
/// session or group (FormResponseController); all filled in a section at a time, checked and
/// submitted on these pages, each checked against the actions of its form's purpose.
enum AuditController {
    struct Row: Decodable, Sendable {
        var id: UUID
        var file_reference: String
        var audited_on: String
        var status: String
        var partnership_name: String
        var form_title: String
        var form_version: Int
    }

    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let scope = visitor.scope(.readFileAudits)
        let rows: [Row] = scope.isEmpty ? [] : try await req.sql.raw("""
            SELECT f.id, f.file_reference, f.audited_on, f.status, p.name AS partnership_name, d.title AS form_title, d.version AS form_version
            FROM \(ident: FileAudit.schema) f JOIN \(ident: Partnership.schema) p ON p.id = f.partnership_id JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
            WHERE f.partnership_id IN (\(binds: Array(scope))) AND \(AuditTables.fileAuditsOnly)
            ORDER BY f.audited_on DESC, f.file_reference LIMIT 500
            """).all(decoding: Row.self)
        // The list names files and partnerships: a read, as the API's list is.
        try await req.audit(.init("file_audit.list", recordType: "file_audit", detail: "\(rows.count) audits listed"))
        let forms = try await StoredForm.query(on: req.db).sort(\.$key).sort(\.$version).all().compactMap { form in
            (try? AuditStore.definition(of: form)).map { (form: form, definition: $0) }
        }
        return AuditView.index(rows: rows, forms: forms, canStart: visitor.allows(.editFileAudits), context: PageContext(req))
    }

    static func partnerships(_ req: Request) async throws -> [DirectoryLookups.PartnershipOption] {
        // The hub audits for the whole programme (seed 004), so regions may hold audits too.
        try await DirectoryLookups.partnerships(try req.signedIn.scope(.editFileAudits), includingRegions: true, on: req.sql)
    }

    /// The forms a file audit can be started with.
    static func auditForms(_ req: Request) async throws -> [StoredForm] {
        try await AuditStore.latestForms(for: .fileAudit, on: req.db).map(\.form)
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        AuditView.new(forms: try await auditForms(req), partnerships: try await partnerships(req),
                      input: .init(formID: nil, partnershipID: try req.signedIn.currentPartnership?.id, reference: "", date: DateField(req.today)),
                      problems: [], context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let forms = try await auditForms(req)
        let partnerships = try await partnerships(req)
        let input = AuditView.NewInput(formID: UUID(uuidString: req.formText("formID")), partnershipID: UUID(uuidString: req.formText("partnershipID")),
                                       reference: GroupValidation.trimmed(req.formText("fileReference")),
                                       date: .parts(day: req.formText("auditedOn-day"), month: req.formText("auditedOn-month"), year: req.formText("auditedOn-year")))
        let (problems, day) = check(input, forms: forms, partnerships: partnerships, today: req.today)
        guard problems.isEmpty, let formID = input.formID, let partnershipID = input.partnershipID, let day else {
            return try await PageResponse(status: .unprocessableEntity, layout: AuditView.new(forms: forms, partnerships: partnerships, input: input, problems: problems,
                                                                                            context: PageContext(req))).encodeResponse(for: req)
        }
        let audit = try await start(formID: formID, partnershipID: partnershipID, reference: input.reference, on: day, req: req)
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path)
    }

    /// A new audit's details checked, as the page and the API send them; the date when it is good.
    static func check(_ input: AuditView.NewInput, forms: [StoredForm], partnerships: [DirectoryLookups.PartnershipOption],
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
    static func start(formID: UUID, partnershipID: UUID, reference: String, on day: CalendarDate, req: Request) async throws -> FileAudit {
        let visitor = try req.signedIn
        let audit = FileAudit()
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

    /// A filled-in form the person may read (each read is recorded), with its definition; else 404.
    static func find(_ req: Request) async throws -> (FileAudit, FormDefinition) {
        let visitor = try req.signedIn
        guard let audit = try await FileAudit.find(try req.uuid(.auditID), on: req.db),
              let form = try await StoredForm.find(audit.$form.id, on: req.db) else { throw Abort(.notFound) }
        let definition = try AuditStore.definition(of: form)
        guard visitor.allows(definition.usedFor.readAction, on: audit.$partnership.id) else {
            throw HiddenRecord(recordType: "file_audit", id: try audit.requireID(), partnershipID: audit.$partnership.id)
        }
        try await req.audit(.init("file_audit.read", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return (audit, definition)
    }

    /// Whether the person may change it: a draft, by someone who fills in this form for its partnership.
    static func isEditable(_ audit: FileAudit, _ definition: FormDefinition, req: Request) throws -> Bool {
        try audit.status == .draft && req.signedIn.allows(definition.usedFor.editAction, on: audit.$partnership.id)
    }

    static func requireEditable(_ audit: FileAudit, _ definition: FormDefinition, req: Request) throws {
        guard try req.signedIn.allows(definition.usedFor.editAction, on: audit.$partnership.id) else {
            throw Abort(.forbidden, reason: "You do not fill in this form for this partnership.")
        }
        guard audit.status == .draft else { throw Abort(.conflict, reason: "This has been submitted: it can be read but no longer changed.") }
    }

    /// The session or group a response is about, for its task list.
    static func subject(of audit: FileAudit, req: Request) async throws -> AuditView.Subject? {
        if let id = audit.$trainingSession.id, let session = try await TrainingSession.find(id, on: req.db) {
            return .init(label: "Training session", title: session.title, path: SiteURL.trainingSession(.value(id)).path)
        }
        if let id = audit.$group.id, let group = try await Organisation.find(id, on: req.db) {
            return .init(label: "Group", title: group.name, path: SiteURL.directoryGroup(.value(id)).path)
        }
        return nil
    }

    /// Not started, in progress or completed, for the task list.
    static func progress(of section: FormSection, in definition: FormDefinition, answers: Answers) -> AuditView.Progress {
        let answered = section.questions.contains { answers[$0.key] != nil }
        let complete = FormValidation.problems(answers, for: definition, section: section.key, complete: true).isEmpty
        // A section asking nothing required (notes only) is complete as it stands.
        let asksSomething = section.questions.contains { $0.required && FormValidation.isRelevant($0, in: definition, answers: answers) }
        if complete && (answered || !asksSomething) { return .completed }
        return answered ? .inProgress : .notStarted
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let (audit, definition) = try await find(req)
        let answers = try await AuditStore.answers(of: audit.requireID(), on: req.sql)
        let canEdit = try isEditable(audit, definition, req: req)
        let canReopen = try audit.status == .submitted && req.signedIn.allows(definition.usedFor.reopenAction, on: audit.$partnership.id)
        let what = definition.usedFor == .fileAudit ? "The audit" : "The response"
        let notice: String? = switch req.queryText("done") {
        case "submitted": "\(what) has been submitted."
        case "reopened": "\(what) has been reopened: it can be changed and submitted again."
        default: nil
        }
        return AuditView.taskList(audit: audit, definition: definition, subject: try await subject(of: audit, req: req), partnershipName: try await Partnership.find(audit.$partnership.id, on: req.db)?.name ?? "",
                                  progress: definition.sections.map { progress(of: $0, in: definition, answers: answers) },
                                  canEdit: canEdit, canReopen: canReopen, notice: notice, context: PageContext(req))
    }

    /// A section's answers as the form sent them, and any date that could not be read.
    static func answers(of section: FormSection, from req: Request) -> (answers: Answers, problems: [FieldProblem]) {
        var answers: Answers = [:]
        var problems: [FieldProblem] = []
        for question in section.questions {
            let followUp = question.followUp == nil ? nil : GroupValidation.trimmed(req.formText("\(question.key)-followUp")).nonEmpty
            var values: [String]
            switch question.type {
            case .multipleChoice, .category: values = req.formList(question.key)
            case .date:
                let parsed = CalendarDate.parse(day: req.formText("\(question.key)-day"), month: req.formText("\(question.key)-month"),
                                                year: req.formText("\(question.key)-year"), label: question.label)
                if let problem = parsed.problem { problems.append(.init(field: question.key, message: problem)) }
                values = parsed.date.map { [$0.description] } ?? []
            default: values = [req.formText(question.key).trimmingCharacters(in: .whitespacesAndNewlines)].filter { !$0.isEmpty }
            }
            if !values.isEmpty || followUp != nil { answers[question.key] = Answer(values: values, followUp: followUp) }
        }
        return (answers, problems)
    }

    static func section(_ req: Request, _ definition: FormDefinition) throws -> FormSection {
        guard let key = req.pathText(.sectionKey), let section = definition.section(key) else { throw Abort(.notFound) }
        return section
    }

    @Sendable
    static func showSection(req: Request) async throws -> Layout {
        let (audit, definition) = try await find(req)
        try requireEditable(audit, definition, req: req)
        let section = try section(req, definition)
        let answers = try await AuditStore.answers(of: audit.requireID(), on: req.sql)
        let rating = try await AuditStore.ratings(of: audit.requireID(), on: req.sql)[section.key]
        return AuditView.section(.init(audit: audit, definition: definition, section: section, answers: answers,
                                       rating: rating.map { ($0.rating, $0.reason) }), context: PageContext(req))
    }

    @Sendable
    static func saveSection(req: Request) async throws -> Response {
        let (audit, definition) = try await find(req)
        try requireEditable(audit, definition, req: req)
        let section = try section(req, definition)
        let version = try req.expectedVersion()
        let stored = try await AuditStore.answers(of: audit.requireID(), on: req.sql)
        let (sent, dateProblems) = answers(of: section, from: req)
        // This section's answers replace what was stored for it; the rest stay.
        var merged = stored.filter { key, _ in !section.questions.contains { $0.key == key } }
        merged.merge(sent) { _, new in new }
        let ratingText = req.formText("rating"), reason = GroupValidation.trimmed(req.formText("ratingReason"))
        var problems = dateProblems + FormValidation.problems(merged, for: definition, section: section.key, complete: false)
        let rating = SectionRating(rawValue: ratingText)
        if section.rated && !ratingText.isEmpty && rating == nil { problems.append(.init(field: "rating", message: "Select a rating from the list")) }
        if TextLimit.exceeds(reason, characters: 2000) { problems.append(.init(field: "ratingReason", message: "Reason must be 2000 characters or fewer")) }
        let shownBefore = Set(section.questions.filter { FormValidation.isRelevant($0, in: definition, answers: stored) }.map(\.key))
        let shownNow = Set(section.questions.filter { FormValidation.isRelevant($0, in: definition, answers: merged) }.map(\.key))
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: AuditView.section(
                .init(audit: audit, definition: definition, section: section, answers: merged, rating: (ratingText, reason), problems: problems),
                context: PageContext(req))).encodeResponse(for: req)
        }
        try await AuditStore.save(merged, ratings: rating.map { [(section.key, $0, reason)] } ?? [], of: audit, definition: definition, expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.update", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id, detail: section.key))
        // An answer that brings in further questions shows the section again with them.
        if !shownNow.subtracting(shownBefore).isEmpty {
            return try await AuditView.section(.init(audit: audit, definition: definition, section: section, answers: merged,
                                                     rating: (ratingText, reason), notice: "Your answers mean more questions apply: answer them below."),
                                               context: PageContext(req)).encodeResponse(for: req)
        }
        let next = definition.sections.drop { $0.key != section.key }.dropFirst().first
        return req.redirect(to: next.map { SiteURL.auditSection(.value(audit.id!), $0.key).path } ?? SiteURL.auditCheck(.value(audit.id!)).path)
    }

    @Sendable
    static func check(req: Request) async throws -> Layout {
        let (audit, definition) = try await find(req)
        let answers = try await AuditStore.answers(of: audit.requireID(), on: req.sql)
        let canEdit = try isEditable(audit, definition, req: req)
        return AuditView.check(audit: audit, definition: definition, answers: answers, ratings: try await AuditStore.ratings(of: audit.requireID(), on: req.sql),
                               problems: [], canSubmit: canEdit, context: PageContext(req))
    }

    @Sendable
    static func submit(req: Request) async throws -> Response {
        let (audit, definition) = try await find(req)
        try requireEditable(audit, definition, req: req)
        let version = try req.expectedVersion()
        let answers = try await AuditStore.answers(of: audit.requireID(), on: req.sql)
        let problems = FormValidation.problems(answers, for: definition, complete: true)
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: AuditView.check(
                audit: audit, definition: definition, answers: answers, ratings: try await AuditStore.ratings(of: audit.requireID(), on: req.sql),
                problems: problems, canSubmit: true, context: PageContext(req))).encodeResponse(for: req)
        }
        audit.status = .submitted
        audit.submittedAt = req.now
        try await audit.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.submit", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path(query: [("done", "submitted")]))
    }

    @Sendable
    static func reopen(req: Request) async throws -> Response {
        let (audit, definition) = try await find(req)
        guard try req.signedIn.allows(definition.usedFor.reopenAction, on: audit.$partnership.id) else {
            throw RefusedRecord(recordType: "file_audit", id: try audit.requireID(), partnershipID: audit.$partnership.id,
                                reason: "Only the hub's coordinators reopen a submitted form.")
        }
        guard audit.status == .submitted else { throw Abort(.conflict, reason: "This is not submitted: there is nothing to reopen.") }
        let version = try req.expectedVersion()
        audit.status = .draft
        audit.submittedAt = nil
        try await audit.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.reopen", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path(query: [("done", "reopened")]))
    }
}
