import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Findings of file audits: prevalence, answers per question, ratings, notes.
enum FindingsController {
    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let model = try await FindingsReport.model(req)
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
        let model = try await FindingsReport.model(req)
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
        let model = try await FindingsReport.model(req)
        guard model.problems.isEmpty, let filters = model.filters else { throw ValidationFailure(problems: model.problems) }
        let (text, audits) = try await AuditAnswers.csv(filters, definition: model.definition, on: req.sql)
        // Row-level answers about case files: the export is a read of every audit in it.
        try await req.audit(.init("file_audit.answers_export", recordType: "file_audit", detail: "\(model.definition.key), \(audits) responses"))
        return Files.csv(text, name: "conduit-\(model.definition.key)-answers", req: req)
    }
}
