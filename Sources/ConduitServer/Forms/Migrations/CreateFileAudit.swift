import Fluent
import SQLKit

struct CreateFileAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredForm.schema)
            .id()
            .field("created_at", .datetime)
            .field("key", .string, .required)
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("definition", .string, .required)
            .unique(on: "key", "version")
            .create()
        try await database.schema(FormResponse.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("file_reference", .string, .required)
            .field("audited_on", .string, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime)
            .field("form_id", .uuid, .required, .references(StoredForm.schema, .id, onDelete: .restrict))
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("auditor_id", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .create()
        try await database.schema(FormTables.answers)
            .field("audit_id", .uuid, .required, .references(FormResponse.schema, .id, onDelete: .cascade))
            .field("question_key", .string, .required)
            .field("position", .int, .required)
            .field("value", .string, .required)
            .field("follow_up", .string)
            .unique(on: "audit_id", "question_key", "position")
            .create()
        try await database.schema(FormTables.categories)
            .field("audit_id", .uuid, .required, .references(FormResponse.schema, .id, onDelete: .cascade))
            .field("category", .string, .required)
            .unique(on: "audit_id", "category")
            .create()
        try await database.schema(FormTables.ratings)
            .field("audit_id", .uuid, .required, .references(FormResponse.schema, .id, onDelete: .cascade))
            .field("section_key", .string, .required)
            .field("rating", .string, .required)
            .field("reason", .string, .required)
            .unique(on: "audit_id", "section_key")
            .create()
        let sql = database as! any SQLDatabase
        // Findings select submitted audits by partnership, date and form, then count answers by question.
        try await sql.create(index: "file_audits_partnership_on").on(FormResponse.schema).column("partnership_id").column("audited_on").run()
        try await sql.create(index: "file_audits_form").on(FormResponse.schema).column("form_id").column("status").run()
        try await sql.create(index: "file_audit_answers_question").on(FormTables.answers).column("question_key").column("value").run()
        try await sql.create(index: "file_audit_categories_category").on(FormTables.categories).column("category").run()
    }

    func revert(on database: any Database) async throws {
        for table in [FormTables.ratings, FormTables.categories, FormTables.answers, FormResponse.schema, StoredForm.schema] {
            try await database.schema(table).delete()
        }
    }
}
