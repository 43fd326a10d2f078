import ConduitCore
import Foundation
import SQLKit

/// The findings of a set of submitted audits, counted in SQL (seed 004 section 4.3).
enum AuditFindings {
    struct Filters: Sendable {
        var formKey: String
        var from: CalendarDate
        var to: CalendarDate
        var partnershipIDs: [UUID]
        /// Only the responses about one training session or group.
        var subject: FormStore.Subject? = nil
        /// The free-text questions whose answers are listed for reading.
        var noteQuestions: [String] = []
    }

    /// The ids of the submitted audits the filters select.
    static func audits(_ filters: Filters) -> SQLQueryString {
        """
        SELECT f.id FROM \(ident: FormResponse.schema) f JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
        WHERE f.status = \(bind: FormResponse.Status.submitted.rawValue) AND d.key = \(bind: filters.formKey)
          AND f.audited_on >= \(bind: filters.from.description) AND f.audited_on <= \(bind: filters.to.description)
          AND f.partnership_id IN (\(binds: filters.partnershipIDs))
        """ + (filters.subject.map { " AND f.\(ident: $0.column) = \(bind: $0.id)" as SQLQueryString } ?? "")
    }

    struct Count: Decodable, Sendable {
        var key: String
        var n: Int
    }

    struct AnswerCount: Decodable, Sendable {
        var questionKey: String
        var value: String
        var n: Int
    }

    struct RatingCount: Decodable, Sendable {
        var partnership: String
        var sectionKey: String
        var rating: String
        var n: Int
    }

    struct Note: Decodable, Sendable {
        var questionKey: String
        var value: String
        var partnership: String
    }

    struct Figures: Sendable {
        var files: Int
        var versions: [Count]
        var categories: [Count]
        var filesInSeveral: Int
        var answers: [AnswerCount]
        var ratings: [RatingCount]
        var notes: [Note]
    }

    static func figures(_ filters: Filters, on sql: any SQLDatabase) async throws -> Figures {
        guard !filters.partnershipIDs.isEmpty else { return Figures(files: 0, versions: [], categories: [], filesInSeveral: 0, answers: [], ratings: [], notes: []) }
        let set = audits(filters)
        let files = try await sql.raw("SELECT COUNT(*) AS n FROM (\(set)) x").first()?.decode(column: "n", as: Int.self) ?? 0
        let versions = try await sql.raw("""
            SELECT CAST(d.version AS TEXT) AS key, COUNT(*) AS n FROM \(ident: FormResponse.schema) f JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
            WHERE f.id IN (\(set)) GROUP BY d.version ORDER BY d.version
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        // Each file once per category: the unique (audit, category) rows do exactly that.
        let categories = try await sql.raw("""
            SELECT c.category AS key, COUNT(*) AS n FROM \(ident: FormTables.categories) c WHERE c.audit_id IN (\(set)) GROUP BY c.category
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        let several = try await sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT c.audit_id FROM \(ident: FormTables.categories) c WHERE c.audit_id IN (\(set)) GROUP BY c.audit_id HAVING COUNT(*) > 1) x
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let answers = try await sql.raw("""
            SELECT a.question_key, a.value, COUNT(DISTINCT a.audit_id) AS n FROM \(ident: FormTables.answers) a
            WHERE a.audit_id IN (\(set)) AND a.value <> '' GROUP BY a.question_key, a.value
            """).all(decoding: AnswerCount.self, keyDecodingStrategy: .convertFromSnakeCase)
        let ratings = try await sql.raw("""
            SELECT p.name AS partnership, r.section_key, r.rating, COUNT(*) AS n
            FROM \(ident: FormTables.ratings) r JOIN \(ident: FormResponse.schema) f ON f.id = r.audit_id JOIN \(ident: Partnership.schema) p ON p.id = f.partnership_id
            WHERE r.audit_id IN (\(set)) GROUP BY p.name, r.section_key, r.rating
            """).all(decoding: RatingCount.self, keyDecodingStrategy: .convertFromSnakeCase)
        let notes = filters.noteQuestions.isEmpty ? [] : try await sql.raw("""
            SELECT a.question_key, COALESCE(a.follow_up, a.value) AS value, p.name AS partnership
            FROM \(ident: FormTables.answers) a JOIN \(ident: FormResponse.schema) f ON f.id = a.audit_id JOIN \(ident: Partnership.schema) p ON p.id = f.partnership_id
            WHERE a.audit_id IN (\(set)) AND a.question_key IN (\(binds: filters.noteQuestions)) AND a.value <> ''
            ORDER BY a.question_key, p.name LIMIT 2000
            """).all(decoding: Note.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Figures(files: files, versions: versions, categories: categories, filesInSeveral: several, answers: answers, ratings: ratings, notes: notes)
    }
}
