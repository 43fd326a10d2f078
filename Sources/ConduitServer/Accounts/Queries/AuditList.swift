import ConduitCore
import Fluent
import Foundation
import SQLKit

/// The administrators' view of the audit trail, filtered and paged in SQL.
enum AuditList {
    struct Filter: Sendable, Equatable {
        var action = ""
        var actor = ""
        var outcome: AuditTrail.Outcome?
        var from: Date?
        var until: Date?
    }

    struct Row: Decodable, Sendable {
        var seq: Int64
        var occurredAtMs: Int64
        var actorLabel: String
        var action: String
        var recordType: String?
        var recordId: String?
        var address: String?
        var outcome: String
        var detail: String?

        var occurredAt: Date { Date(timeIntervalSince1970: Double(occurredAtMs) / 1000) }
    }

    /// Entries of the administrator's partnerships; entries of no partnership
    /// (sign-ins, for one) only for administrators of a top-level region.
    private static func filtered(_ select: SQLSelectBuilder, scope: UserList.Scope, filter: Filter) -> SQLSelectBuilder {
        select.where { group in
            group.where(SQLColumn("partnership_id"), .in, SQLBind.group(Array(scope.partnerships)))
            if scope.includesUnassigned { group.orWhere("partnership_id", .is, SQLLiteral.null) }
            return group
        }
        if !filter.action.isEmpty { select.where("action", .like, SQLBind(filter.action + "%")) }
        if !filter.actor.isEmpty { select.where("actor_label", .like, SQLBind("%" + filter.actor.lowercased() + "%")) }
        if let outcome = filter.outcome { select.where("outcome", .equal, outcome.rawValue) }
        if let from = filter.from { select.where("occurred_at_ms", .greaterThanOrEqual, Int64(from.timeIntervalSince1970 * 1000)) }
        if let until = filter.until { select.where("occurred_at_ms", .lessThan, Int64(until.timeIntervalSince1970 * 1000)) }
        return select
    }

    static func count(on db: any Database, scope: UserList.Scope, filter: Filter) async throws -> Int {
        guard !scope.partnerships.isEmpty else { return 0 }
        let sql = db as! any SQLDatabase
        let row = try await filtered(sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(AuditTrail.table), scope: scope, filter: filter).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func page(on db: any Database, scope: UserList.Scope, filter: Filter, pagination: Pagination) async throws -> [Row] {
        guard !scope.partnerships.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        return try await filtered(sql.select()
            .columns("seq", "occurred_at_ms", "actor_label", "action", "record_type", "record_id", "address", "outcome", "detail")
            .from(AuditTrail.table), scope: scope, filter: filter)
            .orderBy("seq", .descending).limit(pagination.perPage).offset(pagination.offset)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
