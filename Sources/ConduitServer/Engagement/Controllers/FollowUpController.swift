import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// An adviser's follow-ups and the partnership overview.
enum FollowUpController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let months = Int(req.queryText("months")).flatMap { (1...60).contains($0) ? $0 : nil } ?? 6
        let rows = try await FollowUpList.open(adviserID: visitor.userID, scope: visitor.scope(.editEngagement), on: req.sql)
        // Groups of the adviser's own partnerships nobody there has contacted for a while.
        var filters = DirectorySearch.Filters()
        filters.notContactedMonths = months
        let scope = DirectorySearch.Scope(directory: visitor.scope(.editEngagement), engagement: visitor.scope(.editEngagement), today: req.today)
        let total = try await DirectorySearch.count(on: req.sql, filters: filters, scope: scope)
        let quiet = try await DirectorySearch.page(on: req.sql, filters: filters, scope: scope, pagination: Pagination(page: 1, perPage: 20, total: total))
        return FollowUpView.index(.init(rows: rows, today: req.today, months: months, quiet: quiet, quietTotal: total,
                                        notice: FollowUpView.Notice.read(req)?.message), context: PageContext(req))
    }

    @Sendable
    static func overview(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.readEngagement), includingRegions: true, on: req.sql)
            .filter { visitor.scope(.readDirectory).contains($0.id) }
        let requested = UUID(uuidString: req.queryText("partnership"))
        // A partnership asked for and not readable is refused, never answered with another's figures (issue 14).
        if !req.queryText("partnership").isEmpty && !partnerships.contains(where: { $0.id == requested }) {
            throw ValidationFailure(problems: [.init(field: "partnership", message: "Select a partnership from the list")])
        }
        let chosen = partnerships.first { $0.id == requested } ?? partnerships.first { $0.id == visitor.currentPartnership?.id } ?? partnerships.first
        guard let chosen else { throw Abort(.notFound) }
        // A region stands for its partnerships together (those the person may read).
        let scope = visitor.scope(.readEngagement)
        let children = try await Partnership.query(on: req.db).filter(\.$parent.$id == chosen.id).all(\.$id)
        let ids = ([chosen.id] + children).filter(scope.contains)
        let figures = try await EngagementOverview.figures(partnershipIDs: ids, today: req.today, on: req.sql)
        return FollowUpView.overview(partnership: chosen, isRegion: !children.isEmpty, partnerships: partnerships, figures: figures, today: req.today, context: PageContext(req))
    }
}
