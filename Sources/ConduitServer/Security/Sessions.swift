import ConduitCore
import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Database-backed sessions (ASVS V7): a new id at every step of signing in,
/// idle and absolute timeouts, ended everywhere on demand.
enum Sessions {
    static func cookieName(_ settings: Settings) -> String {
        // The __Host- prefix needs Secure, which browsers only keep over HTTPS.
        settings.secureCookies ? "__Host-conduit-session" : "conduit-session"
    }

    static func preSessionCookieName(_ settings: Settings) -> String {
        settings.secureCookies ? "__Host-conduit-form" : "conduit-form"
    }

    /// A new random token: 256 bits, URL-safe.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }

    /// Starts a session at a stage of signing in, replacing the request's current
    /// session (a new id each time: no session fixation).
    static func start(userID: UUID, stage: UserSession.Stage, currentPartnership: UUID? = nil, pendingSecret: String? = nil, on req: Request) async throws {
        if let old = req.visitor?.sessionID {
            try await UserSession.query(on: req.db).filter(\.$id == old).delete()
        }
        let token = newToken()
        let session = UserSession(userID: userID, tokenDigest: digest(token), stage: stage, now: req.now,
                                    address: req.clientAddress, userAgent: req.headers.first(name: .userAgent).map { TextRules.escaped(String($0.prefix(300))) })
        session.$currentPartnership.id = currentPartnership
        session.pendingTOTPSecret = pendingSecret
        try await session.save(on: req.db)
        req.cookieChange = .set(token)
        // The visitor of this request now holds the new session, so the CSRF
        // token of any page rendered in this response belongs to it.
        try await VisitorMiddleware.loadSession(token: token, on: req, touch: false)
    }

    /// Ends the request's session.
    static func end(on req: Request) async throws {
        if let id = req.visitor?.sessionID {
            try await UserSession.query(on: req.db).filter(\.$id == id).delete()
        }
        req.visitor = nil
        req.cookieChange = .clear
    }

    /// Ends every session of a person (sign out everywhere, disabled account, reset factor).
    static func endAll(of userID: UUID, on db: any Database) async throws {
        try await UserSession.query(on: db).filter(\.$user.$id == userID).delete()
    }
}

/// A change to the session cookie to send with the response.
enum CookieChange: Sendable {
    case set(String)
    case clear
}

extension Request {
    private struct CookieChangeKey: StorageKey { typealias Value = CookieChange }
    private struct PreSessionKey: StorageKey { typealias Value = String }
    private struct ExpiredKey: StorageKey { typealias Value = Bool }
    private struct ExpiredUserKey: StorageKey { typealias Value = UUID }

    var cookieChange: CookieChange? {
        get { storage[CookieChangeKey.self] }
        set { storage[CookieChangeKey.self] = newValue }
    }

    /// The signed-out browser's random value that keys its CSRF token; created on first use.
    var preSession: String {
        if let value = storage[PreSessionKey.self] { return value }
        let value = (cookies[Sessions.preSessionCookieName(application.settings)]?.string).flatMap { $0.count >= 32 ? $0 : nil } ?? Sessions.newToken()
        storage[PreSessionKey.self] = value
        return value
    }

    var hasPreSession: Bool { storage[PreSessionKey.self] != nil }

    /// The request came with a session that has timed out.
    var sessionExpired: Bool {
        get { storage[ExpiredKey.self] ?? false }
        set { storage[ExpiredKey.self] = newValue }
    }

    /// Whose session timed out, when it only timed out (not a disabled account): a form they
    /// were sending is kept for them (`KeptForm`).
    var expiredSessionUser: UUID? {
        get { storage[ExpiredUserKey.self] }
        set { storage[ExpiredUserKey.self] = newValue }
    }
}

