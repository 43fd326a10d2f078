import ConduitCore
import Fluent
import Foundation
import Vapor

/// The public library, signed out: only resources marked public, in the language a visitor
/// chooses where a translation exists. Anything else is answered 404.
enum PublicLibraryController {
    @Sendable
    static func index(req: Request) async throws -> PageResponse {
        var problems: [FieldProblem] = []
        var filters = LibraryPage.filters(req, problems: &problems)
        // The public library is London's, not a partnership's.
        filters.partnershipID = nil
        let total = problems.isEmpty ? try await LibrarySearch.count(on: req.sql, filters: filters, scope: .publicLibrary) : 0
        let pagination = Pagination(page: try? req.query.get(Int.self, at: "page"), perPage: LibraryPage.perPage, total: total)
        let rows = problems.isEmpty ? try await LibrarySearch.page(on: req.sql, filters: filters, scope: .publicLibrary, pagination: pagination) : []
        let items = LibraryPage.items(rows, versions: try await LibrarySearch.versions(of: rows.map(\.id), on: req.sql))
        return PageResponse(problems: problems, layout: PublicLibraryView.index(.init(filters: filters, items: items, total: total, pagination: pagination, problems: problems),
                                                                                context: PageContext(publicPage: req)))
    }

    private static func published(_ req: Request) async throws -> LibraryResource {
        guard let resource = try await LibraryResource.find(try req.uuid(.resourceID), on: req.db), resource.resourceVisibility == .public else { throw MissingRecord() }
        return resource
    }

    @Sendable
    static func show(req: Request) async throws -> Layout {
        let resource = try await published(req)
        let id = try resource.requireID()
        let versions = try await LibraryRecords.versions(of: id, on: req.sql)
        let editions = ResourceEditions(versions, originalLanguage: resource.language)
        guard let original = editions.current else { throw MissingRecord() }
        let asked = PageLanguage(code: req.queryText("lang"))
        let shown = asked.flatMap { editions.translation(in: $0.code) } ?? original
        let lists = try await LibraryRecords.lists(of: id, on: req.sql)
        let owner = try await Partnership.find(resource.$partnership.id, on: req.db)
        let older = editions.older.filter { $0.language == shown.language }
        var shownVersion = LibraryPage.version(shown, outOfDate: editions.isOutOfDate(shown))
        // The original's words are the resource's, as last changed.
        if shown.language == resource.language { shownVersion.title = resource.title; shownVersion.summary = resource.summary }
        let page = PublicLibraryView.Page(id: id, language: shownVersion.language, shown: shownVersion, kind: resource.kind,
                                          topics: lists.topics, audiences: lists.audiences, ownerName: owner?.name ?? "",
                                          languages: LibraryPage.languages(editions), older: older.map { LibraryPage.version($0, outOfDate: false) })
        return PublicLibraryView.show(page, context: PageContext(publicPage: req))
    }

    @Sendable
    static func file(req: Request) async throws -> Response {
        let resource = try await published(req)
        let version = try await ResourceVersion.find(try req.uuid(.versionID), of: resource, on: req.db)
        return try await LibraryPage.file(version, isPublic: true, req: req)
    }
}
