import ConduitCore
import Foundation
import SQLKit

/// An adviser's open follow-ups: engagements they logged with a follow-up date not yet done.
enum FollowUpList {
    struct Row: Decodable, Sendable {
        var id: UUID
        var occurredOn: String
        var followUpOn: String
        var channel: String
        var outcome: String
        var groups: [EngagementStore.GroupOption]? = nil
    }

    static func open(adviserID: UUID, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        var rows = try await sql.raw("""
            SELECT id, occurred_on, follow_up_on, channel, outcome FROM \(ident: Engagement.schema)
            WHERE adviser_id = \(bind: adviserID) AND follow_up_done = \(bind: false) AND follow_up_on IS NOT NULL
              AND partnership_id IN (\(binds: Array(scope)))
            ORDER BY follow_up_on, occurred_on LIMIT 500
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return [] }
        struct GroupRow: Decodable { var engagementId: UUID; var id: UUID; var name: String }
        let groups = try await sql.raw("""
            SELECT eo.engagement_id, o.id, o.name FROM \(ident: EngagementTables.groups) eo JOIN \(ident: CommunityGroup.schema) o ON o.id = eo.organisation_id
            WHERE eo.engagement_id IN (\(binds: rows.map(\.id))) ORDER BY o.name_key
            """).all(decoding: GroupRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byEngagement = Dictionary(grouping: groups, by: \.engagementId)
        for index in rows.indices {
            rows[index].groups = (byEngagement[rows[index].id] ?? []).map { .init(id: $0.id, name: $0.name) }
        }
        return rows
    }
}
