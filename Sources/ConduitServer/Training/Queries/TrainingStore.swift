import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Writes sessions with their topics and delivery partners, and registers.
enum TrainingStore {
    /// How long attending a session counts as "training received" for the referring group.
    static let trainingValidMonths = 36

    /// The input that reproduces a stored session, to fill its edit form.
    static func input(of session: TrainingSession, on sql: any SQLDatabase) async throws -> SessionInput {
        let id = try session.requireID()
        let topics = try await sql.select().column("topic").from(TrainingTables.topics).where("session_id", .equal, id).all().map { try $0.decode(column: "topic", as: String.self) }
        struct Partner: Decodable { var organisationId: UUID?; var name: String }
        let partners = try await sql.select().columns("organisation_id", "name").from(TrainingTables.partners).where("session_id", .equal, id).all(decoding: Partner.self, keyDecodingStrategy: .convertFromSnakeCase)
        return SessionInput(title: session.title, audience: session.audience, date: .iso(session.sessionOn), startsAt: session.startsAt ?? "",
                            endsAt: session.endsAt ?? "", venue: session.venue, languages: session.languages, interpreter: session.interpreter,
                            capacity: session.capacity.map(String.init) ?? "", cost: session.costPence.map { String(format: "%.2f", Double($0) / 100) } ?? "",
                            roundID: session.$round.id, learningOutcomes: session.learningOutcomes, notes: session.notes, topics: topics,
                            partnerGroupIDs: partners.compactMap(\.organisationId),
                            partnerNames: partners.filter { $0.organisationId == nil }.map(\.name).joined(separator: "; "),
                            partnershipID: session.$partnership.id)
    }

    static func apply(_ values: SessionValues, to session: TrainingSession) {
        session.title = values.title
        session.audience = values.audience.rawValue
        session.sessionOn = values.date.description
        session.startsAt = values.startsAt
        session.endsAt = values.endsAt
        session.venue = values.venue
        session.languages = values.languages
        session.interpreter = values.interpreter
        session.capacity = values.capacity
        session.costPence = values.costPence
        session.learningOutcomes = values.learningOutcomes
        session.notes = values.notes
        session.$partnership.id = values.partnershipID
        session.$round.id = values.roundID
    }

    static func writeRows(of values: SessionValues, sessionID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for table in [TrainingTables.topics, TrainingTables.partners] {
            try await sql.delete(from: table).where("session_id", .equal, sessionID).run()
        }
        for topic in values.topics {
            try await sql.insert(into: TrainingTables.topics).columns("session_id", "topic").values(SQLBind(sessionID), SQLBind(topic.rawValue)).run()
        }
        for groupID in values.partnerGroupIDs {
            let name = try await CommunityGroup.find(groupID, on: db)?.name ?? ""
            try await sql.insert(into: TrainingTables.partners).columns("session_id", "organisation_id", "name")
                .values(SQLBind(sessionID), SQLBind(groupID), SQLBind(name)).run()
        }
        for name in values.partnerNames {
            try await sql.insert(into: TrainingTables.partners).columns("session_id", "organisation_id", "name")
                .values(SQLBind(sessionID), SQLLiteral.null, SQLBind(name)).run()
        }
    }

    static func create(_ values: SessionValues, organiserID: UUID, on db: any Database) async throws -> TrainingSession {
        let session = TrainingSession()
        session.id = UUID()
        session.version = 1
        session.nextReference = 1
        session.$organiser.id = organiserID
        apply(values, to: session)
        try await db.transaction { db in
            try await session.create(on: db)
            try await writeRows(of: values, sessionID: session.id!, on: db)
        }
        return session
    }

