import ConduitCore
import Foundation
import SQLKit
import Vapor

/// The child population of each partnership, per year, with its source: coordinators keep
/// it so the dashboard can give rates per 10,000 children.
enum PopulationController {
    static func page(_ req: Request, input: [String: String] = [:], problems: [FieldProblem] = [], notice: String? = nil) async throws -> Layout {
        let scope = try req.signedIn.scope(.approveReturns)
        let partnerships = try await DirectoryLookups.partnerships(scope, on: req.sql)
        let rows = try await Populations.rows(of: partnerships.map(\.id), on: req.sql)
        return ReturnsReportView.populations(rows: rows, partnerships: partnerships, input: input, problems: problems, notice: notice, context: PageContext(req))
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        try await page(req, notice: ReturnsReportView.PopulationNotice.read(req)?.message)
    }

    /// Adds a year's figure, or replaces the one already there.
    @Sendable
    static func save(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let input = ["partnershipID": req.formText("partnershipID"), "year": req.formText("year").trimmingCharacters(in: .whitespaces),
                     "children": req.formText("children").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces),
                     "source": GroupValidation.trimmed(req.formText("source"))]
        var problems: [FieldProblem] = []
        let partnershipID = UUID(uuidString: input["partnershipID"]!)
        if partnershipID.map({ !visitor.allows(.approveReturns, on: $0) }) ?? true { problems.append(.init(field: "partnershipID", message: "Select a partnership")) }
        let thisYear = req.today.year
        let year = Int(input["year"]!)
        if year == nil || !(2000...(thisYear + 1)).contains(year!) { problems.append(.init(field: "year", message: "Enter a year from 2000 to \(thisYear + 1), like \(thisYear - 1)")) }
        let children = Int(input["children"]!)
        if children == nil || !(1...5_000_000).contains(children!) { problems.append(.init(field: "children", message: "Enter the number of children as a whole number, like 42,000")) }
        if input["source"]!.isEmpty { problems.append(.init(field: "source", message: "Enter where the figure comes from, like ONS mid-year estimates 2024")) }
        else if TextLimit.exceeds(input["source"]!, characters: 200) { problems.append(.init(field: "source", message: "Source must be 200 characters or fewer")) }
        guard problems.isEmpty, let partnershipID, let year, let children else {
            return try await PageResponse(status: .unprocessableEntity, layout: try await page(req, input: input, problems: problems)).encodeResponse(for: req)
        }
        try await Populations.save(children: children, year: year, of: partnershipID, source: input["source"]!, on: req.sql)
        try await req.audit(.init("population.save", recordType: "child_population", partnershipID: partnershipID, detail: "\(year): \(children)"))
        return req.redirect(to: SiteURL.returnsPopulations.path(query: ReturnsReportView.PopulationNotice.saved.query))
    }
}
