import ConduitCore
import Fluent
import SQLKit

/// Authenticator keys were stored in clear text (issue 13): seal those already stored, in
/// `users` and in sessions part-way through enrolment, with the data key kept outside the database.
struct SealSecondFactorSecrets: AsyncMigration {
    let keys: DataKeys

    private static let columns = [(User.schema, "totp_secret"), (UserSession.schema, "pending_totp_secret")]

    func prepare(on database: any Database) async throws {
        try await transform(on: database) { $0.hasPrefix(DataKeys.sealedPrefix) ? nil : keys.seal($0) }
    }

    func revert(on database: any Database) async throws {
        try await transform(on: database) { $0.hasPrefix(DataKeys.sealedPrefix) ? keys.open($0) : nil }
    }

    private struct Row: Decodable { var id: UUID; var secret: String }

    private func transform(on database: any Database, _ change: (String) -> String?) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.columns {
            let rows = try await sql.select().column("id").column(SQLColumn(column), as: "secret").from(table)
                .where(SQLColumn(column), .isNot, SQLLiteral.null).all(decoding: Row.self)
            for row in rows {
                guard let changed = change(row.secret) else { continue }
                try await sql.update(table).set(column, to: changed).where("id", .equal, row.id).run()
            }
        }
    }
}
