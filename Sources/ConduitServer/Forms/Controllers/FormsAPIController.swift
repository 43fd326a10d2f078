import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The forms part of the JSON API: definitions, file audits and their findings, checked by the
/// same rules and scoped the same way as the pages.
enum FormsAPIController {
    // MARK: Definitions

    struct FormSummary: Content {
        var key: String
        var title: String
        var version: Int
        var purpose: String
        var sections: Int
        var questions: Int
    }

    struct FormList: Content {
        var items: [FormSummary]
        var total: Int
    }

    /// Every stored version of every form: definitions are not sensitive, their answers are.
    @Sendable
    static func forms(req: Request) async throws -> FormList {
        let stored = try await StoredForm.query(on: req.db).sort(\.$key).sort(\.$version).all()
        let items = stored.compactMap { form in
            (try? FormStore.definition(of: form)).map {
                FormSummary(key: $0.key, title: $0.title, version: $0.version, purpose: $0.usedFor.rawValue, sections: $0.sections.count, questions: $0.questions.count)
            }
        }
        return FormList(items: items, total: items.count)
    }

    @Sendable
    static func form(req: Request) async throws -> Response {
        guard let key = req.pathText(.formKey), let version = req.pathText(.formVersion).flatMap(Int.init),
              let stored = try await StoredForm.query(on: req.db).filter(\.$key == key).filter(\.$version == version).first()
        else { throw Abort(.notFound) }
        // Sent exactly as stored, so a partner system sees the definition answers were given to.
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: stored.definition))
    }

    // MARK: Audits

    struct AuditSummary: Content {
        var id: UUID
        var version: Int
        var fileReference: String
        var partnershipId: UUID
        var auditedOn: String
        var status: String
        var formKey: String
        var formVersion: Int
    }

    struct AuditList: Content {
        var items: [AuditSummary]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct Rating: Content {
        var rating: String
        var reason: String?
    }

    struct AuditDocument: Content {
        var id: UUID
        var version: Int
        var fileReference: String
        var partnershipId: UUID
        var auditedOn: String
        var status: String
        /// ISO 8601, UTC.
        var submittedAt: String?
        var formKey: String
        var formVersion: Int
        var categories: [String]
        var answers: Answers
        var ratings: [String: Rating]
    }

    /// File audits in the person's scope, newest first, a page at a time.
    @Sendable
    static func audits(req: Request) async throws -> AuditList {
        let scope = try req.signedIn.scope(.readFileAudits)
        var problems = req.partnershipQueryProblems() + Pagination.queryProblems(in: req)
        let status = req.queryText("status")
        if !status.isEmpty && FormResponse.Status(rawValue: status) == nil { problems.append(.init(field: "status", message: "status must be one of: draft, submitted")) }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        var partnerships = Array(scope)
        if let chosen = UUID(uuidString: req.queryText("partnership")) { partnerships = partnerships.filter { $0 == chosen } }
        let perPage = Pagination.perPage(requestedBy: req)
        guard !partnerships.isEmpty else { return AuditList(items: [], total: 0, page: 1, perPage: perPage) }
        let total = try await ReadableAudits.count(partnerships: partnerships, status: status.nonEmpty, on: req.sql)
        let pagination = Pagination(requestedBy: req, total: total)
        let rows = try await ReadableAudits.summaries(partnerships: partnerships, status: status.nonEmpty, limit: perPage, offset: pagination.offset, on: req.sql)
        try await req.audit(.init("file_audit.list", recordType: "file_audit", detail: "\(rows.count) of \(total) audits"))
        return AuditList(items: rows.map {
            AuditSummary(id: $0.id, version: $0.version, fileReference: $0.fileReference, partnershipId: $0.partnershipId, auditedOn: $0.auditedOn,
                         status: $0.status, formKey: $0.formKey, formVersion: $0.formVersion)
        }, total: total, page: pagination.page, perPage: perPage)
    }

    /// A file audit the person may read (the read is recorded); responses to other forms are not served here.
    static func fileAudit(_ req: Request) async throws -> (FormResponse, FormDefinition) {
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        guard definition.usedFor == .fileAudit else { throw Abort(.notFound) }
        return (audit, definition)
    }

    static func document(_ audit: FormResponse, _ definition: FormDefinition, req: Request) async throws -> AuditDocument {
        let id = try audit.requireID()
        let answers = try await FormStore.answers(of: id, on: req.sql)
        let ratings = try await FormStore.ratings(of: id, on: req.sql)
        let categories = try await FormStore.categories(of: id, on: req.sql)
        return AuditDocument(id: id, version: audit.version, fileReference: audit.fileReference, partnershipId: audit.$partnership.id, auditedOn: audit.auditedOn,
                             status: audit.status.rawValue, submittedAt: audit.submittedAt.map { ISO8601DateFormatter().string(from: $0) }, formKey: definition.key, formVersion: definition.version,
                             categories: categories, answers: answers,
                             ratings: ratings.mapValues { Rating(rating: $0.rating, reason: $0.reason) })
    }

    @Sendable
    static func audit(req: Request) async throws -> AuditDocument {
        let (audit, definition) = try await fileAudit(req)
        return try await document(audit, definition, req: req)
    }

    struct NewAuditBody: Content {
        var formKey: String?
        var formVersion: Int?
        var partnershipId: UUID?
        var fileReference: String?
        var auditedOn: String?
    }

    /// Starts a draft audit: the newest version of the form unless another stored one is named.
    @Sendable
    static func createAudit(req: Request) async throws -> Response {
        let body = try req.content.decode(NewAuditBody.self)
        let key = body.formKey ?? "file-audit-tool"
        let forms = try await StoredForm.query(on: req.db).filter(\.$key == key).sort(\.$version, .descending).all()
            .filter { (try? FormStore.definition(of: $0))?.usedFor == .fileAudit }
        let form = body.formVersion.map { version in forms.first { $0.version == version } } ?? forms.first
        let input = FormResponseView.NewInput(formID: form?.id, partnershipID: body.partnershipId, reference: GroupValidation.trimmed(body.fileReference ?? ""),
                                       date: .iso(body.auditedOn ?? ""))
        let (problems, day) = NewAudit.check(input, forms: forms, partnerships: try await NewAudit.partnerships(req), today: req.today)
        let names = ["formID": body.formVersion == nil ? "formKey" : "formVersion", "partnershipID": "partnershipId"]
        guard problems.isEmpty, let form, let partnershipID = body.partnershipId, let day else {
            throw ValidationFailure(problems: problems.map { FieldProblem(field: names[$0.field] ?? $0.field, message: $0.message) })
        }
        let audit = try await NewAudit.start(formID: try form.requireID(), partnershipID: partnershipID, reference: input.reference, on: day, req: req)
        return try await Response.json(try await document(audit, try FormStore.definition(of: form), req: req), status: .created, req: req)
    }

    struct AnswersBody: Content {
        var version: Int?
        var answers: Answers?
        var ratings: [String: Rating]?
    }

    /// Replaces a draft's answers (and the ratings of the sections sent), checked as a saved page is:
    /// types and choices now, required questions only on submission.
    @Sendable
    static func updateAudit(req: Request) async throws -> AuditDocument {
        let (audit, definition) = try await fileAudit(req)
        try await req.require(.editFileAudits, on: audit)
        let body = try req.content.decode(AnswersBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the audit you are changing")]) }
        let answers = body.answers ?? [:]
        var problems = answers.keys.sorted().filter { definition.question($0) == nil }
            .map { FieldProblem(field: "answers.\($0)", message: "\($0) is not a question of \(definition.title) version \(definition.version)") }
        problems += FormValidation.problems(answers, for: definition, complete: false).map { FieldProblem(field: "answers.\($0.field)", message: $0.message) }
        var ratings: [(section: String, rating: SectionRating, reason: String)] = []
        for (key, given) in (body.ratings ?? [:]).sorted(by: { $0.key < $1.key }) {
            let reason = GroupValidation.trimmed(given.reason ?? "")
            if definition.section(key)?.rated != true { problems.append(.init(field: "ratings.\(key)", message: "\(key) is not a rated section of this form")) }
            else if let rating = SectionRating(rawValue: given.rating) {
                if TextLimit.exceeds(reason, characters: 2000) { problems.append(.init(field: "ratings.\(key).reason", message: "Reason must be 2000 characters or fewer")) }
                else { ratings.append((key, rating, reason)) }
            } else {
                problems.append(.init(field: "ratings.\(key).rating", message: "rating must be one of: " + SectionRating.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        try await FormStore.save(answers, ratings: ratings, of: audit, definition: definition, expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.update", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id, detail: "api"))
        return try await document(audit, definition, req: req)
    }

    struct VersionBody: Content {
        var version: Int?
    }

    /// Submits a complete draft; every unanswered required question is a problem of its own.
    @Sendable
    static func submitAudit(req: Request) async throws -> AuditDocument {
        let (audit, definition) = try await fileAudit(req)
        try await req.require(.editFileAudits, on: audit)
        guard let version = try req.content.decode(VersionBody.self).version else {
            throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the audit you are submitting")])
        }
        let answers = try await FormStore.answers(of: audit.requireID(), on: req.sql)
        let problems = FormValidation.problems(answers, for: definition, complete: true)
        guard problems.isEmpty else { throw ValidationFailure(problems: problems.map { FieldProblem(field: "answers.\($0.field)", message: $0.message) }) }
        audit.status = .submitted
        audit.submittedAt = req.now
        try await audit.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.submit", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return try await document(audit, definition, req: req)
    }

    // MARK: Findings

    struct Figure: Content {
        var value: String
        var label: String
        /// A count, or "c" where suppressed.
        var count: String
    }

    struct QuestionFindings: Content {
        var key: String
        var section: String
        var label: String
        var answers: [Figure]
    }

    struct SectionRatings: Content {
        var section: String
        var partnership: String
        var ratings: [Figure]
    }

    struct Findings: Content {
        var formKey: String
        var formTitle: String
        var suppressed: Bool
        /// "exact": findings count only responses the asker may open (issue 14).
        var publication: String
        /// Files audited (responses, for other forms).
        var files: String
        var versions: [Figure]
        var prevalence: [Figure]
        var categoryMentions: String
        var questions: [QuestionFindings]
        var ratings: [SectionRatings]
    }

    /// The figures of the findings page (the notes stay on the page, where reading them is recorded).
    @Sendable
    static func findings(req: Request) async throws -> Findings {
        var problems = req.partnershipQueryProblems()
        for name in ["session", "group"] where !req.queryText(name).isEmpty && UUID(uuidString: req.queryText(name)) == nil {
            problems.append(.init(field: name, message: "\(name) must be a UUID"))
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let model = try await FindingsReport.model(req)
        guard let figures = model.figures else { throw ValidationFailure(problems: model.problems) }
        let prevalence = FindingsView.prevalenceFigures(figures, suppressed: model.suppressed)
        let categories = AbuseCategory.allCases.filter { category in figures.categories.contains { $0.key == category.rawValue } }
        let versions = figures.versions.map(\.n)
        let publishedVersions = model.suppressed ? DisclosureControl.suppress(versions).cells : versions.map(Cell.count)
        let questions = model.definition.sections.flatMap { section in
            section.questions.filter { FindingsView.countedTypes.contains($0.type) }.map { question in
                QuestionFindings(key: question.key, section: section.key, label: question.label,
                                 answers: FindingsView.answerLines(question, figures, suppressed: model.suppressed).map { Figure(value: $0.value, label: $0.label, count: $0.files.text) })
            }
        }
        var ratings: [SectionRatings] = []
        for section in model.definition.sections where section.rated {
            let rows = figures.ratings.filter { $0.sectionKey == section.key }
            let partnerships = Array(Set(rows.map(\.partnership))).sorted()
            guard !partnerships.isEmpty else { continue }
            let counts = partnerships.map { partnership in SectionRating.allCases.map { rating in rows.first { $0.partnership == partnership && $0.rating == rating.rawValue }?.n ?? 0 } }
            let published = model.suppressed ? DisclosureControl.suppress(table: counts) : SuppressedTable.exact(counts)
            for (index, partnership) in partnerships.enumerated() {
                ratings.append(SectionRatings(section: section.key, partnership: partnership, ratings: zip(SectionRating.allCases, published.cells[index]).map {
                    Figure(value: $0.rawValue, label: $0.title, count: $1.text)
                }))
            }
        }
        return Findings(formKey: model.definition.key, formTitle: model.definition.title, suppressed: model.suppressed, publication: model.suppressed ? Publication.adjusted.rawValue : Publication.exact.rawValue, files: prevalence.files.text,
                        versions: zip(figures.versions, publishedVersions).map { Figure(value: $0.key, label: "Version \($0.key)", count: $1.text) },
                        prevalence: zip(categories, prevalence.lines).map { Figure(value: $0.rawValue, label: $1.label, count: $1.files.text) },
                        categoryMentions: prevalence.mentions.text, questions: questions, ratings: ratings)
    }
}
