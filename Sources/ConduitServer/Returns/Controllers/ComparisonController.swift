import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Local authority figures beside police figures, per partnership, with the gaps flagged
/// (seed 004 finding 9) and each side's explanation.
enum ComparisonController {
    /// The page; without `figures`, its form and problems only (what was asked cannot be answered).
    static func model(_ req: Request, period: ReportingPeriod, category: AbuseCategory, problems: [FieldProblem] = [], figures: Bool = true) async throws -> ReturnsReportView.ComparisonModel {
        let visitor = try req.signedIn
        let periods = ReportingPeriod.offeredForReturns(today: req.today).reversed() + []
        guard figures else { return .init(period: period, periods: periods, category: category, lines: [], publication: .exact, notice: nil, problems: problems) }
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql)
        let totals = try await ReturnFigures.twoSources(period: period, category: category, partnershipIDs: partnerships.map(\.id), on: req.sql)
        let publication = visitor.publication(counting: partnerships.map(\.id), opening: .returns([.localAuthority, .police]))
        // Each figure counts the same return cells as the dashboard's for that source and
        // quarter, so adjusted it comes out the same: the two pages never disagree.
        let published = [ReturnSource.localAuthority, .police].map { source in
            partnerships.map { partnership -> Cell in
                let total = totals.first { $0.partnershipId == partnership.id && $0.source == source.rawValue }
                let keyed = KeyedCount(count: total?.n ?? 0, keySum: total?.k ?? 0)
                return publication == .adjusted ? CellKeyPerturbation.cell(keyed) : .count(keyed.count)
            }
        }
        let approved = try await ReturnFigures.approved(sources: [.localAuthority, .police], from: period, to: period, partnershipIDs: partnerships.map(\.id), on: req.sql)
        let notes = try await ReturnFigures.comparisonNotes(period: period, category: category, partnershipIDs: partnerships.map(\.id), on: req.sql)
        let lines = partnerships.enumerated().map { index, partnership in
            // A source without an approved return shows "—" rather than a 0 it did not report.
            let cells = zip([ReturnSource.localAuthority, .police], [published[0][index], published[1][index]]).map { source, cell in
                approved.contains(.init(partnershipId: partnership.id, periodKey: period.key, source: source.rawValue)) ? cell : nil
            }
            var comparison: SourceComparison?
            if let localAuthority = cells[0]?.value, let police = cells[1]?.value { comparison = SourceComparison(localAuthority: localAuthority, police: police) }
            return ReturnsReportView.ComparisonLine(partnership: partnership, localAuthority: cells[0], police: cells[1], comparison: comparison,
                        notes: notes.filter { $0.partnershipId == partnership.id }.compactMap { row in ReturnSource(rawValue: row.source).map { ($0, row.note) } },
                        writable: [.localAuthority, .police].filter { visitor.entersReturns(of: $0, on: partnership.id) })
        }
        return .init(period: period, periods: periods, category: category, lines: lines,
                     publication: publication, notice: ReturnsReportView.ComparisonNotice.read(req)?.message, problems: problems)
    }

    /// The quarter and category asked for (the last ended quarter's honour-based abuse when
    /// nothing is asked), and the problems with what was asked.
    static func asked(_ req: Request) -> (ReportingPeriod, AbuseCategory, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let period = req.queryChoice("period", { ReportingPeriod(key: $0).flatMap { $0.isYear ? nil : $0 } }, message: "Select a quarter from the list", problems: &problems)
        let category = req.queryChoice("category", AbuseCategory.init(rawValue:), message: "Select a category from the list", problems: &problems)
        return (period ?? ReportingPeriod.quarter(containing: req.today).previous, category ?? .honourBasedAbuse, problems)
    }

    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let (period, category, problems) = asked(req)
        return PageResponse(problems: problems, layout: ReturnsReportView.comparison(
            try await model(req, period: period, category: category, problems: problems, figures: problems.isEmpty), context: PageContext(req)))
    }

    /// One side's explanation of the gap, replacing its earlier note.
    @Sendable
    static func saveNote(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        guard let partnershipID = UUID(uuidString: req.formText("partnershipID")), let period = ReportingPeriod(key: req.formText("period")), !period.isYear,
              let category = AbuseCategory(rawValue: req.formText("category")), let source = ReturnSource(rawValue: req.formText("source")),
              [.localAuthority, .police].contains(source) else { throw Abort(.badRequest, reason: "Send the partnership, quarter, category and source of the note.") }
        guard visitor.entersReturns(of: source, on: partnershipID) else { throw Abort(.forbidden, reason: "Only the side whose figures these are can explain them.") }
        let note = GroupValidation.trimmed(req.formText("note"))
        if note.isEmpty || TextLimit.exceeds(note, characters: 2000) {
            let problem = FieldProblem(field: "note-\(partnershipID.uuidString.lowercased())-\(source.rawValue)",
                                       message: note.isEmpty ? "Enter the note explaining the difference" : "Note must be 2000 characters or fewer")
            return try await PageResponse(status: .unprocessableEntity, layout: ReturnsReportView.comparison(
                try await model(req, period: period, category: category, problems: [problem]), context: PageContext(req))).encodeResponse(for: req)
        }
        try await ReturnFigures.saveComparisonNote(note, partnershipID: partnershipID, period: period, category: category, source: source,
                                                   by: visitor.userID, at: req.now, on: req.sql)
        try await req.audit(.init("return.comparison_note", recordType: "return_comparison", partnershipID: partnershipID,
                                  detail: "\(period.label) \(category.rawValue) \(source.rawValue)"))
        return req.redirect(to: SiteURL.returnsComparison.path(query: [("period", period.key), ("category", category.rawValue)] + ReturnsReportView.ComparisonNotice.note.query))
    }
}
