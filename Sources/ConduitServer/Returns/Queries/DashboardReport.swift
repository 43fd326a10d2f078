import ConduitCore
import Foundation
import SQLKit
import Vapor

/// The returns dashboard's figures, for its page, its CSV and the API alike: what is asked
/// (with defaults), and the approved figures per category, partnership and quarter, exact or
/// adjusted as the publication policy decides for the reader.
enum DashboardReport {
    struct Asked: Sendable {
        var source: ReturnSource
        var category: AbuseCategory
        var from: ReportingPeriod
        var to: ReportingPeriod
        var partnershipID: UUID?
    }

    /// The dashboard's names in the query string: read here, written by its filter form.
    enum Name: String {
        case source, category, from, to, partnership
    }

    /// What the query string asks for, with defaults: local authority figures for the last eight ended quarters.
    static func asked(_ req: Request) -> (Asked, [FieldProblem]) {
        var problems: [FieldProblem] = []
        let last = ReportingPeriod.quarter(containing: req.today).previous
        func period(_ name: Name, default value: ReportingPeriod) -> ReportingPeriod {
            let text = req.queryText(name.rawValue)
            guard !text.isEmpty else { return value }
            guard let period = ReportingPeriod(key: text) ?? ReportingPeriod(label: text), !period.isYear else {
                problems.append(.init(field: name.rawValue, message: "\(name == .from ? "From" : "To") must be a quarter, like 2025-26 Q1"))
                return value
            }
            return period
        }
        var asked = Asked(source: ReturnSource(rawValue: req.queryText(Name.source.rawValue)) ?? .localAuthority,
                          category: AbuseCategory(rawValue: req.queryText(Name.category.rawValue)) ?? .femaleGenitalMutilation,
                          from: period(.from, default: last.advanced(by: -7)), to: period(.to, default: last),
                          partnershipID: req.queryChoice(Name.partnership.rawValue, UUID.init(uuidString:), message: "Select a partnership from the list", problems: &problems))
        if !req.queryText(Name.source.rawValue).isEmpty && ReturnSource(rawValue: req.queryText(Name.source.rawValue)) == nil {
            problems.append(.init(field: "source", message: "source must be one of: " + ReturnSource.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if !req.queryText(Name.category.rawValue).isEmpty && AbuseCategory(rawValue: req.queryText(Name.category.rawValue)) == nil {
            problems.append(.init(field: "category", message: "category must be one of: " + AbuseCategory.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if asked.to < asked.from { problems.append(.init(field: "to", message: "To must be the same quarter as From or later")) }
        else if ReportingPeriod.quarters(from: asked.from, through: asked.to).count > 40 {
            problems.append(.init(field: "from", message: "Choose at most 40 quarters (ten years)"))
            asked.from = asked.to.advanced(by: -39)
        }
        return (asked, problems)
    }

    /// One category's figures: partnerships down, quarters across, as published.
    struct CategoryFigures: Sendable {
        var category: AbuseCategory
        var table: SuppressedTable
    }

    struct Figures: Sendable {
        var periods: [ReportingPeriod]
        var partnerships: [DirectoryLookups.PartnershipOption]
        var categories: [CategoryFigures]
        var publication: Publication
        /// Whether figures are adjusted (anything but exact).
        var suppressed: Bool { publication != .exact }
        /// The partnership-quarters with an approved return; the others show "—".
        var approved: Set<ReturnFigures.Approved>
        var source: ReturnSource
        /// Children per partnership (latest year up to the last quarter), for rates.
        var populations: [UUID: ReturnFigures.Population]
    }

    /// Each category's partnership-by-quarter table suppressed on its own; the region's totals
    /// are that table's column totals, so every page shows one consistent set of published figures.
    static func figures(_ asked: Asked, req: Request) async throws -> (Figures?, [FieldProblem]) {
        let visitor = try req.signedIn
        return try await figures(asked, inScope: try await DirectoryLookups.partnerships(visitor.scope(.readStatistics), on: req.sql), req: req)
    }

    /// The figures for the partnerships the reader may see, or the problem with the one asked for.
    static func figures(_ asked: Asked, inScope: [DirectoryLookups.PartnershipOption], req: Request) async throws -> (Figures?, [FieldProblem]) {
        let visitor = try req.signedIn
        if let id = asked.partnershipID, !inScope.contains(where: { $0.id == id }) {
            return (nil, [.init(field: "partnership", message: "Select a partnership from the list")])
        }
        let partnerships = asked.partnershipID.map { id in inScope.filter { $0.id == id } } ?? inScope
        // Exact for the coordinator who approves these returns, or the submitter who enters them.
        let publication = visitor.publication(counting: partnerships.map(\.id), opening: .returns([asked.source]))
        return (try await figures(asked, partnerships: partnerships, publication: publication, on: req.sql), [])
    }

    static func figures(_ asked: Asked, partnerships: [DirectoryLookups.PartnershipOption], publication: Publication, on sql: any SQLDatabase) async throws -> Figures {
        let periods = ReportingPeriod.quarters(from: asked.from, through: asked.to)
        let ids = partnerships.map(\.id)
        let totals = try await ReturnFigures.totals(source: asked.source, from: asked.from, to: asked.to, partnershipIDs: ids, on: sql)
        var counts: [String: KeyedCount] = [:]
        for total in totals { counts["\(total.category)|\(total.partnershipId)|\(total.periodKey)"] = KeyedCount(count: total.n, keySum: total.k) }
        let categories = AbuseCategory.allCases.map { category in
            let grid = partnerships.map { partnership in periods.map { counts["\(category.rawValue)|\(partnership.id)|\($0.key)"] ?? .zero } }
            return CategoryFigures(category: category, table: publication == .adjusted ? CellKeyPerturbation.adjust(table: grid)
                                                                                        : SuppressedTable.exact(grid.map { $0.map(\.count) }))
        }
        let populations = try await ReturnFigures.populations(upTo: asked.to.startYear, partnershipIDs: ids, on: sql)
        let approved = try await ReturnFigures.approved(sources: [asked.source], from: asked.from, to: asked.to, partnershipIDs: ids, on: sql)
        return Figures(periods: periods, partnerships: partnerships, categories: categories, publication: publication, approved: approved, source: asked.source,
                       populations: populations)
    }
}

extension DashboardReport.Figures {
    /// Whether the partnership's figure for the quarter comes from an approved return.
    func shows(_ partnershipID: UUID, _ period: ReportingPeriod) -> Bool {
        approved.contains(.init(partnershipId: partnershipID, periodKey: period.key, source: source.rawValue))
    }
}
