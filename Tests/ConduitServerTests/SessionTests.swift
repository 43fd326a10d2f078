import ConduitCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Sessions and CSRF")
struct SessionTests {
    @Test("a session ends after 30 minutes without activity")
    func idleTimeout() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = try await conduit.signedIn(as: .adviser)
            // act
            conduit.app.clock.advance(by: 29 * 60)
            let stillIn = try await browser.get(SiteURL.account.path)
            conduit.app.clock.advance(by: 31 * 60)
            let expired = try await browser.get(SiteURL.account.path)
            // check
            #expect(stillIn.status == .ok)
            #expect(expired.status == .seeOther)
            #expect(expired.headers.first(name: .location) == "/sign-in?next=/account&expired=1")
            #expect(try await UserSession.query(on: conduit.db).count() == 0, "the expired session is deleted")
        }
    }

    @Test("a session ends 12 hours after sign-in, however active")
    func absoluteLifetime() async throws {
        try await TestConduit.run { conduit in
            let browser = try await conduit.signedIn(as: .adviser)
            var statuses: [HTTPStatus] = []
            for _ in 0..<((12 * 60) / 20 + 1) {
                conduit.app.clock.advance(by: 20 * 60)
                statuses.append(try await browser.get(SiteURL.account.path).status)
            }
            #expect(statuses.first == .ok)
            #expect(statuses.last == .seeOther)
        }
    }

    @Test("sign out ends the session; sign out everywhere ends the others too")
    func signOut() async throws {
        try await TestConduit.run { conduit in
            // setup
            let laptop = try await conduit.signedIn(as: .adviser)
            let phone = try await conduit.signedIn(as: .adviser)
            let other = try await conduit.signedIn(as: .viewer)
            // act
            try await laptop.get(SiteURL.account.path)
            let everywhere = try await laptop.post(SiteURL.signOutEverywhere.path)
            // check
            #expect(everywhere.status == .seeOther)
            #expect(try await laptop.get(SiteURL.account.path).status == .seeOther)
            #expect(try await phone.get(SiteURL.account.path).status == .seeOther)
            #expect(try await other.get(SiteURL.account.path).status == .ok, "other people's sessions are untouched")
        }
    }

    @Test("a POST without a CSRF token, or with another session's, is refused and changes nothing")
    func csrf() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = try await conduit.signedIn(as: .adviser)
            let attacker = try await conduit.signedIn(as: .viewer)
            try await browser.get(SiteURL.accountTokens.path)
            // act
            let missing = try await browser.post(SiteURL.accountTokens.path, [("name", "forged")], csrf: false)
            let foreign = try await browser.post(SiteURL.accountTokens.path, [("name", "forged"), (CSRF.field, attacker.csrfToken!)])
            let signOut = try await browser.post(SiteURL.signOutEverywhere.path, [], csrf: false)
            let genuine = try await browser.post(SiteURL.accountTokens.path, [("name", "genuine")])
            // check
            #expect(missing.status == .forbidden)
            #expect(missing.body.string.contains("This form has expired or did not come from Conduit"))
            #expect(foreign.status == .forbidden)
            #expect(signOut.status == .forbidden)
            #expect(genuine.status == .ok)
            #expect(try await APIToken.query(on: conduit.db).all().map(\.name) == ["genuine"])
            #expect(try await browser.get(SiteURL.account.path).status == .ok, "still signed in")
        }
    }

    @Test("the sign-in form is protected too, by a per-browser token")
    func signInCSRF() async throws {
        try await TestConduit.run { conduit in
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            let response = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)], csrf: false)
            #expect(response.status == .forbidden)
            #expect(browser.cookies["conduit-session"] == nil)
        }
    }

    @Test("nothing changes state on GET: every GET route is read-only by registration")
    func getIsSafe() async throws {
        try await TestConduit.run { conduit in
            // The state-changing handlers are registered for POST only; GETs of their paths find no route.
            let browser = try await conduit.signedIn(as: .administrator)
            let user = try await conduit.user(.viewer)
            let response = try await browser.get(SiteURL.adminUserDisable(.value(user.requireID())).path)
            #expect(response.status == .notFound)
            #expect(try await conduit.user(.viewer).disabledAt == nil)
        }
    }
}

@Suite("Security headers and cookies")
struct HeaderTests {
    @Test("every response carries the security headers; private pages are not stored", arguments: ["/", "/sign-in", "/no-such-page", "/account", "/api/v1/me", "/accessibility", "/figures"])
    func headers(path: String) async throws {
        try await TestConduit.run { conduit in
            let browser = try await conduit.signedIn(as: .adviser)
            let response = try await browser.get(path)
            let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            #expect(response.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test("the session cookie is HttpOnly and SameSite; with secure cookies it is __Host- and Secure")
    func cookies() async throws {
        try await TestConduit.run(secureCookies: true) { conduit in
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            let response = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)])
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("__Host-conduit-session=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain="))
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test("error pages are generic: a 404 says nothing of the database or code")
    func genericErrors() async throws {
        try await TestConduit.run { conduit in
            let browser = try await conduit.signedIn(as: .administrator)
            let response = try await browser.get("/admin/users/not-a-uuid")
            #expect(response.status == .notFound)
            #expect(response.body.string.contains("Page not found"))
            #expect(!response.body.string.lowercased().contains("sql"))
            #expect(!response.body.string.contains("Abort"))
        }
    }
}

@Suite("Accessibility statement")
struct AccessibilityStatementTests {
    @Test("the statement is open to everyone and linked from every page's footer")
    func statement() async throws {
        try await TestConduit.run { conduit in
            // act
            let statement = try await conduit.browser().get(SiteURL.accessibility.path)
            let home = try await conduit.browser().get(SiteURL.home.path)
            // check
            #expect(statement.status == .ok)
            #expect(statement.body.string.contains("Accessibility statement for Conduit") && statement.body.string.contains("WCAG"))
            #expect(home.body.string.contains("href=\"/accessibility\""))
        }
    }
}
