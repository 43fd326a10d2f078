import Fluent
import SQLKit

struct CreateReturns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Return.schema)
            .id()
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("period_key", .string, .required)
            .field("source", .string, .required)
            .field("status", .string, .required)
            .field("note", .string, .required)
            .field("comment", .string, .required)
            .field("first_submitted_on", .string)
            .field("submitted_at", .datetime)
            .field("approved_at", .datetime)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .restrict))
            .field("entered_by", .uuid, .references(User.schema, .id, onDelete: .restrict))
            .field("approved_by", .uuid, .references(User.schema, .id, onDelete: .restrict))
            // One return per partnership, period and source: a second would double count.
            .unique(on: "partnership_id", "period_key", "source")
            .create()
        try await database.schema(ReturnTables.cells)
            .field("return_id", .uuid, .required, .references(Return.schema, .id, onDelete: .cascade))
            .field("category", .string, .required)
            .field("breakdown", .string, .required)
            .field("count", .int, .required)
            .unique(on: "return_id", "category", "breakdown")
            .create()
        try await database.schema(ReturnTables.deadlines)
            .field("period_key", .string, .identifier(auto: false))
            .field("deadline", .string, .required)
            .create()
        try await database.schema(ReturnTables.populations)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("year", .int, .required)
            .field("children", .int, .required)
            .field("source", .string, .required)
            .unique(on: "partnership_id", "year")
            .create()
        try await database.schema(ReturnTables.comparisonNotes)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("period_key", .string, .required)
            .field("category", .string, .required)
            .field("source", .string, .required)
            .field("note", .string, .required)
            .field("written_by", .uuid, .required, .references(User.schema, .id, onDelete: .restrict))
            .field("written_at", .datetime, .required)
            .unique(on: "partnership_id", "period_key", "category", "source")
            .create()
        let sql = database as! any SQLDatabase
        // Dashboards add up approved cells by period, source and category; completeness lists a period's returns.
        try await sql.create(index: "returns_period_source").on(Return.schema).column("period_key").column("source").column("status").run()
        try await sql.create(index: "return_cells_category").on(ReturnTables.cells).column("category").column("breakdown").run()
    }

    func revert(on database: any Database) async throws {
        for table in [ReturnTables.comparisonNotes, ReturnTables.populations, ReturnTables.deadlines, ReturnTables.cells, Return.schema] {
            try await database.schema(table).delete()
        }
    }
}
