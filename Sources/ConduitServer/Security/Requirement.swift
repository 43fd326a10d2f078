import ConduitCore
import Vapor

/// What a route needs of the person asking. Every route declares one when it
/// is registered (`RoutesBuilder.page`/`.api`); the authorisation matrix test
/// fails for any route without one.
enum Requirement: Sendable, Equatable, CustomStringConvertible {
    /// Anyone, signed in or not.
    case everyone
    /// A session part-way through signing in (second factor, enrolment) or complete.
    case signingIn
    /// Any signed-in person.
    case signedIn
    /// A signed-in person whose memberships allow the action somewhere; the
    /// handler then checks the record's own partnership.
    case allowed(Action)
    /// Allowed any one of the actions somewhere: pages shared by several kinds of record
    /// (a filled-in form may be a file audit or a training evaluation); the handler then
    /// checks the action that fits the record.
    case allowedAny([Action])

    var description: String {
        switch self {
        case .everyone: "everyone"
        case .signingIn: "signing in"
        case .signedIn: "signed in"
        case .allowed(let action): "allowed to \(action.rawValue)"
        case .allowedAny(let actions): "allowed to " + actions.map(\.rawValue).joined(separator: " or ")
        }
    }

    /// Whether a visitor meets the requirement.
    func isMet(by visitor: Visitor?) -> Bool {
        switch self {
        case .everyone: true
        case .signingIn: visitor != nil
        case .signedIn: visitor?.isSignedIn == true
        case .allowed(let action): visitor?.allows(action) == true
        case .allowedAny(let actions): actions.contains { visitor?.allows($0) == true }
        }
    }
}

/// Enforces a route's requirement before its handler runs.
struct PolicyMiddleware: AsyncMiddleware {
    let requirement: Requirement

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if requirement.isMet(by: req.visitor) {
            return try await next.respond(to: req)
        }
        let visitor = req.visitor
        if req.isAPI {
            throw visitor == nil ? Abort(.unauthorized, reason: "Send a valid API token as 'Authorization: Bearer <token>'.")
                                 : Abort(.forbidden, reason: "Your memberships do not allow this.")
        }
        // Signed out, or part-way through signing in: go to the next step of signing in.
        switch visitor?.credential {
        case .session(_, _, .awaitingSecondFactor)?:
            return req.redirect(to: SiteURL.signInCode.path, redirectType: .normal)
        case .session(_, _, .enrolment)?:
            return req.redirect(to: SiteURL.accountSecondFactor.path, redirectType: .normal)
        case nil:
            var query: [(String, String)] = []
            if req.method == .GET, req.url.path != "/" { query.append(("next", req.url.path)) }
            // A form sent just after the session timed out is kept, so no typed word is lost:
            // signing in again leads back to it, to send once more.
            if req.method == .POST, let kept = try await KeptForm.keep(req) { query.append(("next", SiteURL.signInKept(.value(kept)).path)) }
            if req.sessionExpired { query.append(("expired", "1")) }
            return req.redirect(to: SiteURL.signIn.path(query: query), redirectType: .normal)
        default:
            throw Abort(.forbidden, reason: "You do not have access to this page. If you need it, ask an administrator of your partnership.")
        }
    }
}

extension Route {
    private static let requirementKey = "conduit.requirement"

    /// The requirement a route was registered with, if any.
    var requirement: Requirement? {
        get { userInfo[Self.requirementKey] as? Requirement }
        set { userInfo[Self.requirementKey] = newValue }
    }
}

extension RoutesBuilder {
    /// Registers a web page or form handler with its requirement; state-changing
    /// methods are also checked for a CSRF token. `maxBody` raises the body limit (uploads).
    @discardableResult
    func page<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: SiteURL, _ requirement: Requirement, maxBody: ByteCount? = nil,
                                               use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        var builder: any RoutesBuilder = grouped(PolicyMiddleware(requirement: requirement))
        if method != .GET && method != .HEAD { builder = builder.grouped(CSRFMiddleware(maxBody: maxBody)) }
        let route = maxBody.map { builder.on(method, url.pathComponents, body: .collect(maxSize: $0), use: handler) }
            ?? builder.on(method, url.pathComponents, use: handler)
        route.requirement = requirement
        return route
    }

    /// Registers a JSON API handler with its requirement (bearer token, no cookies).
    @discardableResult
    func api<Response: AsyncResponseEncodable>(_ method: HTTPMethod, _ url: APIURL, _ requirement: Requirement, maxBody: ByteCount? = nil,
                                              use handler: @Sendable @escaping (Request) async throws -> Response) -> Route {
        var builder: any RoutesBuilder = grouped(PolicyMiddleware(requirement: requirement))
        if let maxBody { builder = builder.grouped(MultipartTextMiddleware(maxBody: maxBody)) }
        let route = maxBody.map { builder.on(method, SiteURL.api(url).pathComponents, body: .collect(maxSize: $0), use: handler) }
            ?? builder.on(method, SiteURL.api(url).pathComponents, use: handler)
        route.requirement = requirement
        return route
    }
}
