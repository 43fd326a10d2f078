import Fluent
import SQLKit

/// Groups, the partnerships each serves, and their languages and communities of origin.
struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CommunityGroup.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("merged_into_id", .uuid, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("type", .string, .required)
            .field("faith", .string)
            .field("denomination", .string, .required)
            .field("address", .string, .required)
            .field("postcode", .string)
            .field("postcode_key", .string)
            .field("phone", .string)
            .field("phone_key", .string)
            .field("email", .string, .required)
            .field("meeting_times", .string, .required)
            .field("status", .string, .required)
            .field("status_confirmed_on", .string)
            .field("how_found", .string, .required)
            .field("notes", .string, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .create()
        try await database.schema(DirectoryTables.served)
            .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .cascade))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .unique(on: "organisation_id", "partnership_id")
            .create()
        for table in [DirectoryTables.languages, DirectoryTables.communities] {
            try await database.schema(table)
                .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .cascade))
                .field("name", .string, .required)
                .field("name_key", .string, .required)
                .unique(on: "organisation_id", "name_key")
                .create()
        }
        // Every filter of the directory search has an index.
        let sql = database as! any SQLDatabase
        for column in ["name_key", "type", "faith", "status", "postcode_key", "phone_key", "partnership_id", "merged_into_id"] {
            try await sql.create(index: "organisations_\(column)").on(CommunityGroup.schema).column(column).run()
        }
        try await sql.create(index: "organisation_partnerships_partnership").on(DirectoryTables.served).column("partnership_id").column("organisation_id").run()
        for table in [DirectoryTables.languages, DirectoryTables.communities] {
            try await sql.create(index: "\(table)_name_key").on(table).column("name_key").column("organisation_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in [DirectoryTables.languages, DirectoryTables.communities, DirectoryTables.served, CommunityGroup.schema] {
            try await database.schema(table).delete()
        }
    }
}

/// The directory's tables that have no model of their own: they are written and read with SQLKit.
enum DirectoryTables {
    static let served = "organisation_partnerships"
    static let languages = "organisation_languages"
    static let communities = "organisation_communities"
}
