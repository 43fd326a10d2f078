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

    /// A participant's row in `attendances`, as checked by the register: the import and the
    /// London-scale data set write the same row.
    struct Row: Encodable, Sendable {
        var id: UUID
        var created_at: Date
        var number: Int
        var name: String
        var referring_text: String
        var ethnicity_code: String?
        var ethnicity_major: String?
        var ethnicity_detail: String
        var gender: String
        var age_band: String
        var role: String
        var status: String
        var session_id: UUID
        var referring_organisation_id: UUID?
        var residence_partnership_id: UUID?
        var record_key: Int

        init(id: UUID, createdAt: Date, number: Int, session: UUID, values: AttendanceValues) {
            self.id = id
            created_at = createdAt
            self.number = number
            name = values.name
            referring_text = values.referringText
            ethnicity_code = values.ethnicity?.code
            ethnicity_major = values.ethnicity?.major.rawValue
            ethnicity_detail = values.ethnicityDetail
            gender = values.gender.rawValue
            age_band = values.ageBand.rawValue
            role = values.role.rawValue
            status = values.status.rawValue
            session_id = session
            referring_organisation_id = values.referringOrganisationID
            residence_partnership_id = values.residencePartnershipID
            record_key = RecordKey.random()
        }
    }

    private struct SessionRow: Decodable {
        var id: UUID
        var nextReference: Int
    }

    /// Checks the whole file, then writes it. Returns the participants and sessions written.
    static func run(_ text: String, on db: any Database) async throws -> (participants: Int, sessions: Int) {
        let sql = db as! any SQLDatabase
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw Refused(message: "Line \(error.line) cannot be read: \(error.message)", problems: [], more: 0) }
        let groups = try await sql.raw("SELECT id, name FROM \(ident: CommunityGroup.schema) WHERE merged_into_id IS NULL").all(decoding: EngagementStore.GroupOption.self, keyDecodingStrategy: .convertFromSnakeCase)
        let codes = try await DirectoryLookups.partnershipsByCodeAndName(on: sql)
        var rows: RegisterRows
        do {
            rows = try RegisterRows(header: records.first, groups: groups, partnerships: Array(Set(codes.values)),
                                    partnershipCodes: codes, extraColumns: [sessionColumn])
        } catch { throw Refused(message: error.message, problems: [], more: 0) }
        guard records.count > 1 else { throw Refused(message: "The file has a header row but no participants.", problems: [], more: 0) }

        let sessions = try await sql.raw("SELECT id, next_reference FROM \(ident: TrainingSession.schema)").all(decoding: SessionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var next = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id, $0.nextReference) })
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
            let attendances = BulkInsert<Row>(Attendance.schema)
            for ((session, values), number) in zip(participants, numbers) {
                try await attendances.add(Row(id: ids.next(), createdAt: now, number: number, session: session, values: values), on: sql)
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
