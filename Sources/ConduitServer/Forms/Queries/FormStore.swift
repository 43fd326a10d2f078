import ConduitCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Form definitions as stored, and file audits' answers, categories and ratings.
enum FormStore {
    /// Stores each built-in definition (the File Audit Tool) that is not stored yet; a stored version is never changed.
    static func storeBuiltInForms(on db: any Database) async throws {
        for definition in FormDefinition.builtIn { try await store(definition, on: db) }
    }

    /// Why a definition cannot be stored.
    struct StoreProblem: Error, CustomStringConvertible {
        var description: String
    }

    /// Stores a new definition, or a new version of one; a stored version is never replaced,
    /// so answers given to it keep their meaning. Returns false when this very version is already stored.
    @discardableResult
    static func store(_ definition: FormDefinition, on db: any Database) async throws -> Bool {
        let encoded = String(decoding: try JSONEncoder().encode(definition), as: UTF8.self)
        if let existing = try await StoredForm.query(on: db).filter(\.$key == definition.key).filter(\.$version == definition.version).first() {
            guard try Self.definition(of: existing) == definition else {
                throw StoreProblem(description: "Version \(definition.version) of \(definition.key) is already stored with different content: give the changed definition a higher version")
            }
            return false
        }
        let stored = StoredForm()
        stored.key = definition.key
        stored.version = definition.version
        stored.title = definition.title
        stored.definition = encoded
        try await stored.save(on: db)
        return true
    }

    static func definition(of form: StoredForm) throws -> FormDefinition {
        if let id = form.id, let known = decoded.withLockedValue({ $0[id] }) { return known }
        let definition = try FormDefinition.decode(json: Data(form.definition.utf8))
        if let id = form.id { decoded.withLockedValue { $0[id] = definition } }
        return definition
    }

    /// Definitions already decoded, by stored form: a stored version never changes, so each
    /// is decoded once per process rather than on every session or group page.
    private static let decoded = NIOLockedValueBox<[UUID: FormDefinition]>([:])

    /// The newest version of each form, for starting new audits.
    static func latestForms(on db: any Database) async throws -> [StoredForm] {
        let all = try await StoredForm.query(on: db).sort(\.$key).sort(\.$version, .descending).all()
        var seen = Set<String>()
        return all.filter { seen.insert($0.key).inserted }
    }

    /// The newest version of each form made for `purpose`, with its definition.
    static func latestForms(for purpose: FormPurpose, on db: any Database) async throws -> [(form: StoredForm, definition: FormDefinition)] {
        try await latestForms(on: db).compactMap { form in
            guard let definition = try? definition(of: form), definition.usedFor == purpose else { return nil }
            return (form, definition)
        }
    }

    /// A subject a form may be filled in about: a training session or a group.
    enum Subject: Sendable {
        case trainingSession(UUID)
        case group(UUID)

        var column: String {
            switch self {
            case .trainingSession: "training_session_id"
            case .group: "group_id"
            }
        }

        var id: UUID {
            switch self {
            case .trainingSession(let id), .group(let id): id
            }
        }
    }

    struct ResponseCounts: Decodable, Sendable {
        var submitted: Int
        var total: Int
    }

    /// How many responses a session or group has in the given partnerships, and how many of
    /// them are submitted. Scoped: a group serves several partnerships, and one partnership's
    /// responses are not another's to count (issue 13).
    static func responseCounts(about subject: Subject, in partnerships: Set<UUID>, on sql: any SQLDatabase) async throws -> ResponseCounts {
        guard !partnerships.isEmpty else { return ResponseCounts(submitted: 0, total: 0) }
        return try await sql.raw("""
            SELECT CAST(COALESCE(SUM(CASE WHEN status = \(bind: FormResponse.Status.submitted.rawValue) THEN 1 ELSE 0 END), 0) AS BIGINT) AS submitted,
                   COUNT(*) AS total
            FROM \(ident: FormResponse.schema) WHERE \(ident: subject.column) = \(bind: subject.id)
              AND partnership_id IN \(SQLBind.group(Array(partnerships)))
            """).first(decoding: ResponseCounts.self, keyDecodingStrategy: .convertFromSnakeCase) ?? ResponseCounts(submitted: 0, total: 0)
    }

    private struct AnswerRow: Decodable {
        var questionKey: String
        var position: Int
        var value: String
        var followUp: String?
    }

    static func answers(of auditID: UUID, on sql: any SQLDatabase) async throws -> Answers {
        let rows = try await sql.select().columns("question_key", "position", "value", "follow_up").from(FormTables.answers)
            .where("audit_id", .equal, auditID).orderBy("question_key").orderBy("position").all(decoding: AnswerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var answers: Answers = [:]
        for row in rows {
            var answer = answers[row.questionKey] ?? Answer(values: [])
            // An empty value is the placeholder row of a follow-up given alone.
            if !row.value.isEmpty { answer.values.append(row.value) }
            answer.followUp = answer.followUp ?? row.followUp
            answers[row.questionKey] = answer
        }
        return answers
    }

    struct Rating: Decodable, Sendable {
        var sectionKey: String
        var rating: String
        var reason: String
    }

    static func ratings(of auditID: UUID, on sql: any SQLDatabase) async throws -> [String: Rating] {
        let rows = try await sql.select().columns("section_key", "rating", "reason").from(FormTables.ratings)
            .where("audit_id", .equal, auditID).all(decoding: Rating.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(rows.map { ($0.sectionKey, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Replaces the audit's answers (only those still relevant are kept), its categories (from the
    /// category question) and the given sections' ratings, if the audit is still at `expectedVersion`.
    static func save(_ answers: Answers, ratings: [(section: String, rating: SectionRating, reason: String)], of audit: FormResponse,
                     definition: FormDefinition, expectedVersion: Int, on db: any Database) async throws {
        let kept = FormValidation.cleaned(answers, for: definition)
        let auditID = try audit.requireID()
        let categoryKeys = definition.sections.flatMap(\.questions).filter { $0.type == .category }.map(\.key)
        let categories = Set(categoryKeys.flatMap { kept[$0]?.values ?? [] })
        try await audit.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            let sql = db as! any SQLDatabase
            for table in [FormTables.answers, FormTables.categories] {
                try await sql.delete(from: table).where("audit_id", .equal, auditID).run()
            }
            for (key, answer) in kept {
                // A follow-up alone is kept on a row with an empty value.
                let values = answer.values.isEmpty ? [""] : answer.values
                for (position, value) in values.enumerated() {
                    try await sql.insert(into: FormTables.answers).columns("audit_id", "question_key", "position", "value", "follow_up")
                        .values(SQLBind(auditID), SQLBind(key), SQLBind(position), SQLBind(value), SQLBind(position == 0 ? answer.followUp : nil)).run()
                }
            }
            for category in categories.sorted() {
                try await sql.insert(into: FormTables.categories).columns("audit_id", "category").values(SQLBind(auditID), SQLBind(category)).run()
            }
            for rating in ratings {
                try await sql.delete(from: FormTables.ratings).where("audit_id", .equal, auditID).where("section_key", .equal, rating.section).run()
                try await sql.insert(into: FormTables.ratings).columns("audit_id", "section_key", "rating", "reason")
                    .values(SQLBind(auditID), SQLBind(rating.section), SQLBind(rating.rating.rawValue), SQLBind(rating.reason)).run()
            }
        }
    }

    /// The abuse categories an audit concerns, by code.
    static func categories(of auditID: UUID, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.select().column("category").from(FormTables.categories).where("audit_id", .equal, auditID).orderBy("category")
            .all().map { try $0.decode(column: "category", as: String.self) }
    }
}
