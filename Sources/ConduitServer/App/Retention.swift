import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Applies each partnership's retention periods (issue 16): what is due, per partnership and
/// kind of record, and anonymising it, each kind of one partnership in its own transaction
/// with its audit entry, so a run stopped half-way leaves nothing half done.
enum Retention {
    struct Due: Sendable {
        var partnershipID: UUID
        var partnershipName: String
        var record: RetentionRecord
        var years: Int
        var cutoff: CalendarDate
        var count: Int
    }

    /// Each partnership's period for each kind of record: its own setting, or the default.
    static func periods(on db: any Database) async throws -> [UUID: [RetentionRecord: Int]] {
        var periods: [UUID: [RetentionRecord: Int]] = [:]
        for row in try await RetentionPeriod.query(on: db).all() {
            guard let record = RetentionRecord(rawValue: row.recordType) else { continue }
            periods[row.$partnership.id, default: [:]][record] = row.years
        }
        return periods
    }

    /// What would be anonymised today, per partnership and kind of record (nothing changes).
    static func due(today: CalendarDate, on db: any Database) async throws -> [Due] {
        let sql = db as! any SQLDatabase
        let partnerships = try await Partnership.query(on: db).filter(\.$kind == .partnership).sort(\.$name).all()
        let periods = try await periods(on: db)
        var due: [Due] = []
        for partnership in partnerships {
            let id = try partnership.requireID()
            for record in RetentionRecord.allCases {
                let years = periods[id]?[record] ?? record.defaultYears
                let cutoff = RetentionRecord.cutoff(years: years, today: today)
                let count = switch record {
                case .concerns: try await ConcernPersonalData.count(partnershipID: id, before: cutoff.start(in: Formats.ukTimeZone), on: sql)
                case .contacts: try await ContactPersonalData.count(partnershipID: id, before: cutoff.start(in: Formats.ukTimeZone), on: sql)
                case .participants: try await ParticipantPersonalData.count(partnershipID: id, before: cutoff, on: sql)
                }
                due.append(.init(partnershipID: id, partnershipName: partnership.name, record: record, years: years, cutoff: cutoff, count: count))
            }
        }
        return due
    }

    /// Anonymises what is due, recording each batch in the audit trail as the system's act.
    static func apply(_ due: [Due], now: Date, on db: any Database) async throws -> Int {
        var total = 0
        for item in due where item.count > 0 {
            let changed = try await db.transaction { db in
                let sql = db as! any SQLDatabase
                let start = item.cutoff.start(in: Formats.ukTimeZone)
                return switch item.record {
                case .concerns: try await ConcernPersonalData.anonymise(partnershipID: item.partnershipID, before: start, now: now, on: sql)
                case .contacts: try await ContactPersonalData.anonymise(partnershipID: item.partnershipID, before: start, now: now, on: sql)
                case .participants: try await ParticipantPersonalData.anonymise(partnershipID: item.partnershipID, before: item.cutoff, on: sql)
                }
            }
            try await AuditTrail.append(.init("retention.anonymise", recordType: item.record.rawValue, partnershipID: item.partnershipID,
                                              detail: "\(changed) \(item.record.title.lowercased()) from before \(item.cutoff) (\(item.years) years)"),
                                        actor: .system, address: nil, at: now, on: db)
            total += changed
        }
        return total
    }
}
