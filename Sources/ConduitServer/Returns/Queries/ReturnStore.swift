import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Returns' cells, deadlines and the figures a return is checked against.
enum ReturnStore {
    private struct CellRow: Decodable {
        var category: String
        var breakdown: String
        var count: Int
    }

    /// The counts entered in a return; blank cells are absent.
    static func cells(of returnID: UUID, on sql: any SQLDatabase) async throws -> [ReturnCellKey: Int] {
        let rows = try await sql.select().columns("category", "breakdown", "count").from(ReturnTables.cells)
            .where("return_id", .equal, returnID).all(decoding: CellRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var cells: [ReturnCellKey: Int] = [:]
        for row in rows {
            guard let category = AbuseCategory(rawValue: row.category), let breakdown = Breakdown(key: row.breakdown) else { continue }
            cells[ReturnCellKey(category: category, breakdown: breakdown)] = row.count
        }
        return cells
    }

    /// Saves the return (its status, note, comment) and replaces its cells, if it is still at `expectedVersion`.
    static func save(_ ret: Return, cells: [ReturnCellKey: Int], expectedVersion: Int, on db: any Database) async throws {
        let id = try ret.requireID()
        try await ret.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            let sql = db as! any SQLDatabase
            // A cell keeps its record key across saves: a new key each time would give an
            // unchanged figure a new adjustment, and adjustments drawn again and again average out.
            struct KeyRow: Decodable { var category: String; var breakdown: String; var recordKey: Int }
            let kept = try await sql.select().columns("category", "breakdown", "record_key").from(ReturnTables.cells)
                .where("return_id", .equal, id).all(decoding: KeyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            let keys = Dictionary(kept.map { ("\($0.category)|\($0.breakdown)", $0.recordKey) }, uniquingKeysWith: { first, _ in first })
            try await sql.delete(from: ReturnTables.cells).where("return_id", .equal, id).run()
            for chunk in Array(cells).sorted(by: { $0.key.fieldName < $1.key.fieldName }).chunked(into: 100) {
                var insert = sql.insert(into: ReturnTables.cells).columns("return_id", "category", "breakdown", "count", "record_key")
                for (key, count) in chunk {
                    insert = insert.values(SQLBind(id), SQLBind(key.category.rawValue), SQLBind(key.breakdown.key), SQLBind(count),
                                           SQLBind(keys["\(key.category.rawValue)|\(key.breakdown.key)"] ?? RecordKey.random()))
                }
                try await insert.run()
            }
        }
    }

    /// The category totals of the same partnership and source for the same quarter last year,
    /// if that return was submitted: the baseline of the jump rule.
    static func lastYearTotals(partnershipID: UUID, period: ReportingPeriod, source: ReturnSource, on sql: any SQLDatabase) async throws -> [AbuseCategory: Int] {
        struct Row: Decodable { var category: String; var count: Int }
        let rows = try await sql.raw("""
            SELECT c.category, c.count FROM \(ident: ReturnTables.cells) c JOIN \(ident: Return.schema) r ON r.id = c.return_id
            WHERE r.partnership_id = \(bind: partnershipID) AND r.period_key = \(bind: period.samePeriodLastYear.key) AND r.source = \(bind: source.rawValue)
              AND r.status IN ('submitted', 'approved') AND c.breakdown = 'total'
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(rows.compactMap { row in AbuseCategory(rawValue: row.category).map { ($0, row.count) } }, uniquingKeysWith: { first, _ in first })
    }

    private struct DeadlineRow: Decodable {
        var periodKey: String
        var partnershipId: UUID?
        var deadline: String
    }

    /// The deadlines of the periods for the partnerships: each partnership's own where its
    /// coordinator set one, else one set for every partnership before deadlines were kept per
    /// partnership, else the period's default.
    static func deadlines(of periods: [ReportingPeriod], for partnerships: [UUID], on sql: any SQLDatabase) async throws -> [ReportingPeriod: [UUID: CalendarDate]] {
        guard !periods.isEmpty else { return [:] }
        let keys = SQLBind.group(periods.map(\.key))
        let shared = try await sql.select().columns("period_key", "deadline").from(ReturnTables.deadlines)
            .where("period_key", .in, keys).all(decoding: DeadlineRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let own = partnerships.isEmpty ? [] : try await sql.select().columns("period_key", "partnership_id", "deadline").from(ReturnTables.partnershipDeadlines)
            .where("period_key", .in, keys).where("partnership_id", .in, SQLBind.group(partnerships)).all(decoding: DeadlineRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var deadlines: [ReportingPeriod: [UUID: CalendarDate]] = [:]
        for period in periods {
            let fallback = shared.first { $0.periodKey == period.key }.flatMap { CalendarDate(iso: $0.deadline) } ?? period.defaultDeadline
            deadlines[period] = Dictionary(uniqueKeysWithValues: partnerships.map { partnership in
                (partnership, own.first { $0.periodKey == period.key && $0.partnershipId == partnership }.flatMap { CalendarDate(iso: $0.deadline) } ?? fallback)
            })
        }
        return deadlines
    }

    /// One partnership's deadline for a period.
    static func deadline(of period: ReportingPeriod, for partnership: UUID, on sql: any SQLDatabase) async throws -> CalendarDate {
        try await deadlines(of: [period], for: [partnership], on: sql)[period]?[partnership] ?? period.defaultDeadline
    }

    /// Sets the period's deadline for these partnerships, and only these.
    static func setDeadline(_ deadline: CalendarDate, of period: ReportingPeriod, for partnerships: [UUID], on sql: any SQLDatabase) async throws {
        guard !partnerships.isEmpty else { return }
        // One statement, so two coordinators saving at once cannot both insert the same row.
        let insert = sql.insert(into: ReturnTables.partnershipDeadlines).columns("period_key", "partnership_id", "deadline")
        for partnership in partnerships { insert.values(SQLBind(period.key), SQLBind(partnership), SQLBind(deadline.description)) }
        try await insert.onConflict(with: ["period_key", "partnership_id"]) { $0.set(excludedValueOf: "deadline") }.run()
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
