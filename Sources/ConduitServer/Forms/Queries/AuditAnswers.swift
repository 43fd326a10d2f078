import ConduitCore
import Foundation
import SQLKit

/// Every submitted audit's answers, one row each, for researchers: the same selection as the
/// findings, without file references (an identifier of a child's file that research does not need).
enum AuditAnswers {
    private struct AuditRow: Decodable {
        var id: UUID
        var partnership: String
        var auditedOn: String
        var formVersion: Int
    }

    private struct AnswerRow: Decodable {
        var auditId: UUID
        var questionKey: String
        var value: String
        var followUp: String?
    }

    private struct RatingRow: Decodable {
        var auditId: UUID
        var sectionKey: String
        var rating: String
        var reason: String
    }

    /// The CSV text and the number of audits in it. Columns follow `definition` (the newest
    /// version); questions only older versions asked come after them, so no answer is dropped.
    static func csv(_ filters: AuditFindings.Filters, definition: FormDefinition, on sql: any SQLDatabase) async throws -> (text: String, audits: Int) {
        let set = AuditFindings.audits(filters)
        let audits = filters.partnershipIDs.isEmpty ? [] : try await sql.raw("""
            SELECT f.id, p.name AS partnership, f.audited_on, d.version AS form_version
            FROM \(ident: FormResponse.schema) f JOIN \(ident: Partnership.schema) p ON p.id = f.partnership_id JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
            WHERE f.id IN (\(set)) ORDER BY f.audited_on, p.name, f.id
            """).all(decoding: AuditRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !audits.isEmpty else { return (CSV.line(["Response", "Partnership", "Date", "Form version"]), 0) }
        let answers = try await sql.raw("""
            SELECT a.audit_id, a.question_key, a.value, a.follow_up FROM \(ident: FormTables.answers) a
            WHERE a.audit_id IN (\(set)) ORDER BY a.audit_id, a.question_key, a.position
            """).all(decoding: AnswerRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let ratings = try await sql.raw("""
            SELECT r.audit_id, r.section_key, r.rating, r.reason FROM \(ident: FormTables.ratings) r WHERE r.audit_id IN (\(set))
            """).all(decoding: RatingRow.self, keyDecodingStrategy: .convertFromSnakeCase)

        let known = definition.questions.map(\.key)
        let older = Set(answers.map(\.questionKey)).subtracting(known).sorted()
        let questions = known + older
        let withFollowUp = Set(definition.questions.filter { $0.followUp != nil }.map(\.key)).union(answers.filter { $0.followUp != nil }.map(\.questionKey))
        let rated = definition.sections.filter(\.rated).map(\.key)

        var header = ["Response", "Partnership", "Date", "Form version"]
        for key in questions {
            header.append(key)
            if withFollowUp.contains(key) { header.append("\(key) (follow-up)") }
        }
        for section in rated { header += ["\(section) rating", "\(section) rating reason"] }

        let answersByAudit = Dictionary(grouping: answers, by: \.auditId)
        let ratingsByAudit = Dictionary(grouping: ratings, by: \.auditId)
        var text = CSV.line(header)
        for (number, audit) in audits.enumerated() {
            let given = Dictionary(grouping: answersByAudit[audit.id] ?? [], by: \.questionKey)
            var line = [String(number + 1), audit.partnership, audit.auditedOn, String(audit.formVersion)]
            for key in questions {
                let rows = given[key] ?? []
                // Several values of a multiple-choice answer share one cell, as people read them.
                line.append(rows.map(\.value).filter { !$0.isEmpty }.joined(separator: "; "))
                if withFollowUp.contains(key) { line.append(rows.first?.followUp ?? "") }
            }
            let sectionRatings = ratingsByAudit[audit.id] ?? []
            for section in rated {
                let rating = sectionRatings.first { $0.sectionKey == section }
                line += [rating?.rating ?? "", rating?.reason ?? ""]
            }
            text += CSV.line(line)
        }
        return (text, audits.count)
    }
}
