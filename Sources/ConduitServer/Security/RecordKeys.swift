import ConduitCore
import Fluent
import SQLKit

/// The permanent random key of a counted record (issue 14): what cell key perturbation adds
/// up. Drawn once when the record is stored and never shown, so nobody can work out a cell's
/// adjustment from the records they know are in it.
enum RecordKey {
    /// The tables whose rows are counted in adjusted figures.
    static let tables = [Attendance.schema, ReturnTables.cells, Engagement.schema, FormResponse.schema]

    static func random() -> Int { Int.random(in: 0..<CellKeyPerturbation.keySpace) }
}

/// A counted record kept as a Fluent model.
protocol KeyedRecord: Model {
    var recordKey: Int { get set }
}

extension Attendance: KeyedRecord {}
extension Engagement: KeyedRecord {}
extension FormResponse: KeyedRecord {}
extension Concern: KeyedRecord {}

/// Draws the record key when a model is first stored, and only then: drawn in `init()`, a
/// record read with some of its fields, or decoded, would be saved with a new key.
struct RecordKeyMiddleware<Record: KeyedRecord>: AsyncModelMiddleware {
    func create(model: Record, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        model.recordKey = RecordKey.random()
        try await next.create(model, on: db)
    }
}

/// Adds `record_key` to the counted records and gives every existing one its random key.
struct AddRecordKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in RecordKey.tables {
            try await database.schema(table).field("record_key", .int, .required, .sql(.default(0))).update()
            // Each row its own draw, in SQL: ten years of attendances are a million rows.
            let draw: SQLQueryString = sql.dialect.name == "sqlite" ? "random() & 255" : "floor(random() * 256)"
            try await sql.raw("UPDATE \(ident: table) SET record_key = \(draw)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in RecordKey.tables {
            try await database.schema(table).deleteField("record_key").update()
        }
    }
}
