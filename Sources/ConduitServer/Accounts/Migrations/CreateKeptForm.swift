import Fluent

/// Forms kept for people whose session timed out as they sent them (issue 16).
struct CreateKeptForm: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KeptForm.schema)
            .id()
            .field("created_at", .datetime)
            .field("path", .string, .required)
            .field("fields", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KeptForm.schema).delete()
    }
}
