import Fluent
import SQLKit

struct CreateMembership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MembershipRecord.schema)
            .id()
            .field("created_at", .datetime)
            .field("role", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .unique(on: "user_id", "partnership_id", "role")
            .create()
        // Scoped user lists look memberships up by partnership.
        try await (database as! any SQLDatabase).create(index: "memberships_partnership_id").on(MembershipRecord.schema).column("partnership_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MembershipRecord.schema).delete()
    }
}
