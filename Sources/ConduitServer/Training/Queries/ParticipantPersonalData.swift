import ConduitCore
import Foundation
import SQLKit

/// What registers hold about people. Retention: names entered on a partnership's registers
/// are removed once their sessions are past its period; the pseudonymous number, and
/// everything the statistics count, stay. Subject access: the attendances under that name.
enum ParticipantPersonalData {
    /// Attendances under this name at sessions of these partnerships, compared ignoring accents
    /// as contacts are: registers are pseudonymous, so the named rows are few.
    static func held(matching name: String, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [SubjectAccess.Held] {
        guard !scope.isEmpty else { return [] }
        struct Row: Decodable { var id: UUID; var name: String; var number: Int; var title: String; var sessionOn: String; var partnershipName: String; var status: String }
        let rows = try await sql.raw("""
            SELECT a.id, a.name, a.number, a.status, s.title, s.session_on, p.name AS partnership_name
            FROM \(ident: Attendance.schema) a JOIN \(ident: TrainingSession.schema) s ON s.id = a.session_id
            JOIN \(ident: Partnership.schema) p ON p.id = s.partnership_id
            WHERE s.partnership_id IN (\(binds: Array(scope))) AND a.name <> ''
            ORDER BY s.session_on
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.filter { SubjectAccess.mentions($0.name, name) }.map { row in
            SubjectAccess.Held(kind: "attendance", id: row.id.uuidString, partnership: row.partnershipName, date: row.sessionOn,
                               fields: [.init(name: "Name", value: row.name), .init(name: "Session", value: row.title),
                                        .init(name: "Number on the register", value: "#\(row.number)"), .init(name: "Attended", value: row.status)])
        }
    }

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
