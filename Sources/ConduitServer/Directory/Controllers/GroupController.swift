import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The directory of groups: search, add (with the duplicate check), show, edit.
enum GroupController {
    @Sendable
    static func index(req: Request) async throws -> Layout {
        let visitor = try req.signedIn
        let filters = DirectorySearch.Filters(query: req)
        let scope = try DirectorySearch.Scope(for: req)
        let total = try await DirectorySearch.count(on: req.sql, filters: filters, scope: scope)
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), total: total)
        let rows = try await DirectorySearch.page(on: req.sql, filters: filters, scope: scope, pagination: pagination)
        let partnerships = try await DirectoryLookups.partnerships(scope.directory, on: req.sql)
        return DirectoryView.index(.init(filters: filters, rows: rows, pagination: pagination, partnerships: partnerships,
                                         canAdd: visitor.allows(.editDirectory)), context: PageContext(req))
    }

    // MARK: Add and edit

    /// The group form as submitted.
    static func input(from req: Request) -> GroupInput {
        GroupInput(name: req.formText("name"), type: req.formText("type"), faith: req.formText("faith"),
                   denomination: req.formText("denomination"), communities: req.formText("communities"),
                   languages: req.formText("languages"), address: req.formText("address"), postcode: req.formText("postcode"),
                   phone: req.formText("phone"), email: req.formText("email"), meetingTimes: req.formText("meetingTimes"),
                   status: req.formText("status"),
                   statusConfirmedOn: .parts(day: req.formText("statusConfirmedOn-day"), month: req.formText("statusConfirmedOn-month"),
                                             year: req.formText("statusConfirmedOn-year")),
                   howFound: req.formText("howFound"), notes: req.formText("notes"),
                   ownerID: UUID(uuidString: req.formText("ownerID")), servedIDs: req.formList("servedIDs").compactMap(UUID.init(uuidString:)))
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let choices = try await DirectoryView.Choices(for: req)
        var input = GroupInput()
        input.ownerID = try req.signedIn.currentPartnership.map(\.id).flatMap { id in choices.owners.contains { $0.id == id } ? id : nil }
            ?? choices.owners.first?.id
        input.servedIDs = input.ownerID.map { [$0] } ?? []
        return DirectoryView.form(.init(input: input, choices: choices), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let choices = try await DirectoryView.Choices(for: req)
        let input = input(from: req)
        let (values, problems) = input.validated(choices: choices, today: req.today)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: DirectoryView.form(
                .init(input: input, choices: choices, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        // Before anything is written: is this a group Conduit already knows?
        if !req.formList("notDuplicate").contains("yes") {
            let likely = try await DirectoryLookups.likelyDuplicates(name: values.name, postcode: values.postcode, phone: values.phone,
                                                                     scope: visitor.scope(.readDirectory), on: req.sql)
            if !likely.isEmpty {
                return try await DirectoryView.form(.init(input: input, choices: choices, duplicates: likely), context: PageContext(req))
                    .encodeResponse(for: req)
            }
        }
        let group = try await GroupStore.create(values, on: req.db)
        try await req.audit(.init("group.create", recordType: "group", recordID: group.id?.uuidString, partnershipID: values.ownerID, detail: values.name))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: GroupShowView.Notice.created.query))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let choices = try await DirectoryView.Choices(for: req)
        return DirectoryView.form(.init(input: try await GroupStore.input(from: group, on: req.db), choices: choices,
                                        groupID: group.id, version: group.version), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let group = try await req.record(CommunityGroup.self, editable: .editDirectory)
        let version = try req.expectedVersion()
        let choices = try await DirectoryView.Choices(for: req)
        let input = input(from: req)
        let (values, problems) = input.validated(choices: choices, today: req.today)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: DirectoryView.form(
                .init(input: input, choices: choices, groupID: group.id, version: version, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        let before = try await GroupStore.input(from: group, on: req.db)
        do {
            try await GroupStore.update(group, with: values, expectedVersion: version, on: req.db)
        } catch is VersionConflict {
            // Show the stored record beside what this person typed; their input stays in the form.
            let current = try await req.record(CommunityGroup.self)
            let stored = try await GroupStore.input(from: current, on: req.db)
            return try await PageResponse(status: .conflict, layout: DirectoryView.form(
                .init(input: input, choices: choices, groupID: group.id, version: current.version,
                      conflict: GroupChanges.between(input, stored, choices: choices)), context: PageContext(req))).encodeResponse(for: req)
        }
        try await req.audit(.init("group.update", recordType: "group", recordID: group.id?.uuidString, partnershipID: values.ownerID,
                                  detail: GroupChanges.fieldNames(between: before, input)))
        return req.redirect(to: SiteURL.directoryGroup(.value(group.id!)).path(query: GroupShowView.Notice.saved.query))
    }
}

/// The differences between two versions of a group, for conflict pages and the audit trail.
enum GroupChanges {
    /// Label, this person's value, the stored value — for each field that differs.
    static func between(_ mine: GroupInput, _ stored: GroupInput, choices: DirectoryView.Choices) -> [(field: String, mine: String, stored: String)] {
        let names = Dictionary(choices.partnerships.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func partnershipNames(_ ids: [UUID]) -> String { Set(ids).map { names[$0] ?? $0.uuidString }.sorted().joined(separator: ", ") }
        func date(_ field: DateField) -> String { field.parse(label: "").date?.description ?? "" }
        let pairs: [(String, String, String)] = [
            ("Name", mine.name, stored.name),
            ("Type", GroupType.title(of: mine.type), GroupType.title(of: stored.type)),
            ("Faith", Faith.title(of: mine.faith), Faith.title(of: stored.faith)),
            ("Denomination or tradition", mine.denomination, stored.denomination),
            ("Communities of origin", GroupValidation.list(mine.communities).joined(separator: ", "), GroupValidation.list(stored.communities).joined(separator: ", ")),
            ("Languages", GroupValidation.list(mine.languages).joined(separator: ", "), GroupValidation.list(stored.languages).joined(separator: ", ")),
            ("Address", mine.address, stored.address),
            ("Postcode", Postcode.normalise(mine.postcode) ?? mine.postcode, stored.postcode),
            ("Phone", mine.phone, stored.phone),
            ("Email", mine.email.lowercased(), stored.email),
            ("Meeting days and times", mine.meetingTimes, stored.meetingTimes),
            ("Status", GroupStatus.title(of: mine.status), GroupStatus.title(of: stored.status)),
            ("Status last confirmed", date(mine.statusConfirmedOn), date(stored.statusConfirmedOn)),
            ("How the group was found", mine.howFound, stored.howFound),
            ("Notes", mine.notes, stored.notes),
            ("Partnerships served", partnershipNames(mine.servedIDs + (mine.ownerID.map { [$0] } ?? [])), partnershipNames(stored.servedIDs)),
        ]
        return pairs.map { ($0.0, $0.1.trimmingCharacters(in: .whitespacesAndNewlines), $0.2.trimmingCharacters(in: .whitespacesAndNewlines)) }
            .filter { $0.1 != $0.2 }
    }

    /// "Fields changed: name, status" for the audit trail (values stay out of it).
    static func fieldNames(between before: GroupInput, _ after: GroupInput) -> String {
        let changed = between(after, before, choices: .init(owners: [], partnerships: [])).map(\.field)
        return changed.isEmpty ? "No fields changed" : "Fields changed: " + changed.joined(separator: ", ")
    }
}
