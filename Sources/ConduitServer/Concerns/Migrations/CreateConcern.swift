import Fluent
import SQLKit

/// Concerns, their categories and referrals, and the services each partnership passes them to.
struct CreateConcern: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Concern.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("state", .string, .required)
            .field("closed_at", .datetime)
            .field("anonymised_at", .datetime)
            .field("urgent", .bool, .required)
            .field("received_at", .datetime, .required)
            .field("receipt", .string)
            .field("raised_by", .string)
            .field("raised_by_group_id", .uuid, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .field("raiser_identity", .string)
            .field("children_count", .int)
            .field("age_bands", .string, .required)
            .field("sexes", .string, .required)
            .field("residence_partnership_id", .uuid, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("children_names", .string)
            .field("summary", .string, .required)
            .field("position_of_trust", .bool, .required)
            .field("trust_group_id", .uuid, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .field("consent", .string)
            .field("consent_reason", .string, .required)
            .field("feedback_on", .string)
            .field("feedback_method", .string)
            .field("record_key", .int, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("adviser_id", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .create()
        try await database.schema(ConcernTables.categories)
            .field("concern_id", .uuid, .required, .references(Concern.schema, .id, onDelete: .cascade))
            .field("category", .string, .required)
            .unique(on: "concern_id", "category")
            .create()
        try await database.schema(ConcernReferral.schema)
            .id()
            .field("created_at", .datetime)
            .field("route", .string, .required)
            .field("service_name", .string, .required)
            .field("referred_at", .datetime, .required)
            .field("reference", .string, .required)
            .field("outcome", .string)
            .field("decided_on", .string)
            .field("outcome_on", .string)
            .field("concern_id", .uuid, .required, .references(Concern.schema, .id, onDelete: .cascade))
            .create()
        try await database.schema(SafeguardingService.schema)
            .id()
            .field("route", .string, .required)
            .field("name", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("notes", .string, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .create()
        let sql = database as! any SQLDatabase
        // The partnership's list by state and date; a group's "concern open" marker; a concern's referrals; counts by category.
        try await sql.create(index: "concerns_partnership_state_received").on(Concern.schema).column("partnership_id").column("state").column("received_at").run()
        try await sql.create(index: "concerns_trust_group_state").on(Concern.schema).column("trust_group_id").column("state").run()
        try await sql.create(index: "concern_referrals_concern").on(ConcernReferral.schema).column("concern_id").column("referred_at").run()
        try await sql.create(index: "concern_categories_category").on(ConcernTables.categories).column("category").run()
        try await sql.create(index: "safeguarding_services_partnership").on(SafeguardingService.schema).column("partnership_id").column("route").run()
    }

    func revert(on database: any Database) async throws {
        for table in [SafeguardingService.schema, ConcernReferral.schema, ConcernTables.categories, Concern.schema] {
            try await database.schema(table).delete()
        }
    }
}