/// Resolves who is making each request: from the session cookie for pages,
/// from a bearer token for the API (which never accepts cookies, so it needs no CSRF check).
struct VisitorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization {
                try await Self.loadToken(bearer.token, on: req)
            }
            return try await next.respond(to: req)
        }
        if let token = req.cookies[Sessions.cookieName(req.application.settings)]?.string {
            try await Self.loadSession(token: token, on: req, touch: true)
            if req.visitor == nil { req.cookieChange = .clear }
        }
        let response = try await next.respond(to: req)
        writeCookies(of: req, to: response)
        return response
    }

    private func writeCookies(of req: Request, to response: Response) {
        let settings = req.application.settings
        func cookie(_ value: String, expires: Date? = nil) -> HTTPCookies.Value {
            HTTPCookies.Value(string: value, expires: expires, maxAge: nil, domain: nil, path: "/",
                              isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        switch req.cookieChange {
        case .set(let token)?: response.cookies[Sessions.cookieName(settings)] = cookie(token)
        case .clear?: response.cookies[Sessions.cookieName(settings)] = cookie("", expires: Date(timeIntervalSince1970: 0))
        case nil: break
        }
        if req.hasPreSession, req.cookies[Sessions.preSessionCookieName(settings)]?.string != req.preSession {
            response.cookies[Sessions.preSessionCookieName(settings)] = cookie(req.preSession)
        }
    }

    /// Loads the session a cookie names, ending it if it has timed out.
    static func loadSession(token: String, on req: Request, touch: Bool) async throws {
        let settings = req.application.settings
        guard let session = try await UserSession.query(on: req.db)
            .filter(\.$tokenDigest == Sessions.digest(token)).with(\.$user).first()
        else { return }
        let now = req.now
        let idle = now.timeIntervalSince(session.lastSeenAt) > settings.sessionIdleTimeout
        let tooOld = now.timeIntervalSince(session.createdAt) > settings.sessionLifetime
        if idle || tooOld || session.user.disabledAt != nil {
            try await session.delete(on: req.db)
            req.sessionExpired = true
            if session.user.disabledAt == nil { req.expiredSessionUser = try session.user.requireID() }
            return
        }
        // Written at most once a minute: the idle timeout does not need more, and
        // a write per request would cost every page.
        if touch, now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await session.save(on: req.db)
        }
        let userID = try session.user.requireID()
        let (grants, memberships) = try await MembershipQuery.load(of: userID, on: req.db)
        let current = session.$currentPartnership.id.flatMap { id in grants.first { $0.partnershipID == id } } ?? grants.first
        req.visitor = Visitor(
            userID: userID, email: session.user.email, displayName: session.user.displayName,
            hasSecondFactor: session.user.hasSecondFactor,
            credential: .session(id: try session.requireID(), tokenDigest: session.tokenDigest, stage: session.stage),
            grants: grants, memberships: memberships,
            currentPartnership: current.map { ($0.partnershipID, $0.partnershipName) })
    }

    private struct TokenRow: Decodable {
        var id: UUID
        var last_used_at: Date?
        var user_id: UUID
        var email: String
        var display_name: String
        var has_second_factor: Int
    }

    /// Loads the person behind an API token, if it is live: the token and its user in one
    /// query, the memberships in another (every API request pays for these).
    static func loadToken(_ token: String, on req: Request) async throws {
        guard let row = try await req.sql.raw("""
            SELECT t.id, t.last_used_at, u.id AS user_id, u.email, u.display_name,
                   CASE WHEN u.totp_secret IS NULL THEN 0 ELSE 1 END AS has_second_factor
            FROM \(ident: APIToken.schema) t JOIN \(ident: User.schema) u ON u.id = t.user_id
            WHERE t.token_digest = \(bind: Sessions.digest(token)) AND t.revoked_at IS NULL AND u.disabled_at IS NULL
              AND t.expires_at > \(bind: req.now)
            """).first(decoding: TokenRow.self)
        else { return }
        let now = req.now
        if (row.last_used_at.map { now.timeIntervalSince($0) > 60 } ?? true) {
            try await req.sql.update(APIToken.schema).set("last_used_at", to: SQLBind(now)).where("id", .equal, SQLBind(row.id)).run()
        }
        let (grants, memberships) = try await MembershipQuery.load(of: row.user_id, on: req.db)
        req.visitor = Visitor(
            userID: row.user_id, email: row.email, displayName: row.display_name,
            hasSecondFactor: row.has_second_factor == 1, credential: .apiToken(id: row.id),
            grants: grants, memberships: memberships,
            currentPartnership: grants.first.map { ($0.partnershipID, $0.partnershipName) })
    }
}

extension Request {
    /// Requests to the JSON API, answered with JSON and authenticated by bearer token.
    var isAPI: Bool { url.path == "/api" || url.path.hasPrefix("/api/") }
}
