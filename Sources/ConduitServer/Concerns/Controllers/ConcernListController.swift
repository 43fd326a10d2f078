import ConduitCore
import Foundation
import Vapor

/// The partnership's list of concerns: what needs action now first, then every concern by
/// date; for someone reading several partnerships (a coordinator), a line per partnership.
enum ConcernListController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let scope = visitor.scope(.readConcerns)
        let show = ConcernList.Show(rawValue: req.queryText("show")) ?? .current
        let page = Int(req.queryText("page"))
        let needing = try await ConcernList.needingAction(scope: scope, now: req.now, on: req.sql)
        let list = try await ConcernList.page(scope: scope, show: show, page: page, on: req.sql)
        let overview = scope.count > 1 ? try await ConcernList.overview(scope: scope, now: req.now, on: req.sql) : []
        return ConcernListView.page(.init(needingAction: needing.map { .init($0, now: req.now) }, rows: list.rows.map { .init($0, now: req.now) },
                                          pagination: list.pagination, show: show, overview: overview,
                                          canRecord: visitor.allows(.editConcerns)), context: PageContext(req))
    }
}
