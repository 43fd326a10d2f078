import ConduitCore
import Fluent
import SQLKit

/// The fingerprint of the data key the database's passwords and second factors are written
/// with (issue 13): `prepareDatabase` refuses to go on with another key.
struct CreateDataKeyFingerprint: AsyncMigration {
    let keys: DataKeys

    static let table = "data_key_fingerprints"

    func prepare(on database: any Database) async throws {
        try await database.schema(Self.table).field("fingerprint", .string, .required).create()
        try await (database as! any SQLDatabase).insert(into: Self.table).columns("fingerprint").values(SQLBind(keys.fingerprint)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Self.table).delete()
    }

    /// Whether the database was written with these keys.
    static func matches(_ keys: DataKeys, on database: any Database) async throws -> Bool {
        let stored = try await (database as! any SQLDatabase).select().column("fingerprint").from(table).all()
            .map { try $0.decode(column: "fingerprint", as: String.self) }
        return stored.contains(keys.fingerprint)
    }
}
