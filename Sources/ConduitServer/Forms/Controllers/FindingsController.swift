import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Findings of file audits: prevalence, answers per question, ratings, notes.
enum FindingsController {
    /// The findings asked for by the query string, checked.
    static func model(_ req: Request) async throws -> FindingsView.Model {
        let visitor = try req.signedIn
        // The forms whose answers the person may read, newest version of each, file audits first.
        let forms = try await AuditStore.latestForms(on: req.db).compactMap { form in
            (try? AuditStore.definition(of: form)).flatMap { visitor.allows($0.usedFor.readAction) ? (form, $0) : nil }
        }.sorted { FormPurpose.allCases.firstIndex(of: $0.1.usedFor)! < FormPurpose.allCases.firstIndex(of: $1.1.usedFor)! }
        let asked = forms.first(where: { $0.0.key == req.queryText("form") })
        guard let (form, definition) = asked ?? forms.first else { throw Abort(.notFound) }
        let scope = visitor.scope(definition.usedFor.readAction)
        let partnerships = try await DirectoryLookups.partnerships(scope, includingRegions: true, on: req.sql)
        let today = req.today
        let from = (req.queryText("from").isEmpty ? DateField(CalendarDate(year: 2000, month: 1, day: 1)) : .iso(req.queryText("from"))).parse(label: "From")
        let to = (req.queryText("to").isEmpty ? DateField(today) : .iso(req.queryText("to"))).parse(label: "To")
        var problems: [FieldProblem] = []
        if asked == nil && !req.queryText("form").isEmpty { problems.append(.init(field: "form", message: "Select a form from the list")) }
        if let problem = from.problem { problems.append(.init(field: "from", message: problem)) }
        if let problem = to.problem { problems.append(.init(field: "to", message: problem)) }
        let chosen = req.queryChoice("partnership", UUID.init(uuidString:), message: "Select a partnership from the list", problems: &problems)
        for name in ["session", "group"] where !req.queryText(name).isEmpty && UUID(uuidString: req.queryText(name)) == nil {
            problems.append(.init(field: name, message: "Open the findings from the \(name == "session" ? "session's" : "group's") page: this link is not complete"))
        }
        if let chosen, !partnerships.contains(where: { $0.id == chosen }) { problems.append(.init(field: "partnership", message: "Select a partnership from the list")) }
        let subject = try await subject(req, visitor: visitor)
        var figures: AuditFindings.Figures?
        var filters: AuditFindings.Filters?
        var suppressed = false
        if problems.isEmpty, let start = from.date, let end = to.date {
            let ids = chosen.map { [$0] } ?? partnerships.map(\.id)
            // Only responses the reader may open are counted (the scope above), so the
            // policy answers exact; were it ever otherwise, the figures would be hidden.
            suppressed = visitor.publication(counting: ids, opening: .records(definition.usedFor.readAction)) != .exact
            filters = .init(formKey: form.key, from: start, to: end, partnershipIDs: ids, subject: subject?.subject,
                            noteQuestions: FindingsView.noteQuestions(of: definition).map(\.key))
            figures = try await AuditFindings.figures(filters!, on: req.sql)
        }
        return FindingsView.Model(definition: definition, forms: forms.map(\.0), partnerships: partnerships, chosen: chosen, from: req.queryText("from"), to: req.queryText("to"),
                                  subject: subject, filters: filters, figures: figures, suppressed: suppressed, problems: problems, query: req.url.query ?? "")
    }

    /// The session or group the findings are limited to, if the person may read it; else 404.
    static func subject(_ req: Request, visitor: Visitor) async throws -> FindingsView.Subject? {
        if let id = UUID(uuidString: req.queryText("session")) {
            guard let session = try await TrainingSession.find(id, on: req.db) else { throw Abort(.notFound) }
            guard visitor.allows(.readTraining, on: session.$partnership.id) else {
                throw HiddenRecord(recordType: "training_session", id: id, partnershipID: session.$partnership.id)
            }
            return .init(subject: .trainingSession(id), title: "Training session: \(session.title)", path: SiteURL.trainingSession(.value(id)).path)
        }
        if let id = UUID(uuidString: req.queryText("group")) {
            let group = try await GroupStore.findReadable(id, by: visitor.scope(.readDirectory), on: req.db)
            return .init(subject: .group(id), title: "Group: \(group.name)", path: SiteURL.directoryGroup(.value(id)).path)
        }
        return nil
    }

    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let model = try await model(req)
        if let notes = model.figures?.notes, !notes.isEmpty {
            // The notes are the auditors' own words about case files: showing them is a read of those audits.
            try await req.audit(.init("file_audit.findings_read", recordType: "file_audit",
                                      detail: "\(model.definition.key), \(notes.count) notes of good practice and concern"))
        }
        return PageResponse(problems: model.problems, layout: FindingsView.page(model, context: PageContext(req)))
    }

    /// The prevalence table and the answers per question as CSV, suppressed as on the page.
    @Sendable
    static func export(req: Request) async throws -> Response {
        let model = try await model(req)
        guard let figures = model.figures else { throw ValidationFailure(problems: model.problems) }
        let prevalence = FindingsView.prevalenceFigures(figures, suppressed: model.suppressed)
        let counted = model.definition.usedFor == .fileAudit ? "Files" : "Responses"
        var text = CSV.line(["Section", "Question", "Answer", counted])
        text += CSV.line(["Prevalence", model.definition.usedFor == .fileAudit ? "Files audited" : "Responses", "", prevalence.files.text])
        if FindingsView.asksCategories(model.definition) {
            for line in prevalence.lines { text += CSV.line(["Prevalence", "Files by category of abuse", line.label, line.files.text]) }
            text += CSV.line(["Prevalence", "Category mentions", "", prevalence.mentions.text])
        }
        for section in model.definition.sections {
            for question in section.questions where FindingsView.countedTypes.contains(question.type) {
                for line in FindingsView.answerLines(question, figures, suppressed: model.suppressed) {
                    text += CSV.line([section.title, question.label, line.label, line.files.text])
                }
            }
        }
        try await req.audit(.init("file_audit.findings_export", recordType: "file_audit",
                                  detail: "\(model.definition.key), \(prevalence.files.text) files" + (model.suppressed ? ", suppressed" : "")))
        return Files.csv(text, name: "conduit-audit-findings", req: req)
    }

    /// Every selected audit's answers, one row each, for researchers within the person's scope.
    @Sendable
    static func exportAnswers(req: Request) async throws -> Response {
        let model = try await model(req)
        guard model.problems.isEmpty, let filters = model.filters else { throw ValidationFailure(problems: model.problems) }
        let (text, audits) = try await AuditAnswers.csv(filters, definition: model.definition, on: req.sql)
        // Row-level answers about case files: the export is a read of every audit in it.
        try await req.audit(.init("file_audit.answers_export", recordType: "file_audit", detail: "\(model.definition.key), \(audits) responses"))
        return Files.csv(text, name: "conduit-\(model.definition.key)-answers", req: req)
    }
}
