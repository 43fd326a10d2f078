import ConduitCore
import Fluent
import Foundation

/// A leaflet, letter, template, protocol or other resource of the library (DESIGN.md part 7),
/// kept by the partnership that made it and read as its visibility says. Its files are its
/// versions; its translations are versions in another language.
final class LibraryResource: Model, Versioned, @unchecked Sendable {
    static let schema = "resources"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// `ResourceKind`'s code.
    @Field(key: "kind") var kind: String
    /// `ResourceVisibility`'s code.
    @Field(key: "visibility") var visibility: String
    /// The day its owner means to check it is still right (`CalendarDate`); nil for never.
    @OptionalField(key: "review_on") var reviewOn: String?
    /// The language of the original (`PageLanguage` code); every other is a translation.
    @Field(key: "language") var language: String

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "created_by") var createdBy: User

    init() {}

    init(partnershipID: UUID, createdBy: UUID, title: String, summary: String, kind: ResourceKind, visibility: ResourceVisibility,
         reviewOn: CalendarDate?, language: PageLanguage = .english) {
        self.version = 1
        self.$partnership.id = partnershipID
        self.$createdBy.id = createdBy
        self.title = title
        self.summary = summary
        self.kind = kind.rawValue
        self.visibility = visibility.rawValue
        self.reviewOn = reviewOn?.description
        self.language = language.code
    }

    var resourceVisibility: ResourceVisibility { ResourceVisibility(rawValue: visibility) ?? .partnership }
}

/// One file or link of a resource: a version of the original (numbered 1, 2, …) or a
/// translation, which names the original's version it was made from.
final class ResourceVersion: Model, @unchecked Sendable {
    static let schema = "resource_versions"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "added_at") var addedAt: Date

    // data
    /// `PageLanguage` code: the resource's own language for a version of the original.
    @Field(key: "language") var language: String
    /// Its number among the versions in its language.
    @Field(key: "number") var number: Int
    /// The original's version it is (an original) or was translated from (a translation).
    @Field(key: "translates_version") var translatesVersion: Int
    /// The title and summary in its language, as a reader of it sees them.
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// What changed from the version before (empty for the first).
    @Field(key: "changes") var changes: String
    /// A file held in `documents`, by its SHA-256; or a link.
    @OptionalField(key: "document_hash") var documentHash: String?
    @OptionalField(key: "file_name") var fileName: String?
    /// `DocumentType`'s code.
    @OptionalField(key: "file_type") var fileType: String?
    @OptionalField(key: "file_size") var fileSize: Int?
    @OptionalField(key: "link") var link: String?

    // relationships
    @Parent(key: "resource_id") var resource: LibraryResource
    @Parent(key: "added_by") var addedBy: User

    init() {}
}

/// A record that a group received a resource, in a language, on a day: from the group's
/// page, the resource's page or an engagement where it was handed over.
final class ResourceDistribution: Model, @unchecked Sendable {
    static let schema = "resource_distributions"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "language") var language: String
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "copies") var copies: Int

    // relationships
    @Parent(key: "resource_id") var resource: LibraryResource
    @Parent(key: "organisation_id") var group: CommunityGroup
    @OptionalParent(key: "engagement_id") var engagement: Engagement?
    /// The partnership that gave it: its staff see the record.
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "recorded_by") var recordedBy: User

    init() {}
}

/// The library's tables that have no model of their own: written and read with SQLKit.
enum LibraryTables {
    static let topics = "resource_topics"
    static let audiences = "resource_audiences"
    static let words = "resource_words"
    /// Uploaded files, content-addressed by SHA-256, in the database so every instance serves
    /// them and a backup holds them.
    static let documents = "documents"
}
