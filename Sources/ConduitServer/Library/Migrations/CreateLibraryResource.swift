import Fluent
import SQLKit

/// The resource library: resources, their topics, audiences and search words, their versions
/// and translations, the documents (files) they hold, and which groups received them.
struct CreateLibraryResource: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LibraryTables.documents)
            .field("hash", .string, .identifier(auto: false))
            .field("media_type", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(LibraryResource.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("kind", .string, .required)
            .field("visibility", .string, .required)
            .field("review_on", .string)
            .field("language", .string, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("created_by", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .create()
        for (table, column) in [(LibraryTables.topics, "topic"), (LibraryTables.audiences, "audience"), (LibraryTables.words, "word")] {
            try await database.schema(table)
                .field("resource_id", .uuid, .required, .references(LibraryResource.schema, .id, onDelete: .cascade))
                .field(.string(column), .string, .required)
                .unique(on: "resource_id", .string(column))
                .create()
        }
        try await database.schema(ResourceVersion.schema)
            .id()
            .field("added_at", .datetime, .required)
            .field("language", .string, .required)
            .field("number", .int, .required)
            .field("translates_version", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("changes", .string, .required)
            .field("document_hash", .string, .references(LibraryTables.documents, "hash", onDelete: .restrict))
            .field("file_name", .string)
            .field("file_type", .string)
            .field("file_size", .int)
            .field("link", .string)
            .field("resource_id", .uuid, .required, .references(LibraryResource.schema, .id, onDelete: .cascade))
            .field("added_by", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .unique(on: "resource_id", "language", "number")
            .create()
        try await database.schema(ResourceDistribution.schema)
            .id()
            .field("created_at", .datetime)
            .field("language", .string, .required)
            .field("received_on", .string, .required)
            .field("copies", .int, .required)
            .field("resource_id", .uuid, .required, .references(LibraryResource.schema, .id, onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .cascade))
            .field("engagement_id", .uuid, .references(Engagement.schema, .id, onDelete: .setNull))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("recorded_by", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .create()
        // Every filter of the library's search has an index: visibility and owner (the scope),
        // kind, review date, topic, audience, a word's beginnings, a version's language.
        let sql = database as! any SQLDatabase
        try await sql.create(index: "resources_visibility_partnership").on(LibraryResource.schema).column("visibility").column("partnership_id").run()
        try await sql.create(index: "resources_partnership_review").on(LibraryResource.schema).column("partnership_id").column("review_on").run()
        try await sql.create(index: "resources_kind").on(LibraryResource.schema).column("kind").run()
        try await sql.create(index: "resource_topics_topic").on(LibraryTables.topics).column("topic").column("resource_id").run()
        try await sql.create(index: "resource_audiences_audience").on(LibraryTables.audiences).column("audience").column("resource_id").run()
        try await sql.create(index: "resource_words_word").on(LibraryTables.words).column("word").column("resource_id").run()
        try await sql.create(index: "resource_versions_language").on(ResourceVersion.schema).column("language").column("resource_id").run()
        try await sql.create(index: "resource_versions_document").on(ResourceVersion.schema).column("document_hash").run()
        try await sql.create(index: "resource_distributions_resource").on(ResourceDistribution.schema).column("resource_id").column("received_on").run()
        try await sql.create(index: "resource_distributions_group").on(ResourceDistribution.schema).column("organisation_id").column("received_on").run()
        try await sql.create(index: "resource_distributions_engagement").on(ResourceDistribution.schema).column("engagement_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [ResourceDistribution.schema, ResourceVersion.schema, LibraryTables.words, LibraryTables.audiences, LibraryTables.topics,
                      LibraryResource.schema, LibraryTables.documents] {
            try await database.schema(table).delete()
        }
    }
}
