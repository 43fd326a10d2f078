import ConduitCore
import Fluent
import SQLKit

/// The permanent random key of a counted record (issue 14): what cell key perturbation adds
/// up. Drawn once when the record is stored and never shown, so nobody can work out a cell's
/// adjustment from the records they know are in it.
enum RecordKey {
    /// The tables whose rows are counted in adjusted figures.
    static let tables = [Attendance.schema, ReturnTables.cells, Engagement.schema, FileAudit.schema]

    static func random() -> Int { Int.random(in: 0..<CellKeyPerturbation.keySpace) }
}

/// Adds `record_key` to the counted records and gives every existing one its random key.
struct AddRecordKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in RecordKey.tables {
            try await database.schema(table).field("record_key", .int, .required, .sql(.default(0))).update()
            // Each row its own draw, in SQL: ten years of attendances are a million rows.
            let draw: SQLQueryString = sql.dialect.name == "sqlite" ? "abs(random()) % 256" : "floor(random() * 256)"
            try await sql.raw("UPDATE \(ident: table) SET record_key = \(draw)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in RecordKey.tables {
            try await database.schema(table).deleteField("record_key").update()
        }
    }
}
