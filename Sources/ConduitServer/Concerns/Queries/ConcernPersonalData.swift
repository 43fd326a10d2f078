import ConduitCore
import Foundation
import SQLKit

/// What concerns hold about people. Retention: closed concerns past their partnership's
/// period lose their names and free text; categories, routes, outcomes and dates stay, so
/// every count is the same after. Subject access: the concerns that name a person.
enum ConcernPersonalData {
    /// Concerns of these partnerships whose restricted fields or account name the person.
    /// The restricted fields are sealed, so they are opened and searched here, not in SQL.
    static func held(matching name: String, scope: Set<UUID>, keys: DataKeys, on sql: any SQLDatabase) async throws -> [SubjectAccess.Held] {
        guard !scope.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID; var partnershipName: String; var receivedAt: Date; var summary: String; var raiserIdentity: String?; var childrenNames: String?; var consentReason: String }
        let rows = try await sql.raw("""
            SELECT c.id, p.name AS partnership_name, c.received_at, c.summary, c.raiser_identity, c.children_names, c.consent_reason
            FROM \(ident: Concern.schema) c JOIN \(ident: Partnership.schema) p ON p.id = c.partnership_id
            WHERE c.partnership_id IN (\(binds: Array(scope))) AND c.anonymised_at IS NULL
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.compactMap { row in
            let identity = row.raiserIdentity.flatMap(keys.openRestricted), names = row.childrenNames.flatMap(keys.openRestricted)
            let fields = [("Raised by (restricted)", identity), ("Children's names (restricted)", names), ("What was said or seen", row.summary),
                          ("Consent: why", row.consentReason)]
                .compactMap { label, value in value.flatMap { $0.isEmpty ? nil : (label, $0) } }
            guard fields.contains(where: { SubjectAccess.mentions($0.1, name) }) else { return nil }
            return SubjectAccess.Held(kind: "concern", id: row.id.uuidString, partnership: row.partnershipName, date: Formats.dateTime(row.receivedAt),
                                      fields: fields.map { .init(name: $0.0, value: $0.1) })
        }
    }

    private static func due(_ partnershipID: UUID, before cutoff: Date) -> SQLQueryString {
        """
        partnership_id = \(bind: partnershipID) AND state = \(bind: ConcernState.closed.rawValue)
          AND closed_at < \(bind: cutoff) AND anonymised_at IS NULL
        """
    }

    static func count(partnershipID: UUID, before cutoff: Date, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Concern.schema) WHERE " + due(partnershipID, before: cutoff))
            .first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    static func anonymise(partnershipID: UUID, before cutoff: Date, now: Date, on sql: any SQLDatabase) async throws -> Int {
        let ids = try await sql.raw("SELECT id FROM \(ident: Concern.schema) WHERE " + due(partnershipID, before: cutoff)).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return 0 }
        try await sql.raw("""
            UPDATE \(ident: ConcernReferral.schema) SET reference = '' WHERE concern_id IN (\(binds: ids))
            """).run()
        try await sql.raw("""
            UPDATE \(ident: Concern.schema) SET raiser_identity = NULL, children_names = NULL, summary = '', consent_reason = '',
                   anonymised_at = \(bind: now), version = version + 1
            WHERE id IN (\(binds: ids))
            """).run()
        return ids.count
    }
}
