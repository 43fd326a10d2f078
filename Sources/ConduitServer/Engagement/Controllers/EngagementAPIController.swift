import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The engagement log's JSON API.
enum EngagementAPIController {
    struct EngagementBody: Content {
        var occurredOn: String?
        var time: String?
        var channel: String?
        var outcome: String?
        var groupIds: [UUID]?
        var peopleMet: String?
        var topics: [String]?
        var notes: String?
        var followUpOn: String?
        var partnershipId: UUID?
        var version: Int?

        var input: EngagementInput {
            EngagementInput(occurredOn: .iso(occurredOn ?? ""), time: time ?? "", channel: channel ?? "", outcome: outcome ?? "",
                            groupIDs: groupIds ?? [], peopleMet: peopleMet ?? "", topics: topics ?? [], notes: notes ?? "",
                            followUpOn: .iso(followUpOn ?? ""), partnershipID: partnershipId)
        }
    }

    struct EngagementDTO: Content {
        var id: UUID
        var version: Int
        var occurredOn: String
        var time: String?
        var channel: String
        var outcome: String
        var groupIds: [UUID]
        var peopleMet: String
        var topics: [String]
        var notes: String
        var followUpOn: String?
        var followUpDone: Bool
        var partnershipId: UUID
        var adviserId: UUID
    }

    struct EngagementList: Content {
        var items: [EngagementDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    static func problems(_ problems: [FieldProblem]) -> [FieldProblem] {
        let names = ["groupIDs": "groupIds", "partnershipID": "partnershipId"]
        return problems.map { FieldProblem(field: names[$0.field] ?? $0.field, message: $0.message) }
    }

    static func document(_ engagement: Engagement, on sql: any SQLDatabase) async throws -> EngagementDTO {
        let rows = try await EngagementStore.rows(of: try engagement.requireID(), on: sql)
        return EngagementDTO(id: engagement.id!, version: engagement.version, occurredOn: engagement.occurredOn, time: engagement.occurredAtTime,
                             channel: engagement.channel, outcome: engagement.outcome, groupIds: rows.groups.map(\.id), peopleMet: engagement.peopleMet,
                             topics: rows.topics, notes: engagement.notes, followUpOn: engagement.followUpOn, followUpDone: engagement.followUpDone,
                             partnershipId: engagement.$partnership.id, adviserId: engagement.$adviser.id)
    }

    /// Engagements the person may read, newest first; filter by group and date range.
    @Sendable
    static func list(req: Request) async throws -> EngagementList {
        let scope = try req.signedIn.scope(.readEngagement)
        let perPage = min(max((try? req.query.get(Int.self, at: "perPage")) ?? 50, 1), 200)
        var problems: [FieldProblem] = []
        let from = DateField.iso(req.queryText("from")).parse(label: "from")
        let to = DateField.iso(req.queryText("to")).parse(label: "to")
        if let problem = from.problem { problems.append(.init(field: "from", message: problem)) }
        if let problem = to.problem { problems.append(.init(field: "to", message: problem)) }
        let groupText = req.queryText("group")
        let group = UUID(uuidString: groupText)
        if !groupText.isEmpty && group == nil { problems.append(.init(field: "group", message: "group must be a group's id")) }
        for (name, range) in [("page", 1...Int.max), ("perPage", 1...200)] {
            let value = req.queryText(name)
            if !value.isEmpty && !(Int(value).map(range.contains) ?? false) { problems.append(.init(field: name, message: "\(name) must be a whole number from \(range.lowerBound)")) }
        }
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        guard !scope.isEmpty else { return EngagementList(items: [], total: 0, page: 1, perPage: perPage) }
        let filter = ReadableEngagements.Filter(groupID: group, from: from.date, to: to.date)
        let total = try await ReadableEngagements.count(filter, scope: scope, on: req.sql)
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), perPage: perPage, total: total)
        let rows = try await ReadableEngagements.rows(filter, scope: scope, limit: pagination.perPage, offset: pagination.offset, on: req.sql)
        let ids = rows.map(\.id)
        let topics = try await EngagementTopics.of(ids, on: req.sql)
        let groups = try await ReadableEngagements.groups(of: ids, on: req.sql)
        return EngagementList(items: rows.map { row in
            EngagementDTO(id: row.id, version: row.version, occurredOn: row.occurredOn, time: row.occurredAtTime, channel: row.channel,
                          outcome: row.outcome, groupIds: groups[row.id] ?? [], peopleMet: row.peopleMet, topics: topics[row.id] ?? [],
                          notes: row.notes, followUpOn: row.followUpOn, followUpDone: row.followUpDone, partnershipId: row.partnershipId,
                          adviserId: row.adviserId)
        }, total: total, page: pagination.page, perPage: perPage)
    }

    @Sendable
    static func show(req: Request) async throws -> EngagementDTO {
        try await document(try await req.record(Engagement.self), on: req.sql)
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        var input = try req.content.decode(EngagementBody.self).input
        if input.partnershipID == nil, visitor.scope(.editEngagement).count == 1 { input.partnershipID = visitor.scope(.editEngagement).first }
        let (values, problems) = try await input.validated(for: req)
        guard let values else { throw ValidationFailure(problems: self.problems(problems)) }
        let engagement = try await EngagementStore.create(values, adviserID: visitor.userID, on: req.db)
        try await req.audit(.init("engagement.create", recordType: "engagement", recordID: engagement.id?.uuidString, partnershipID: values.partnershipID))
        return try await Response.json(try await document(engagement, on: req.sql), status: .created, req: req)
    }

    @Sendable
    static func update(req: Request) async throws -> EngagementDTO {
        let engagement = try await req.record(Engagement.self, editable: .editEngagement)
        let body = try req.content.decode(EngagementBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the engagement you are changing")]) }
        let (values, problems) = try await body.input.validated(for: req)
        guard let values else { throw ValidationFailure(problems: self.problems(problems)) }
        try await EngagementStore.update(engagement, with: values, expectedVersion: version, on: req.db)
        try await req.audit(.init("engagement.update", recordType: "engagement", recordID: engagement.id?.uuidString, partnershipID: values.partnershipID))
        return try await document(engagement, on: req.sql)
    }
}
