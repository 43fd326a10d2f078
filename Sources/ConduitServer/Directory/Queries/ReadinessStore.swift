import ConduitCore
import Crypto
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

    /// A short digest of a group's stored readiness: the "version" a form or API client
    /// read, so a save based on an older state is refused instead of overwriting it.
    static func fingerprint(_ entries: [ReadinessEntry]) -> String {
        let text = entries.sorted { $0.item.rawValue < $1.item.rawValue }.map { entry in
            [entry.item.rawValue, entry.status.rawValue, entry.evidence, entry.lastReviewed?.description ?? "", entry.reviewDue?.description ?? "",
             entry.checkedCount.map(String.init) ?? "", entry.totalCount.map(String.init) ?? ""].joined(separator: "\u{1F}")
        }.joined(separator: "\u{1E}")
        return SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes the given items (others stay as they are), in one transaction; refused
    /// with VersionConflict if the stored readiness no longer has `expectedFingerprint`.
    static func save(_ entries: [ReadinessEntry], groupID: UUID, by userID: UUID?, expectedFingerprint: String? = nil, on db: any Database) async throws {
        try await db.transaction { db in
            let existing = try await ReadinessRecord.query(on: db).filter(\.$organisation.$id == groupID).all()
            if let expectedFingerprint, fingerprint(existing.compactMap(entry)) != expectedFingerprint { throw VersionConflict() }
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
        var organisationId: UUID
        var name: String
        var item: String
        var dueOn: String
    }

    /// Items met but lapsing on or before `until` (including those already lapsed), of groups the person may read.
    static func due(until: CalendarDate, scope: Set<UUID>, limit: Int, on sql: any SQLDatabase) async throws -> [Due] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT r.organisation_id, o.name, r.item, r.due_on
            FROM \(ident: ReadinessRecord.schema) r JOIN \(ident: CommunityGroup.schema) o ON o.id = r.organisation_id
            WHERE r.status = \(bind: ReadinessStatus.met.rawValue) AND r.due_on IS NOT NULL AND r.due_on <= \(bind: until.description)
              AND o.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))
            ORDER BY r.due_on, o.name_key
            LIMIT \(literal: limit)
            """).all(decoding: Due.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
