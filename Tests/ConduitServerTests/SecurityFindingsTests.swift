import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

/// The findings of the outside security test (issue 13), each with the attack that found it.
@Suite("Security findings")
struct SecurityFindingsTests {
    @Test("rounds of the right password and wrong codes lock the second factor: the right code is refused after five wrong ones")
    func secondFactorRounds() async throws {
        try await TestConduit.run { conduit in
            // setup
            let totp = TOTP(secret: Base32.decode(Demo.secret(for: .adviser))!)
            let browser = conduit.browser()
            func passwordStep() async throws {
                try await browser.get(SiteURL.signIn.path)
                let response = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)])
                #expect(response.status == .seeOther)
                try await browser.get(SiteURL.signInCode.path)
            }
            // act: five rounds of the right password and one wrong code, each after the wait
            for _ in 0..<5 {
                try await passwordStep()
                conduit.app.clock.advance(by: SignInThrottle.secondFactor.maximumDelay)
                let wrong = try await browser.post(SiteURL.signInCode.path, [("code", "000000")])
                #expect(wrong.status == .unauthorized)
            }
            try await passwordStep()
            conduit.app.clock.advance(by: SignInThrottle.secondFactor.maximumDelay)
            let right = try await browser.post(SiteURL.signInCode.path, [("code", totp.code(at: conduit.app.clock.now))])
            conduit.app.clock.advance(by: SignInThrottle.secondFactor.lockDuration)
            try await passwordStep()
            let afterLock = try await browser.post(SiteURL.signInCode.path, [("code", totp.code(at: conduit.app.clock.now))])
            // check
            #expect(right.status == .tooManyRequests)
            #expect(right.body.string.contains("Sign-in is locked after too many attempts"))
            #expect(afterLock.status == .seeOther, "the lock ends after its period, and a completed sign-in clears the count")
            #expect(try await SignInThrottleRecord.query(on: conduit.db).filter(\.$key ~~ "second-factor:").count() == 0)
        }
    }

    @Test("after sign-in, only a path of Conduit is followed: a tab, a backslash or a second slash is no path", arguments: [
        "/\t/evil.example/", "/%09/evil.example/", "//evil.example", "/\\evil.example", "https://evil.example", "/ /evil.example", "/\n/evil.example",
        "/%2F/evil.example", "javascript:alert(1)", "/\u{3000}/evil.example",
    ])
    func openRedirect(next: String) async throws {
        #expect(SignInController.safeNext(next) == nil, "\(next.debugDescription)")
    }

    @Test("ordinary paths with a query are followed after sign-in")
    func safeNextKeepsPaths() {
        #expect(SignInController.safeNext("/directory?q=Somali&type=faith_group") == "/directory?q=Somali&type=faith_group")
        #expect(SignInController.safeNext("/returns/2025-q3") == "/returns/2025-q3")
    }

    @Test("a name of 150 letters stacked with marks is over its limit in bytes, though it is 150 characters")
    func byteLimit() async throws {
        try await TestConduit.run { conduit in
            // setup
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let heavy = String(repeating: "a" + String(repeating: "\u{301}", count: 20), count: 150)
            try await adviser.get(SiteURL.directoryGroupNew.path)
            // act
            let response = try await adviser.post(SiteURL.directoryGroups.path, DirectoryForms.group(name: heavy, owner: camden))
            // check
            #expect(heavy.count == 150 && heavy.utf8.count > 6000)
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("Name must be 200 characters or fewer"))
            #expect(try await conduit.organisationCount() == 0)
        }
    }

    @Test("an administrator of one partnership cannot change an account that also belongs to another, but still sees it")
    func administratorOfOnePartnership() async throws {
        try await TestConduit.run { conduit in
            // setup: a Hackney administrator, and a person who is a Camden adviser and a Hackney viewer
            try await conduit.addUser(email: "admin@hackney.example", role: .administrator, partnership: "hackney", secret: Demo.secret(for: .administrator))
            let shared = try await conduit.addUser(email: "shared@conduit.example", role: .adviser, partnership: "camden")
            try await MembershipRecord(userID: shared.requireID(), partnershipID: try await conduit.partnership("hackney").requireID(), role: .viewer).save(on: conduit.db)
            let admin = conduit.browser()
            try await admin.signIn(email: "admin@hackney.example", secret: Demo.secret(for: .administrator))
            let id = try shared.requireID()
            // act
            let page = try await admin.get(SiteURL.adminUser(.value(id)).path)
            let email = try await admin.post(SiteURL.adminUser(.value(id)).path, [("name", "Shared"), ("email", "attacker@evil.example"), ("version", "1")])
            let reset = try await admin.post(SiteURL.adminUserResetSecondFactor(.value(id)).path)
            let disable = try await admin.post(SiteURL.adminUserDisable(.value(id)).path)
            // check
            #expect(page.status == .ok)
            #expect([email.status, reset.status, disable.status] == [.forbidden, .forbidden, .forbidden])
            #expect(disable.body.string.contains("also belongs to partnerships you do not manage"))
            let stored = try #require(try await User.find(id, on: conduit.db))
            #expect(stored.email == "shared@conduit.example" && stored.disabledAt == nil)
        }
    }

    @Test("no one grants themselves a membership, not even the region's administrator")
    func selfGrant() async throws {
        try await TestConduit.run { conduit in
            // setup: the demo's London administrator
            let admin = try await conduit.signedIn(as: .administrator)
            let me = try await conduit.user(.administrator).requireID()
            let camden = try await conduit.partnership("camden").requireID()
            try await admin.get(SiteURL.adminUser(.value(me)).path)
            // act
            let grant = try await admin.post(SiteURL.adminUserMemberships(.value(me)).path, [("partnership", camden.uuidString), ("role", "coordinator")])
            let contacts = try await admin.get(SiteURL.directory.path)
            // check
            #expect(grant.status == .forbidden)
            #expect(grant.body.string.contains("You cannot give yourself a membership or role"))
            #expect(try await MembershipRecord.query(on: conduit.db).filter(\.$user.$id == me).count() == 1)
            #expect(contacts.status == .forbidden)
        }
    }

    @Test("a change to an account of two partnerships is in both partnerships' audit trails")
    func accountChangeAuditedForEachPartnership() async throws {
        try await TestConduit.run { conduit in
            // setup
            let shared = try await conduit.addUser(email: "shared@conduit.example", role: .adviser, partnership: "camden")
            let hackney = try await conduit.partnership("hackney").requireID(), camden = try await conduit.partnership("camden").requireID()
            try await MembershipRecord(userID: shared.requireID(), partnershipID: hackney, role: .viewer).save(on: conduit.db)
            let admin = try await conduit.signedIn(as: .administrator)
            try await admin.get(SiteURL.adminUser(.value(try shared.requireID())).path)
            // act
            let response = try await admin.post(SiteURL.adminUserDisable(.value(try shared.requireID())).path)
            // check
            #expect(response.status == .seeOther)
            let entries = try await conduit.auditRows(action: "user.disable")
            #expect(Set(entries.compactMap(\.partnership_id)) == [camden, hackney])
        }
    }
}
