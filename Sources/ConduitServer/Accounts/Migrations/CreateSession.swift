import Fluent
import SQLKit

struct CreateSession: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("token_digest", .string, .required)
            .field("stage", .string, .required)
            .field("pending_totp_secret", .string)
            .field("address", .string)
            .field("user_agent", .string)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("current_partnership_id", .uuid, .references(Partnership.schema, .id, onDelete: .setNull))
            .unique(on: "token_digest")
            .create()
        // "Sign out everywhere" and disabling a user delete by user.
        try await (database as! any SQLDatabase).create(index: "sessions_user_id").on(UserSession.schema).column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}
