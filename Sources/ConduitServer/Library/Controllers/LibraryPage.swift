import ConduitCore
import Foundation
import Vapor

/// What the library's pages, the public library and the API share that is not a query: the
/// filters they read, and the view models they build from the rows.
enum LibraryPage {
    static let perPage = 20

    /// The partnership giving a resource to a group: one the group serves where the person
    /// logs engagement, their current one first; nil when there is none.
    static func giver(_ req: Request, group groupID: UUID) async throws -> UUID? {
        let visitor = try req.signedIn
        let served = (try await GroupStore.served([groupID], on: req.db)[groupID] ?? []).map(\.partnershipId).filter { visitor.allows(.editEngagement, on: $0) }
        return served.first(where: { $0 == visitor.currentPartnership?.id }) ?? served.first
    }

    /// The filters of a list. A value that names nothing is a problem, never a silent default.
    static func filters(_ req: Request, problems: inout [FieldProblem]) -> LibrarySearch.Filters {
        typealias N = LibrarySearch.Filters.Name
        var filters = LibrarySearch.Filters()
        filters.text = req.queryText(N.text.rawValue)
        if let problem = GroupValidation.tooLong(filters.text, 200, field: N.text.rawValue, label: "Search words") { problems.append(problem) }
        filters.kind = req.queryChoice(N.kind.rawValue, ResourceKind.init(rawValue:), message: "kind must be one of the kinds listed", problems: &problems)
        filters.topic = req.queryChoice(N.topic.rawValue, ResourceTopic.init(rawValue:), message: "topic must be one of the topics listed", problems: &problems)
        filters.audience = req.queryChoice(N.audience.rawValue, ResourceAudience.init(rawValue:), message: "audience must be one of those listed", problems: &problems)
        filters.language = req.queryChoice(N.language.rawValue, PageLanguage.init(code:), message: "language must be a language code Conduit offers, such as so or ar", problems: &problems)
        filters.partnershipID = req.queryChoice(N.partnership.rawValue, UUID.init(uuidString:), message: "partnership must be a partnership's id", problems: &problems)
        return filters
    }

    /// The page's rows as cards, each with its languages (the original first).
    static func items(_ rows: [LibrarySearch.Row], versions: [LibrarySearch.VersionRow]) -> [LibraryView.Item] {
        let byResource = Dictionary(grouping: versions, by: \.resourceId)
        return rows.map { row in
            LibraryView.Item(id: row.id, title: row.title, summary: row.summary, kind: row.kind, ownerName: row.ownerName,
                             visibility: ResourceVisibility(rawValue: row.visibility) ?? .partnership,
                             languages: languages(ResourceEditions(byResource[row.id] ?? [], originalLanguage: row.language)))
        }
    }

    static func languages<V>(_ editions: ResourceEditions<V>) -> [LibraryView.LanguageTag] {
        let original = PageLanguage(code: editions.originalLanguage) ?? .english
        return [LibraryView.LanguageTag(language: original, outOfDate: false)] + editions.translations.compactMap { version in
            PageLanguage(code: version.language).map { LibraryView.LanguageTag(language: $0, outOfDate: editions.isOutOfDate(version)) }
        }
    }

    static func version(_ row: LibraryRecords.Version, outOfDate: Bool) -> ResourceView.Version {
        ResourceView.Version(id: row.id, language: PageLanguage(code: row.language) ?? .english, number: row.number, translatesVersion: row.translatesVersion,
                             title: row.title, summary: row.summary, changes: row.changes, fileName: row.fileName,
                             fileType: row.fileType.flatMap(DocumentType.init(rawValue:)), fileSize: row.fileSize, link: row.link,
                             addedAt: row.addedAt, addedByName: row.addedByName, outOfDate: outOfDate)
    }

    /// A file of a version, with the headers that keep it a download and never a page of
    /// Conduit's: its type, its name, nosniff, and a policy that lets nothing in it run.
    static func file(_ version: ResourceVersion, isPublic: Bool, req: Request) async throws -> Response {
        guard let hash = version.documentHash, let stored = try await DocumentStore.find(hash, on: req.sql) else { throw MissingRecord() }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: stored.mediaType)
        let type = version.fileType.flatMap(DocumentType.init(rawValue:))
        let name = (version.fileName ?? "document").filter { $0.isLetter || $0.isNumber || "-_. ".contains($0) }
        let ascii = String(name.unicodeScalars.filter(\.isASCII).map(Character.init))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
        headers.replaceOrAdd(name: .contentDisposition, value: "\(type?.opensInBrowser == true ? "inline" : "attachment"); filename=\"\(ascii.isEmpty ? "document" : ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        headers.replaceOrAdd(name: .eTag, value: "\"\(hash)\"")
        // A public file's bytes never change at its address, but it may be unpublished: caches
        // keep it briefly and ask again (the ETag makes asking cheap).
        headers.replaceOrAdd(name: .cacheControl, value: isPublic ? "public, max-age=300, must-revalidate" : "private, no-store")
        if req.headers.first(name: .ifNoneMatch) == "\"\(hash)\"" { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(data: stored.content))
    }
}
