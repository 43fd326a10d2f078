import Fluent
import SQLKit

struct CreatePartnership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Partnership.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("name", .string, .required)
            .field("code", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .uuid, .references(Partnership.schema, .id, onDelete: .restrict))
            .unique(on: "code")
            .create()
        try await (database as! any SQLDatabase).create(index: "partnerships_parent_id").on(Partnership.schema).column("parent_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Partnership.schema).delete()
    }
}
