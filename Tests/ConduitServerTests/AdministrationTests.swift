import ConduitCore
import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Administration")
struct AdministrationTests {
    @Test("an administrator adds a user; bad input gets a message per field and saves nothing")
    func createUser() async throws {
        try await TestConduit.run { conduit in
            // setup
            let admin = try await conduit.signedIn(as: .administrator)
            let camden = try await conduit.partnership("camden")
            try await admin.get(SiteURL.adminUserNew.path)
            let before = try await User.query(on: conduit.db).count()
            // act
            let bad = try await admin.post(SiteURL.adminUsers.path, [("name", ""), ("email", "not-an-email"), ("password", "password1234"),
                                                                    ("partnership", camden.requireID().uuidString), ("role", "")])
            let afterBad = try await User.query(on: conduit.db).count()
            let good = try await admin.post(SiteURL.adminUsers.path, [("name", "Amina Yusuf"), ("email", "Amina.Yusuf@camden.example"),
                                                                     ("password", "a long and unusual passphrase"),
                                                                     ("partnership", camden.requireID().uuidString), ("role", "adviser")])
            // check
            #expect(bad.status == .unprocessableEntity)
            for message in ["Enter the person&#39;s name", "Enter an email address in the correct format", "Password is too common", "Select the person&#39;s role"] {
                #expect(bad.body.string.contains(message), "\(message)")
            }
            #expect(afterBad == before)
            #expect(good.status == .seeOther)
            let created = try #require(try await User.query(on: conduit.db).filter(\.$email == "amina.yusuf@camden.example").first())
            let grants = try await MembershipQuery.grants(of: created.requireID(), on: conduit.db)
            #expect(grants.map(\.role) == [.adviser])
            #expect(try await conduit.auditActions().last == "user.create")
        }
    }

    @Test("text from people is shown escaped, never as markup")
    func escaping() async throws {
        try await TestConduit.run { conduit in
            // setup
            let admin = try await conduit.signedIn(as: .administrator)
            let camden = try await conduit.partnership("camden")
            try await admin.get(SiteURL.adminUserNew.path)
            let hostile = #""><script>alert(1)</script>&amp;"#
            // act
            let response = try await admin.post(SiteURL.adminUsers.path, [("name", hostile), ("email", "x@camden.example"), ("password", "short"),
                                                                          ("partnership", camden.requireID().uuidString), ("role", "viewer")])
            // check: shown back in the input's value, escaped
            #expect(!response.body.string.contains("<script>alert(1)</script>"))
            #expect(response.body.string.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;\""))
        }
    }

    @Test("disabling a user ends their sessions at once")
    func disable() async throws {
        try await TestConduit.run { conduit in
            // setup
            let viewer = try await conduit.signedIn(as: .viewer)
            let admin = try await conduit.signedIn(as: .administrator)
            let user = try await conduit.user(.viewer)
            try await admin.get(SiteURL.adminUser(.value(user.requireID())).path)
            // act
            let response = try await admin.post(SiteURL.adminUserDisable(.value(user.requireID())).path)
            // check
            #expect(response.status == .seeOther)
            #expect(try await viewer.get(SiteURL.account.path).status == .seeOther)
            #expect(try await conduit.user(.viewer).disabledAt != nil)
            #expect(try await conduit.auditActions().last == "user.disable")
        }
    }

    @Test("resetting the second factor removes it, its recovery codes and the person's sessions")
    func resetSecondFactor() async throws {
        try await TestConduit.run { conduit in
            let adviser = try await conduit.signedIn(as: .adviser)
            let admin = try await conduit.signedIn(as: .administrator)
            let user = try await conduit.user(.adviser)
            try await RecoveryCode(userID: user.requireID(), codeDigest: RecoveryCodes.digest("abcd-efgh-jkmn")).save(on: conduit.db)
            try await admin.get(SiteURL.adminUser(.value(user.requireID())).path)
            let response = try await admin.post(SiteURL.adminUserResetSecondFactor(.value(user.requireID())).path)
            #expect(response.status == .seeOther)
            #expect(try await conduit.user(.adviser).totpSecret == nil)
            #expect(try await RecoveryCode.query(on: conduit.db).filter(\.$user.$id == user.requireID()).count() == 0)
            #expect(try await adviser.get(SiteURL.account.path).status == .seeOther)
        }
    }

