import Fluent
import SQLKit

struct CreateContact: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("role_detail", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("preferred_language", .string, .required)
            .field("notes", .string, .required)
            .field("organisation_id", .uuid, .required, .references(CommunityGroup.schema, .id, onDelete: .restrict))
            .create()
        try await (database as! any SQLDatabase).create(index: "contacts_organisation_id").on(Contact.schema).column("organisation_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}
