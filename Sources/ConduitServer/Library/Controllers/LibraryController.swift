import ConduitCore
import Fluent
import Foundation
import Vapor

/// The resource library for partnership staff: find, add, change, version, translate,
/// publish and download resources, and record which groups received them.
enum LibraryController {
    @Sendable
    static func index(req: Request) async throws -> PageResponse {
        let visitor = try req.signedIn
        var problems: [FieldProblem] = []
        let filters = LibraryPage.filters(req, problems: &problems)
        let scope = LibrarySearch.Scope.staff(ownPartnerships: visitor.scope(.readResources))
        let total = problems.isEmpty ? try await LibrarySearch.count(on: req.sql, filters: filters, scope: scope) : 0
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), perPage: LibraryPage.perPage, total: total)
        let rows = problems.isEmpty ? try await LibrarySearch.page(on: req.sql, filters: filters, scope: scope, pagination: pagination) : []
        let versions = try await LibrarySearch.versions(of: rows.map(\.id), on: req.sql)
        let model = LibraryView.Model(filters: filters, items: LibraryPage.items(rows, versions: versions), total: total, pagination: pagination,
                                      partnerships: try await DirectoryLookups.partnerships(on: req.sql), canAdd: visitor.allows(.editResources), problems: problems)
        return PageResponse(problems: problems, layout: LibraryView.index(model, context: PageContext(req)))
    }

    private static func ownPartnerships(_ req: Request) async throws -> [DirectoryLookups.PartnershipOption] {
        try await DirectoryLookups.partnerships(try req.signedIn.scope(.editResources), on: req.sql)
    }

    /// Visibility is chosen on the form between the partnership and all partnerships; the
    /// public library takes the publish step, which shows what will be public first.
    private static func visibilities(current: ResourceVisibility?) -> [ResourceVisibility] {
        current == .public ? ResourceVisibility.allCases : [.partnership, .allPartnerships]
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        var input = ResourceInput()
        let own = try await ownPartnerships(req)
        input.partnershipID = (try req.signedIn.currentPartnership?.id).flatMap { id in own.first { $0.id == id }?.id.uuidString } ?? own.first?.id.uuidString ?? ""
        return LibraryView.form(.init(resourceID: nil, input: input, version: nil, partnerships: own, visibilities: visibilities(current: nil), problems: []), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let input = try ResourceInput(req)
        let own = try await ownPartnerships(req)
        var problems: [FieldProblem] = []
        let details = input.details(visibilities: visibilities(current: nil), problems: &problems)
        let partnershipID = input.keeper(among: visitor.scope(.editResources), problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let details, let content, let partnershipID else {
            return try await PageResponse(status: .unprocessableEntity, layout: LibraryView.form(.init(resourceID: nil, input: input, version: nil, partnerships: own,
                visibilities: visibilities(current: nil), problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        let resource = try await LibraryStore.create(details, content: content, partnershipID: partnershipID, userID: visitor.userID, now: req.application.clock.now, on: req.db)
        let id = try resource.requireID()
        try await req.audit(.init("resource.create", recordType: "resource", recordID: id.uuidString, partnershipID: partnershipID, detail: details.visibility.rawValue))
        return req.redirect(to: SiteURL.resource(.value(id)).path(query: ResourceView.Notice.added.query))
    }

    @Sendable
    static func show(req: Request) async throws -> PageResponse {
        let resource = try await req.record(LibraryResource.self)
        return PageResponse(status: .ok, layout: try await ResourcePage.layout(req, resource, notice: ResourceView.Notice.read(req)))
    }

    @Sendable
    static func edit(req: Request) async throws -> Layout {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let lists = try await LibraryRecords.lists(of: try resource.requireID(), on: req.sql)
        return LibraryView.form(.init(resourceID: resource.id, input: ResourceInput(resource, topics: lists.topics, audiences: lists.audiences), version: resource.version,
                                      partnerships: [], visibilities: visibilities(current: resource.resourceVisibility), problems: []), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let details = input.details(visibilities: visibilities(current: resource.resourceVisibility), problems: &problems)
        let expected = input.expectedVersion ?? -1
        func again(_ status: HTTPStatus, _ problems: [FieldProblem]) async throws -> Response {
            try await PageResponse(status: status, layout: LibraryView.form(.init(resourceID: resource.id, input: input, version: resource.version, partnerships: [],
                visibilities: visibilities(current: resource.resourceVisibility), problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        guard problems.isEmpty, let details else { return try await again(.unprocessableEntity, problems) }
        do {
            try await LibraryStore.update(resource, details, expectedVersion: expected, on: req.db)
        } catch let conflict as VersionConflict {
            return try await again(.conflict, [.init(field: ResourceInput.Name.title.rawValue, message: conflict.message)])
        }
        try await req.audit(.init("resource.update", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id, detail: details.visibility.rawValue))
        return req.redirect(to: SiteURL.resource(.value(try resource.requireID())).path(query: ResourceView.Notice.saved.query))
    }

    @Sendable
    static func publishCheck(req: Request) async throws -> Layout {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let editions = ResourceEditions(try await LibraryRecords.versions(of: try resource.requireID(), on: req.sql), originalLanguage: resource.language)
        return LibraryView.publishCheck(.init(id: try resource.requireID(), version: resource.version, title: resource.title, summary: resource.summary, languages: LibraryPage.languages(editions),
                                              files: ([editions.current].compactMap { $0 } + editions.translations).map { $0.fileName ?? $0.link ?? "" }), context: PageContext(req))
    }

    @Sendable
    static func publish(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        resource.visibility = ResourceVisibility.public.rawValue
        // What was checked is what is published: a change since then is checked again.
        do {
            try await resource.saveVersioned(expectedVersion: Int(req.formText("version")) ?? -1, on: req.db)
        } catch is VersionConflict {
            throw Abort(.conflict, reason: "The resource changed after you checked it. Check it again before you publish it.")
        }
        try await req.audit(.init("resource.publish", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id))
        return req.redirect(to: SiteURL.resource(.value(try resource.requireID())).path(query: ResourceView.Notice.published.query))
    }

    private static func versionForm(_ req: Request, _ resource: LibraryResource, translation: Bool, input: ResourceInput = .init(), problems: [FieldProblem] = []) async throws -> Layout {
        let newest = ResourceEditions(try await LibraryRecords.versions(of: try resource.requireID(), on: req.sql), originalLanguage: resource.language).current?.number ?? 1
        return LibraryView.versionForm(.init(resourceID: try resource.requireID(), resourceTitle: resource.title, newestNumber: newest, translation: translation,
                                             originalLanguage: resource.language, input: input, problems: problems), context: PageContext(req))
    }

    @Sendable
    static func newVersion(req: Request) async throws -> Layout {
        try await versionForm(req, try await req.record(LibraryResource.self, editable: .editResources), translation: false)
    }

    @Sendable
    static func newTranslation(req: Request) async throws -> Layout {
        try await versionForm(req, try await req.record(LibraryResource.self, editable: .editResources), translation: true)
    }

    @Sendable
    static func createVersion(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let changes = input.changesMade(problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let content else {
            return try await PageResponse(status: .unprocessableEntity, layout: versionForm(req, resource, translation: false, input: input, problems: problems)).encodeResponse(for: req)
        }
        let version = try await LibraryStore.addVersion(to: resource, content: content, changes: changes, userID: try req.signedIn.userID, now: req.application.clock.now, on: req.db)
        try await req.audit(.init("resource.version", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id, detail: "version \(version.number)"))
        return req.redirect(to: SiteURL.resource(.value(try resource.requireID())).path(query: ResourceView.Notice.versionAdded.query))
    }

    @Sendable
    static func createTranslation(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let language = input.translationLanguage(original: resource.language, problems: &problems)
        let (title, summary) = input.translatedWords(problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let language, let content else {
            return try await PageResponse(status: .unprocessableEntity, layout: versionForm(req, resource, translation: true, input: input, problems: problems)).encodeResponse(for: req)
        }
        let version = try await LibraryStore.addTranslation(to: resource, language: language, title: title, summary: summary, changes: input.changes,
                                                            content: content, userID: try req.signedIn.userID, now: req.application.clock.now, on: req.db)
        try await req.audit(.init("resource.translation", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id,
                                  detail: "\(language.code) of version \(version.translatesVersion)"))
        return req.redirect(to: SiteURL.resource(.value(try resource.requireID())).path(query: ResourceView.Notice.translationAdded.query))
    }

    @Sendable
    static func file(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self)
        let version = try await ResourceVersion.find(try req.uuid(.versionID), of: resource, on: req.db)
        return try await LibraryPage.file(version, isPublic: false, req: req)
    }

    @Sendable
    static func reviewDue(req: Request) async throws -> Layout {
        let today = req.today
        let rows = try await LibrarySearch.reviewDue(of: try req.signedIn.scope(.editResources), by: today.adding(days: 30), on: req.sql)
        let items = rows.compactMap { row in
            CalendarDate(iso: row.reviewOn).map { LibraryView.DueItem(id: row.id, title: row.title, reviewOn: $0, ownerName: row.ownerName, overdue: $0 < today) }
        }
        return LibraryView.reviewDue(items, context: PageContext(req))
    }
}
