import Fluent

struct CreatePendingImport: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PendingImport.schema)
            .id()
            .field("created_at", .datetime)
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("content", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingImport.schema).delete()
    }
}
