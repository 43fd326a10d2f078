import ConduitCore
import Foundation
import SQLKit

/// The directory list: groups the person may read, filtered, a page at a time.
/// Every filter is a condition on an indexed column (see CreateOrganisation).
enum DirectorySearch {
    struct Filters: Sendable, Equatable {
        var text = ""
        var type: GroupType?
        var faith: Faith?
        var language = ""
        var community = ""
        var partnershipID: UUID?
        var status: GroupStatus?
        /// A readiness item not met (or lapsed); `anyGap` for any item.
        var gap: ReadinessItem?
        var anyGap = false
        /// Not contacted (no engagement the person can see) for this many months.
        var notContactedMonths: Int?
    }

    struct Row: Decodable, Sendable {
        var id: UUID
        var name: String
        var type: String
        var status: String
        var postcode: String?
        var ownerName: String
        var readinessMet: Int
        var lastContactOn: String?
    }

    /// What the person may see: groups serving a partnership in `directoryScope`;
    /// engagements of partnerships in `engagementScope` (for last contact).
    struct Scope: Sendable {
        var directory: Set<UUID>
        var engagement: Set<UUID>
        var today: CalendarDate
    }

    /// Items met and in date, counted per group in SQL.
    static func readinessMet(today: CalendarDate) -> any SQLExpression {
        SQLSubquery.select { sub in
            sub.column(SQLFunction("count", args: SQLLiteral.all)).from(SQLAlias(SQLIdentifier(ReadinessRecord.schema), as: SQLIdentifier("r")))
                .where(SQLColumn("organisation_id", table: "r"), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("status", table: "r"), .equal, SQLBind(ReadinessStatus.met.rawValue))
                .where { $0.where(SQLColumn("due_on", table: "r"), .is, SQLLiteral.null).orWhere(SQLColumn("due_on", table: "r"), .greaterThanOrEqual, SQLBind(today.description)) }
        }
    }

    /// The last engagement the person can see with the group (o.id).
    static func lastContact(engagementScope: Set<UUID>) -> any SQLExpression {
        guard !engagementScope.isEmpty else { return SQLLiteral.null }
        return SQLSubquery.select { sub in
            sub.column(SQLFunction("max", args: SQLColumn("occurred_on", table: "e")))
                .from(SQLAlias(SQLIdentifier(EngagementTables.groups), as: SQLIdentifier("eo")))
                .join(SQLAlias(SQLIdentifier(Engagement.schema), as: SQLIdentifier("e")), on: SQLColumn("id", table: "e"), .equal, SQLColumn("engagement_id", table: "eo"))
                .where(SQLColumn("organisation_id", table: "eo"), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("partnership_id", table: "e"), .in, SQLBind.group(Array(engagementScope)))
        }
    }

    private static func exists(_ build: (any SQLSubqueryClauseBuilder) -> any SQLSubqueryClauseBuilder) -> any SQLExpression {
        SQLQueryString("EXISTS \(SQLSubquery.select { sub in build(sub.column(SQLLiteral.numeric("1"))) })")
    }

    private static func notExists(_ build: (any SQLSubqueryClauseBuilder) -> any SQLSubqueryClauseBuilder) -> any SQLExpression {
        SQLQueryString("NOT \(exists(build))")
    }

