import ConduitCore
import Foundation
import SQLKit

/// The library's lists: the resources a person may read (or, signed out, the public ones),
/// filtered and a page at a time. Every filter is a condition on an indexed column.
enum LibrarySearch {
    struct Filters: Sendable, Equatable {
        var text = ""
        var kind: ResourceKind?
        var topic: ResourceTopic?
        var audience: ResourceAudience?
        /// Resources with a version in this language.
        var language: PageLanguage?
        var partnershipID: UUID?

        /// The query-parameter names, one list for reading them and for writing links.
        enum Name: String { case text = "q", kind, topic, audience, language, partnership, page }

        var query: [(String, String)] {
            [(Name.text.rawValue, text), (Name.kind.rawValue, kind?.rawValue ?? ""), (Name.topic.rawValue, topic?.rawValue ?? ""),
             (Name.audience.rawValue, audience?.rawValue ?? ""), (Name.language.rawValue, language?.code ?? ""),
             (Name.partnership.rawValue, partnershipID?.uuidString ?? "")]
        }
    }

    /// Who is asking: signed-in staff read their own partnerships' resources and all shared
    /// ones; the public library holds only the public.
    enum Scope: Sendable {
        case staff(ownPartnerships: Set<UUID>)
        case publicLibrary
    }

    struct Row: Decodable, Sendable {
        var id: UUID
        var title: String
        var summary: String
        var kind: String
        var visibility: String
        var language: String
        var reviewOn: String?
        var ownerName: String
        var updatedAt: Date?
    }

    /// Each page row's versions, for its languages and whether a translation is out of date.
    struct VersionRow: Decodable, Sendable {
        var resourceId: UUID
        var language: String
        var number: Int
        var translatesVersion: Int
        var title: String
    }

    /// The visibility rule of `LibraryResource.isReadable`, in SQL.
    static func scoped(_ select: SQLSelectBuilder, _ scope: Scope) {
        switch scope {
        case .publicLibrary:
            select.where(SQLColumn("visibility", table: "r"), .equal, SQLBind(ResourceVisibility.public.rawValue))
        case .staff(let own):
            select.where { group in
                group.where(SQLColumn("visibility", table: "r"), .in, SQLBind.group([ResourceVisibility.public.rawValue, ResourceVisibility.allPartnerships.rawValue]))
                if !own.isEmpty { group.orWhere(SQLColumn("partnership_id", table: "r"), .in, SQLBind.group(Array(own))) }
                return group
            }
        }
    }

    private static func exists(_ table: String, _ column: String, _ value: String) -> any SQLExpression {
        SQLQueryString("EXISTS \(SQLSubquery.select { sub in sub.column(SQLLiteral.numeric("1")).from(table).where(SQLColumn("resource_id", table: table), .equal, SQLColumn("id", table: "r")).where(SQLColumn(column, table: table), .equal, SQLBind(value)) })")
    }

    static func filtered(_ select: SQLSelectBuilder, filters: Filters, scope: Scope) -> SQLSelectBuilder {
        scoped(select, scope)
        // Each word typed must begin a word of the resource (its title, summary or a translation's).
        for word in SearchWords.query(filters.text) {
            select.where(exists(LibraryTables.words, "word", word))
        }
        if let kind = filters.kind { select.where(SQLColumn("kind", table: "r"), .equal, SQLBind(kind.rawValue)) }
        if let topic = filters.topic { select.where(exists(LibraryTables.topics, "topic", topic.rawValue)) }
        if let audience = filters.audience { select.where(exists(LibraryTables.audiences, "audience", audience.rawValue)) }
        if let language = filters.language { select.where(exists(ResourceVersion.schema, "language", language.code)) }
        if let partnershipID = filters.partnershipID { select.where(SQLColumn("partnership_id", table: "r"), .equal, SQLBind(partnershipID)) }
        return select
    }

    private static func base(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().from(SQLAlias(SQLIdentifier(LibraryResource.schema), as: SQLIdentifier("r")))
    }

    static func count(on sql: any SQLDatabase, filters: Filters, scope: Scope) async throws -> Int {
        let select = filtered(base(sql).column(SQLFunction("count", args: SQLLiteral.all), as: "n"), filters: filters, scope: scope)
        return try await select.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func page(on sql: any SQLDatabase, filters: Filters, scope: Scope, pagination: Pagination) async throws -> [Row] {
        let select = base(sql)
            .column(SQLColumn("id", table: "r")).column(SQLColumn("title", table: "r")).column(SQLColumn("summary", table: "r"))
            .column(SQLColumn("kind", table: "r")).column(SQLColumn("visibility", table: "r")).column(SQLColumn("language", table: "r"))
            .column(SQLColumn("review_on", table: "r")).column(SQLColumn("updated_at", table: "r"))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("owner_name")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "r"))
        return try await filtered(select, filters: filters, scope: scope)
            .orderBy(SQLColumn("title", table: "r")).orderBy(SQLColumn("id", table: "r"))
            .limit(pagination.perPage).offset(pagination.offset)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The versions of these resources (a page's), oldest first.
    static func versions(of ids: [UUID], on sql: any SQLDatabase) async throws -> [VersionRow] {
        guard !ids.isEmpty else { return [] }
        return try await sql.select().column("resource_id").column("language").column("number").column("translates_version").column("title")
            .from(ResourceVersion.schema).where("resource_id", .in, SQLBind.group(ids))
            .orderBy("number")
            .all(decoding: VersionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    struct DueRow: Decodable, Sendable {
        var id: UUID
        var title: String
        var reviewOn: String
        var ownerName: String
    }

    /// The resources of these partnerships whose review date falls on or before `by`, soonest first.
    static func reviewDue(of partnerships: Set<UUID>, by day: CalendarDate, on sql: any SQLDatabase) async throws -> [DueRow] {
        guard !partnerships.isEmpty else { return [] }
        return try await base(sql)
            .column(SQLColumn("id", table: "r")).column(SQLColumn("title", table: "r")).column(SQLColumn("review_on", table: "r"))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("owner_name")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "r"))
            .where(SQLColumn("partnership_id", table: "r"), .in, SQLBind.group(Array(partnerships)))
            .where(SQLColumn("review_on", table: "r"), .lessThanOrEqual, SQLBind(day.description))
            .orderBy(SQLColumn("review_on", table: "r")).orderBy(SQLColumn("title", table: "r"))
            .limit(200)
            .all(decoding: DueRow.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

extension LibrarySearch.VersionRow: ResourceEdition {}
