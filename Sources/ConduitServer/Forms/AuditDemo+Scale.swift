import ConduitCore
import Fluent
import Foundation
import SQLKit

/// A file audit, a row in `file_audits`.
private struct FileAuditRow: Encodable, Sendable {
    var id: UUID
    let version = 1
    var created_at: Date
    var updated_at: Date
    var file_reference: String
    var audited_on: String
    var status: String
    var submitted_at: Date?
    var form_id: UUID
    var partnership_id: UUID
    var auditor_id: UUID
    var record_key: Int
}

/// One value of an answer (a question with several values has a row for each), a row in `file_audit_answers`.
private struct AnswerRow: Encodable, Sendable {
    var audit_id: UUID
    var question_key: String
    var position: Int
    var value: String
    var follow_up: String?
}

/// A category of abuse the audited file concerns, a row in `file_audit_categories`.
private struct CategoryRow: Encodable, Sendable {
    var audit_id: UUID
    var category: String
}

/// A section's rating, a row in `file_audit_ratings`.
private struct RatingRow: Encodable, Sendable {
    var audit_id: UUID
    var section_key: String
    var rating: String
    var reason: String
}

// The London-scale file audits: the demo's audit tool filled in for files of seed 004's mix
// of categories, kept as FormStore.save keeps an answer.
extension LondonScale.Generator {
    func audits() async throws {
        guard let form = try await StoredForm.query(on: db).filter(\.$key == "file-audit-tool").sort(\.$version, .descending).first() else { return }
        let definition = try FormStore.definition(of: form)
        let formID = try form.requireID()
        let now = app.clock.now
        let total = size.audits
        let audits = BulkInsert<FileAuditRow>(FormResponse.schema)
        let answers = BulkInsert<AnswerRow>(FormTables.answers, after: audits)
        let categories = BulkInsert<CategoryRow>(FormTables.categories, after: audits)
        let ratings = BulkInsert<RatingRow>(FormTables.ratings, after: audits)
        try await phase([audits, answers, categories, ratings]) { me, sql in
            let byWeight = me.partnerships.map { ($0, $0.weight) }
            // Seed 004's mix: mostly spirit possession and trafficking, a few files with two categories.
            let mix: [(AbuseCategory, Int)] = [(.abuseLinkedToFaithOrBelief, 40), (.trafficking, 25), (.femaleGenitalMutilation, 10), (.honourBasedAbuse, 8),
                                               (.forcedMarriage, 4), (.childSexualExploitation, 7), (.childCriminalExploitation, 6)]
            for index in 0..<total {
                let partnership = me.weighted(byWeight)
                var concerns: Set<AbuseCategory> = [me.weighted(mix)]
                if me.random.chance(5) { concerns.insert(me.weighted(mix)) }
                let date = me.day()
                let id = me.uuid()
                let submitted = me.random.chance(95)
                try await audits.add(.init(id: id, created_at: now, updated_at: now, file_reference: "\(partnership.code.prefix(3).uppercased())/\(date.year)/\(String(format: "%05d", index + 1))",
                                           audited_on: date.description, status: submitted ? "submitted" : "draft", submitted_at: submitted ? date.start(in: Formats.ukTimeZone) : nil,
                                           form_id: formID, partnership_id: partnership.id, auditor_id: me.auditors[partnership.id]!, record_key: RecordKey.random()), on: sql)
                let (filled, rated) = AuditDemo.filledIn(definition, categories: concerns, on: date, random: &me.random)
                // What FormStore.save keeps: answers to questions that apply, nothing else.
                let kept = FormValidation.cleaned(filled, for: definition)
                for (key, answer) in kept.sorted(by: { $0.key < $1.key }) {
                    for (position, value) in (answer.values.isEmpty ? [""] : answer.values).enumerated() {
                        try await answers.add(.init(audit_id: id, question_key: key, position: position, value: value, follow_up: position == 0 ? answer.followUp : nil), on: sql)
                    }
                }
                for category in concerns.map(\.rawValue).sorted() { try await categories.add(.init(audit_id: id, category: category), on: sql) }
                for rating in rated { try await ratings.add(.init(audit_id: id, section_key: rating.section, rating: rating.rating.rawValue, reason: rating.reason), on: sql) }
                me.progress.show("file audits", done: index + 1, of: total)
            }
        }
    }
}
