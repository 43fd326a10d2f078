import ConduitCore
import Foundation
import SQLKit

/// Approved figures, added up in SQL: only approved returns count, as only they are checked.
enum ReturnFigures {
    struct Total: Decodable, Sendable {
        var periodKey: String
        var category: String
        var partnershipId: UUID
        var n: Int
        /// The sum of the record keys of the return cells added up, for adjusted figures.
        var k: Int
    }

    /// Category totals per period and partnership for one source.
    static func totals(source: ReturnSource, from: ReportingPeriod, to: ReportingPeriod, partnershipIDs: [UUID],
                       on sql: any SQLDatabase) async throws -> [Total] {
        guard !partnershipIDs.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT r.period_key, c.category, r.partnership_id, CAST(SUM(c.count) AS BIGINT) AS n, CAST(SUM(c.record_key) AS BIGINT) AS k
            FROM \(ident: ReturnTables.cells) c JOIN \(ident: Return.schema) r ON r.id = c.return_id
            WHERE r.status = \(bind: ReturnStatus.approved.rawValue) AND r.source = \(bind: source.rawValue) AND c.breakdown = 'total'
              AND r.period_key >= \(bind: from.key) AND r.period_key <= \(bind: to.key) AND r.partnership_id IN (\(binds: partnershipIDs))
            GROUP BY r.period_key, c.category, r.partnership_id
            """).all(decoding: Total.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct Approved: Decodable, Hashable, Sendable {
        var partnershipId: UUID
        var periodKey: String
        var source: String
    }

    /// Which returns are approved: a partnership without one shows "—", not 0.
    static func approved(sources: [ReturnSource], from: ReportingPeriod, to: ReportingPeriod, partnershipIDs: [UUID],
                         on sql: any SQLDatabase) async throws -> Set<Approved> {
        guard !partnershipIDs.isEmpty else { return [] }
        return Set(try await sql.raw("""
            SELECT partnership_id, period_key, source FROM \(ident: Return.schema)
            WHERE status = \(bind: ReturnStatus.approved.rawValue) AND source IN (\(binds: sources.map(\.rawValue)))
              AND period_key >= \(bind: from.key) AND period_key <= \(bind: to.key) AND partnership_id IN (\(binds: partnershipIDs))
            """).all(decoding: Approved.self, keyDecodingStrategy: .convertFromSnakeCase))
    }

    struct SourceTotal: Decodable, Sendable {
        var partnershipId: UUID
        var source: String
        var n: Int
        var k: Int
    }

    /// One category's approved totals for a period from the local authority and the police, per partnership.
    static func twoSources(period: ReportingPeriod, category: AbuseCategory, partnershipIDs: [UUID], on sql: any SQLDatabase) async throws -> [SourceTotal] {
        guard !partnershipIDs.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT r.partnership_id, r.source, CAST(SUM(c.count) AS BIGINT) AS n, CAST(SUM(c.record_key) AS BIGINT) AS k
            FROM \(ident: ReturnTables.cells) c JOIN \(ident: Return.schema) r ON r.id = c.return_id
            WHERE r.status = \(bind: ReturnStatus.approved.rawValue) AND r.period_key = \(bind: period.key) AND c.category = \(bind: category.rawValue)
              AND c.breakdown = 'total' AND r.source IN ('local_authority', 'police') AND r.partnership_id IN (\(binds: partnershipIDs))
            GROUP BY r.partnership_id, r.source
            """).all(decoding: SourceTotal.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct Population: Decodable, Sendable {
        var partnershipId: UUID
        var year: Int
        var children: Int
        var source: String
    }

    /// The child population of each partnership for the latest year up to `year`.
    static func populations(upTo year: Int, partnershipIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Population] {
        guard !partnershipIDs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT partnership_id, year, children, source FROM \(ident: ReturnTables.populations)
            WHERE year <= \(bind: year) AND partnership_id IN (\(binds: partnershipIDs)) ORDER BY year
            """).all(decoding: Population.self, keyDecodingStrategy: .convertFromSnakeCase)
        // Ordered by year, so the latest wins.
        return Dictionary(rows.map { ($0.partnershipId, $0) }, uniquingKeysWith: { _, latest in latest })
    }

    struct NoteRow: Decodable, Sendable {
        var partnershipId: UUID
        var source: String
        var note: String
    }

    /// Each side's explanations of the differences for a quarter and category.
    static func comparisonNotes(period: ReportingPeriod, category: AbuseCategory, partnershipIDs: [UUID], on sql: any SQLDatabase) async throws -> [NoteRow] {
        guard !partnershipIDs.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT partnership_id, source, note FROM \(ident: ReturnTables.comparisonNotes)
            WHERE period_key = \(bind: period.key) AND category = \(bind: category.rawValue) AND partnership_id IN (\(binds: partnershipIDs))
            ORDER BY source
            """).all(decoding: NoteRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// One side's explanation of the gap, replacing its earlier note.
    static func saveComparisonNote(_ note: String, partnershipID: UUID, period: ReportingPeriod, category: AbuseCategory, source: ReturnSource,
                                   by writer: UUID, at now: Date, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: ReturnTables.comparisonNotes).where("partnership_id", .equal, partnershipID).where("period_key", .equal, period.key)
            .where("category", .equal, category.rawValue).where("source", .equal, source.rawValue).run()
        try await sql.insert(into: ReturnTables.comparisonNotes).columns("partnership_id", "period_key", "category", "source", "note", "written_by", "written_at")
            .values(SQLBind(partnershipID), SQLBind(period.key), SQLBind(category.rawValue), SQLBind(source.rawValue), SQLBind(note), SQLBind(writer), SQLBind(now)).run()
    }
}
