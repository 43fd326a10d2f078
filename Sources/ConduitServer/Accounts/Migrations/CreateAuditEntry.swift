import Fluent
import SQLKit

struct CreateAuditEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditTrail.table)
            // Set by the writer, not the database: the sequence is part of the hash.
            .field("seq", .int64, .identifier(auto: false))
            .field("occurred_at_ms", .int64, .required)
            .field("actor_id", .uuid)
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string)
            .field("record_id", .string)
            .field("partnership_id", .uuid)
            .field("address", .string)
            .field("outcome", .string, .required)
            .field("detail", .string)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .create()
        // The administrators' audit page filters by these.
        let sql = database as! any SQLDatabase
        for column in ["occurred_at_ms", "actor_id", "partnership_id", "action"] {
            try await sql.create(index: "audit_entries_\(column)").on(AuditTrail.table).column(column).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditTrail.table).delete()
    }
}
