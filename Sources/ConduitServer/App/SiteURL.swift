import Foundation
import Vapor

/// A path parameter: `.key` when registering a route, `.value` when building a link.
public enum Parameter<Value: Sendable>: Sendable {
    case key
    case value(Value)
}

/// Every URL of Conduit: used both to register routes and to build links,
/// so a link cannot point at a route that does not exist.
public enum SiteURL: Sendable {
    case home
    case stylesheet
    case health

    // Sign-in and the person's own account
    case signIn
    case signInCode
    case signOut
    case signOutEverywhere
    case account
    case accountPassword
    case accountSecondFactor
    case accountTokens
    case accountTokenRevoke(Parameter<UUID>)
    case accountPartnership

    // Administration
    case adminPartnerships
    case adminPartnershipNew
    case adminPartnership(Parameter<UUID>)
    case adminUsers
    case adminUserNew
    case adminUser(Parameter<UUID>)
    case adminUserDisable(Parameter<UUID>)
    case adminUserEnable(Parameter<UUID>)
    case adminUserResetSecondFactor(Parameter<UUID>)
    case adminUserMemberships(Parameter<UUID>)
    case adminUserMembershipRemove(Parameter<UUID>, Parameter<UUID>)
    case adminAudit

    // JSON API
    case api(APIURL)

    /// One piece of a path.
    enum Segment {
        case constant(String)
        case parameter(String, String?)

        init(_ name: String, _ parameter: Parameter<UUID>) {
            switch parameter {
            case .key: self = .parameter(name, nil)
            case .value(let id): self = .parameter(name, id.uuidString.lowercased())
            }
        }
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .stylesheet: [.constant("assets"), .constant("conduit.css")]
        case .health: [.constant("health")]
        case .signIn: [.constant("sign-in")]
        case .signInCode: [.constant("sign-in"), .constant("code")]
        case .signOut: [.constant("sign-out")]
        case .signOutEverywhere: [.constant("sign-out-everywhere")]
        case .account: [.constant("account")]
        case .accountPassword: [.constant("account"), .constant("password")]
        case .accountSecondFactor: [.constant("account"), .constant("second-factor")]
        case .accountTokens: [.constant("account"), .constant("tokens")]
        case .accountTokenRevoke(let id): [.constant("account"), .constant("tokens"), Segment("tokenID", id), .constant("revoke")]
        case .accountPartnership: [.constant("account"), .constant("partnership")]
        case .adminPartnerships: [.constant("admin"), .constant("partnerships")]
        case .adminPartnershipNew: [.constant("admin"), .constant("partnerships"), .constant("new")]
        case .adminPartnership(let id): [.constant("admin"), .constant("partnerships"), Segment("partnershipID", id)]
        case .adminUsers: [.constant("admin"), .constant("users")]
        case .adminUserNew: [.constant("admin"), .constant("users"), .constant("new")]
        case .adminUser(let id): [.constant("admin"), .constant("users"), Segment("userID", id)]
        case .adminUserDisable(let id): [.constant("admin"), .constant("users"), Segment("userID", id), .constant("disable")]
        case .adminUserEnable(let id): [.constant("admin"), .constant("users"), Segment("userID", id), .constant("enable")]
        case .adminUserResetSecondFactor(let id): [.constant("admin"), .constant("users"), Segment("userID", id), .constant("reset-second-factor")]
        case .adminUserMemberships(let id): [.constant("admin"), .constant("users"), Segment("userID", id), .constant("memberships")]
        case .adminUserMembershipRemove(let id, let membership):
            [.constant("admin"), .constant("users"), Segment("userID", id), .constant("memberships"), Segment("membershipID", membership), .constant("remove")]
        case .adminAudit: [.constant("admin"), .constant("audit")]
        case .api(let api): [.constant("api")] + api.segments
        }
    }

    /// The path to link to.
    public var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, let value): value ?? ":\(name)"
            }
        }.joined(separator: "/")
    }

    /// The path with a query string, for links to filtered or paged lists.
    public func path(query: [(String, String)]) -> String {
        let items = query.filter { !$0.1.isEmpty }
        guard !items.isEmpty else { return path }
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        // "+" is a space in form-encoded queries; encode it so it survives the round trip.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
        return path + "?" + query
    }

    /// The route pattern to register.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }
}

/// The URLs of the JSON API, under /api.
public enum APIURL: Sendable {
    case openAPI
    case me
    case partnerships

    var segments: [SiteURL.Segment] {
        switch self {
        case .openAPI: [.constant("openapi.json")]
        case .me: [.constant("v1"), .constant("me")]
        case .partnerships: [.constant("v1"), .constant("partnerships")]
        }
    }
}

extension Request {
    /// A UUID path parameter; a malformed one is answered 404 like a missing record.
    func uuid(_ name: String) throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else { throw Abort(.notFound) }
        return id
    }
}
