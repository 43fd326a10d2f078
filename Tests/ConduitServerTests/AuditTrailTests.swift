import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Audit trail")
struct AuditTrailTests {
    @Test("the stored chain verifies, and an edited or deleted entry is found")
    func tamperDetection() async throws {
        try await TestConduit.run { conduit in
            // setup: a few real events
            _ = try await conduit.signedIn(as: .adviser)
            _ = try await conduit.signedIn(as: .viewer)
            let intact = try await AuditTrail.verify(on: conduit.db)
            // act: someone with database access edits entry 3
            try await conduit.sql.update(AuditTrail.table).set("detail", to: "nothing to see").where("seq", .equal, 3).run()
            let edited = try await AuditTrail.verify(on: conduit.db)
            // and, on a fresh copy of the chain, deletes entry 2 instead
            try await conduit.sql.delete(from: AuditTrail.table).where("seq", .equal, 2).run()
            let deleted = try await AuditTrail.verify(on: conduit.db)
            // check
            #expect(intact.breaks.isEmpty)
            #expect(intact.checked == 5, "demo load and two sign-ins of two steps")
            #expect(edited.breaks.map(\.sequence) == [3])
            #expect(deleted.breaks.map(\.sequence) == [2, 3, 3], "entry 2 is missing, entry 3 no longer follows entry 1, and it is still the edited one")
        }
    }

    @Test("concurrent appends keep one unbroken chain")
    func concurrentAppends() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            let db = conduit.db
            let now = conduit.app.clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await AuditTrail.append(.init("test.append", detail: "\(index)"), actor: .system, address: nil, at: now, on: db)
                    }
                }
                try await group.waitForAll()
            }
            let result = try await AuditTrail.verify(on: db)
            #expect(result.breaks.isEmpty)
            #expect(result.checked == 40)
        }
    }

    @Test("an entry whose texts hold a NUL and a bidirectional override is stored as hashed, on either database")
    func controlCharacters() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            let now = conduit.app.clock.now
            // act: the actor and the detail come from what a person sent, as a failed sign-in's do
            try await AuditTrail.append(.init("sign-in", outcome: .failure, detail: "wrong\u{0}password\u{202E}"),
                                        actor: .init(id: nil, label: "nobody\u{0}x@example.org"), address: "127.0.0.1", at: now, on: conduit.db)
            try await AuditTrail.append(.init("sign-in"), actor: .system, address: nil, at: now, on: conduit.db)
            // check
            let result = try await AuditTrail.verify(on: conduit.db)
            #expect(result.breaks.isEmpty)
            #expect(result.checked == 2)
            let label = try await conduit.sql.select().column("actor_label").from(AuditTrail.table).where("seq", .equal, 1)
                .first()?.decode(column: "actor_label", as: String.self)
            #expect(label == "nobody\\u{0}x@example.org")
        }
    }

    @Test("verify reports every broken entry, so a broken entry does not hide a later one")
    func everyBreak() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            for index in 0..<6 {
                try await AuditTrail.append(.init("test.append", detail: "\(index)"), actor: .system, address: nil, at: conduit.app.clock.now, on: conduit.db)
            }
            // act: two entries edited
            try await conduit.sql.update(AuditTrail.table).set("detail", to: "edited").where("seq", .equal, 2).run()
            try await conduit.sql.update(AuditTrail.table).set("actor_label", to: "someone").where("seq", .equal, 5).run()
            // check
            let result = try await AuditTrail.verify(on: conduit.db)
            #expect(result.breaks.map(\.sequence) == [2, 5])
            #expect(result.broken == 2)
        }
    }
}

@Suite("JSON API")
struct APITests {
    @Test("a token created in the UI is shown once and answers /api/v1/me; revoked, it does not")
    func tokens() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = try await conduit.signedIn(as: .adviser)
            try await browser.get(SiteURL.accountTokens.path)
            let created = try await browser.post(SiteURL.accountTokens.path, [("name", "Police data upload")])
            let token = String(try #require(created.body.string.firstMatch(of: /id="new-token">(cdt_[A-Za-z0-9_-]+)</)?.1))
            let client = conduit.browser()
            client.headers.bearerAuthorization = .init(token: token)
            // act
            let me = try await client.get(SiteURL.api(.me).path)
            let listed = try await browser.get(SiteURL.accountTokens.path)
            let id = try #require(try await APIToken.query(on: conduit.db).first()?.requireID())
            try await browser.post(SiteURL.accountTokenRevoke(.value(id)).path)
            let revoked = try await client.get(SiteURL.api(.me).path)
            // check
            #expect(me.status == .ok)
            let body = try me.content.decode(APIController.MeDTO.self)
            #expect(body.email == Demo.email(.adviser))
            #expect(body.memberships.map(\.partnershipName) == ["Camden"])
            #expect(!listed.body.string.contains(token), "shown once only")
            #expect(try await APIToken.query(on: conduit.db).first()?.tokenDigest == Sessions.digest(token), "stored as a digest")
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    @Test("the partnership list is scoped to the token owner's memberships")
    func partnershipsScoped() async throws {
        try await TestConduit.run { conduit in
            for (role, expected) in [(Role.adviser, ["Camden"]), (.coordinator, ["Brent", "Camden", "Enfield", "Hackney", "Haringey", "Islington", "London", "Newham", "Southwark"])] {
                let secret = "cdt_test_\(role.rawValue)"
                try await APIToken(userID: try await conduit.user(role).requireID(), name: "t", tokenDigest: Sessions.digest(secret), prefix: "cdt_test", expiresAt: Date().addingTimeInterval(APIToken.defaultLifetime)).save(on: conduit.db)
                let client = conduit.browser()
                client.headers.bearerAuthorization = .init(token: secret)
                let response = try await client.get(SiteURL.api(.partnerships).path)
                let list = try response.content.decode(APIController.PartnershipList.self)
                #expect(list.items.map(\.name) == expected)
                #expect(list.total == expected.count)
            }
        }
    }

    @Test("the API ignores session cookies: no token, no answer")
    func noCookies() async throws {
        try await TestConduit.run { conduit in
            let browser = try await conduit.signedIn(as: .adviser)
            let response = try await browser.get(SiteURL.api(.me).path)
            #expect(response.status == .unauthorized)
            let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.string.utf8))
            #expect(problem.status == 401)
        }
    }

    @Test("the OpenAPI document lists exactly the API routes the application registers")
    func openAPIMatchesRoutes() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            let response = try await conduit.browser().get(SiteURL.api(.openAPI).path)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            // act
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(conduit.app.routes.all.compactMap { route -> String? in
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" } else { return component.description }
                }.joined(separator: "/")
                return path.hasPrefix("/api/") ? "\(route.method.rawValue) \(path)" : nil
            })
            // check
            #expect(response.status == .ok)
            #expect(document["openapi"] as? String == "3.0.3")
            #expect(documented == registered, "in the document only: \(documented.subtracting(registered)); registered only: \(registered.subtracting(documented))")
        }
    }
}
