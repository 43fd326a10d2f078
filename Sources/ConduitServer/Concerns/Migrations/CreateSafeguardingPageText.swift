import Fluent
import SQLKit

/// The words of each partnership's public "Worried about a child?" page, a text a language.
struct CreateSafeguardingPageText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SafeguardingPageText.schema)
            .id()
            .field("language", .string, .required)
            .field("text", .string, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .unique(on: "partnership_id", "language")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SafeguardingPageText.schema).delete()
    }
}
