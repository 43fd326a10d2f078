import ConduitCore
import Foundation
import SQLKit

/// The concerns a person may open, for the partnership's list, the adviser's home page and
/// the coordinator's overview: scoped by `visitor.scope(.readConcerns)` before anything else.
enum ConcernList {
    struct Row: Decodable, Sendable {
        var id: UUID
        var state: String
        var urgent: Bool
        var receivedAt: Date
        var positionOfTrust: Bool
        var partnershipId: UUID
        var partnershipName: String
        var adviserName: String
        var firstReferredAt: Date?
        var firstDecidedOn: String?
        var categories: [ConcernCategory]? = nil

        func timeliness(now: Date) -> ConcernTimeliness {
            ConcernTimeliness(receivedAt: receivedAt, urgent: urgent, referredAt: firstReferredAt,
                              decidedOn: firstDecidedOn.flatMap(CalendarDate.init(iso:)), now: now, timeZone: Formats.ukTimeZone)
        }
    }

    /// Which concerns a list shows.
    enum Show: String, Sendable, CaseIterable {
        case current, closed, all

        var states: [ConcernState] {
            switch self {
            case .current: [.incomplete, .open]
            case .closed: [.closed]
            case .all: ConcernState.allCases
            }
        }
    }

    private static func select(scope: Set<UUID>, states: [ConcernState]) -> SQLQueryString {
        """
        SELECT c.id, c.state, c.urgent, c.received_at, c.position_of_trust, c.partnership_id, p.name AS partnership_name,
               u.display_name AS adviser_name,
               (SELECT MIN(r.referred_at) FROM \(ident: ConcernReferral.schema) r WHERE r.concern_id = c.id) AS first_referred_at,
               (SELECT MIN(r.decided_on) FROM \(ident: ConcernReferral.schema) r WHERE r.concern_id = c.id) AS first_decided_on
        FROM \(ident: Concern.schema) c
        JOIN \(ident: Partnership.schema) p ON p.id = c.partnership_id
        JOIN \(ident: User.schema) u ON u.id = c.adviser_id
        WHERE c.partnership_id IN (\(binds: Array(scope))) AND c.state IN (\(binds: states.map(\.rawValue)))
        """
    }

    /// One page of concerns, newest first.
    static func page(scope: Set<UUID>, show: Show, page: Int?, perPage: Int = 25, on sql: any SQLDatabase) async throws -> (rows: [Row], pagination: Pagination) {
        guard !scope.isEmpty else { return ([], Pagination(page: 1, total: 0)) }
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM \(ident: Concern.schema)
            WHERE partnership_id IN (\(binds: Array(scope))) AND state IN (\(binds: show.states.map(\.rawValue)))
            """).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        let pagination = Pagination(page: page, perPage: perPage, total: total)
        let rows = try await sql.raw(select(scope: scope, states: show.states) + " ORDER BY c.received_at DESC LIMIT \(literal: pagination.perPage) OFFSET \(literal: pagination.offset)")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (try await withCategories(rows, on: sql), pagination)
    }

    /// The concerns not yet closed whose timeliness needs the adviser now: not referred in
    /// time, or no outcome after 10 working days. Open concerns are few (tens a partnership),
    /// and working days are a rule of ConduitCore, so the rule runs over them here.
    static func needingAction(scope: Set<UUID>, now: Date, on sql: any SQLDatabase) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        let rows = try await sql.raw(select(scope: scope, states: [.incomplete, .open]) + " ORDER BY c.received_at")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return try await withCategories(rows.filter { $0.timeliness(now: now).needsAction }, on: sql)
    }

    /// Per partnership: concerns not yet closed, and those needing action now (the coordinator's overview).
    struct PartnershipLine: Sendable {
        var partnershipID: UUID
        var name: String
        var current: Int
        var needingAction: Int
        var urgent: Int
    }

    static func overview(scope: Set<UUID>, now: Date, on sql: any SQLDatabase) async throws -> [PartnershipLine] {
        guard !scope.isEmpty else { return [] }
        let rows = try await sql.raw(select(scope: scope, states: [.incomplete, .open]))
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(grouping: rows, by: \.partnershipId).map { id, rows in
            PartnershipLine(partnershipID: id, name: rows[0].partnershipName, current: rows.count,
                            needingAction: rows.filter { $0.timeliness(now: now).needsAction }.count, urgent: rows.filter(\.urgent).count)
        }.sorted { $0.name < $1.name }
    }

    private static func withCategories(_ rows: [Row], on sql: any SQLDatabase) async throws -> [Row] {
        guard !rows.isEmpty else { return rows }
        struct CategoryRow: Decodable { var concernId: UUID; var category: String }
        let categories = try await sql.raw("""
            SELECT concern_id, category FROM \(ident: ConcernTables.categories) WHERE concern_id IN (\(binds: rows.map(\.id)))
            """).all(decoding: CategoryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byConcern = Dictionary(grouping: categories, by: \.concernId)
        return rows.map { row in
            var row = row
            let codes = Set((byConcern[row.id] ?? []).map(\.category))
            row.categories = ConcernCategory.allCases.filter { codes.contains($0.code) }
            return row
        }
    }
}
