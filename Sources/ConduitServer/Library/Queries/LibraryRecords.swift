import ConduitCore
import Foundation
import SQLKit

/// What a resource's page, a group's page and an engagement's page read of the library.
enum LibraryRecords {
    struct Version: Decodable, Sendable, ResourceEdition {
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
        var addedAt: Date
        var addedByName: String
    }

    static func versions(of resourceID: UUID, on sql: any SQLDatabase) async throws -> [Version] {
        try await sql.select()
            .columns(["id", "language", "number", "translates_version", "title", "summary", "changes", "file_name", "file_type", "file_size", "link", "added_at"].map { SQLColumn($0, table: "v") })
            .column(SQLAlias(SQLColumn("display_name", table: "u"), as: SQLIdentifier("added_by_name")))
            .from(SQLAlias(SQLIdentifier(ResourceVersion.schema), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), on: SQLColumn("id", table: "u"), .equal, SQLColumn("added_by", table: "v"))
            .where(SQLColumn("resource_id", table: "v"), .equal, SQLBind(resourceID))
            .orderBy(SQLColumn("number", table: "v"))
            .all(decoding: Version.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    static func lists(of resourceID: UUID, on sql: any SQLDatabase) async throws -> (topics: [String], audiences: [String]) {
        func values(_ table: String, _ column: String) async throws -> [String] {
            try await sql.select().column(column).from(table).where("resource_id", .equal, resourceID).orderBy(column).all()
                .map { try $0.decode(column: column, as: String.self) }
        }
        return (try await values(LibraryTables.topics, "topic"), try await values(LibraryTables.audiences, "audience"))
    }

    struct Distribution: Decodable, Sendable {
        var id: UUID
        var resourceId: UUID
        var resourceTitle: String
        var groupId: UUID
        var groupName: String
        var language: String
        var receivedOn: String
        var copies: Int
        var engagementId: UUID?
        var partnershipName: String
    }

    private static func distributions(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select()
            .column(SQLColumn("id", table: "d")).column(SQLColumn("resource_id", table: "d")).column(SQLColumn("language", table: "d"))
            .column(SQLColumn("received_on", table: "d")).column(SQLColumn("copies", table: "d")).column(SQLColumn("engagement_id", table: "d"))
            .column(SQLAlias(SQLColumn("title", table: "r"), as: SQLIdentifier("resource_title")))
            .column(SQLAlias(SQLColumn("id", table: "o"), as: SQLIdentifier("group_id")))
            .column(SQLAlias(SQLColumn("name", table: "o"), as: SQLIdentifier("group_name")))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("partnership_name")))
            .from(SQLAlias(SQLIdentifier(ResourceDistribution.schema), as: SQLIdentifier("d")))
            .join(SQLAlias(SQLIdentifier(LibraryResource.schema), as: SQLIdentifier("r")), on: SQLColumn("id", table: "r"), .equal, SQLColumn("resource_id", table: "d"))
            .join(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")), on: SQLColumn("id", table: "o"), .equal, SQLColumn("organisation_id", table: "d"))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "d"))
    }

    /// Who received the resource, as recorded by the partnerships whose directory the person reads.
    static func distributions(of resourceID: UUID, recordedBy partnerships: Set<UUID>, on sql: any SQLDatabase) async throws -> [Distribution] {
        guard !partnerships.isEmpty else { return [] }
        return try await distributions(sql)
            .where(SQLColumn("resource_id", table: "d"), .equal, SQLBind(resourceID))
            .where(SQLColumn("partnership_id", table: "d"), .in, SQLBind.group(Array(partnerships)))
            .orderBy(SQLOrderBy(expression: SQLColumn("received_on", table: "d"), direction: SQLDirection.descending)).limit(500)
            .all(decoding: Distribution.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// What a group received, of the resources the person may read (`LibrarySearch.scoped`).
    static func received(by groupID: UUID, scope: LibrarySearch.Scope, on sql: any SQLDatabase) async throws -> [Distribution] {
        let select = distributions(sql).where(SQLColumn("organisation_id", table: "d"), .equal, SQLBind(groupID))
        LibrarySearch.scoped(select, scope)
        return try await select.orderBy(SQLOrderBy(expression: SQLColumn("received_on", table: "d"), direction: SQLDirection.descending)).limit(200)
            .all(decoding: Distribution.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// What was handed over at an engagement, of the resources the person may read.
    static func handedOver(at engagementID: UUID, scope: LibrarySearch.Scope, on sql: any SQLDatabase) async throws -> [Distribution] {
        let select = distributions(sql).where(SQLColumn("engagement_id", table: "d"), .equal, SQLBind(engagementID))
        LibrarySearch.scoped(select, scope)
        return try await select.orderBy(SQLColumn("title", table: "r")).all(decoding: Distribution.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct Choice: Decodable, Sendable {
        var id: UUID
        var title: String
    }

    /// The resources a person may hand out, for a group's or an engagement's form: what they may read.
    static func choices(scope: LibrarySearch.Scope, on sql: any SQLDatabase) async throws -> [Choice] {
        let select = sql.select().column(SQLColumn("id", table: "r")).column(SQLColumn("title", table: "r"))
            .from(SQLAlias(SQLIdentifier(LibraryResource.schema), as: SQLIdentifier("r")))
        LibrarySearch.scoped(select, scope)
        return try await select.orderBy(SQLColumn("title", table: "r")).limit(500).all(decoding: Choice.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

extension LibraryRecords {
    /// The groups a resource may be recorded as given to: those serving the person's partnerships.
    static func groupChoices(serving partnerships: Set<UUID>, on sql: any SQLDatabase) async throws -> [Choice] {
        guard !partnerships.isEmpty else { return [] }
        return try await sql.select().distinct().column(SQLColumn("id", table: "o")).column(SQLAlias(SQLColumn("name", table: "o"), as: SQLIdentifier("title")))
            .column(SQLColumn("name_key", table: "o"))
            .from(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier(DirectoryTables.served), as: SQLIdentifier("s")), on: SQLColumn("organisation_id", table: "s"), .equal, SQLColumn("id", table: "o"))
            .where(SQLColumn("partnership_id", table: "s"), .in, SQLBind.group(Array(partnerships)))
            .where(SQLColumn("merged_into_id", table: "o"), .is, SQLLiteral.null)
            .orderBy(SQLColumn("name_key", table: "o")).limit(1000)
            .all(decoding: Choice.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
