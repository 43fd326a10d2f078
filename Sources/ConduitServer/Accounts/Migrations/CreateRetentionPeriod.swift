import Fluent
import SQLKit

/// Each partnership's retention periods (issue 16), and the mark an anonymised contact keeps.
struct CreateRetentionPeriod: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RetentionPeriod.schema)
            .id()
            .field("record_type", .string, .required)
            .field("years", .int, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .unique(on: "partnership_id", "record_type")
            .create()
        try await database.schema(Contact.schema).field("anonymised_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).deleteField("anonymised_at").update()
        try await database.schema(RetentionPeriod.schema).delete()
    }
}
