import ConduitCore
import Foundation
import SQLKit

/// Closed concerns past their partnership's retention period lose their names and free
/// text; categories, routes, outcomes and dates stay, so every count is the same after.
enum ConcernRetention {
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
