import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The person behind a request, as far as the request has shown it.
struct Visitor: Sendable {
    /// A membership as granted, with the names shown to people.
    struct Grant: Sendable, Equatable {
        var membershipID: UUID
        var partnershipID: UUID
        var partnershipName: String
        var role: Role
        var returnSource: ReturnSource? = nil
    }

    /// How the request proved who it is.
    enum Credential: Sendable {
        case session(id: UUID, tokenDigest: String, stage: UserSession.Stage)
        case apiToken(id: UUID)
    }

    var userID: UUID
    var email: String
    var displayName: String
    var hasSecondFactor: Bool
    var credential: Credential
    /// Memberships as granted (for display).
    var grants: [Grant]
    /// Memberships with regions expanded to their partnerships: what the policy decides on.
    var memberships: [Membership]
    var currentPartnership: (id: UUID, name: String)?

    var isSignedIn: Bool {
        switch credential {
        case .session(_, _, let stage): stage == .signedIn
        case .apiToken: true
        }
    }

    var sessionID: UUID? {
        if case .session(let id, _, _) = credential { id } else { nil }
    }

    func allows(_ action: Action) -> Bool {
        isSignedIn && Policy.allows(action, memberships: memberships)
    }

    func allows(_ action: Action, on partnershipID: UUID) -> Bool {
        isSignedIn && Policy.allows(action, on: partnershipID, memberships: memberships)
    }

    /// Whether the person enters the returns of this partnership's source.
    func entersReturns(of source: ReturnSource, on partnershipID: UUID) -> Bool {
        isSignedIn && Policy.entersReturns(of: source, on: partnershipID, memberships: memberships)
    }

    /// The partnerships whose records an action may touch; every list query filters by it.
    func scope(_ action: Action) -> Set<UUID> {
        isSignedIn ? Policy.scope(of: action, memberships: memberships) : []
    }
}

extension Request {
    private struct VisitorKey: StorageKey { typealias Value = Visitor }

    var visitor: Visitor? {
        get { storage[VisitorKey.self] }
        set { storage[VisitorKey.self] = newValue }
    }

    /// The signed-in person; routes that need one have already checked (PolicyMiddleware).
    var signedIn: Visitor {
        get throws {
            guard let visitor, visitor.isSignedIn else { throw Abort(.unauthorized) }
            return visitor
        }
    }
}

/// Loads what the policy needs about a person: their memberships, expanded over the hierarchy.
enum MembershipQuery {
    private struct GrantRow: Decodable {
        var id: UUID
        var partnership_id: UUID
        var name: String
        var role: String
        var return_source: String?
    }

    private struct TreeRow: Decodable {
        var id: UUID
        var parent_id: UUID?
    }

    static func grants(of userID: UUID, on database: any Database) async throws -> [Visitor.Grant] {
        let sql = database as! any SQLDatabase
        return try await sql.select()
            .column(SQLColumn("id", table: "m")).column("partnership_id").column(SQLColumn("name", table: "p")).column("role").column("return_source")
            .from(SQLAlias(SQLIdentifier(MembershipRecord.schema), as: SQLIdentifier("m")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("partnership_id", table: "m"), .equal, SQLColumn("id", table: "p"))
            .where(SQLColumn("user_id", table: "m"), .equal, SQLBind(userID))
            .orderBy(SQLColumn("name", table: "p"))
            .all(decoding: GrantRow.self)
            .compactMap { row in
                Role(rawValue: row.role).map {
                    Visitor.Grant(membershipID: row.id, partnershipID: row.partnership_id, partnershipName: row.name, role: $0,
                                  returnSource: row.return_source.flatMap(ReturnSource.init(rawValue:)))
                }
            }
    }

    /// Each grant applied to its partnership and every partnership under it.
    static func effective(_ grants: [Visitor.Grant], on database: any Database) async throws -> [Membership] {
        guard !grants.isEmpty else { return [] }
        let sql = database as! any SQLDatabase
        let tree = try await sql.select().column("id").column("parent_id").from(Partnership.schema).all(decoding: TreeRow.self)
        var children: [UUID: [UUID]] = [:]
        for row in tree { if let parent = row.parent_id { children[parent, default: []].append(row.id) } }
        var memberships: Set<Membership> = []
        for grant in grants {
            var pending = [grant.partnershipID]
            while let next = pending.popLast() {
                if memberships.insert(Membership(partnershipID: next, role: grant.role, returnSource: grant.returnSource)).inserted {
                    pending.append(contentsOf: children[next] ?? [])
                }
            }
        }
        return Array(memberships)
    }
}
