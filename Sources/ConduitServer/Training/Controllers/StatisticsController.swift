import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Attendance statistics: the report of seed 003, for one partnership or many.
enum StatisticsController {
    @Sendable
    static func show(req: Vapor.Request) async throws -> PageResponse {
        let visitor = try req.signedIn
        let asked = StatisticsReport.read(req)
        let (result, problems) = try await StatisticsReport.run(asked, req: req)
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql)
        return PageResponse(problems: problems, layout: StatisticsView.page(.init(asked: asked, partnerships: partnerships, result: result, problems: problems,
                                                                                  query: req.url.query ?? ""), context: PageContext(req)))
    }

    @Sendable
    static func export(req: Vapor.Request) async throws -> Response {
        let asked = StatisticsReport.read(req)
        let (result, problems) = try await StatisticsReport.run(asked, req: req)
        guard let result else { throw ValidationFailure(problems: problems) }
        var text = ""
        if let report = result.report {
            text = CSV.line([asked.grouping.title, "Participants", "Percentage"])
            for line in report.lines { text += CSV.line([line.label, line.count.text, line.percentage ?? ""]) }
            text += CSV.line(["Total", report.total.text, ""])
        } else if let (table, published) = result.cross, let then = asked.crossGrouping {
            text = CSV.line(["\(asked.grouping.title) by \(then.title)"] + table.columns.map(\.label) + ["Total"])
            for (index, row) in table.rows.enumerated() {
                text += CSV.line([row.label] + published.cells[index].map(\.text) + [published.rowTotals[index].text])
            }
            text += CSV.line(["Total"] + published.columnTotals.map(\.text) + [published.total.text])
        }
        text += PublicationNote.csvLine(result.publication)
        try await req.audit(.init("statistics.export", recordType: "attendance_statistics",
                                  detail: "\(asked.grouping.rawValue)\(asked.crossGrouping.map { " by \($0.rawValue)" } ?? ""), \(result.filters.from) to \(result.filters.to)"
                                      + ", \(result.publication.rawValue)"))
        return Files.csv(text, name: "conduit-attendance", req: req)
    }
}
