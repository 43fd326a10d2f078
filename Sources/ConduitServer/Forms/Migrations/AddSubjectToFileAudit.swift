import Fluent
import SQLKit

/// Training evaluations and community surveys are filled-in forms like file audits, kept in
/// the same tables so the same pages and the same findings serve them; these columns say
/// which session or group a response is about (both empty for a file audit).
struct AddSubjectToFileAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(FormResponse.schema)
            .field("training_session_id", .uuid, .references(TrainingSession.schema, .id, onDelete: .restrict)).update()
        try await database.schema(FormResponse.schema)
            .field("group_id", .uuid, .references(CommunityGroup.schema, .id, onDelete: .restrict)).update()
        let sql = database as! any SQLDatabase
        // A session's or a group's page counts its responses; findings filter by them.
        try await sql.create(index: "file_audits_training_session").on(FormResponse.schema).column("training_session_id").run()
        try await sql.create(index: "file_audits_group").on(FormResponse.schema).column("group_id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "file_audits_training_session").run()
        try await sql.drop(index: "file_audits_group").run()
        try await database.schema(FormResponse.schema).deleteField("training_session_id").update()
        try await database.schema(FormResponse.schema).deleteField("group_id").update()
    }
}
