import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Findings of file audits: prevalence, answers per question, ratings, notes.
enum FindingsController {
    @Sendable
    static func show(req: Request) async throws -> Layout {
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
        return FindingsView.page(.init(definition: definition, forms: forms, partnerships: partnerships, chosen: chosen, from: req.queryText("from"), to: req.queryText("to"),
                                       figures: figures, suppressed: suppressed, problems: problems), context: PageContext(req))
    }
}
