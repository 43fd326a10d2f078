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

    @Test("a refused request for another partnership's record is answered as a missing one and recorded, a scan only up to the limit")
    func refusalsRecorded() async throws {
        try await TestConduit.run { conduit in
            // setup: a group kept by Hackney only, and a Camden adviser
            let hackneyAdviser = try await conduit.addUser(email: "adviser@hackney.example", role: .adviser, partnership: "hackney")
            let hackney = try await conduit.partnership("hackney").requireID()
            let owner = try await conduit.signedInWithPassword(hackneyAdviser.email)
            let hidden = try await conduit.addGroup(owner, name: "Hackney Only Fellowship", owner: hackney)
            let adviser = try await conduit.signedIn(as: .adviser)
            // act
            let page = try await adviser.get(SiteURL.directoryGroup(.value(hidden)).path)
            let missing = try await adviser.get(SiteURL.directoryGroup(.value(UUID())).path)
            let forbidden = try await adviser.get(SiteURL.adminUsers.path)
            for _ in 0..<30 { try await adviser.get(SiteURL.directoryGroup(.value(hidden)).path) }
            // check
            #expect(page.status == .notFound && missing.status == .notFound)
            #expect(page.body.string == missing.body.string.replacingOccurrences(of: missing.body.string.firstMatch(of: /value="[0-9a-f]{64}"/)!.0, with: page.body.string.firstMatch(of: /value="[0-9a-f]{64}"/)!.0),
                    "the same page as for a record that does not exist")
            #expect(forbidden.status == .forbidden)
            let entries = try await conduit.auditRows(action: "access.refused")
            #expect(entries.count == RefusalLog.limit + 1, "twenty recorded, then one saying the rest are counted")
            #expect(entries.first?.record_type == "group" && entries.first?.record_id == hidden.uuidString)
            #expect(entries.first?.partnership_id == hackney, "the keeping partnership's administrators see it")
            #expect(entries.allSatisfy { $0.outcome == "denied" })
            #expect(entries.contains { $0.detail?.hasPrefix("403 GET /admin/users") == true })
            #expect(entries.last?.detail?.contains("further ones are counted") == true)
            let admin = try await conduit.signedIn(as: .administrator)
            let auditPage = try await admin.get(SiteURL.adminAudit.path(query: [("action", "access.refused")])).body.string
            #expect(auditPage.contains("Show refused access") && auditPage.contains("\(RefusalLog.limit + 1) entries"), "the audit page filters them")
        }
    }

    @Test("behind a trusted proxy the client address is the one the proxy added, not the one the client wrote first")
    func forwardedFor() async throws {
        try await TestConduit.run(trustProxy: true) { conduit in
            // setup: the client sends its own X-Forwarded-For; the proxy appends the address it saw
            let browser = conduit.browser()
            browser.headers.replaceOrAdd(name: "X-Forwarded-For", value: "198.51.100.77, 203.0.113.9")
            try await browser.get(SiteURL.signIn.path)
            // act
            try await browser.post(SiteURL.signIn.path, [("email", "nobody@conduit.example"), ("password", "wrong password, wrong")])
            // check
            #expect(try await conduit.auditRows(action: "sign-in").last?.address == "203.0.113.9")
        }
    }

    @Test("CONDUIT_TRUST_PROXY takes true, false or a number of proxies", arguments: [("true", 1), ("false", 0), ("2", 2), ("", 0), ("0", 0)])
    func trustProxySetting(text: String, hops: Int) throws {
        let key = ["CONDUIT_DATA_KEY": String(repeating: "k", count: 32)]
        let settings = try Settings.load(environment: .testing, variables: key.merging(["CONDUIT_TRUST_PROXY": text]) { $1 })
        #expect(settings.trustedProxyHops == hops)
        #expect(throws: Settings.Problem.self) { try Settings.load(environment: .testing, variables: key.merging(["CONDUIT_TRUST_PROXY": "all of them"]) { $1 }) }
    }

    @Test("every byte of a long password counts: the same first 72 bytes with another ending do not sign in")
    func longPasswords() async throws {
        try await TestConduit.run { conduit in
            // setup
            let password = String(repeating: "correct horse battery staple ", count: 3) + "and the end"
            let user = try await conduit.addUser(email: "long@conduit.example", role: .viewer, partnership: "camden")
            user.passwordHash = try await Passwords.hash(password, on: conduit.app)
            try await user.save(on: conduit.db)
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let other = try await browser.post(SiteURL.signIn.path, [("email", user.email), ("password", String(password.prefix(72)) + " something else entirely")])
            let right = try await browser.post(SiteURL.signIn.path, [("email", user.email), ("password", password)])
            // check
            #expect(password.utf8.count > 72)
            #expect(other.status == .unauthorized)
            #expect(right.status == .seeOther)
        }
    }

    @Test("a password hash from before the pepper still signs in, and is replaced by a peppered one at that sign-in")
    func passwordHashMigration() async throws {
        try await TestConduit.run { conduit in
            // setup: a plain bcrypt hash, as stored before
            let user = try await conduit.addUser(email: "old@conduit.example", role: .viewer, partnership: "camden")
            user.passwordHash = try await conduit.app.password.async.hash(Demo.password)
            try await user.save(on: conduit.db)
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let first = try await browser.post(SiteURL.signIn.path, [("email", user.email), ("password", Demo.password)])
            let stored = try #require(try await User.find(user.requireID(), on: conduit.db)).passwordHash
            let second = conduit.browser()
            try await second.get(SiteURL.signIn.path)
            let again = try await second.post(SiteURL.signIn.path, [("email", user.email), ("password", Demo.password)])
            // check
            #expect(first.status == .seeOther)
            #expect(stored.hasPrefix(DataKeys.pepperedPrefix))
            #expect(again.status == .seeOther)
        }
    }

    @Test("authenticator keys are stored sealed: none is in the database in clear, and keys stored before are sealed by the migration")
    func sealedSecrets() async throws {
        try await TestConduit.run { conduit in
            // setup: the demo's keys, and one stored in clear as before
            let clear = try await conduit.addUser(email: "clear@conduit.example", role: .viewer, partnership: "camden")
            try await conduit.sql.update(User.schema).set("totp_secret", to: Demo.secret(for: .viewer)).where("id", .equal, try clear.requireID()).run()
            // act
            try await SealSecondFactorSecrets(keys: conduit.app.dataKeys).prepare(on: conduit.db)
            // check
            let stored = try await conduit.sql.select().column("totp_secret").from(User.schema).where("totp_secret", .isNot, SQLLiteral.null).all()
                .map { try $0.decode(column: "totp_secret", as: String.self) }
            #expect(!stored.isEmpty && stored.allSatisfy { $0.hasPrefix(DataKeys.sealedPrefix) })
            #expect(!stored.contains(Demo.secret(for: .adviser)) && !stored.contains(Demo.secret(for: .viewer)))
            let browser = conduit.browser()
            try await browser.signIn(email: clear.email, secret: Demo.secret(for: .viewer))
            #expect(try await browser.get(SiteURL.directory.path).status == .ok, "the sealed key still gives the right codes")
        }
    }

    @Test("a sealed secret opens only with its own key, and a changed one not at all")
    func sealing() {
        let keys = DataKeys(dataKey: Array("one data key, at least 32 characters".utf8))
        let sealed = keys.seal("JBSWY3DPEHPK3PXP")
        #expect(keys.open(sealed) == "JBSWY3DPEHPK3PXP")
        #expect(sealed != keys.seal("JBSWY3DPEHPK3PXP"), "a fresh nonce each time")
        #expect(DataKeys(dataKey: Array("another data key, of 32 characters".utf8)).open(sealed) == nil)
        var tampered = Array(sealed)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
        #expect(keys.open(String(tampered)) == nil)
    }

    @Test("an API token expires: 90 days unless chosen, shown when issued, refused after")
    func tokenExpiry() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = try await conduit.signedIn(as: .adviser)
            try await browser.get(SiteURL.accountTokens.path)
            let issuedAt = conduit.app.clock.now
            // act
            let created = try await browser.post(SiteURL.accountTokens.path, [("name", "Police data upload"), ("days", "90")])
            let secret = try #require(created.body.string.firstMatch(of: /id="new-token">(cdt_[A-Za-z0-9_-]+)</)?.1)
            let client = conduit.browser()
            client.headers.bearerAuthorization = .init(token: String(secret))
            let now = try await client.get(SiteURL.api(.me).path)
            conduit.app.clock.advance(by: APIToken.defaultLifetime + 60)
            let later = try await client.get(SiteURL.api(.me).path)
            // check
            #expect(created.body.string.contains("expires on"))
            #expect(now.status == .ok)
            #expect(later.status == .unauthorized)
            let token = try #require(try await APIToken.query(on: conduit.db).filter(\.$name == "Police data upload").first())
            #expect(abs(token.expiresAt!.timeIntervalSince(issuedAt) - APIToken.defaultLifetime) < 5)
        }
    }

    @Test("a group's page counts only the survey responses of the reader's partnerships, and numbers a response within its own")
    func responseCountsScoped() async throws {
        try await TestConduit.run { conduit in
            // setup: a group serving Camden and Hackney; Hackney's adviser starts two responses
            let camden = try await conduit.partnership("camden").requireID(), hackney = try await conduit.partnership("hackney").requireID()
            let hackneyAdviser = try await conduit.signedInWithPassword(try await conduit.addUser(email: "adviser@hackney.example", role: .adviser, partnership: "hackney").email)
            let adviser = try await conduit.signedIn(as: .adviser)
            let groupID = try await conduit.addGroup(adviser, name: "Shared Gospel Hall", owner: camden, served: [hackney])
            for _ in 0..<2 {
                try await hackneyAdviser.get(SiteURL.directoryGroup(.value(groupID)).path)
                #expect(try await hackneyAdviser.post(SiteURL.directoryGroupSurveys(.value(groupID)).path).status == .seeOther)
            }
            // act
            let page = try await adviser.get(SiteURL.directoryGroup(.value(groupID)).path)
            let started = try await adviser.post(SiteURL.directoryGroupSurveys(.value(groupID)).path)
            // check
            #expect(!page.body.string.contains("being filled in"), "Hackney's drafts are not Camden's to count")
            #expect(started.status == .seeOther)
            let camdenResponse = try #require(try await FormResponse.query(on: conduit.db).filter(\.$partnership.$id == camden).first())
            #expect(camdenResponse.fileReference == "Response 1")
        }
    }

    @Test("reading a return (a draft too, on the page and through the API), a register without names and the list of file audits is recorded")
    func sensitiveReads() async throws {
        try await TestConduit.run { conduit in
            // setup: the demo's draft return of Camden's police, and a session with one unnamed participant
            let submitter = try await conduit.signedIn(as: .submitter)
            let draft = try await ReturnsTests.addReturn(conduit, "camden", ReportingPeriod.quarter(containing: conduit.today).previous, .police,
                                                         status: .draft, cells: [ReturnsTests.cell(.trafficking): 3])
            let client = try await conduit.apiClient(as: .submitter)
            let adviser = try await conduit.signedIn(as: .adviser)
            let camden = try await conduit.partnership("camden").requireID()
            let sessionID = try await TrainingTests.addSession(adviser, title: "Faith leaders' safeguarding", on: conduit.today, partnership: camden)
            try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            #expect(try await adviser.post(SiteURL.trainingRegister(.value(sessionID)).path, [("referringText", "Walk-in"), ("gender", "male"), ("status", "attended")]).status == .seeOther)
            let auditor = try await conduit.signedIn(as: .auditor)
            // act
            let page = try await submitter.get(SiteURL.returnShow(.value(try draft.requireID())).path)
            let api = try await client.get("/api/v1/returns/\(try draft.requireID())")
            let register = try await adviser.get(SiteURL.trainingSession(.value(sessionID)).path)
            let audits = try await auditor.get(SiteURL.audits.path)
            // check
            #expect([page.status, api.status, register.status, audits.status] == [.ok, .ok, .ok, .ok])
            let returnReads = try await conduit.auditRows(action: "return.read")
            #expect(returnReads.count == 2 && returnReads.allSatisfy { $0.record_id == draft.id?.uuidString && $0.detail == "draft" })
            #expect(try await conduit.auditRows(action: "attendance.read").contains { $0.record_id == sessionID.uuidString && $0.detail == "1 participants, 0 named" })
            #expect(try await conduit.auditRows(action: "file_audit.list").count == 1)
        }
    }

    @Test("a coordinator's deadline applies to the partnerships whose returns they approve, not to every partnership")
    func deadlineScoped() async throws {
        try await TestConduit.run { conduit in
            // setup: a coordinator of Camden only
            try await conduit.addUser(email: "coordinator@camden.example", role: .coordinator, partnership: "camden", secret: Demo.secret(for: .coordinator))
            let coordinator = conduit.browser()
            try await coordinator.signIn(email: "coordinator@camden.example", secret: Demo.secret(for: .coordinator))
            let period = ReportingPeriod.quarter(containing: conduit.today).previous
            let deadline = period.end.adding(days: 45)
            try await coordinator.get(SiteURL.returnsCompleteness.path(query: [("period", period.key)]))
            // act
            let set = try await coordinator.post(SiteURL.returnsDeadline.path, [("period", period.key), ("deadline-day", String(deadline.day)),
                                                                              ("deadline-month", String(deadline.month)), ("deadline-year", String(deadline.year))])
            // check
            #expect(set.status == .seeOther)
            #expect(try await ReturnStore.deadline(of: period, for: try await conduit.partnership("camden").requireID(), on: conduit.sql) == deadline)
            #expect(try await ReturnStore.deadline(of: period, for: try await conduit.partnership("hackney").requireID(), on: conduit.sql) == period.defaultDeadline)
        }
    }

    @Test("report pages asked for with filters that name nothing answer 422 with the error summary, not a default report", arguments: [
        "/training/statistics?by=shoe-size", "/training/statistics?topic=nonsense", "/returns/dashboard?category=XX", "/returns/dashboard?partnership=not-an-id",
        "/returns/comparison?period=2025-Q9", "/audits/findings?form=no-such-form",
    ])
    func reportFilters(path: String) async throws {
        try await TestConduit.run { conduit in
            // setup
            let coordinator = try await conduit.signedIn(as: .coordinator)
            // act
            let response = try await coordinator.get(path)
            // check
            #expect(response.status == .unprocessableEntity, "\(path): \(response.status)")
            #expect(response.body.string.contains("There is a problem"))
        }
    }

    @Test("wrong current passwords on the change-password form are recorded and throttled like wrong passwords at sign-in")
    func passwordChangeGuesses() async throws {
        try await TestConduit.run { conduit in
            // setup
            let viewer = try await conduit.signedIn(as: .viewer)
            try await viewer.get(SiteURL.accountPassword.path)
            let guess = [("current", "not my password at all"), ("new", "a brand new passphrase 2026"), ("confirm", "a brand new passphrase 2026")]
            // act: enough wrong guesses, each after the wait, to lock the account; then one more
            for _ in 0..<SignInThrottle.account.lockAfter {
                conduit.app.clock.advance(by: SignInThrottle.account.maximumDelay)
                #expect(try await viewer.post(SiteURL.accountPassword.path, guess).status == .unprocessableEntity)
            }
            conduit.app.clock.advance(by: SignInThrottle.account.maximumDelay)
            let last = try await viewer.post(SiteURL.accountPassword.path, guess)
            // check
            #expect(last.status == .tooManyRequests)
            #expect(last.body.string.contains("Sign-in is locked after too many attempts"))
            let entries = try await conduit.auditRows(action: "password.change")
            #expect(entries.filter { $0.outcome == "failure" }.count == SignInThrottle.account.lockAfter)
            #expect(entries.filter { $0.outcome == "denied" }.count == 1)
        }
    }

    @Test("an administrator's page of an account they may not change offers no change, and their own page offers no new membership")
    func administratorPagesOfferOnlyWhatIsAllowed() async throws {
        try await TestConduit.run { conduit in
            // setup
            try await conduit.addUser(email: "admin@hackney.example", role: .administrator, partnership: "hackney", secret: Demo.secret(for: .administrator))
            let shared = try await conduit.addUser(email: "shared@conduit.example", role: .adviser, partnership: "camden")
            try await MembershipRecord(userID: shared.requireID(), partnershipID: try await conduit.partnership("hackney").requireID(), role: .viewer).save(on: conduit.db)
            let hackneyAdmin = conduit.browser()
            try await hackneyAdmin.signIn(email: "admin@hackney.example", secret: Demo.secret(for: .administrator))
            let london = try await conduit.signedIn(as: .administrator)
            // act
            let sharedPage = try await hackneyAdmin.get(SiteURL.adminUser(.value(try shared.requireID())).path).body.string
            let ownPage = try await london.get(SiteURL.adminUser(.value(try await conduit.user(.administrator).requireID())).path).body.string
            // check
            #expect(sharedPage.contains("also belongs to partnerships you do not manage"))
            #expect(!sharedPage.contains("Disable user") && !sharedPage.contains("Save changes"))
            #expect(ownPage.contains("Another administrator adds memberships and roles to your own account"))
            #expect(!ownPage.contains("Add membership"))
        }
    }

    @Test("development's data key file is made once, whole and private, and read back; a damaged one is refused")
    func dataKeyFile() throws {
        // setup
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("conduit-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("conduit.sqlite").path
        // act
        let first = try Settings.load(environment: .development, variables: ["CONDUIT_DATABASE_PATH": database])
        let second = try Settings.load(environment: .development, variables: ["CONDUIT_DATABASE_PATH": database])
        let attributes = try FileManager.default.attributesOfItem(atPath: database + ".key")
        try "not a key".write(toFile: database + ".key", atomically: true, encoding: .utf8)
        // check
        #expect(first.dataKey == second.dataKey && first.dataKey.count == 64)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(throws: Settings.Problem.self) { try Settings.load(environment: .development, variables: ["CONDUIT_DATABASE_PATH": database]) }
        #expect(throws: Settings.Problem.self) { try Settings.load(environment: .production, variables: ["CONDUIT_SECRET": String(repeating: "s", count: 32)]) }
    }

    @Test("a database opened with another data key is refused at start, not left to fail every sign-in")
    func wrongDataKey() async throws {
        // setup
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conduit-key-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        func open(key: String) async throws {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .warning
            do {
                try configure(app, settings: Settings(store: .sqlite(path: path), secret: Array(String(repeating: "s", count: 32).utf8),
                                                      dataKey: Array(key.utf8), isProduction: false, secureCookies: false, requireSecondFactor: false))
                try await prepareDatabase(app)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
        // act, check
        try await open(key: String(repeating: "a", count: 40))
        try await open(key: String(repeating: "a", count: 40))
        await #expect(throws: Settings.Problem.self) { try await open(key: String(repeating: "b", count: 40)) }
    }
}
