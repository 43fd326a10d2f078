import ConduitCore
import Foundation
import SQLKit

/// The returns a person may read, a page at a time, for the returns page and the API's list.
enum ReadableReturns {
    struct Row: Decodable, Sendable {
        var id: UUID
        var periodKey: String
        var source: String
        var status: String
        var partnership: String
        var firstSubmittedOn: String?
    }

    /// Who may read which returns: coordinators every source of their partnerships; submitters
    /// their own sources. Nil when the person reads none.
    fileprivate static func readable(by visitor: Visitor) -> SQLQueryString? {
        let approving = visitor.scope(.approveReturns)
        var clauses: [SQLQueryString] = approving.isEmpty ? [] : ["r.partnership_id IN (\(binds: Array(approving)))"]
        for membership in visitor.memberships where Policy.actions(of: membership.role).contains(.enterReturns) && !approving.contains(membership.partnershipID) {
            clauses.append(membership.returnSource.map { "(r.partnership_id = \(bind: membership.partnershipID) AND r.source = \(bind: $0.rawValue))" }
                           ?? "r.partnership_id = \(bind: membership.partnershipID)")
        }
        guard !clauses.isEmpty else { return nil }
        return "(" + clauses.joined(separator: " OR ") + ")"
    }

    /// The returns the person may read, of this status and period when given.
    struct Filter: Sendable {
        var status: String?
        var period: String?

        func condition(for visitor: Visitor) -> SQLQueryString? {
            guard var condition = ReadableReturns.readable(by: visitor) else { return nil }
            if let status { condition = condition + " AND r.status = \(bind: status)" }
            if let period { condition = condition + " AND r.period_key = \(bind: period)" }
            return condition
        }
    }

    /// Whether the person reads any returns at all.
    static func exist(for visitor: Visitor) -> Bool { readable(by: visitor) != nil }

    static func count(_ filter: Filter, readableBy visitor: Visitor, on sql: any SQLDatabase) async throws -> Int {
        guard let condition = filter.condition(for: visitor) else { return 0 }
        return try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: Return.schema) r WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A page of them: newest period first, then partnership and source.
    static func rows(_ filter: Filter, readableBy visitor: Visitor, limit: Int, offset: Int, on sql: any SQLDatabase) async throws -> [Row] {
        guard let condition = filter.condition(for: visitor) else { return [] }
        return try await sql.raw("""
            SELECT r.id, r.period_key, r.source, r.status, p.name AS partnership, r.first_submitted_on
            FROM \(ident: Return.schema) r JOIN \(ident: Partnership.schema) p ON p.id = r.partnership_id
            WHERE \(condition) ORDER BY r.period_key DESC, p.name, r.source, r.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
