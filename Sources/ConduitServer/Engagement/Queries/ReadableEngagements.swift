import ConduitCore
import Foundation
import SQLKit

/// The engagements a person may read, filtered, a page at a time (the API's list).
enum ReadableEngagements {
    struct Filter: Sendable {
        var groupID: UUID?
        var from: CalendarDate?
        var to: CalendarDate?

        func condition(scope: Set<UUID>) -> any SQLExpression {
            var conditions: [SQLQueryString] = ["e.partnership_id IN (\(binds: Array(scope)))"]
            if let groupID {
                conditions.append("EXISTS (SELECT 1 FROM \(ident: EngagementTables.groups) eo WHERE eo.engagement_id = e.id AND eo.organisation_id = \(bind: groupID))")
            }
            if let from { conditions.append("e.occurred_on >= \(bind: from.description)") }
            if let to { conditions.append("e.occurred_on <= \(bind: to.description)") }
            return SQLList(conditions, separator: SQLRaw(" AND "))
        }
    }

    struct Row: Decodable, Sendable {
        var id: UUID
        var version: Int
        var occurredOn: String
        var occurredAtTime: String?
        var channel: String
        var outcome: String
        var peopleMet: String
        var notes: String
        var followUpOn: String?
        var followUpDone: Bool
        var partnershipId: UUID
        var adviserId: UUID
    }

    static func count(_ filter: Filter, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> Int {
        guard !scope.isEmpty else { return 0 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Engagement.schema) e WHERE \(filter.condition(scope: scope))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// Newest first.
    static func rows(_ filter: Filter, scope: Set<UUID>, limit: Int, offset: Int, on sql: any SQLDatabase) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT e.id, e.version, e.occurred_on, e.occurred_at_time, e.channel, e.outcome, e.people_met, e.notes, e.follow_up_on, e.follow_up_done,
                   e.partnership_id, e.adviser_id
            FROM \(ident: Engagement.schema) e WHERE \(filter.condition(scope: scope))
            ORDER BY e.occurred_on DESC, e.id LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The groups each engagement was with.
    static func groups(of ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [UUID]] {
        guard !ids.isEmpty else { return [:] }
        var groups: [UUID: [UUID]] = [:]
        for row in try await sql.raw("SELECT engagement_id, organisation_id FROM \(ident: EngagementTables.groups) WHERE engagement_id IN (\(binds: ids))").all() {
            groups[try row.decode(column: "engagement_id", as: UUID.self), default: []].append(try row.decode(column: "organisation_id", as: UUID.self))
        }
        return groups
    }
}
