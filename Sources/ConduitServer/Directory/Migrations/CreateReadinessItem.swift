import Fluent
import SQLKit

struct CreateReadinessItem: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReadinessRecord.schema)
            .id()
            .field("updated_at", .datetime)
            .field("updated_by", .uuid)
            .field("item", .string, .required)
            .field("status", .string, .required)
            .field("evidence", .string, .required)
            .field("last_reviewed_on", .string)
            .field("review_due_on", .string)
            .field("due_on", .string)
            .field("checked_count", .int)
            .field("total_count", .int)
            .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .unique(on: "organisation_id", "item")
            .create()
        let sql = database as! any SQLDatabase
        // "Items lapsing in the next N days" and the readiness-gap filter.
        try await sql.create(index: "readiness_items_due_on").on(ReadinessRecord.schema).column("due_on").run()
        try await sql.create(index: "readiness_items_item_status").on(ReadinessRecord.schema).column("item").column("status").column("organisation_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReadinessRecord.schema).delete()
    }
}
