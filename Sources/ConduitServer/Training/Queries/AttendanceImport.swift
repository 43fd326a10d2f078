import ConduitCore
import Fluent
import Foundation
import SQLKit

/// The registers of many sessions from one file (`conduit import attendances`): years of
/// paper registers typed up, or another system's export. Every row passes the register's
/// own check (RegisterRows) and names a session that exists; one bad row and nothing is
/// written. The rows go in as one transaction, many to a statement.
enum AttendanceImport {
    static let sessionColumn = "session_id"

    struct Refused: Error {
        var message: String?
        var problems: [DirectoryImport.RowProblem]
        /// Problems beyond those kept in `problems`.
        var more: Int
    }

    private struct SessionRow: Decodable {
        var id: UUID
        var next_reference: Int
    }

    /// Checks the whole file, then writes it. Returns the participants and sessions written.
    static func run(_ text: String, on db: any Database) async throws -> (participants: Int, sessions: Int) {
        let sql = db as! any SQLDatabase
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw Refused(message: "Line \(error.line) cannot be read: \(error.message)", problems: [], more: 0) }
        let groups = try await sql.raw("SELECT id, name FROM \(ident: CommunityGroup.schema) WHERE merged_into_id IS NULL").all(decoding: EngagementStore.GroupOption.self)
        let codes = try await DirectoryLookups.partnershipsByCodeAndName(on: sql)
        var rows: RegisterRows
        do {
            rows = try RegisterRows(header: records.first, groups: groups, partnerships: Array(Set(codes.values)),
                                    partnershipCodes: codes, extraColumns: [sessionColumn])
        } catch { throw Refused(message: error.message, problems: [], more: 0) }
        guard records.count > 1 else { throw Refused(message: "The file has a header row but no participants.", problems: [], more: 0) }

        let sessions = try await sql.raw("SELECT id, next_reference FROM \(ident: TrainingSession.schema)").all(decoding: SessionRow.self)
        var next = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0.next_reference) })
        var sessionIDs: [String: UUID] = [:]
        var checked: [(session: UUID, values: AttendanceValues)] = []
        checked.reserveCapacity(records.count - 1)
        var problems: [DirectoryImport.RowProblem] = []
        var problemCount = 0
        for record in records.dropFirst() {
            var (values, rowProblems) = rows.check(record)
            let text = rows.field(sessionColumn, of: record)
            let session = sessionIDs[text] ?? UUID(uuidString: text).flatMap { next[$0] == nil ? nil : $0 }
            if let session { sessionIDs[text] = session } else {
                rowProblems.append(.init(line: record.line, column: sessionColumn, message: text.isEmpty ? "Enter the session's id" : "No training session has the id \(text)"))
                values = nil
            }
            if let values, let session { checked.append((session, values)) }
            problemCount += rowProblems.count
            if problems.count < 100 { problems += rowProblems.prefix(100 - problems.count) }
        }
        guard problemCount == 0 else { throw Refused(message: nil, problems: problems, more: problemCount - problems.count) }

        // Each session's participants are numbered on from its register.
        let numbers = checked.map { row in
            defer { next[row.session]! += 1 }
            return next[row.session]!
        }
        let participants = checked
        let now = Date()
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            // SQLite's default page cache (2 MB) spills while a million index entries go in,
            // and each statement's undo journal goes to a temporary file: this connection may
            // use up to 256 MB of memory for both instead.
            if sql.dialect.name == "sqlite" {
                try await sql.raw("PRAGMA cache_size = -262144").run()
                try await sql.raw("PRAGMA temp_store = MEMORY").run()
            }
            var ids = TimeOrderedIDs(now: now)
            let attendances = BulkInsert(Attendance.schema, columns: [
                "id", "created_at", "number", "name", "referring_text", "ethnicity_code", "ethnicity_major", "ethnicity_detail", "gender", "age_band", "role", "status",
                "session_id", "referring_organisation_id", "residence_partnership_id", "record_key"])
            for ((session, values), number) in zip(participants, numbers) {
                try await attendances.add([ids.next(), now, number, values.name, values.referringText, values.ethnicity?.code, values.ethnicity?.major.rawValue,
                                           values.ethnicityDetail, values.gender.rawValue, values.ageBand.rawValue, values.role.rawValue, values.status.rawValue,
                                           session, values.referringOrganisationID, values.residencePartnershipID, RecordKey.random()], on: sql)
            }
            try await attendances.flush(on: sql)
            // The next participant at the door of each session gets the number after these.
            let touched = Array(Set(participants.map(\.session)))
            for chunk in touched.chunked(into: 5_000) {
                try await sql.raw("""
                    UPDATE \(ident: TrainingSession.schema) SET next_reference =
                      (SELECT MAX(a.number) + 1 FROM \(ident: Attendance.schema) a WHERE a.session_id = \(ident: TrainingSession.schema).id)
                    WHERE id IN (\(binds: chunk))
                    """).run()
            }
        }
        return (checked.count, Set(checked.map(\.session)).count)
    }
}
