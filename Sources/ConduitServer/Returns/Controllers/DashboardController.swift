import ConduitCore
import Foundation
import SQLKit
import Vapor

/// The dashboard of approved returns: totals per category and quarter for the region, per
/// partnership, a trend line, rates per 10,000 children; its figures come from
/// `DashboardReport`, exact or adjusted as the publication policy decides.
enum DashboardController {
    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let (asked, problems) = DashboardReport.asked(req)
        let inScope = try await DirectoryLookups.partnerships(try req.signedIn.scope(.readStatistics), on: req.sql)
        let (figures, more) = problems.isEmpty ? try await DashboardReport.figures(asked, inScope: inScope, req: req) : (nil, [])
        return PageResponse(problems: problems + more, layout: ReturnsReportView.dashboard(
            .init(asked: asked, partnerships: inScope, figures: figures, problems: problems + more, query: req.url.query ?? ""), context: PageContext(req)))
    }

    /// The approved figures shown on the dashboard, as CSV: exact or adjusted as on the page, and saying which.
    @Sendable
    static func export(req: Request) async throws -> Response {
        let (asked, problems) = DashboardReport.asked(req)
        let (found, more) = problems.isEmpty ? try await DashboardReport.figures(asked, req: req) : (nil, [])
        guard let figures = found else { throw ValidationFailure(problems: problems + more) }
        var text = CSV.line(["Category code", "Category", "Partnership", "Quarter", "Source", "Count"])
        for category in figures.categories {
            for (row, partnership) in figures.partnerships.enumerated() {
                for (column, period) in figures.periods.enumerated() {
                    text += CSV.line([category.category.rawValue, category.category.title, partnership.name, period.label, asked.source.title,
                                      figures.shows(partnership.id, period) ? category.table.cells[row][column].text : ""])
                }
            }
            for (column, period) in figures.periods.enumerated() {
                text += CSV.line([category.category.rawValue, category.category.title, "All partnerships shown", period.label, asked.source.title,
                                  category.table.columnTotals[column].text])
            }
        }
        text += PublicationNote.csvLine(figures.publication)
        try await req.audit(.init("return.export", recordType: "return", detail: "\(asked.source.rawValue) \(asked.from.label) to \(asked.to.label)"
                                  + ", \(figures.publication.rawValue)"))
        return Files.csv(text, name: "conduit-returns-\(asked.source.rawValue)", req: req)
    }
}
