import Fluent
import SQLKit

struct CreateRecoveryCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema)
            .id()
            .field("code_digest", .string, .required)
            .field("used_at", .datetime)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .create()
        try await (database as! any SQLDatabase).create(index: "recovery_codes_user_id").on(RecoveryCode.schema).column("user_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecoveryCode.schema).delete()
    }
}
