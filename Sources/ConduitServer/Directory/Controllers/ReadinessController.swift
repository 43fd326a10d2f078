import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Recording a group's safeguarding readiness, and the list of items lapsing soon.
enum ReadinessController {
    /// One item as typed into the form.
    struct ItemInput: Sendable {
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

    /// Checks every item; an entry per item when all are valid.
    static func validate(_ inputs: [ItemInput], today: CalendarDate) -> (entries: [ReadinessEntry]?, problems: [FieldProblem]) {
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

    static func inputs(from req: Request) -> [ItemInput] {
        ReadinessItem.allCases.map { item in
            let key = item.rawValue
            func date(_ name: String) -> DateField {
                .parts(day: req.formText("\(key)-\(name)-day"), month: req.formText("\(key)-\(name)-month"), year: req.formText("\(key)-\(name)-year"))
            }
            return ItemInput(item: item, status: req.formText("\(key)-status"), evidence: req.formText("\(key)-evidence"),
                             lastReviewed: date("lastReviewed"), reviewDue: date("reviewDue"),
                             checked: req.formText("\(key)-checked"), total: req.formText("\(key)-total"))
        }
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let group = try await GroupController.findEditable(req)
        let entries = try await ReadinessStore.entries(of: try group.requireID(), on: req.db)
        let inputs = ReadinessItem.allCases.map { item in ItemInput(entries.first { $0.item == item }, item: item) }
        return ReadinessView.form(.init(groupID: group.id!, groupName: group.name, inputs: inputs, version: ReadinessStore.fingerprint(entries)),
                                  context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let group = try await GroupController.findEditable(req)
        let inputs = inputs(from: req)
        let version = req.formText("version")
        let (entries, problems) = validate(inputs, today: req.today)
        guard let entries else {
            return try await PageResponse(status: .unprocessableEntity, layout: ReadinessView.form(
                .init(groupID: group.id!, groupName: group.name, inputs: inputs, version: version, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        do {
            try await ReadinessStore.save(entries, groupID: group.id!, by: try req.signedIn.userID, expectedFingerprint: version, on: req.db)
        } catch is VersionConflict {
            // Someone saved readiness since this form was opened: show theirs beside this person's, keep this person's in the form.
            let stored = try await ReadinessStore.entries(of: group.requireID(), on: req.db)
            let changed = ReadinessItem.allCases.filter { item in
                stored.first { $0.item == item } != entries.first { $0.item == item }
                    && !(stored.first { $0.item == item } == nil && entries.first { $0.item == item }?.status == .unknown)
            }
            return try await PageResponse(status: .conflict, layout: ReadinessView.form(
                .init(groupID: group.id!, groupName: group.name, inputs: inputs, version: ReadinessStore.fingerprint(stored),
                      conflict: changed.map { item in (item, stored.first { $0.item == item }) }), context: PageContext(req))).encodeResponse(for: req)
        }
        let summary = Readiness.summary(of: entries, on: req.today)
        try await req.audit(.init("readiness.update", recordType: "group", recordID: group.id?.uuidString, partnershipID: group.$partnership.id,
                                  detail: "\(summary.text) in place"))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: [("done", "readiness")]))
    }

    @Sendable
    static func due(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let days = Int(req.queryText("days")).flatMap { (1...730).contains($0) ? $0 : nil } ?? 60
        let rows = try await ReadinessStore.due(until: req.today.adding(days: days), scope: visitor.scope(.readDirectory), limit: 500, on: req.sql)
        return ReadinessView.due(rows: rows, days: days, today: req.today, context: PageContext(req))
    }
}