    @Test("records of another partnership answer 404, and lists leave them out")
    func partnershipBoundary() async throws {
        try await TestConduit.run { conduit in
            // setup: an administrator of Brent only
            try await conduit.addUser(email: "admin@brent.example", role: .administrator, partnership: "brent", secret: Demo.secret(for: .administrator))
            let brentAdmin = conduit.browser()
            try await brentAdmin.signIn(email: "admin@brent.example", secret: Demo.secret(for: .administrator))
            let camdenAdviser = try await conduit.user(.adviser)
            let camden = try await conduit.partnership("camden")
            // act
            let user = try await brentAdmin.get(SiteURL.adminUser(.value(camdenAdviser.requireID())).path)
            let partnership = try await brentAdmin.get(SiteURL.adminPartnership(.value(camden.requireID())).path)
            try await brentAdmin.get(SiteURL.adminUsers.path)
            let disable = try await brentAdmin.post(SiteURL.adminUserDisable(.value(camdenAdviser.requireID())).path)
            let list = try await brentAdmin.get(SiteURL.adminUsers.path)
            let grant = try await brentAdmin.post(SiteURL.adminUserMemberships(.value(try await conduit.user(.viewer).requireID())).path,
                                                  [("partnership", camden.requireID().uuidString), ("role", "administrator")])
            // check
            #expect(user.status == .notFound)
            #expect(partnership.status == .notFound)
            #expect(disable.status == .notFound)
            #expect(try await conduit.user(.adviser).disabledAt == nil)
            #expect(list.body.string.contains("admin@brent.example"))
            #expect(!list.body.string.contains(Demo.email(.adviser)))
            #expect(list.body.string.contains("1 user"))
            #expect(grant.status == .notFound)
        }
    }

    @Test("an edit based on an old version is refused with a conflict, not saved over")
    func versionConflict() async throws {
        try await TestConduit.run { conduit in
            // setup: two administrators open the same partnership
            let first = try await conduit.signedIn(as: .administrator)
            let second = try await conduit.signedIn(as: .administrator)
            let camden = try await conduit.partnership("camden")
            let path = SiteURL.adminPartnership(.value(try camden.requireID())).path
            try await first.get(path)
            try await second.get(path)
            // act
            let saved = try await first.post(path, [("name", "Camden Safeguarding Children Partnership"), ("code", "camden"), ("version", "1")])
            let conflict = try await second.post(path, [("name", "Camden SCP"), ("code", "camden"), ("version", "1")])
            // check
            #expect(saved.status == .seeOther)
            #expect(conflict.status == .conflict)
            #expect(conflict.body.string.contains("Someone else changed this record while you were editing it"))
            #expect(conflict.body.string.contains("value=\"Camden SCP\""), "what the person typed is kept")
            let stored = try await conduit.partnership("camden")
            #expect(stored.name == "Camden Safeguarding Children Partnership")
            #expect(stored.version == 2)
        }
    }

    @Test("the audit trail page filters by action and date, and rejects an impossible date")
    func auditPage() async throws {
        try await TestConduit.run { conduit in
            let admin = try await conduit.signedIn(as: .administrator)
            let all = try await admin.get(SiteURL.adminAudit.path(query: [("action", "sign-in")]))
            let badDate = try await admin.get(SiteURL.adminAudit.path(query: [("from-day", "31"), ("from-month", "2"), ("from-year", "2026")]))
            #expect(all.status == .ok)
            #expect(all.body.string.contains(Demo.email(.administrator)))
            #expect(!all.body.string.contains("demo.load"))
            #expect(badDate.status == .unprocessableEntity)
            #expect(badDate.body.string.contains("From date must be a real date"))
        }
    }
}
