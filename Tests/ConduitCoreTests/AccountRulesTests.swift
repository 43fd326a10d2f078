import Foundation
import Testing
@testable import ConduitCore

@Suite("Password rules")
struct PasswordRulesTests {
    @Test("length from 12 to 128 characters, no composition rules")
    func length() {
        #expect(PasswordRules.check("") == .missing)
        #expect(PasswordRules.check("elevenchars") == .tooShort)
        #expect(PasswordRules.check("correct horse battery") == nil)
        #expect(PasswordRules.check(String(repeating: "a", count: 128)) != .tooLong)
        #expect(PasswordRules.check(String(repeating: "a", count: 129)) == .tooLong)
        // Counted as people count characters, not bytes.
        #expect(PasswordRules.check("ééééééééééé") == .tooShort)
        #expect(PasswordRules.check("lowercaseonlyisfine") == nil)
    }

    @Test("the shipped list of common passwords is loaded and checked, ignoring case")
    func common() {
        #expect(CommonPasswords.count > 10_000)
        #expect(PasswordRules.check("password1234") == .common)
        #expect(PasswordRules.check("QWERTYUIOP123") == .common)
        #expect(PasswordRules.check("PasswordPassword") == .common)
    }

    @Test("a password may not contain the email address")
    func email() {
        #expect(PasswordRules.check("x-adviser@camden.example", email: "Adviser@Camden.example") == .containsEmail)
    }
}

@Suite("Sign-in throttling")
struct SignInThrottleTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("three free failures, then growing waits, then a lock that expires")
    func progression() {
        // setup
        let rule = SignInThrottle.account
        var record = SignInThrottle.Record()
        // act and check
        for _ in 0..<3 {
            #expect(rule.decide(record, now: start) == .allow)
            record = rule.recordingFailure(record, now: start)
        }
        #expect(rule.decide(record, now: start) == .slowDown(until: start.addingTimeInterval(2)))
        #expect(rule.decide(record, now: start.addingTimeInterval(2)) == .allow)
        record = rule.recordingFailure(record, now: start.addingTimeInterval(2))
        #expect(rule.decide(record, now: start.addingTimeInterval(3)) == .slowDown(until: start.addingTimeInterval(6)))
        var now = start.addingTimeInterval(2)
        while record.failures < rule.lockAfter {
            now = now.addingTimeInterval(rule.maximumDelay)
            record = rule.recordingFailure(record, now: now)
        }
        #expect(rule.decide(record, now: now.addingTimeInterval(60)) == .locked(until: now.addingTimeInterval(15 * 60)))
        #expect(rule.decide(record, now: now.addingTimeInterval(15 * 60)) == .allow)
        #expect(rule.recordingFailure(record, now: now.addingTimeInterval(15 * 60)).failures == 1)
    }

    @Test("the delay never exceeds its maximum, whatever the count", arguments: [0, 3, 4, 10, 50, 1_000, Int.max / 2])
    func boundedDelay(failures: Int) {
        let delay = SignInThrottle.account.delay(afterFailures: failures)
        #expect(delay >= 0 && delay <= SignInThrottle.account.maximumDelay)
    }
}

@Suite("Calendar dates from date inputs")
struct CalendarDateTests {
    @Test("messages follow the GOV.UK date input")
    func parse() {
        #expect(CalendarDate.parse(day: "", month: "", year: "", label: "From date") == (nil, nil))
        #expect(CalendarDate.parse(day: "1", month: "", year: "", label: "From date").problem == "From date must include a month and a year")
        #expect(CalendarDate.parse(day: "31", month: "2", year: "2025", label: "From date").problem == "From date must be a real date")
        #expect(CalendarDate.parse(day: "1", month: "2", year: "25", label: "From date").problem == "From date must include a year with 4 numbers, for example 2025")
        #expect(CalendarDate.parse(day: "29", month: "2", year: "2024", label: "From date").date?.description == "2024-02-29")
    }
}
