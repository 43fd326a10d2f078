import ConduitCore
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ConduitServer

@Suite("Signing in", .serialized)
struct SignInTests {
    @Test("password then authenticator code signs in, with a new session id at each step")
    func signIn() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let password = try await browser.post(SiteURL.signIn.path, [("email", "Adviser@Conduit.example"), ("password", Demo.password)])
            let partialSession = browser.cookies["conduit-session"]
            let early = try await browser.get(SiteURL.account.path)
            conduit.app.clock.advance(by: 31)
            try await browser.get(SiteURL.signInCode.path)
            let code = TOTP(secret: Base32.decode(Demo.secret(for: .adviser))!).code(at: conduit.app.clock.now)
            let second = try await browser.post(SiteURL.signInCode.path, [("code", code)])
            let account = try await browser.get(SiteURL.account.path)
            // check
            #expect(password.status == .seeOther)
            #expect(password.headers.first(name: .location) == SiteURL.signInCode.path)
            #expect(early.headers.first(name: .location) == SiteURL.signInCode.path, "no page before the second factor")
            #expect(second.status == .seeOther)
            #expect(partialSession != nil && browser.cookies["conduit-session"] != partialSession, "session id rotated at sign-in")
            #expect(account.status == .ok)
            #expect(account.body.string.contains("Community partnership adviser"))
            #expect(account.body.string.contains("Camden"))
            #expect(try await conduit.auditActions().suffix(2) == ["sign-in.password", "sign-in"])
        }
    }

    @Test("a wrong password is refused with a message, and the attempt is audited")
    func wrongPassword() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let response = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", "not the password at all")])
            let unknown = try await browser.post(SiteURL.signIn.path, [("email", "nobody@conduit.example"), ("password", "not the password at all")])
            // check
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("Enter a correct email address and password"))
            #expect(response.body.string.contains("<title>Error: Sign in"))
            #expect(unknown.body.string.contains("Enter a correct email address and password"), "unknown accounts answer the same")
            let failures = try await conduit.auditRows(action: "sign-in").filter { $0.outcome == "failure" }
            #expect(failures.map(\.actor_label) == [Demo.email(.adviser), "nobody@conduit.example"])
            #expect(browser.cookies["conduit-session"] == nil)
        }
    }

    @Test("empty fields get an error each, linked from the error summary")
    func emptyFields() async throws {
        try await TestConduit.run { conduit in
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            let response = try await browser.post(SiteURL.signIn.path, [("email", ""), ("password", "")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("There is a problem"))
            #expect(response.body.string.contains(##"href="#email">Enter your email address"##))
            #expect(response.body.string.contains(##"href="#password">Enter your password"##))
        }
    }

    @Test("failures slow down and then lock the account, even for the right password")
    func lockout() async throws {
        try await TestConduit.run { conduit in
            // setup
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            let wrong = [("email", Demo.email(.viewer)), ("password", "wrong password, wrong")]
            // act: three free failures, then one too soon
            for _ in 0..<3 { try await browser.post(SiteURL.signIn.path, wrong) }
            let tooSoon = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.viewer)), ("password", Demo.password)])
            // then enough spaced-out failures to lock
            for _ in 3..<SignInThrottle.account.lockAfter {
                conduit.app.clock.advance(by: SignInThrottle.account.maximumDelay)
                try await browser.post(SiteURL.signIn.path, wrong)
            }
            conduit.app.clock.advance(by: SignInThrottle.account.maximumDelay)
            let locked = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.viewer)), ("password", Demo.password)])
            conduit.app.clock.advance(by: SignInThrottle.account.lockDuration)
            let afterLock = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.viewer)), ("password", Demo.password)])
            // check
            #expect(tooSoon.status == .tooManyRequests)
            #expect(tooSoon.body.string.contains("Too many attempts. Wait"))
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.string.contains("Sign-in is locked after too many attempts"))
            #expect(afterLock.status == .seeOther, "the lock ends after its period")
            #expect(try await conduit.auditRows(action: "sign-in").filter { $0.outcome == "denied" }.count == 2)
        }
    }

    @Test("the per-address limit holds across accounts (client address from a trusted proxy)")
    func addressThrottle() async throws {
        try await TestConduit.run(trustProxy: true) { conduit in
            // setup
            let browser = conduit.browser()
            browser.headers.replaceOrAdd(name: "X-Forwarded-For", value: "203.0.113.9")
            try await browser.get(SiteURL.signIn.path)
            // act: one failure each on many different accounts
            var last: TestingHTTPResponse?
            for index in 0...SignInThrottle.address.freeFailures {
                last = try await browser.post(SiteURL.signIn.path, [("email", "guess\(index)@conduit.example"), ("password", "wrong password, wrong")])
            }
            // check
            #expect(last?.status == .tooManyRequests)
            #expect(try await conduit.auditRows(action: "sign-in").last?.address == "203.0.113.9")
        }
    }

    @Test("a burst of wrong passwords at one account, as through several instances at once, gets no more through than one after another")
    func burstOfAttempts() async throws {
        try await TestConduit.run(loadDemo: false) { conduit in
            // setup
            let keys = ThrottleKeys(email: "Someone@conduit.example", address: "203.0.113.7")
            let now = conduit.app.clock.now
            let database = conduit.db
            // act: nine attempts at the same moment, each with a wrong password
            let checked = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<9 {
                    group.addTask {
                        guard try await Throttling.admit(keys, on: database, now: now) == nil else { return false }
                        try await Throttling.recordFailure(for: keys, on: database, now: now)
                        return true
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            // check: as in a row, three are checked and the rest told to wait; every checked one is counted
            let counts = Dictionary(uniqueKeysWithValues: try await SignInThrottleRecord.query(on: database).all().map { ($0.key, $0.failures) })
            #expect(checked == SignInThrottle.account.freeFailures)
            #expect(counts == ["account:someone@conduit.example": checked, "address:203.0.113.7": checked])
        }
    }

    @Test("a wrong code and a reused code are refused; a recovery code works once")
    func secondFactor() async throws {
        try await TestConduit.run { conduit in
            // setup
            let codes = ["abcd-efgh-jkmn", "pqrs-tuvw-xyz2"]
            let user = try await conduit.user(.adviser)
            for code in codes { try await RecoveryCode(userID: user.requireID(), codeDigest: RecoveryCodes.digest(code)).save(on: conduit.db) }
            let totp = TOTP(secret: Base32.decode(Demo.secret(for: .adviser))!)
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)])
            try await browser.get(SiteURL.signInCode.path)
            // act
            let wrong = try await browser.post(SiteURL.signInCode.path, [("code", totp.code(at: conduit.app.clock.now.addingTimeInterval(-3600)))])
            let right = totp.code(at: conduit.app.clock.now)
            let accepted = try await browser.post(SiteURL.signInCode.path, [("code", right)])
            try await browser.post(SiteURL.signOut.path)
            try await browser.get(SiteURL.signIn.path)
            try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)])
            try await browser.get(SiteURL.signInCode.path)
            let reused = try await browser.post(SiteURL.signInCode.path, [("code", right)])
            let recovery = try await browser.post(SiteURL.signInCode.path, [("code", "ABCD EFGH JKMN")])
            try await browser.post(SiteURL.signOut.path)
            try await browser.get(SiteURL.signIn.path)
            try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.adviser)), ("password", Demo.password)])
            try await browser.get(SiteURL.signInCode.path)
            let recoveryAgain = try await browser.post(SiteURL.signInCode.path, [("code", "abcd-efgh-jkmn")])
            // check
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("The code is not correct or has already been used"))
            #expect(accepted.status == .seeOther)
            #expect(reused.status == .unauthorized, "a code works once")
            #expect(recovery.status == .seeOther)
            #expect(recoveryAgain.status == .unauthorized, "a recovery code works once")
            let successes = try await conduit.auditRows(action: "sign-in").filter { $0.outcome == "success" }
            #expect(successes.last?.detail == "recovery code (1 left)")
        }
    }

    @Test("in production mode an account without a second factor must enrol before anything else")
    func enrolment() async throws {
        try await TestConduit.run(requireSecondFactor: true) { conduit in
            // setup
            try await conduit.addUser(email: "new.adviser@brent.example", role: .adviser, partnership: "brent")
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            // act
            let password = try await browser.post(SiteURL.signIn.path, [("email", "new.adviser@brent.example"), ("password", Demo.password)])
            let blocked = try await browser.get(SiteURL.account.path)
            let page = try await browser.get(SiteURL.accountSecondFactor.path)
            let secret = try #require(page.body.string.firstMatch(of: /secret=([A-Z2-7]+)/)?.1)
            let wrong = try await browser.post(SiteURL.accountSecondFactor.path, [("code", "000000")])
            let confirmed = try await browser.post(SiteURL.accountSecondFactor.path,
                                                   [("code", TOTP(secret: Base32.decode(String(secret))!).code(at: conduit.app.clock.now))])
            let account = try await browser.get(SiteURL.account.path)
            // check
            #expect(password.headers.first(name: .location) == SiteURL.accountSecondFactor.path)
            #expect(blocked.headers.first(name: .location) == SiteURL.accountSecondFactor.path)
            #expect(wrong.status == .unprocessableEntity)
            #expect(confirmed.status == .ok)
            #expect(confirmed.body.string.matches(of: /<li>[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}<\/li>/).count == 10, "ten recovery codes shown")
            #expect(account.status == .ok)
            let stored = try await User.query(on: conduit.db).filter(\.$email == "new.adviser@brent.example").first()
            #expect(stored?.totpSecret.flatMap(conduit.app.dataKeys.open) == String(secret))
            #expect(stored?.totpSecret?.hasPrefix(DataKeys.sealedPrefix) == true, "sealed, not in clear")
            #expect(try await RecoveryCode.query(on: conduit.db).filter(\.$user.$id == stored!.requireID()).count() == 10)
        }
    }

    @Test("a disabled account cannot sign in")
    func disabled() async throws {
        try await TestConduit.run { conduit in
            let user = try await conduit.user(.viewer)
            user.disabledAt = Date()
            try await user.save(on: conduit.db)
            let browser = conduit.browser()
            try await browser.get(SiteURL.signIn.path)
            let response = try await browser.post(SiteURL.signIn.path, [("email", Demo.email(.viewer)), ("password", Demo.password)])
            #expect(response.status == .unauthorized)
        }
    }
}