    static func filtered(_ select: SQLSelectBuilder, filters: Filters, scope: Scope) -> SQLSelectBuilder {
        select.where(SQLColumn("merged_into_id", table: "o"), .is, SQLLiteral.null)
        // Scope first: a group serving none of the person's partnerships is never counted or shown.
        select.where(exists { sub in
            sub.from(DirectoryTables.served).where(SQLColumn("organisation_id", table: DirectoryTables.served), .equal, SQLColumn("id", table: "o"))
                .where(SQLColumn("partnership_id", table: DirectoryTables.served), .in, SQLBind.group(Array(scope.directory)))
        })
        let text = GroupMatching.fold(filters.text)
        if !text.isEmpty {
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            select.where(SQLColumn("name_key", table: "o"), .like, SQLBind(pattern))
        }
        if let type = filters.type { select.where(SQLColumn("type", table: "o"), .equal, SQLBind(type.rawValue)) }
        if let faith = filters.faith { select.where(SQLColumn("faith", table: "o"), .equal, SQLBind(faith.rawValue)) }
        if let status = filters.status { select.where(SQLColumn("status", table: "o"), .equal, SQLBind(status.rawValue)) }
        for (table, value) in [(DirectoryTables.languages, filters.language), (DirectoryTables.communities, filters.community)] where !value.isEmpty {
            select.where(exists { sub in
                sub.from(table).where(SQLColumn("organisation_id", table: table), .equal, SQLColumn("id", table: "o"))
                    .where(SQLColumn("name_key", table: table), .equal, SQLBind(GroupMatching.fold(value)))
            })
        }
        if let partnershipID = filters.partnershipID {
            // A list of the partnership's groups, from the served index, rather than a check of
            // every group of the type: a quarter of the time at London scale (bench/RESULTS.md).
            select.where(SQLColumn("id", table: "o"), .in, SQLSubquery.select { sub in
                sub.column("organisation_id").from(DirectoryTables.served).where("partnership_id", .equal, SQLBind(partnershipID))
            })
        }
        if filters.anyGap {
            select.where(readinessMet(today: scope.today), .lessThan, SQLBind(ReadinessItem.allCases.count))
        } else if let gap = filters.gap {
            select.where(notExists { sub in
                sub.from(SQLAlias(SQLIdentifier(ReadinessRecord.schema), as: SQLIdentifier("r")))
                    .where(SQLColumn("organisation_id", table: "r"), .equal, SQLColumn("id", table: "o"))
                    .where(SQLColumn("item", table: "r"), .equal, SQLBind(gap.rawValue))
                    .where(SQLColumn("status", table: "r"), .equal, SQLBind(ReadinessStatus.met.rawValue))
                    .where { $0.where(SQLColumn("due_on", table: "r"), .is, SQLLiteral.null).orWhere(SQLColumn("due_on", table: "r"), .greaterThanOrEqual, SQLBind(scope.today.description)) }
            })
        }
        // With no engagement the person can see, every group counts as not contacted.
        if let months = filters.notContactedMonths, !scope.engagement.isEmpty {
            let cutoff = scope.today.adding(months: -months).description
            let engagementScope = Array(scope.engagement)
            select.where(notExists { sub in
                sub.from(SQLAlias(SQLIdentifier(EngagementTables.groups), as: SQLIdentifier("eo")))
                    .join(SQLAlias(SQLIdentifier(Engagement.schema), as: SQLIdentifier("e")), on: SQLColumn("id", table: "e"), .equal, SQLColumn("engagement_id", table: "eo"))
                    .where(SQLColumn("organisation_id", table: "eo"), .equal, SQLColumn("id", table: "o"))
                    .where(SQLColumn("partnership_id", table: "e"), .in, SQLBind.group(engagementScope))
                    .where(SQLColumn("occurred_on", table: "e"), .greaterThanOrEqual, SQLBind(cutoff))
            })
        }
        return select
    }
}

extension DirectorySearch {
    private static func base(_ sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().from(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")))
    }

    static func count(on sql: any SQLDatabase, filters: Filters, scope: Scope) async throws -> Int {
        guard !scope.directory.isEmpty else { return 0 }
        let select = filtered(base(sql).column(SQLFunction("count", args: SQLLiteral.all), as: "n"), filters: filters, scope: scope)
        return try await select.first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func page(on sql: any SQLDatabase, filters: Filters, scope: Scope, pagination: Pagination) async throws -> [Row] {
        guard !scope.directory.isEmpty else { return [] }
        let select = base(sql)
            .column(SQLColumn("id", table: "o")).column(SQLColumn("name", table: "o")).column(SQLColumn("type", table: "o"))
            .column(SQLColumn("status", table: "o")).column(SQLColumn("postcode", table: "o"))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("owner_name")))
            .column(SQLAlias(readinessMet(today: scope.today), as: SQLIdentifier("readiness_met")))
            .column(SQLAlias(lastContact(engagementScope: scope.engagement), as: SQLIdentifier("last_contact_on")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "o"))
        return try await filtered(select, filters: filters, scope: scope)
            .orderBy(SQLColumn("name_key", table: "o")).orderBy(SQLColumn("id", table: "o"))
            .limit(pagination.perPage).offset(pagination.offset)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
