import Fluent
import SQLKit

/// Statistical releases and their frozen figures (issue 14).
struct CreateRelease: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Release.schema)
            .id()
            .field("first_quarter", .string, .required)
            .field("last_quarter", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .uuid, .required, .references(User.schema, .id))
            .field("note", .string, .required)
            .field("next_release_on", .string)
            .field("revises_id", .uuid, .references(Release.schema, .id))
            .field("revision_reason", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Release.figures)
            .field("release_id", .uuid, .required, .references(Release.schema, .id, onDelete: .cascade))
            .field("source", .string, .required)
            .field("category", .string, .required)
            // Null for London.
            .field("partnership_id", .uuid, .references(Partnership.schema, .id))
            // Null for the release's whole period.
            .field("quarter", .string)
            .field("value", .int, .required)
            .field("hidden", .bool, .required)
            .field("revised", .bool, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "release_figures_by_release").on(Release.figures).column("release_id").run()
        try await sql.create(index: "releases_by_first_quarter").on(Release.schema).column("first_quarter").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Release.figures).delete()
        try await database.schema(Release.schema).delete()
    }
}
