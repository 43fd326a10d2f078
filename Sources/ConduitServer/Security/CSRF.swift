import ConduitCore
import Crypto
import Foundation
import Vapor

/// Cross-site request forgery protection for every state-changing request of
/// the web UI (ASVS V3.5): a token bound to the session (or, before sign-in, to
/// a random per-browser cookie), keyed by the server's secret.
enum CSRF {
    static let field = "csrf_token"
    static let header = "X-CSRF-Token"

    /// The token forms of this request's page must carry.
    static func token(for req: Request) -> String {
        let basis: String
        if case .session(_, let digest, _)? = req.visitor?.credential {
            basis = "session:" + digest
        } else {
            basis = "browser:" + req.preSession
        }
        let key = SymmetricKey(data: req.application.settings.secret)
        return Data(HMAC<SHA256>.authenticationCode(for: Data(basis.utf8), using: key)).hexString
    }
}

/// A form without a token of this session: stale or forged, not a refusal of access.
struct CSRFRefusal: AbortError {
    var status: HTTPResponseStatus { .forbidden }
    var reason: String { "This form has expired or did not come from Conduit. Go back, reload the page and try again. Nothing was changed." }
}

struct CSRFMiddleware: AsyncMiddleware {
    /// The route's body limit; nil for the application's default.
    var maxBody: ByteCount? = nil

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The form body has not been read yet at this point: read it (within the route's limit).
        if req.body.data == nil {
            _ = try await req.body.collect(max: (maxBody ?? req.application.routes.defaultMaxBodySize).value).get()
        }
        let sent = req.headers.first(name: CSRF.header)
            ?? (try? req.content.get(String.self, at: CSRF.field))
        guard let sent, constantTimeEqual(sent, CSRF.token(for: req)) else { throw CSRFRefusal() }
        // A multipart form's text is checked here, where its body is read within the route's
        // limit (an upload's may be large): every form may be sent as multipart (issue 13).
        try TextInputMiddleware.checkMultipart(req)
        return try await next.respond(to: req)
    }
}
