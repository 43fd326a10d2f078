import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Filled-in forms of every kind: training evaluations and community survey responses started
/// from a session's or a group's page (file audits from their own list), then filled in a
/// section at a time, checked and submitted on these pages, each checked against the actions of
/// its form's purpose, and counted on the same findings page.
enum FormResponseController {
    @Sendable
    static func startEvaluation(req: Request) async throws -> Response {
        let session = try await req.record(TrainingSession.self)
        return try await start(.trainingEvaluation, about: .trainingSession(try session.requireID()), partnershipID: session.$partnership.id, req: req)
    }

    @Sendable
    static func startSurvey(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self)
        guard let partnershipID = try await surveyPartnership(of: group, req: req) else {
            throw Abort(.forbidden, reason: "You do not record engagement for a partnership this group serves.")
        }
        return try await start(.communitySurvey, about: .group(try group.requireID()), partnershipID: partnershipID, req: req)
    }

    /// The partnership a survey response from this group belongs to: one the group serves and
    /// the person records engagement for, their current partnership first.
    static func surveyPartnership(of group: CommunityGroup, req: Request) async throws -> UUID? {
        let visitor = try req.signedIn
        let served = try await GroupStore.served([try group.requireID()], on: req.db)[try group.requireID()] ?? []
        let candidates = [visitor.currentPartnership?.id, group.$partnership.id].compactMap { $0 } + served.map(\.partnershipId)
        return candidates.first { id in served.contains { $0.partnershipId == id } && visitor.allows(.editEngagement, on: id) }
    }

    /// Starts a response with the newest form for the purpose (or the one chosen) and opens its first section.
    static func start(_ purpose: FormPurpose, about subject: FormStore.Subject, partnershipID: UUID, req: Request) async throws -> Response {
        let visitor = try req.signedIn
        guard visitor.allows(purpose.editAction, on: partnershipID) else {
            throw Abort(.forbidden, reason: "Only the partnership's own staff can record these responses.")
        }
        let forms = try await FormStore.latestForms(for: purpose, on: req.db)
        let chosen = UUID(uuidString: req.formText("formID"))
        guard let (form, definition) = forms.first(where: { $0.form.id == chosen }) ?? (chosen == nil ? forms.first : nil) else {
            throw Abort(.notFound, reason: "No \(purpose.title.lowercased()) form is loaded.")
        }
        let counts = try await FormStore.responseCounts(about: subject, in: [partnershipID], on: req.sql)
        let response = FormResponse()
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

    /// The session or group a response is about, for its task list.
    static func subject(of audit: FormResponse, req: Request) async throws -> FormResponseView.Subject? {
        if let id = audit.$trainingSession.id, let session = try await TrainingSession.find(id, on: req.db) {
            return .init(label: "Training session", title: session.title, path: SiteURL.trainingSession(.value(id)).path)
        }
        if let id = audit.$group.id, let group = try await CommunityGroup.find(id, on: req.db) {
            return .init(label: "Group", title: group.name, path: SiteURL.directoryGroup(.value(id)).path)
        }
        return nil
    }

    /// Not started, in progress or completed, for the task list.
    static func progress(of section: FormSection, in definition: FormDefinition, answers: Answers) -> FormResponseView.Progress {
        let answered = section.questions.contains { answers[$0.key] != nil }
        let complete = FormValidation.problems(answers, for: definition, section: section.key, complete: true).isEmpty
        // A section asking nothing required (notes only) is complete as it stands.
        let asksSomething = section.questions.contains { $0.required && FormValidation.isRelevant($0, in: definition, answers: answers) }
        if complete && (answered || !asksSomething) { return .completed }
        return answered ? .inProgress : .notStarted
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        let answers = try await FormStore.answers(of: audit.requireID(), on: req.sql)
        let canEdit = try await req.permits(.editFileAudits, on: audit) && audit.status == .draft
        let canReopen = try await req.permits(.reopenFileAudits, on: audit) && audit.status == .submitted
        let what = definition.usedFor == .fileAudit ? "The audit" : "The response"
        let notice = FormResponseView.Notice.read(req)?.message(what: what)
        return FormResponseView.taskList(audit: .init(audit), definition: definition, subject: try await subject(of: audit, req: req), partnershipName: try await Partnership.find(audit.$partnership.id, on: req.db)?.name ?? "",
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
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        // Each of these pages shows the answers stored: a read, before the check to change them.
        try await req.require(.editFileAudits, on: audit)
        let section = try section(req, definition)
        let answers = try await FormStore.answers(of: audit.requireID(), on: req.sql)
        let rating = try await FormStore.ratings(of: audit.requireID(), on: req.sql)[section.key]
        return FormResponseView.section(.init(audit: .init(audit), definition: definition, section: section, answers: answers,
                                       rating: rating.map { ($0.rating, $0.reason) }), context: PageContext(req))
    }

    @Sendable
    static func saveSection(req: Request) async throws -> Response {
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        // Each of these pages shows the answers stored: a read, before the check to change them.
        try await req.require(.editFileAudits, on: audit)
        let section = try section(req, definition)
        let version = try req.expectedVersion()
        let stored = try await FormStore.answers(of: audit.requireID(), on: req.sql)
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
            return try await PageResponse(status: .unprocessableEntity, layout: FormResponseView.section(
                .init(audit: .init(audit), definition: definition, section: section, answers: merged, rating: (ratingText, reason), problems: problems),
                context: PageContext(req))).encodeResponse(for: req)
        }
        try await FormStore.save(merged, ratings: rating.map { [(section.key, $0, reason)] } ?? [], of: audit, definition: definition, expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.update", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id, detail: section.key))
        // An answer that brings in further questions shows the section again with them.
        if !shownNow.subtracting(shownBefore).isEmpty {
            return try await FormResponseView.section(.init(audit: .init(audit), definition: definition, section: section, answers: merged,
                                                     rating: (ratingText, reason), notice: "Your answers mean more questions apply: answer them below."),
                                               context: PageContext(req)).encodeResponse(for: req)
        }
        let next = definition.sections.drop { $0.key != section.key }.dropFirst().first
        return req.redirect(to: next.map { SiteURL.auditSection(.value(audit.id!), $0.key).path } ?? SiteURL.auditCheck(.value(audit.id!)).path)
    }

    @Sendable
    static func check(req: Request) async throws -> Layout {
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        let answers = try await FormStore.answers(of: audit.requireID(), on: req.sql)
        let canEdit = try await req.permits(.editFileAudits, on: audit) && audit.status == .draft
        return FormResponseView.check(audit: .init(audit), definition: definition, answers: answers, ratings: try await FormStore.ratings(of: audit.requireID(), on: req.sql),
                               problems: [], canSubmit: canEdit, context: PageContext(req))
    }

    @Sendable
    static func submit(req: Request) async throws -> Response {
        let audit = try await req.record(FormResponse.self)
        let definition = try await audit.definition(on: req.db)
        // Each of these pages shows the answers stored: a read, before the check to change them.
        try await req.require(.editFileAudits, on: audit)
        let version = try req.expectedVersion()
        let answers = try await FormStore.answers(of: audit.requireID(), on: req.sql)
        let problems = FormValidation.problems(answers, for: definition, complete: true)
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: FormResponseView.check(
                audit: .init(audit), definition: definition, answers: answers, ratings: try await FormStore.ratings(of: audit.requireID(), on: req.sql),
                problems: problems, canSubmit: true, context: PageContext(req))).encodeResponse(for: req)
        }
        audit.status = .submitted
        audit.submittedAt = req.now
        try await audit.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.submit", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path(query: FormResponseView.Notice.submitted.query))
    }

    @Sendable
    static func reopen(req: Request) async throws -> Response {
        let audit = try await req.record(FormResponse.self)
        try await req.require(.reopenFileAudits, on: audit)
        let version = try req.expectedVersion()
        audit.status = .draft
        audit.submittedAt = nil
        try await audit.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("file_audit.reopen", recordType: "file_audit", recordID: audit.id?.uuidString, partnershipID: audit.$partnership.id))
        return req.redirect(to: SiteURL.audit(.value(audit.id!)).path(query: FormResponseView.Notice.reopened.query))
    }
}

extension FormResponseView.Response {
    init(_ audit: FormResponse) {
        self.init(id: audit.id!, version: audit.version, fileReference: audit.fileReference, auditedOn: audit.auditedOn, isSubmitted: audit.status == .submitted)
    }
}

extension FormResponseView.FormChoice {
    init(_ form: StoredForm) {
        self.init(id: form.id!, title: form.title, version: form.version)
    }
}
