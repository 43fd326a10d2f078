import Fluent
import SQLKit

/// A quarter's deadline per partnership (issue 13): a coordinator sets it for the
/// partnerships whose returns they approve, not for every partnership in the region.
/// `return_deadlines` stays, read as the deadline of every partnership that has none of its own.
struct CreateReturnPartnershipDeadline: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ReturnTables.partnershipDeadlines)
            .field("period_key", .string, .required)
            .field("partnership_id", .uuid, .required, .references(Partnership.schema, .id, onDelete: .cascade))
            .field("deadline", .string, .required)
            .unique(on: "period_key", "partnership_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ReturnTables.partnershipDeadlines).delete()
    }
}
