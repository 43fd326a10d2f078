import ConduitCore
import Foundation
import SQLKit
import Vapor

/// The findings of filled-in forms, for the page, its CSV and the API alike: what is asked
/// (form, dates, partnerships, a session or group), checked, and the figures.
enum FindingsReport {
    /// The findings asked for by the query string, checked.
    static func model(_ req: Request) async throws -> FindingsView.Model {
        let visitor = try req.signedIn
        // The forms whose answers the person may read, newest version of each, file audits first.
        let forms = try await FormStore.latestForms(on: req.db).compactMap { form in
            (try? FormStore.definition(of: form)).flatMap { visitor.allows($0.usedFor.readAction) ? (form, $0) : nil }
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
        return FindingsView.Model(definition: definition, forms: forms.map(\.1), partnerships: partnerships, chosen: chosen, from: req.queryText("from"), to: req.queryText("to"),
                                  subject: subject, filters: filters, figures: figures, suppressed: suppressed, problems: problems, query: req.url.query ?? "")
    }

    /// The session or group the findings are limited to, if the person may read it; else 404.
    static func subject(_ req: Request, visitor: Visitor) async throws -> FindingsView.Subject? {
        if let id = UUID(uuidString: req.queryText("session")) {
            let session = try await req.record(TrainingSession.self, id: id)
            return .init(subject: .trainingSession(id), title: "Training session: \(session.title)", path: SiteURL.trainingSession(.value(id)).path)
        }
        if let id = UUID(uuidString: req.queryText("group")) {
            let group = try await req.record(CommunityGroup.self, id: id)
            return .init(subject: .group(id), title: "Group: \(group.name)", path: SiteURL.directoryGroup(.value(id)).path)
        }
        return nil
    }
}
