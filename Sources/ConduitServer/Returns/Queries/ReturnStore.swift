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
            .where("return_id", .equal, returnID).all(decoding: CellRow.self)
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
            try await sql.delete(from: ReturnTables.cells).where("return_id", .equal, id).run()
            for chunk in Array(cells).sorted(by: { $0.key.fieldName < $1.key.fieldName }).chunked(into: 100) {
                var insert = sql.insert(into: ReturnTables.cells).columns("return_id", "category", "breakdown", "count")
                for (key, count) in chunk {
                    insert = insert.values(SQLBind(id), SQLBind(key.category.rawValue), SQLBind(key.breakdown.key), SQLBind(count))
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
            """).all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in AbuseCategory(rawValue: row.category).map { ($0, row.count) } }, uniquingKeysWith: { first, _ in first })
    }

    /// Each period's deadline: the coordinators' where set, else the default.
    static func deadlines(of periods: [ReportingPeriod], on sql: any SQLDatabase) async throws -> [ReportingPeriod: CalendarDate] {
        struct Row: Decodable { var period_key: String; var deadline: String }
        let set = periods.isEmpty ? [] : try await sql.select().columns("period_key", "deadline").from(ReturnTables.deadlines)
            .where("period_key", .in, SQLBind.group(periods.map(\.key))).all(decoding: Row.self)
        var deadlines: [ReportingPeriod: CalendarDate] = [:]
        for period in periods {
            deadlines[period] = set.first { $0.period_key == period.key }.flatMap { CalendarDate(iso: $0.deadline) } ?? period.defaultDeadline
        }
        return deadlines
    }

    static func setDeadline(_ deadline: CalendarDate, of period: ReportingPeriod, on sql: any SQLDatabase) async throws {
        try await sql.delete(from: ReturnTables.deadlines).where("period_key", .equal, period.key).run()
        try await sql.insert(into: ReturnTables.deadlines).columns("period_key", "deadline").values(SQLBind(period.key), SQLBind(deadline.description)).run()
    }
}

extension Array {
    func chunked(into size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
