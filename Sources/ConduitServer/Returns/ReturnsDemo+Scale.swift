import ConduitCore
import Foundation
import SQLKit

/// A quarterly return, a row in `returns`.
private struct ReturnRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var period_key: String
    var source: String
    var status: String
    var note: String
    var comment: String
    var first_submitted_on: String?
    var submitted_at: Date?
    var approved_at: Date?
    var partnership_id: UUID
    var entered_by: UUID?
    var approved_by: UUID?
}

/// One figure of a return, a row in `return_cells`.
private struct CellRow: Encodable, Sendable {
    var return_id: UUID
    var category: String
    var breakdown: String
    var count: Int
    var record_key: Int
}

/// A partnership's child population in a year, the denominator of its rates, a row in `child_populations`.
private struct PopulationRow: Encodable, Sendable {
    var partnership_id: UUID
    var year: Int
    var children: Int
    var source: String
}

// The London-scale returns: every partnership's quarters from each source, the last quarter
// still coming in, each return through the return rules as on submission.
extension LondonScale.Generator {
    func returns() async throws {
        let last = ReportingPeriod.quarter(containing: today).previous
        let quarters = ReportingPeriod.quarters(from: last.advanced(by: -(size.years * 4 - 1)), through: last)
        let now = app.clock.now
        let total = partnerships.count * quarters.count
        let returns = BulkInsert<ReturnRow>(Return.schema)
        let cellRows = BulkInsert<CellRow>(ReturnTables.cells, after: returns)
        let populations = BulkInsert<PopulationRow>(ReturnTables.populations, after: returns)
        try await phase([returns, cellRows, populations]) { me, sql in
            var done = 0
            for partnership in me.partnerships {
                var lastYear: [String: [AbuseCategory: Int]] = [:]
                for year in Set(quarters.map(\.startYear)).sorted() {
                    try await populations.add(.init(partnership_id: partnership.id, year: year, children: partnership.weight * 800 + me.random.int(0...2_000),
                                                    source: "Synthetic figures, not official estimates"), on: sql)
                }
                for quarter in quarters {
                    for source in ReturnSource.allCases {
                        let isLast = quarter == last
                        if isLast && me.random.chance(12) { continue }
                        if source == .community && me.random.chance(50) { continue }
                        let status: ReturnStatus = isLast ? me.random.pick([.approved, .approved, .submitted, .draft]) : .approved
                        let cells = ReturnsDemo.cells(source, random: &me.random)
                        // The return rules as on submission: figures in range, breakdowns adding up, a note for a jump.
                        let baseline = lastYear["\(quarter.samePeriodLastYear.key) \(source.rawValue)"] ?? [:]
                        var note = ""
                        if !ReturnValidation.jumps(in: cells, lastYear: baseline).isEmpty { note = "A change in how cases are recorded this quarter" }
                        let problems = ReturnValidation.problems(for: cells, lastYear: baseline, note: note)
                        guard problems.isEmpty else { throw Settings.Problem(description: "Generated return refused: \(problems)") }
                        lastYear["\(quarter.key) \(source.rawValue)"] = Dictionary(uniqueKeysWithValues: AbuseCategory.allCases.map { ($0, cells[ReturnCellKey(category: $0, breakdown: .total)] ?? 0) })
                        let submittedOn = status == .draft ? nil : min(quarter.defaultDeadline.adding(days: me.random.chance(15) ? me.random.int(1...40) : -me.random.int(0...25)), me.today)
                        let id = me.uuid()
                        let submittedAt = submittedOn?.start(in: Formats.ukTimeZone)
                        let approved = status == .approved
                        try await returns.add(.init(id: id, created_at: now, updated_at: now, period_key: quarter.key, source: source.rawValue, status: status.rawValue,
                                                    note: note, comment: "", first_submitted_on: submittedOn?.description, submitted_at: submittedAt,
                                                    approved_at: approved ? submittedAt : nil, partnership_id: partnership.id, entered_by: nil,
                                                    approved_by: approved ? me.coordinator : nil), on: sql)
                        for (key, count) in cells.sorted(by: { $0.key.fieldName < $1.key.fieldName }) {
                            try await cellRows.add(.init(return_id: id, category: key.category.rawValue, breakdown: key.breakdown.key, count: count, record_key: RecordKey.random()), on: sql)
                        }
                    }
                    done += 1
                    me.progress.show("quarterly returns (partnership quarters)", done: done, of: total)
                }
            }
        }
    }
}
