import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Logging and correcting engagements.
enum EngagementController {
    static func input(from req: Request) -> EngagementInput {
        func date(_ name: String) -> DateField {
            .parts(day: req.formText("\(name)-day"), month: req.formText("\(name)-month"), year: req.formText("\(name)-year"))
        }
        return EngagementInput(occurredOn: date("occurredOn"), time: req.formText("time"), channel: req.formText("channel"),
                               outcome: req.formText("outcome"), groupIDs: req.formList("groupIDs").compactMap(UUID.init(uuidString:)),
                               peopleMet: req.formText("peopleMet"), topics: req.formList("topics"), notes: req.formText("notes"),
                               followUpOn: date("followUpOn"), partnershipID: UUID(uuidString: req.formText("partnershipID")))
    }

    static func choices(_ req: Request, including selected: [UUID]) async throws -> EngagementView.Choices {
        let visitor = try req.signedIn
        let partnerships = try await DirectoryLookups.partnerships(visitor.scope(.editEngagement), on: req.sql)
        var groups = try await EngagementStore.groupOptions(scope: visitor.scope(.editEngagement), on: req.sql)
        // A shared group kept elsewhere may be selected although it is not in the adviser's own list.
        let missing = selected.filter { id in !groups.contains { $0.id == id } }
        if !missing.isEmpty {
            let readable = try await EngagementStore.readable(missing, scope: visitor.scope(.readDirectory), on: req.sql)
            for id in readable { if let group = try await CommunityGroup.find(id, on: req.db) { groups.insert(.init(id: id, name: group.name), at: 0) } }
        }
        return .init(partnerships: partnerships, groups: groups)
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        var input = EngagementInput()
        if let group = UUID(uuidString: req.queryText("group")) { input.groupIDs = [group] }
        let choices = try await choices(req, including: input.groupIDs)
        input.groupIDs = input.groupIDs.filter { id in choices.groups.contains { $0.id == id } }
        let today = req.today
        input.occurredOn = .parts(day: String(today.day), month: String(today.month), year: String(today.year))
        input.partnershipID = visitor.currentPartnership.map(\.id).flatMap { id in choices.partnerships.contains { $0.id == id } ? id : nil }
            ?? choices.partnerships.first?.id
        return EngagementView.form(.init(input: input, choices: choices), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let input = input(from: req)
        let (values, problems) = try await input.validated(for: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: EngagementView.form(
                .init(input: input, choices: try await choices(req, including: input.groupIDs), problems: problems), context: PageContext(req)))
                .encodeResponse(for: req)
        }
        let engagement = try await EngagementStore.create(values, adviserID: visitor.userID, on: req.db)
        try await req.audit(.init("engagement.create", recordType: "engagement", recordID: engagement.id?.uuidString, partnershipID: values.partnershipID))
        // Back to the group when there is one, where the timeline shows the new entry.
        if values.groupIDs.count == 1 {
            return req.redirect(to: SiteURL.directoryGroup(.value(values.groupIDs[0])).path(query: GroupShowView.Notice.engagement.query))
        }
        return req.redirect(to: SiteURL.engagement(.value(engagement.id!)).path(query: EngagementView.Notice.logged.query))
    }

    static func storedInput(_ engagement: Engagement, on sql: any SQLDatabase) async throws -> EngagementInput {
        let rows = try await EngagementStore.rows(of: try engagement.requireID(), on: sql)
        return EngagementInput(occurredOn: .iso(engagement.occurredOn), time: engagement.occurredAtTime ?? "", channel: engagement.channel,
                               outcome: engagement.outcome, groupIDs: rows.groups.map(\.id), peopleMet: engagement.peopleMet,
                               topics: rows.topics, notes: engagement.notes, followUpOn: .iso(engagement.followUpOn ?? ""),
                               partnershipID: engagement.$partnership.id)
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let engagement = try await req.record(Engagement.self)
        let rows = try await EngagementStore.rows(of: try engagement.requireID(), on: req.sql)
        let adviser = try await User.find(engagement.$adviser.id, on: req.db)
        let partnership = try await Partnership.find(engagement.$partnership.id, on: req.db)
        let canEdit = try req.signedIn.allows(.editEngagement, on: engagement.$partnership.id)
        let id = try engagement.requireID()
        let library = LibrarySearch.Scope.staff(ownPartnerships: try req.signedIn.scope(.readResources))
        let resources = ReceivedPanel.Model(
            received: try await LibraryRecords.handedOver(at: id, scope: library, on: req.sql),
            choices: canEdit ? try await LibraryRecords.choices(scope: library, on: req.sql) : [],
            action: SiteURL.engagementResources(.value(id)).path, heading: "Resources handed over", asksDate: false, today: req.today)
        return EngagementView.show(.init(id: try engagement.requireID(), channel: engagement.channel, outcome: engagement.outcome, occurredOn: engagement.occurredOn,
                                         occurredAtTime: engagement.occurredAtTime, peopleMet: engagement.peopleMet, notes: engagement.notes,
                                         followUpOn: engagement.followUpOn, followUpDone: engagement.followUpDone, groups: rows.groups, topics: rows.topics,
                                         adviserName: adviser?.displayName ?? "", partnershipName: partnership?.name ?? "", canEdit: canEdit,
                                         notice: EngagementView.Notice.read(req)?.message, resources: resources), context: PageContext(req))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let engagement = try await req.record(Engagement.self, editable: .editEngagement)
        let input = try await storedInput(engagement, on: req.sql)
        return EngagementView.form(.init(input: input, choices: try await choices(req, including: input.groupIDs),
                                         engagementID: engagement.id, version: engagement.version), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let engagement = try await req.record(Engagement.self, editable: .editEngagement)
        let version = try req.expectedVersion()
        let input = input(from: req)
        let (values, problems) = try await input.validated(for: req)
        let choices = try await choices(req, including: input.groupIDs)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: EngagementView.form(
                .init(input: input, choices: choices, engagementID: engagement.id, version: version, problems: problems), context: PageContext(req)))
                .encodeResponse(for: req)
        }
        do {
            try await EngagementStore.update(engagement, with: values, expectedVersion: version, on: req.db)
        } catch is VersionConflict {
            guard let stored = try await Engagement.find(engagement.id, on: req.db) else { throw Abort(.notFound) }
            let storedInput = try await storedInput(stored, on: req.sql)
            return try await PageResponse(status: .conflict, layout: EngagementView.form(
                .init(input: input, choices: choices, engagementID: engagement.id, version: stored.version,
                      conflict: EngagementView.differences(input, storedInput, choices: choices)), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("engagement.update", recordType: "engagement", recordID: engagement.id?.uuidString, partnershipID: values.partnershipID))
        return req.redirect(to: SiteURL.engagement(.value(engagement.id!)).path)
    }

    @Sendable
    static func closeFollowUp(req: Request) async throws -> Response {
        let engagement = try await req.record(Engagement.self, editable: .editEngagement)
        engagement.followUpDone = true
        try await engagement.saveVersioned(expectedVersion: engagement.version, on: req.db)
        try await req.audit(.init("engagement.follow_up_done", recordType: "engagement", recordID: engagement.id?.uuidString, partnershipID: engagement.$partnership.id))
        return req.redirect(to: SiteURL.followUps.path(query: FollowUpView.Notice.closed.query))
    }
}
