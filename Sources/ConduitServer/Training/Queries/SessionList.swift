import ConduitCore
import Foundation
import SQLKit

/// Sessions of the partnerships a person reads, newest first, with their register counts;
/// and the programme of a round with its totals.
enum SessionList {
    struct Row: Decodable, Sendable {
        var id: UUID
        var title: String
        var audience: String
        var sessionOn: String
        var startsAt: String?
        var venue: String
        var capacity: Int?
        var partnershipName: String
        var attended: Int
        var booked: Int
    }

    private static func select(_ scope: Set<UUID>, roundID: UUID?) -> SQLQueryString {
        var text: SQLQueryString = """
            SELECT s.id, s.title, s.audience, s.session_on, s.starts_at, s.venue, s.capacity, p.name AS partnership_name,
                   (SELECT COUNT(*) FROM \(ident: Attendance.schema) a WHERE a.session_id = s.id AND a.status = \(bind: AttendanceStatus.attended.rawValue)) AS attended,
                   (SELECT COUNT(*) FROM \(ident: Attendance.schema) a WHERE a.session_id = s.id) AS booked
            FROM \(ident: TrainingSession.schema) s JOIN \(ident: Partnership.schema) p ON p.id = s.partnership_id
            WHERE s.partnership_id IN (\(binds: Array(scope)))
            """
        if let roundID { text = "\(text) AND s.round_id = \(bind: roundID)" }
        return text
    }

    static func count(scope: Set<UUID>, roundID: UUID?, on sql: any SQLDatabase) async throws -> Int {
        guard !scope.isEmpty else { return 0 }
        var text: SQLQueryString = "SELECT COUNT(*) AS n FROM \(ident: TrainingSession.schema) s WHERE s.partnership_id IN (\(binds: Array(scope)))"
        if let roundID { text = "\(text) AND s.round_id = \(bind: roundID)" }
        return try await sql.raw(text).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func page(scope: Set<UUID>, roundID: UUID?, pagination: Pagination, on sql: any SQLDatabase) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            \(select(scope, roundID: roundID)) ORDER BY s.session_on DESC, s.starts_at DESC LIMIT \(literal: pagination.perPage) OFFSET \(literal: pagination.offset)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct RoundTotals: Decodable, Sendable {
        var id: UUID
        var name: String
        var budgetPence: Int?
        var partnershipName: String
        var sessions: Int
        var places: Int?
        var participants: Int
        var costPence: Int?
    }

    /// Each round with its sessions, places offered, participants who attended and cost.
    static func rounds(scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [RoundTotals] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT r.id, r.name, r.budget_pence, p.name AS partnership_name,
                   (SELECT COUNT(*) FROM \(ident: TrainingSession.schema) s WHERE s.round_id = r.id) AS sessions,
                   -- PostgreSQL sums bigints as numeric: cast back so both databases answer a whole number.
                   (SELECT CAST(SUM(s.capacity) AS BIGINT) FROM \(ident: TrainingSession.schema) s WHERE s.round_id = r.id) AS places,
                   (SELECT COUNT(*) FROM \(ident: Attendance.schema) a JOIN \(ident: TrainingSession.schema) s ON s.id = a.session_id
                     WHERE s.round_id = r.id AND a.status = \(bind: AttendanceStatus.attended.rawValue)) AS participants,
                   (SELECT CAST(SUM(s.cost_pence) AS BIGINT) FROM \(ident: TrainingSession.schema) s WHERE s.round_id = r.id) AS cost_pence
            FROM \(ident: TrainingRound.schema) r JOIN \(ident: Partnership.schema) p ON p.id = r.partnership_id
            WHERE r.partnership_id IN (\(binds: Array(scope)))
            ORDER BY r.starts_on DESC, r.name
            """).all(decoding: RoundTotals.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct RegisterRow: Decodable, Sendable {
        var id: UUID
        var number: Int
        var name: String
        var referrer: String?
        var ethnicityCode: String?
        var ethnicityDetail: String
        var gender: String
        var ageBand: String
        var residence: String?
        var role: String
        var status: String
    }

    static func register(of sessionID: UUID, on sql: any SQLDatabase) async throws -> [RegisterRow] {
        try await sql.raw("""
            SELECT a.id, a.number, a.name, COALESCE(o.name, a.referring_text) AS referrer, a.ethnicity_code, a.ethnicity_detail, a.gender,
                   a.age_band, p.name AS residence, a.role, a.status
            FROM \(ident: Attendance.schema) a
            LEFT JOIN \(ident: CommunityGroup.schema) o ON o.id = a.referring_organisation_id
            LEFT JOIN \(ident: Partnership.schema) p ON p.id = a.residence_partnership_id
            WHERE a.session_id = \(bind: sessionID) ORDER BY a.number
            """).all(decoding: RegisterRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
