import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Findings of file audits: prevalence, answers per question, ratings, notes.
enum FindingsController {
    /// The findings asked for by the query string, checked.
    static func model(_ req: Request) async throws -> FindingsView.Model {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readFileAudits), includingRegions: true, on: req.sql)
        let forms = try await AuditStore.latestForms(on: req.db)
        let today = req.today
        let from = (req.queryText("from").isEmpty ? DateField(CalendarDate(year: 2000, month: 1, day: 1)) : .iso(req.queryText("from"))).parse(label: "From")
        let to = (req.queryText("to").isEmpty ? DateField(today) : .iso(req.queryText("to"))).parse(label: "To")
        var problems: [FieldProblem] = []
        if let problem = from.problem { problems.append(.init(field: "from", message: problem)) }
        if let problem = to.problem { problems.append(.init(field: "to", message: problem)) }
        let chosen = UUID(uuidString: req.queryText("partnership"))
        if let chosen, !partnerships.contains(where: { $0.id == chosen }) { problems.append(.init(field: "partnership", message: "Select a partnership from the list")) }
        guard let form = forms.first(where: { $0.key == req.queryText("form") }) ?? forms.first else { throw Abort(.notFound) }
        let definition = try AuditStore.definition(of: form)
        var figures: AuditFindings.Figures?
        var suppressed = false
        if problems.isEmpty, let start = from.date, let end = to.date {
            let ids = chosen.map { [$0] } ?? partnerships.map(\.id)
            suppressed = StatisticsController.needsSuppression(visitor, partnershipIDs: ids, action: .readFileAudits)
            figures = try await AuditFindings.figures(.init(formKey: form.key, from: start, to: end, partnershipIDs: ids), on: req.sql)
        }
        return FindingsView.Model(definition: definition, forms: forms, partnerships: partnerships, chosen: chosen, from: req.queryText("from"), to: req.queryText("to"),
                                  figures: figures, suppressed: suppressed, problems: problems, query: req.url.query ?? "")
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let model = try await model(req)
        if let notes = model.figures?.notes, !notes.isEmpty {
            // The notes are the auditors' own words about case files: showing them is a read of those audits.
            try await req.audit(.init("file_audit.findings_read", recordType: "file_audit",
                                      detail: "\(model.definition.key), \(notes.count) notes of good practice and concern"))
        }
        return FindingsView.page(model, context: PageContext(req))
    }

    /// The prevalence table and the answers per question as CSV, suppressed as on the page.
    @Sendable
    static func export(req: Request) async throws -> Response {
        let model = try await model(req)
        guard let figures = model.figures else { throw ValidationFailure(problems: model.problems) }
        let prevalence = FindingsView.prevalenceFigures(figures, suppressed: model.suppressed)
        var text = CSV.line(["Section", "Question", "Answer", "Files"])
        text += CSV.line(["Prevalence", "Files audited", "", prevalence.files.text])
        for line in prevalence.lines { text += CSV.line(["Prevalence", "Files by category of abuse", line.label, line.files.text]) }
        text += CSV.line(["Prevalence", "Category mentions", "", prevalence.mentions.text])
        for section in model.definition.sections {
            for question in section.questions where FindingsView.countedTypes.contains(question.type) {
                for line in FindingsView.answerLines(question, figures, suppressed: model.suppressed) {
                    text += CSV.line([section.title, question.label, line.label, line.files.text])
                }
            }
        }
        try await req.audit(.init("file_audit.findings_export", recordType: "file_audit",
                                  detail: "\(model.definition.key), \(prevalence.files.text) files" + (model.suppressed ? ", suppressed" : "")))
        return DirectoryImportController.csv(text, name: "conduit-audit-findings", req: req)
    }
}
