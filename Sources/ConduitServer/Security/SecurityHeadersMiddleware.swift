import Vapor

/// Security headers on every response (ASVS V3.4), including error pages.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
        ]
        for (name, value) in headers {
            // A downloaded file carries a stricter policy of its own (`sandbox`): it stays.
            if name == "Content-Security-Policy" && response.headers.contains(name: name) { continue }
            response.headers.replaceOrAdd(name: name, value: value)
        }
        if req.application.settings.secureCookies {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        // Nothing is cached unless a handler says it may be (only the stylesheet does):
        // pages carry personal and sensitive data.
        // A response setting a cookie is this browser's alone, whatever the handler said.
        if !response.headers.contains(name: .cacheControl) || (response.headers.contains(name: .setCookie) && response.headers.first(name: .cacheControl)?.contains("public") == true) {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
