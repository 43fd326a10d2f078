import ConduitCore
import Foundation
import SQLKit

/// What the audit trail holds about a person, for a subject access request: the entries they
/// made as an account, and those whose detail names them.
extension AuditTrail {
    /// Entries made by the person (as an account) or naming them, of these partnerships.
    static func held(matching name: String, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [SubjectAccess.Held] {
        guard !scope.isEmpty else { return [] }
        struct Row: Decodable { var seq: Int64; var occurredAtMs: Int64; var actorLabel: String; var action: String; var detail: String?; var partnershipName: String? }
        let pattern = SubjectAccess.likePattern(name)
        let rows = try await sql.raw("""
            SELECT a.seq, a.occurred_at_ms, a.actor_label, a.action, a.detail, p.name AS partnership_name
            FROM \(ident: table) a LEFT JOIN \(ident: Partnership.schema) p ON p.id = a.partnership_id
            WHERE (LOWER(a.actor_label) LIKE \(bind: pattern) ESCAPE '!' OR LOWER(a.detail) LIKE \(bind: pattern) ESCAPE '!')
              AND (a.partnership_id IN (\(binds: Array(scope))) OR a.partnership_id IS NULL)
            ORDER BY a.seq LIMIT 1000
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.map { row in
            SubjectAccess.Held(kind: "audit_entry", id: String(row.seq), partnership: row.partnershipName ?? "",
                               date: Formats.dateTime(Date(timeIntervalSince1970: Double(row.occurredAtMs) / 1000)),
                               fields: [.init(name: "By", value: row.actorLabel), .init(name: "Action", value: row.action)]
                                   + (row.detail.map { [.init(name: "Detail", value: $0)] } ?? []))
        }
    }
}