    static func update(_ session: TrainingSession, with values: SessionValues, expectedVersion: Int, on db: any Database) async throws {
        apply(values, to: session)
        let id = try session.requireID()
        try await session.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            try await writeRows(of: values, sessionID: id, on: db)
        }
    }

    /// Adds participants to a register, numbering them in turn, in one transaction.
    /// A group whose people attended has "training received" recorded in its readiness.
    @discardableResult
    static func add(_ participants: [AttendanceValues], to session: TrainingSession, on db: any Database) async throws -> [Attendance] {
        let sessionID = try session.requireID()
        return try await db.transaction { db in
            let sql = db as! any SQLDatabase
            // Take the numbers first: the update locks the session's row against another door's entries.
            let taken = try await sql.update(TrainingSession.schema)
                .set("next_reference", to: SQLBinaryExpression(SQLColumn("next_reference"), .add, SQLBind(participants.count)))
                .where("id", .equal, sessionID).returning("next_reference").first()
            let next = try taken?.decode(column: "next_reference", as: Int.self) ?? participants.count + 1
            var added: [Attendance] = []
            for (offset, values) in participants.enumerated() {
                let attendance = Attendance()
                attendance.number = next - participants.count + offset
                attendance.name = values.name
                attendance.$referringOrganisation.id = values.referringOrganisationID
                attendance.referringText = values.referringText
                attendance.ethnicityCode = values.ethnicity?.code
                attendance.ethnicityMajor = values.ethnicity?.major.rawValue
                attendance.ethnicityDetail = values.ethnicityDetail
                attendance.gender = values.gender.rawValue
                attendance.ageBand = values.ageBand.rawValue
                attendance.$residencePartnership.id = values.residencePartnershipID
                attendance.role = values.role.rawValue
                attendance.status = values.status.rawValue
                attendance.$session.id = sessionID
                try await attendance.create(on: db)
                added.append(attendance)
            }
            let groups = Set(participants.filter { $0.status == .attended }.compactMap(\.referringOrganisationID))
            for groupID in groups { try await recordTraining(of: groupID, at: session, on: db) }
            session.nextReference = next
            return added
        }
    }

    /// Sets the group's "training received" readiness from this session, unless what is recorded lasts longer.
    static func recordTraining(of groupID: UUID, at session: TrainingSession, on db: any Database) async throws {
        guard let date = CalendarDate(iso: session.sessionOn) else { return }
        let due = date.adding(months: trainingValidMonths)
        let existing = try await ReadinessStore.entries(of: groupID, on: db).first { $0.item == .training }
        if let existing, existing.status == .met, let current = Readiness.dueDate(of: existing), current >= due { return }
        let entry = ReadinessEntry(item: .training, status: .met, evidence: "Attended \(session.title) on \(date)", reviewDue: due)
        try await ReadinessStore.save([entry], groupID: groupID, by: nil, on: db)
    }

    struct Topic: Decodable, Sendable { var sessionId: UUID; var topic: String }
    struct Partner: Decodable, Sendable { var sessionId: UUID; var name: String }
    struct StatusCount: Decodable, Sendable { var sessionId: UUID; var status: String; var n: Int }

    /// The topics, delivery partners and register counts of a page of sessions: three queries
    /// whatever the page's size, not three per session.
    static func details(of ids: [UUID], on sql: any SQLDatabase) async throws -> (topics: [Topic], partners: [Partner], counts: [StatusCount]) {
        let topics = try await sql.select().columns("session_id", "topic").from(TrainingTables.topics)
            .where("session_id", .in, SQLBind.group(ids)).orderBy("topic").all(decoding: Topic.self, keyDecodingStrategy: .convertFromSnakeCase)
        let partners = try await sql.select().columns("session_id", "name").from(TrainingTables.partners)
            .where("session_id", .in, SQLBind.group(ids)).orderBy("name").all(decoding: Partner.self, keyDecodingStrategy: .convertFromSnakeCase)
        let counts = try await sql.raw("""
            SELECT session_id, status, COUNT(*) AS n FROM \(ident: Attendance.schema) WHERE session_id IN (\(binds: ids)) GROUP BY session_id, status
            """).all(decoding: StatusCount.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (topics, partners, counts)
    }
}
