import Fluent

/// A data submitter enters the returns of one source (seed 004 finding 9: police and local
/// authority figures come from different people), so their membership names it.
struct AddReturnSourceToMembership: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MembershipRecord.schema).field("return_source", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MembershipRecord.schema).deleteField("return_source").update()
    }
}
