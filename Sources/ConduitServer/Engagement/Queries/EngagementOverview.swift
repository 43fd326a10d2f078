import ConduitCore
import Foundation
import SQLKit

/// The figures of directory and engagement of a partnership, or of a region's
/// partnerships together (a group serving several is counted once), each computed in SQL.
enum EngagementOverview {
    struct Count: Decodable, Sendable {
        var key: String
        var n: Int
    }

    struct FirstMeetings: Decodable, Sendable {
        /// Groups met at least once.
        var groups: Int?
        var medianAttempts: Double?
        var medianDays: Double?
    }

    struct ItemCounts: Decodable, Sendable {
        var item: String
        var met: Int
        var lapsed: Int
    }

    struct Figures: Sendable {
        var groups: Int
        var byStatus: [Count]
        var byType: [Count]
        var perMonth: [Count]
        var firstMeetings: FirstMeetings
        var readiness: [ItemCounts]
    }

    /// Groups serving any of the partnerships, not merged away.
    private static func served(_ partnershipIDs: [UUID]) -> SQLQueryString {
        """
        FROM \(ident: CommunityGroup.schema) o
        WHERE o.merged_into_id IS NULL
          AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: partnershipIDs)))
        """
    }

    static func figures(partnershipIDs: [UUID], today: CalendarDate, on sql: any SQLDatabase) async throws -> Figures {
        let served = served(partnershipIDs)
        let groups = try await sql.raw("SELECT COUNT(*) AS n \(served)").first()?.decode(column: "n", as: Int.self) ?? 0
        let byStatus = try await sql.raw("SELECT o.status AS key, COUNT(*) AS n \(served) GROUP BY o.status ORDER BY n DESC, key").all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byType = try await sql.raw("SELECT o.type AS key, COUNT(*) AS n \(served) GROUP BY o.type ORDER BY n DESC, key").all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        let from = CalendarDate(year: today.year, month: today.month, day: 1)!.adding(months: -11).description
        let perMonth = try await sql.raw("""
            SELECT SUBSTR(occurred_on, 1, 7) AS key, COUNT(*) AS n FROM \(ident: Engagement.schema)
            WHERE partnership_id IN (\(binds: partnershipIDs)) AND occurred_on >= \(bind: from)
            GROUP BY SUBSTR(occurred_on, 1, 7) ORDER BY key
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        let readiness = try await sql.raw("""
            SELECT r.item AS item,
                   SUM(CASE WHEN r.due_on IS NULL OR r.due_on >= \(bind: today.description) THEN 1 ELSE 0 END) AS met,
                   SUM(CASE WHEN r.due_on < \(bind: today.description) THEN 1 ELSE 0 END) AS lapsed
            FROM \(ident: ReadinessRecord.schema) r
            WHERE r.status = \(bind: ReadinessStatus.met.rawValue) AND r.organisation_id IN (SELECT o.id \(served))
            GROUP BY r.item
            """).all(decoding: ItemCounts.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Figures(groups: groups, byStatus: byStatus, byType: byType, perMonth: perMonth,
                       firstMeetings: try await firstMeetings(partnershipIDs: partnershipIDs, on: sql), readiness: readiness)
    }

    /// Medians, over the groups the partnership has met, of the attempts and days it took:
    /// the persistence the seeds describe ("contact was frequently only established after several attempts").
    static func firstMeetings(partnershipIDs: [UUID], on sql: any SQLDatabase) async throws -> FirstMeetings {
        let established = EngagementOutcome.contactEstablishing.map(\.rawValue)
        let days: SQLQueryString = sql.dialect.name == "sqlite"
            ? "CAST(julianday(f.met_on) - julianday(MIN(e.occurred_on)) AS INTEGER)"
            : "(CAST(f.met_on AS DATE) - CAST(MIN(e.occurred_on) AS DATE))"
        return try await sql.raw("""
            WITH firsts AS (
                SELECT eo.organisation_id AS g, MIN(e.occurred_on) AS met_on
                FROM \(ident: EngagementTables.groups) eo JOIN \(ident: Engagement.schema) e ON e.id = eo.engagement_id
                WHERE e.partnership_id IN (\(binds: partnershipIDs)) AND e.outcome IN (\(binds: established))
                GROUP BY eo.organisation_id),
            attempts AS (
                SELECT f.g, COUNT(*) AS n, \(days) AS d
                FROM firsts f JOIN \(ident: EngagementTables.groups) eo ON eo.organisation_id = f.g
                JOIN \(ident: Engagement.schema) e ON e.id = eo.engagement_id
                WHERE e.partnership_id IN (\(binds: partnershipIDs)) AND e.occurred_on <= f.met_on
                GROUP BY f.g, f.met_on),
            by_attempts AS (SELECT n, ROW_NUMBER() OVER (ORDER BY n) AS rn, COUNT(*) OVER () AS c FROM attempts),
            by_days AS (SELECT d, ROW_NUMBER() OVER (ORDER BY d) AS rn, COUNT(*) OVER () AS c FROM attempts)
            SELECT (SELECT COUNT(*) FROM attempts) AS groups,
                   (SELECT CAST(AVG(n) AS DOUBLE PRECISION) FROM by_attempts WHERE rn IN ((c + 1) / 2, (c + 2) / 2)) AS median_attempts,
                   (SELECT CAST(AVG(d) AS DOUBLE PRECISION) FROM by_days WHERE rn IN ((c + 1) / 2, (c + 2) / 2)) AS median_days
            """).first(decoding: FirstMeetings.self, keyDecodingStrategy: .convertFromSnakeCase) ?? FirstMeetings()
    }
}
