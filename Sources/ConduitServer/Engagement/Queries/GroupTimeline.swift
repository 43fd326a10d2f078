import ConduitCore
import Foundation
import SQLKit

/// A group's engagements as the person may see them, and the figures of its
/// engagement: attempts and days to the first meeting, last contact.
enum GroupTimeline {
    struct Item: Decodable, Sendable {
        var id: UUID
        var occurredOn: String
        var occurredAtTime: String?
        var channel: String
        var outcome: String
        var peopleMet: String
        var notes: String
        var followUpOn: String?
        var followUpDone: Bool
        var adviserName: String
        var partnershipName: String
        var topics: [String]? = nil
    }

    struct Figures: Decodable, Sendable {
        var engagements: Int
        var firstAttemptOn: String?
        var firstMeetingOn: String?
        var lastContactOn: String?
        /// Engagements up to and including the first meeting; nil before one.
        var attemptsToFirstMeeting: Int?

        /// Calendar days from the first attempt to the first meeting.
        var daysToFirstMeeting: Int? {
            guard let first = firstAttemptOn.flatMap(CalendarDate.init(iso:)),
                  let met = firstMeetingOn.flatMap(CalendarDate.init(iso:)) else { return nil }
            return CalendarDate.days(from: first, to: met)
        }
    }

    static func items(groupID: UUID, scope: Set<UUID>, limit: Int = 200, on sql: any SQLDatabase) async throws -> [Item] {
        guard !scope.isEmpty else { return [] }
        var items = try await sql.select()
            .column(SQLColumn("id", table: "e")).column(SQLColumn("occurred_on", table: "e")).column(SQLColumn("occurred_at_time", table: "e"))
            .column(SQLColumn("channel", table: "e")).column(SQLColumn("outcome", table: "e")).column(SQLColumn("people_met", table: "e"))
            .column(SQLColumn("notes", table: "e")).column(SQLColumn("follow_up_on", table: "e")).column(SQLColumn("follow_up_done", table: "e"))
            .column(SQLAlias(SQLColumn("display_name", table: "u"), as: SQLIdentifier("adviser_name")))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("partnership_name")))
            .from(SQLAlias(SQLIdentifier(EngagementTables.groups), as: SQLIdentifier("eo")))
            .join(SQLAlias(SQLIdentifier(Engagement.schema), as: SQLIdentifier("e")), on: SQLColumn("id", table: "e"), .equal, SQLColumn("engagement_id", table: "eo"))
            .join(SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("adviser_id", table: "e"))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "e"))
            .where(SQLColumn("organisation_id", table: "eo"), .equal, SQLBind(groupID))
            .where(SQLColumn("partnership_id", table: "e"), .in, SQLBind.group(Array(scope)))
            .orderBy(SQLOrderBy(expression: SQLColumn("occurred_on", table: "e"), direction: SQLDirection.descending))
            .orderBy(SQLOrderBy(expression: SQLColumn("occurred_at_time", table: "e"), direction: SQLDirection.descending))
            .limit(limit)
            .all(decoding: Item.self, keyDecodingStrategy: .convertFromSnakeCase)
        let topics = try await EngagementTopics.of(items.map(\.id), on: sql)
        for index in items.indices { items[index].topics = topics[items[index].id] ?? [] }
        return items
    }

    static func figures(groupID: UUID, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> Figures {
        guard !scope.isEmpty else { return Figures(engagements: 0) }
        let established = EngagementOutcome.contactEstablishing.map(\.rawValue)
        let seen = SQLQueryString("""
            FROM \(ident: EngagementTables.groups) eo JOIN \(ident: Engagement.schema) e ON e.id = eo.engagement_id
            WHERE eo.organisation_id = \(bind: groupID) AND e.partnership_id IN (\(binds: Array(scope)))
            """)
        let query = SQLQueryString("""
            SELECT COUNT(*) AS engagements, MIN(e.occurred_on) AS first_attempt_on, MAX(e.occurred_on) AS last_contact_on,
                   MIN(CASE WHEN e.outcome IN (\(binds: established)) THEN e.occurred_on END) AS first_meeting_on \(seen)
            """)
        var figures = try await sql.raw(query).first(decoding: Figures.self, keyDecodingStrategy: .convertFromSnakeCase) ?? Figures(engagements: 0)
        if let met = figures.firstMeetingOn {
            let count = SQLQueryString("SELECT COUNT(*) AS n \(seen) AND e.occurred_on <= \(bind: met)")
            figures.attemptsToFirstMeeting = try await sql.raw(count).first()?.decode(column: "n", as: Int.self)
        }
        return figures
    }
}

extension GroupTimeline.Figures {
    init(engagements: Int) {
        self.engagements = engagements
    }
}

/// The topics of engagements.
enum EngagementTopics {
    private struct Row: Decodable {
        var engagementId: UUID
        var topic: String
    }

    static func of(_ engagementIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [String]] {
        guard !engagementIDs.isEmpty else { return [:] }
        let rows = try await sql.select().column("engagement_id").column("topic").from(EngagementTables.topics)
            .where("engagement_id", .in, SQLBind.group(engagementIDs)).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        let order = Dictionary(uniqueKeysWithValues: EngagementTopic.allCases.enumerated().map { ($1.rawValue, $0) })
        return Dictionary(grouping: rows, by: \.engagementId).mapValues { $0.map(\.topic).sorted { (order[$0] ?? 99) < (order[$1] ?? 99) } }
    }
}
