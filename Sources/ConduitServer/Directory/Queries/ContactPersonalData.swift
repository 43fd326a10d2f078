import ConduitCore
import Foundation
import SQLKit

/// What contacts hold about people. Retention: contacts at a partnership's groups not changed
/// or confirmed within its period lose the person's name, phone, email and notes; the role at
/// the group stays. Subject access: the contacts of that name.
enum ContactPersonalData {
    /// Contacts named so at groups serving these partnerships. Names are compared ignoring
    /// accents (Bégum is Begum), which SQL cannot do on both databases, so here; a partnership's
    /// contacts are hundreds, and a request is rare.
    static func held(matching name: String, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [SubjectAccess.Held] {
        guard !scope.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID; var name: String; var role: String; var phone: String; var email: String; var notes: String; var groupName: String; var partnershipName: String }
        let rows = try await sql.raw("""
            SELECT c.id, c.name, c.role, c.phone, c.email, c.notes, o.name AS group_name, p.name AS partnership_name
            FROM \(ident: Contact.schema) c JOIN \(ident: CommunityGroup.schema) o ON o.id = c.organisation_id
            JOIN \(ident: Partnership.schema) p ON p.id = o.partnership_id
            WHERE c.name <> '' AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))
            ORDER BY c.name
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.filter { SubjectAccess.mentions($0.name, name) }.map { row in
            SubjectAccess.Held(kind: "contact", id: row.id.uuidString, partnership: row.partnershipName, date: "",
                               fields: [("Name", row.name), ("Role", ContactRole.title(of: row.role)), ("At", row.groupName), ("Phone", row.phone),
                                        ("Email", row.email), ("Notes", row.notes)].filter { !$0.1.isEmpty }.map { .init(name: $0.0, value: $0.1) })
        }
    }

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
