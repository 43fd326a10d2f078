import ConduitCore
import Foundation
import SQLKit
import Vapor

/// Recording a group's safeguarding readiness, and the list of items lapsing soon.
enum ReadinessController {
    static func inputs(from req: Request) -> [ReadinessItemInput] {
        ReadinessItem.allCases.map { item in
            let key = item.rawValue
            func date(_ name: String) -> DateField {
                .parts(day: req.formText("\(key)-\(name)-day"), month: req.formText("\(key)-\(name)-month"), year: req.formText("\(key)-\(name)-year"))
            }
            return ReadinessItemInput(item: item, status: req.formText("\(key)-status"), evidence: req.formText("\(key)-evidence"),
                             lastReviewed: date("lastReviewed"), reviewDue: date("reviewDue"),
                             checked: req.formText("\(key)-checked"), total: req.formText("\(key)-total"))
        }
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let entries = try await ReadinessStore.entries(of: try group.requireID(), on: req.db)
        let inputs = ReadinessItem.allCases.map { item in ReadinessItemInput(entries.first { $0.item == item }, item: item) }
        return ReadinessView.form(.init(groupID: group.id!, groupName: group.name, inputs: inputs, version: ReadinessStore.fingerprint(entries)),
                                  context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let inputs = inputs(from: req)
        let version = req.formText("version")
        let (entries, problems) = ReadinessItemInput.validate(inputs, today: req.today)
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
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: GroupShowView.Notice.readiness.query))
    }

    @Sendable
    static func due(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let days = Int(req.queryText("days")).flatMap { (1...730).contains($0) ? $0 : nil } ?? 60
        let rows = try await ReadinessStore.due(until: req.today.adding(days: days), scope: visitor.scope(.readDirectory), limit: 500, on: req.sql)
        return ReadinessView.due(rows: rows, days: days, today: req.today, context: PageContext(req))
    }
}
