import ConduitCore
import Fluent
import Foundation
import SQLKit

/// A group's safeguarding readiness as stored, one row per item.
enum ReadinessStore {
    static func entries(of groupID: UUID, on db: any Database) async throws -> [ReadinessEntry] {
        try await ReadinessRecord.query(on: db).filter(\.$organisation.$id == groupID).all().compactMap(entry)
    }

    static func entry(_ record: ReadinessRecord) -> ReadinessEntry? {
        guard let item = ReadinessItem(rawValue: record.item), let status = ReadinessStatus(rawValue: record.status) else { return nil }
        return ReadinessEntry(item: item, status: status, evidence: record.evidence,
                              lastReviewed: record.lastReviewedOn.flatMap(CalendarDate.init(iso:)),
                              reviewDue: record.reviewDueOn.flatMap(CalendarDate.init(iso:)),
                              checkedCount: record.checkedCount, totalCount: record.totalCount)
    }

    /// Writes the given items (others stay as they are), in one transaction.
    static func save(_ entries: [ReadinessEntry], groupID: UUID, by userID: UUID?, on db: any Database) async throws {
        try await db.transaction { db in
            let existing = try await ReadinessRecord.query(on: db).filter(\.$organisation.$id == groupID).all()
            for entry in entries {
                let record = existing.first { $0.item == entry.item.rawValue } ?? ReadinessRecord()
                record.$organisation.id = groupID
                record.item = entry.item.rawValue
                record.status = entry.status.rawValue
                record.evidence = entry.evidence
                record.lastReviewedOn = entry.lastReviewed?.description
                record.reviewDueOn = entry.reviewDue?.description
                record.dueOn = Readiness.dueDate(of: entry)?.description
                record.checkedCount = entry.checkedCount
                record.totalCount = entry.totalCount
                record.updatedBy = userID
                try await record.save(on: db)
            }
        }
    }

    struct Due: Decodable, Sendable {
        var organisation_id: UUID
        var name: String
        var item: String
        var due_on: String
    }

    /// Items met but lapsing on or before `until` (including those already lapsed), of groups the person may read.
    static func due(until: CalendarDate, scope: Set<UUID>, limit: Int, on sql: any SQLDatabase) async throws -> [Due] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT r.organisation_id, o.name, r.item, r.due_on
            FROM \(ident: ReadinessRecord.schema) r JOIN \(ident: Organisation.schema) o ON o.id = r.organisation_id
            WHERE r.status = \(bind: ReadinessStatus.met.rawValue) AND r.due_on IS NOT NULL AND r.due_on <= \(bind: until.description)
              AND o.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))
            ORDER BY r.due_on, o.name_key
            LIMIT \(literal: limit)
            """).all(decoding: Due.self)
    }
}
