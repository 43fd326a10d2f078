import Fluent
import SQLKit

/// Engagements, the groups each was with, and its topics.
struct CreateEngagement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Engagement.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("occurred_on", .string, .required)
            .field("occurred_at_time", .string)
            .field("channel", .string, .required)
            .field("outcome", .string, .required)
            .field("people_met", .string, .required)
            .field("notes", .string, .required)
            .field("follow_up_on", .string)
            .field("follow_up_done", .bool, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("adviser_id", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .create()
        try await database.schema(EngagementTables.groups)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .unique(on: "engagement_id", "organisation_id")
            .create()
        try await database.schema(EngagementTables.topics)
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, .id, onDelete: .cascade))
            .field("topic", .string, .required)
            .unique(on: "engagement_id", "topic")
            .create()
        let sql = database as! any SQLDatabase
        // Timelines and last contact per group; months per partnership; follow-ups per adviser.
        try await sql.create(index: "engagement_organisations_organisation").on(EngagementTables.groups).column("organisation_id").column("engagement_id").run()
        try await sql.create(index: "engagements_partnership_occurred").on(Engagement.schema).column("partnership_id").column("occurred_on").run()
        try await sql.create(index: "engagements_adviser_follow_up").on(Engagement.schema).column("adviser_id").column("follow_up_done").column("follow_up_on").run()
        try await sql.create(index: "engagement_topics_topic").on(EngagementTables.topics).column("topic").run()
    }

    func revert(on database: any Database) async throws {
        for table in [EngagementTables.topics, EngagementTables.groups, Engagement.schema] {
            try await database.schema(table).delete()
        }
    }
}
