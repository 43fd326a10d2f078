import ConduitCore
import Fluent
import Foundation
import SQLKit

/// The administrators' list of users, scoped to the partnerships they manage.
enum UserList {
    struct Row: Decodable, Sendable {
        var id: UUID
        var email: String
        var displayName: String
        var disabledAt: Date?
        var hasSecondFactor: Int
    }

    /// Who an administrator can see: members of the partnerships they manage, and,
    /// for administrators of a top-level region, people with no membership yet.
    struct Scope: Sendable {
        var partnerships: Set<UUID>
        var includesUnassigned: Bool
    }

    static func scope(for visitor: Visitor, on db: any Database) async throws -> Scope {
        let partnerships = visitor.scope(.manageAccounts)
        let roots = try await Partnership.query(on: db).filter(\.$parent.$id == nil).all(\.$id)
        return Scope(partnerships: partnerships, includesUnassigned: roots.contains { partnerships.contains($0) })
    }

    private static func filtered(_ select: SQLSelectBuilder, scope: Scope, search: String) -> SQLSelectBuilder {
        let inScope = SQLSubquery.select { sub in
            sub.column("user_id").from(MembershipRecord.schema).where(SQLColumn("partnership_id"), .in, SQLBind.group(Array(scope.partnerships)))
        }
        let anyMembership = SQLSubquery.select { sub in sub.column("user_id").from(MembershipRecord.schema) }
        select.where { group in
            group.where(SQLColumn("id", table: User.schema), .in, inScope)
            if scope.includesUnassigned {
                group.orWhere(SQLColumn("id", table: User.schema), .notIn, anyMembership)
            }
            return group
        }
        if !search.isEmpty {
            let pattern = "%" + search.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            select.where { group in
                group.where(SQLFunction("lower", args: SQLColumn("display_name")), .like, SQLBind(pattern))
                    .orWhere(SQLColumn("email"), .like, SQLBind(pattern))
            }
        }
        return select
    }

    static func count(on db: any Database, scope: Scope, search: String) async throws -> Int {
        guard !scope.partnerships.isEmpty else { return 0 }
        let sql = db as! any SQLDatabase
        let row = try await filtered(sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(User.schema), scope: scope, search: search).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func page(on db: any Database, scope: Scope, search: String, pagination: Pagination) async throws -> [Row] {
        guard !scope.partnerships.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let select = sql.select().columns("id", "email", "display_name", "disabled_at")
            .column(SQLRaw("CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END"), as: "has_second_factor")
            .from(User.schema)
        return try await filtered(select, scope: scope, search: search)
            .orderBy("display_name").orderBy("email")
            .limit(pagination.perPage).offset(pagination.offset)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The partnerships (or regions) a user has a membership of.
    static func partnerships(of userID: UUID, on db: any Database) async throws -> [UUID] {
        let sql = db as! any SQLDatabase
        return try await sql.select().distinct().column("partnership_id").from(MembershipRecord.schema)
            .where("user_id", .equal, SQLBind(userID)).all().map { try $0.decode(column: "partnership_id", as: UUID.self) }
    }

    /// Whether one user is within the scope (else their pages answer 404).
    static func contains(_ userID: UUID, scope: Scope, on db: any Database) async throws -> Bool {
        guard !scope.partnerships.isEmpty else { return false }
        let sql = db as! any SQLDatabase
        let row = try await filtered(sql.select().column("id").from(User.schema), scope: scope, search: "")
            .where(SQLColumn("id", table: User.schema), .equal, SQLBind(userID)).first()
        return row != nil
    }
}
