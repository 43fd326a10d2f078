import ConduitCore
import Fluent
import Foundation
import SQLKit

/// The library's writes: each a single transaction, so a refused or failed upload leaves
/// nothing behind (no resource without its file, no file without its version).
enum LibraryStore {
    /// What a resource is, as its form or the API gives it, checked.
    struct Details: Sendable {
        var title: String
        var summary: String
        var kind: ResourceKind
        var topics: [ResourceTopic]
        var audiences: [ResourceAudience]
        var visibility: ResourceVisibility
        var reviewOn: CalendarDate?
    }

    /// A version's content: an uploaded file, checked, or a link.
    enum Content: Sendable {
        case file(name: String, type: DocumentType, bytes: [UInt8])
        case link(String)
    }

    /// Creates the resource with its first version.
    static func create(_ details: Details, content: Content, partnershipID: UUID, userID: UUID, now: Date, on db: any Database) async throws -> LibraryResource {
        let resource = LibraryResource(partnershipID: partnershipID, createdBy: userID, title: details.title, summary: details.summary,
                                       kind: details.kind, visibility: details.visibility, reviewOn: details.reviewOn)
        try await db.transaction { db in
            try await resource.create(on: db)
            try await writeLists(of: resource, details, on: db)
            _ = try await addVersion(to: resource, language: .english, number: 1, translates: 1, title: details.title, summary: details.summary,
                                     changes: "", content: content, userID: userID, now: now, on: db)
            try await writeWords(of: resource, on: db)
        }
        return resource
    }

    /// Saves changed details if the resource is still at `expectedVersion`.
    static func update(_ resource: LibraryResource, _ details: Details, expectedVersion: Int, on db: any Database) async throws {
        resource.title = details.title
        resource.summary = details.summary
        resource.kind = details.kind.rawValue
        resource.visibility = details.visibility.rawValue
        resource.reviewOn = details.reviewOn?.description
        try await resource.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            try await writeLists(of: resource, details, on: db)
            try await writeWords(of: resource, on: db)
        }
    }

    /// A new version of the original: the newest is the one shown, the old ones stay.
    static func addVersion(to resource: LibraryResource, content: Content, changes: String, userID: UUID, now: Date, on db: any Database) async throws -> ResourceVersion {
        try await db.transaction { db in
            let number = try await newest(of: resource, in: resource.language, on: db) + 1
            return try await addVersion(to: resource, language: PageLanguage(code: resource.language) ?? .english, number: number, translates: number,
                                        title: resource.title, summary: resource.summary, changes: changes, content: content, userID: userID, now: now, on: db)
        }
    }

    /// A translation of the newest original, in its own words; a newer one in the same
    /// language is the one shown, the older stay.
    static func addTranslation(to resource: LibraryResource, language: PageLanguage, title: String, summary: String, changes: String,
                               content: Content, userID: UUID, now: Date, on db: any Database) async throws -> ResourceVersion {
        try await db.transaction { db in
            let original = try await newest(of: resource, in: resource.language, on: db)
            let number = try await newest(of: resource, in: language.code, on: db) + 1
            let version = try await addVersion(to: resource, language: language, number: number, translates: original, title: title, summary: summary,
                                               changes: changes, content: content, userID: userID, now: now, on: db)
            try await writeWords(of: resource, on: db)
            return version
        }
    }

    /// Records that a group received the resource.
    static func distribute(_ resource: LibraryResource, to groupID: UUID, language: PageLanguage, on day: CalendarDate, copies: Int,
                           engagementID: UUID?, partnershipID: UUID, userID: UUID, on db: any Database) async throws -> ResourceDistribution {
        let distribution = ResourceDistribution()
        distribution.$resource.id = try resource.requireID()
        distribution.$group.id = groupID
        distribution.$engagement.id = engagementID
        distribution.$partnership.id = partnershipID
        distribution.$recordedBy.id = userID
        distribution.language = language.code
        distribution.receivedOn = day.description
        distribution.copies = copies
        try await distribution.create(on: db)
        return distribution
    }

    private static func newest(of resource: LibraryResource, in language: String, on db: any Database) async throws -> Int {
        try await ResourceVersion.query(on: db).filter(\.$resource.$id == resource.requireID()).filter(\.$language == language).max(\.$number) ?? 0
    }

    private static func addVersion(to resource: LibraryResource, language: PageLanguage, number: Int, translates: Int, title: String, summary: String,
                                   changes: String, content: Content, userID: UUID, now: Date, on db: any Database) async throws -> ResourceVersion {
        let version = ResourceVersion()
        version.$resource.id = try resource.requireID()
        version.$addedBy.id = userID
        version.addedAt = now
        version.language = language.code
        version.number = number
        version.translatesVersion = translates
        version.title = title
        version.summary = summary
        version.changes = changes
        // A new file is a change of the resource: a check made before it (publishing) is stale.
        if number > 1 || language.code != resource.language {
            try await (db as! any SQLDatabase).update(LibraryResource.schema)
                .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
                .set("updated_at", to: SQLBind(now))
                .where("id", .equal, try resource.requireID()).run()
        }
        switch content {
        case .file(let name, let type, let bytes):
            version.documentHash = try await DocumentStore.keep(bytes, type: type, now: now, on: db as! any SQLDatabase)
            version.fileName = name
            version.fileType = type.rawValue
            version.fileSize = bytes.count
        case .link(let link):
            version.link = link
        }
        try await version.create(on: db)
        return version
    }

    private static func writeLists(of resource: LibraryResource, _ details: Details, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let id = try resource.requireID()
        for (table, column, values) in [(LibraryTables.topics, "topic", details.topics.map(\.rawValue)), (LibraryTables.audiences, "audience", details.audiences.map(\.rawValue))] {
            try await sql.delete(from: table).where("resource_id", .equal, id).run()
            guard !values.isEmpty else { continue }
            let insert = sql.insert(into: table).columns("resource_id", column)
            for value in Set(values) { insert.values(SQLBind(id), SQLBind(value)) }
            try await insert.run()
        }
    }

    /// The beginnings of the words of its title and summary, and of every translation's.
    private static func writeWords(of resource: LibraryResource, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let id = try resource.requireID()
        let translated = try await ResourceVersion.query(on: db).filter(\.$resource.$id == id).filter(\.$language != resource.language).all()
        let words = SearchWords.prefixes(of: [resource.title, resource.summary] + translated.flatMap { [$0.title, $0.summary] })
        try await sql.delete(from: LibraryTables.words).where("resource_id", .equal, id).run()
        // In batches: a bound parameter a value, within SQLite's limit on parameters.
        for batch in Array(words).sorted().chunked(into: 400) {
            let insert = sql.insert(into: LibraryTables.words).columns("resource_id", "word")
            for word in batch { insert.values(SQLBind(id), SQLBind(word)) }
            try await insert.run()
        }
    }
}
