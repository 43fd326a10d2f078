import ConduitCore
import Foundation
import SQLKit

/// Contacts at a partnership's groups not changed or confirmed within its retention period
/// lose the person's name, phone, email and notes; the role at the group stays.
enum ContactRetention {
    private static func due(_ partnershipID: UUID, before cutoff: Date) -> SQLQueryString {
        """
        anonymised_at IS NULL AND COALESCE(updated_at, created_at) < \(bind: cutoff)
          AND organisation_id IN (SELECT id FROM \(ident: CommunityGroup.schema) WHERE partnership_id = \(bind: partnershipID))
        """
    }

    static func count(partnershipID: UUID, before cutoff: Date, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Contact.schema) WHERE " + due(partnershipID, before: cutoff))
            .first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    static func anonymise(partnershipID: UUID, before cutoff: Date, now: Date, on sql: any SQLDatabase) async throws -> Int {
        let count = try await count(partnershipID: partnershipID, before: cutoff, on: sql)
        guard count > 0 else { return 0 }
        try await sql.raw("""
            UPDATE \(ident: Contact.schema) SET name = '', phone = '', email = '', notes = '', anonymised_at = \(bind: now), version = version + 1
            WHERE 
            """ + due(partnershipID, before: cutoff)).run()
        return count
    }
}
