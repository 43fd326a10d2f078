import Fluent
import Foundation
import SQLKit

/// API tokens expire (issue 13): 90 days from issue unless chosen otherwise. Tokens issued
/// before this had no expiry: they get 90 days from now, so no partner system stops at once.
struct AddExpiryToAPIToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema).field("expires_at", .datetime).update()
        try await (database as! any SQLDatabase).update(APIToken.schema)
            .set("expires_at", to: Date().addingTimeInterval(APIToken.defaultLifetime)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).deleteField("expires_at").update()
    }
}
