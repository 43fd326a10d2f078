import ConduitCore
import Fluent
import Foundation
import Vapor

/// The library in the JSON API, with the pages' rules: read as visibility says, changed by
/// the keeping partnership's advisers. Uploads are multipart with the page's field names.
enum LibraryAPIController {
    struct SummaryDTO: Content {
        var id: UUID
        var title: String
        var summary: String
        var kind: String
        var visibility: String
        var partnershipName: String
        var languages: [LanguageDTO]
    }

    struct LanguageDTO: Content {
        var code: String
        var name: String
        var endonym: String
        var direction: String
        var outOfDate: Bool
    }

    struct ListDTO: Content {
        var items: [SummaryDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    struct VersionDTO: Content {
        var id: UUID
        var language: String
        var number: Int
        var translatesVersion: Int
        var title: String
        var summary: String
        var changes: String
        var fileName: String?
        var fileType: String?
        var fileSize: Int?
        var link: String?
        var fileURL: String?
        var addedAt: Date
        var outOfDate: Bool
        var current: Bool
    }

    struct ResourceDTO: Content {
        var id: UUID
        var version: Int
        var title: String
        var summary: String
        var kind: String
        var topics: [String]
        var audiences: [String]
        var visibility: String
        var reviewOn: String?
        var language: String
        var partnershipId: UUID
        var versions: [VersionDTO]
    }

    struct DistributionDTO: Content {
        var id: UUID
        var groupId: UUID
        var groupName: String
        var language: String
        var receivedOn: String
        var copies: Int
        var engagementId: UUID?
        var recordedBy: String
    }

    @Sendable
    static func list(req: Request) async throws -> ListDTO {
        var problems = Pagination.queryProblems(in: req)
        let filters = LibraryPage.filters(req, problems: &problems)
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let scope = LibrarySearch.Scope.staff(ownPartnerships: try req.signedIn.scope(.readResources))
        let total = try await LibrarySearch.count(on: req.sql, filters: filters, scope: scope)
        let pagination = Pagination(requestedBy: req, total: total)
        let rows = try await LibrarySearch.page(on: req.sql, filters: filters, scope: scope, pagination: pagination)
        let items = LibraryPage.items(rows, versions: try await LibrarySearch.versions(of: rows.map(\.id), on: req.sql))
        return ListDTO(items: items.map { item in
            SummaryDTO(id: item.id, title: item.title, summary: item.summary, kind: item.kind, visibility: item.visibility.rawValue, partnershipName: item.ownerName,
                       languages: item.languages.map { LanguageDTO(code: $0.language.code, name: $0.language.english, endonym: $0.language.endonym,
                                                                   direction: $0.language.direction, outOfDate: $0.outOfDate) })
        }, total: total, page: pagination.page, perPage: pagination.perPage)
    }

    static func document(_ resource: LibraryResource, on req: Request) async throws -> ResourceDTO {
        let id = try resource.requireID()
        let versions = try await LibraryRecords.versions(of: id, on: req.sql)
        let editions = ResourceEditions(versions, originalLanguage: resource.language)
        let shown = Set(([editions.current].compactMap { $0 } + editions.translations).map(\.id))
        let lists = try await LibraryRecords.lists(of: id, on: req.sql)
        return ResourceDTO(id: id, version: resource.version, title: resource.title, summary: resource.summary, kind: resource.kind, topics: lists.topics,
                           audiences: lists.audiences, visibility: resource.visibility, reviewOn: resource.reviewOn, language: resource.language,
                           partnershipId: resource.$partnership.id, versions: versions.map { version in
            VersionDTO(id: version.id, language: version.language, number: version.number, translatesVersion: version.translatesVersion, title: version.title,
                       summary: version.summary, changes: version.changes, fileName: version.fileName, fileType: version.fileType, fileSize: version.fileSize,
                       link: version.link, fileURL: version.fileType == nil ? nil : SiteURL.api(.resourceFile(.value(id), .value(version.id))).path,
                       addedAt: version.addedAt, outOfDate: editions.isOutOfDate(version), current: shown.contains(version.id))
        })
    }

    @Sendable
    static func show(req: Request) async throws -> ResourceDTO {
        try await document(try await req.record(LibraryResource.self), on: req)
    }

    /// Creates a resource with its first version (multipart: the details, and `file` or `link`).
    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let details = input.details(visibilities: ResourceVisibility.allCases, problems: &problems)
        let partnershipID = input.keeper(among: visitor.scope(.editResources), problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let details, let content, let partnershipID else { throw ValidationFailure(problems: problems) }
        let resource = try await LibraryStore.create(details, content: content, partnershipID: partnershipID, userID: visitor.userID, now: req.now, on: req.db)
        try await req.audit(.init("resource.create", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: partnershipID, detail: "api, \(details.visibility.rawValue)"))
        if details.visibility == .public {
            try await req.audit(.init("resource.publish", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: partnershipID, detail: "api"))
        }
        return try await .json(try await document(resource, on: req), status: .created, req: req)
    }

    /// Changes the details (JSON or a form body, with `version`); files are added as versions.
    @Sendable
    static func update(req: Request) async throws -> ResourceDTO {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let details = input.details(visibilities: ResourceVisibility.allCases, problems: &problems)
        let expected = input.expectedVersion
        if expected == nil { problems.append(.init(field: "version", message: "Send version, the version of the resource your change is based on")) }
        guard problems.isEmpty, let details, let expected else { throw ValidationFailure(problems: problems) }
        let wasPublic = resource.resourceVisibility == .public
        do {
            try await LibraryStore.update(resource, details, expectedVersion: expected, on: req.db)
        } catch let conflict as VersionConflict {
            throw Abort(.conflict, reason: conflict.message)
        }
        try await req.audit(.init("resource.update", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id, detail: "api, \(details.visibility.rawValue)"))
        if details.visibility == .public && !wasPublic {
            try await req.audit(.init("resource.publish", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id, detail: "api"))
        }
        return try await document(resource, on: req)
    }

    @Sendable
    static func versions(req: Request) async throws -> [VersionDTO] {
        try await document(try await req.record(LibraryResource.self), on: req).versions
    }

    @Sendable
    static func addVersion(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let changes = input.changesMade(problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let content else { throw ValidationFailure(problems: problems) }
        let version = try await LibraryStore.addVersion(to: resource, content: content, changes: changes, userID: try req.signedIn.userID, now: req.now, on: req.db)
        try await req.audit(.init("resource.version", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id, detail: "api, version \(version.number)"))
        return try await .json(try await document(resource, on: req), status: .created, req: req)
    }

    @Sendable
    static func addTranslation(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self, editable: .editResources)
        let input = try ResourceInput(req)
        var problems: [FieldProblem] = []
        let language = input.translationLanguage(original: resource.language, problems: &problems)
        let (title, summary) = input.translatedWords(problems: &problems)
        let content = input.content(problems: &problems)
        guard problems.isEmpty, let language, let content else { throw ValidationFailure(problems: problems) }
        let version = try await LibraryStore.addTranslation(to: resource, language: language, title: title, summary: summary, changes: input.changes,
                                                            content: content, userID: try req.signedIn.userID, now: req.now, on: req.db)
        try await req.audit(.init("resource.translation", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: resource.$partnership.id,
                                  detail: "api, \(language.code) of version \(version.translatesVersion)"))
        return try await .json(try await document(resource, on: req), status: .created, req: req)
    }

    @Sendable
    static func distributions(req: Request) async throws -> [DistributionDTO] {
        let resource = try await req.record(LibraryResource.self)
        return try await LibraryRecords.distributions(of: try resource.requireID(), recordedBy: try req.signedIn.scope(.readDirectory), on: req.sql).map {
            DistributionDTO(id: $0.id, groupId: $0.groupId, groupName: $0.groupName, language: $0.language, receivedOn: $0.receivedOn, copies: $0.copies,
                            engagementId: $0.engagementId, recordedBy: $0.partnershipName)
        }
    }

    struct DistributionBody: Content {
        var groupId: UUID
        var language: String
        var receivedOn: String
        var copies: Int?
    }

    @Sendable
    static func distribute(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self)
        let body = try req.content.decode(DistributionBody.self)
        var problems: [FieldProblem] = []
        let language = PageLanguage(code: body.language)
        if language == nil { problems.append(.init(field: "language", message: "language must be a language code Conduit offers, such as so or ar")) }
        let day = CalendarDate(iso: body.receivedOn)
        if day == nil || day! > req.today { problems.append(.init(field: "receivedOn", message: "receivedOn must be a date like 2026-11-30, today or before")) }
        let copies = body.copies ?? 1
        if !(1...10_000).contains(copies) { problems.append(.init(field: "copies", message: "copies must be a whole number from 1 to 10000")) }
        guard let group = try? await req.record(CommunityGroup.self, id: body.groupId) else {
            throw ValidationFailure(problems: problems + [.init(field: "groupId", message: "groupId must be a group you can read")])
        }
        guard problems.isEmpty, let language, let day else { throw ValidationFailure(problems: problems) }
        let visitor = try req.signedIn
        guard let giver = try await LibraryPage.giver(req, group: body.groupId) else {
            throw ValidationFailure(problems: [.init(field: "groupId", message: "groupId must be a group your partnership works with")])
        }
        let distribution = try await LibraryStore.distribute(resource, to: try group.requireID(), language: language, on: day, copies: copies, engagementID: nil,
                                                             partnershipID: giver, userID: visitor.userID, on: req.db)
        try await req.audit(.init("resource.distribute", recordType: "resource", recordID: resource.id?.uuidString, partnershipID: giver, detail: "api"))
        return try await .json(DistributionDTO(id: try distribution.requireID(), groupId: body.groupId, groupName: group.name, language: language.code,
                                               receivedOn: day.description, copies: copies, engagementId: nil,
                                               recordedBy: try await Partnership.find(giver, on: req.db)?.name ?? ""), status: .created, req: req)
    }

    @Sendable
    static func file(req: Request) async throws -> Response {
        let resource = try await req.record(LibraryResource.self)
        let version = try await ResourceVersion.find(try req.uuid(.versionID), of: resource, on: req.db)
        return try await LibraryPage.file(version, isPublic: false, req: req)
    }
}
