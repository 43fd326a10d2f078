import ConduitCore
import Foundation
import Vapor

/// Counts of concerns for a period, for anyone who reads statistics: exact for those who may
/// open every concern counted, adjusted for everyone else (an analyst never opens one).
enum ConcernFiguresController {
    /// The page's query parameters, read here and written by its form.
    enum Name: String { case from, to, partnership }

    @Sendable
    static func page(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        var problems: [FieldProblem] = []
        func date(_ name: Name, default value: CalendarDate) -> DateField {
            let day = req.queryText("\(name.rawValue)-day"), month = req.queryText("\(name.rawValue)-month"), year = req.queryText("\(name.rawValue)-year")
            return day.isEmpty && month.isEmpty && year.isEmpty ? DateField(value) : .parts(day: day, month: month, year: year)
        }
        let today = req.today
        let fromField = date(.from, default: today.adding(months: -12)), toField = date(.to, default: today)
        let from = fromField.parse(label: "Start date"), to = toField.parse(label: "End date")
        if let problem = from.problem { problems.append(.init(field: Name.from.rawValue, message: problem)) }
        if let problem = to.problem { problems.append(.init(field: Name.to.rawValue, message: problem)) }
        if let start = from.date, let end = to.date, end < start { problems.append(.init(field: Name.to.rawValue, message: "End date must be on or after the start date")) }
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql)
        let asked = req.queryChoice(Name.partnership.rawValue, UUID.init(uuidString:), message: "Select a partnership from the list", problems: &problems)
        if let asked, !partnerships.contains(where: { $0.id == asked }) { problems.append(.init(field: Name.partnership.rawValue, message: "Select a partnership from the list")) }
        var model = ConcernFiguresView.Model(from: fromField, to: toField, partnershipID: asked, partnerships: partnerships, problems: problems)
        guard problems.isEmpty, let start = from.date, let end = to.date else {
            return ConcernFiguresView.page(model, context: PageContext(req))
        }
        let counted = asked.map { [$0] } ?? partnerships.map(\.id)
        let publication = visitor.publication(counting: counted, opening: .records(.readConcerns))
        let filters = ConcernFigures.Filters(from: start, to: end, partnershipIDs: counted)
        for grouping in ConcernFigures.Grouping.allCases {
            let rows = try await ConcernFigures.counts(by: grouping, filters: filters, now: req.now, on: req.sql)
            model.tables.append((grouping, GroupedCounts.report(rows, publication: publication)))
        }
        model.publication = publication
        return ConcernFiguresView.page(model, context: PageContext(req))
    }
}
