import ConduitCore
import Foundation

/// One readiness item as typed into the form or sent to the API.
struct ReadinessItemInput: Sendable {
    var item: ReadinessItem
    var status: String
    var evidence: String
    var lastReviewed: DateField
    var reviewDue: DateField
    var checked: String
    var total: String

    init(_ entry: ReadinessEntry?, item: ReadinessItem) {
        self.item = item
        status = entry?.status.rawValue ?? ReadinessStatus.unknown.rawValue
        evidence = entry?.evidence ?? ""
        lastReviewed = DateField(entry?.lastReviewed)
        reviewDue = DateField(entry?.reviewDue)
        checked = entry?.checkedCount.map(String.init) ?? ""
        total = entry?.totalCount.map(String.init) ?? ""
    }

    init(item: ReadinessItem, status: String, evidence: String, lastReviewed: DateField, reviewDue: DateField, checked: String, total: String) {
        self.item = item
        self.status = status
        self.evidence = evidence
        self.lastReviewed = lastReviewed
        self.reviewDue = reviewDue
        self.checked = checked
        self.total = total
    }
}

extension ReadinessItemInput {
    /// Checks every item; an entry per item when all are valid.
    static func validate(_ inputs: [ReadinessItemInput], today: CalendarDate) -> (entries: [ReadinessEntry]?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        var entries: [ReadinessEntry] = []
        for input in inputs {
            let key = input.item.rawValue
            var status = ReadinessStatus(rawValue: input.status)
            if status == nil { problems.append(.init(field: "\(key)-status", message: "Select a status for \(input.item.title.lowercased())")) }
            let lastReviewed = input.lastReviewed.parse(label: "Date the policy was last reviewed")
            if let problem = lastReviewed.problem { problems.append(.init(field: "\(key)-lastReviewed", message: problem)) }
            else if let date = lastReviewed.date, date > today {
                problems.append(.init(field: "\(key)-lastReviewed", message: "Date the policy was last reviewed must be today or in the past"))
            }
            let reviewDue = input.reviewDue.parse(label: "Review or expiry date of \(input.item.title.lowercased())")
            if let problem = reviewDue.problem { problems.append(.init(field: "\(key)-reviewDue", message: problem)) }
            func count(_ text: String, field: String, label: String) -> Int? {
                let text = text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { return nil }
                guard let value = Int(text), value >= 0, value <= 100_000 else {
                    problems.append(.init(field: "\(key)-\(field)", message: "\(label) must be a whole number, 0 or more"))
                    return nil
                }
                return value
            }
            let checked = count(input.checked, field: "checked", label: "People checked")
            let total = count(input.total, field: "total", label: "People working with children")
            if checked != nil, total == nil {
                problems.append(.init(field: "\(key)-total", message: "Enter how many people work with children, as well as how many are checked"))
            }
            // Counts, when given, decide the status of DBS checks.
            if let checked, let total, let derived = Readiness.status(checked: checked, of: total) { status = derived }
            let entry = ReadinessEntry(item: input.item, status: status ?? .unknown, evidence: input.evidence.trimmingCharacters(in: .whitespacesAndNewlines),
                                       lastReviewed: lastReviewed.date, reviewDue: reviewDue.date, checkedCount: checked, totalCount: total)
            problems += Readiness.problems(in: entry)
            entries.append(entry)
        }
        return problems.isEmpty ? (entries, []) : (nil, problems)
    }
}
