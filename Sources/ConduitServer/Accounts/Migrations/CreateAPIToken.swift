import Fluent
import SQLKit

struct CreateAPIToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema)
            .id()
            .field("created_at", .datetime)
            .field("name", .string, .required)
            .field("token_digest", .string, .required)
            .field("prefix", .string, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .unique(on: "token_digest")
            .create()
        try await (database as! any SQLDatabase).create(index: "api_tokens_user_id").on(APIToken.schema).column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
    }
}
