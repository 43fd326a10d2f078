import ConduitCore
import Foundation
import SQLKit

/// Names entered on a partnership's registers are removed once their sessions are past its
/// retention period; the pseudonymous number, and everything the statistics count, stay.
enum ParticipantRetention {
    private static func due(_ partnershipID: UUID, before cutoff: CalendarDate) -> SQLQueryString {
        """
        name <> '' AND session_id IN (SELECT id FROM \(ident: TrainingSession.schema)
                                      WHERE partnership_id = \(bind: partnershipID) AND session_on < \(bind: cutoff.description))
        """
    }

    static func count(partnershipID: UUID, before cutoff: CalendarDate, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Attendance.schema) WHERE " + due(partnershipID, before: cutoff))
            .first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    static func anonymise(partnershipID: UUID, before cutoff: CalendarDate, on sql: any SQLDatabase) async throws -> Int {
        let count = try await count(partnershipID: partnershipID, before: cutoff, on: sql)
        guard count > 0 else { return 0 }
        try await sql.raw("UPDATE \(ident: Attendance.schema) SET name = '' WHERE " + due(partnershipID, before: cutoff)).run()
        return count
    }
}
