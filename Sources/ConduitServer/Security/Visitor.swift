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

    /// How figures counting records of these partnerships are published to this person
    /// (ConduitCore's `PublicationPolicy`): exact, or adjusted.
    func publication(counting partnerships: some Sequence<UUID>, opening: PublicationPolicy.Opening) -> Publication {
        isSignedIn ? PublicationPolicy.publication(counting: partnerships, opening: opening, memberships: memberships) : .adjusted
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
    /// A person's memberships as granted, by partnership name.
    static func grants(of userID: UUID, on database: any Database) async throws -> [Visitor.Grant] {
        try await load(of: userID, on: database).grants
    }

    private struct Row: Decodable {
        /// The membership's id on a grant; nil on a membership reached through a region.
        var id: UUID?
        var partnership_id: UUID
        var name: String?
        var role: String
        var return_source: String?
    }

    /// A person's memberships as granted (by partnership name), and as the policy applies
    /// them: each grant to its partnership and every partnership under it. One query, run
    /// on every signed-in request.
    static func load(of userID: UUID, on database: any Database) async throws -> (grants: [Visitor.Grant], memberships: [Membership]) {
        let rows = try await (database as! any SQLDatabase).raw("""
            WITH RECURSIVE granted AS (
              SELECT m.id, m.partnership_id, p.name, m.role, m.return_source
              FROM \(ident: MembershipRecord.schema) m JOIN \(ident: Partnership.schema) p ON p.id = m.partnership_id
              WHERE m.user_id = \(bind: userID)
            ), reach(partnership_id, role, return_source) AS (
              SELECT partnership_id, role, return_source FROM granted
              UNION
              SELECT c.id, r.role, r.return_source FROM reach r JOIN \(ident: Partnership.schema) c ON c.parent_id = r.partnership_id
            )
            SELECT id, partnership_id, name, role, return_source FROM granted
            UNION ALL
            SELECT NULL, partnership_id, NULL, role, return_source FROM reach
            """).all(decoding: Row.self)
        var grants: [Visitor.Grant] = []
        var memberships: Set<Membership> = []
        for row in rows {
            guard let role = Role(rawValue: row.role) else { continue }
            let source = row.return_source.flatMap(ReturnSource.init(rawValue:))
            if let id = row.id {
                grants.append(Visitor.Grant(membershipID: id, partnershipID: row.partnership_id, partnershipName: row.name ?? "", role: role, returnSource: source))
            } else {
                memberships.insert(Membership(partnershipID: row.partnership_id, role: role, returnSource: source))
            }
        }
        return (grants.sorted { ($0.partnershipName, $0.role.rawValue) < ($1.partnershipName, $1.role.rawValue) }, Array(memberships))
    }
}
