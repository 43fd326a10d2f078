import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The two counters a sign-in attempt is checked against.
struct ThrottleKeys {
    /// The account's counter: of passwords, or of second-factor codes.
    var account: String
    var rule: SignInThrottle
    var address: String?

    /// A password for this email.
    init(email: String, address: String?) {
        account = "account:" + email.lowercased().prefix(254)
        rule = .account
        self.address = address.map { "address:" + $0 }
    }

    /// A second-factor code for this person: a counter apart from passwords, so a correct
    /// password does not clear the wrong codes before it.
    init(secondFactorOf userID: UUID, address: String?) {
        account = "second-factor:" + userID.uuidString.lowercased()
        rule = .secondFactor
        self.address = address.map { "address:" + $0 }
    }
}

/// Applies `SignInThrottle` with its counters in the database.
///
/// An attempt is counted against its account *before* its password or code is checked, in
/// the same compare-and-set that decides whether it may go ahead. Attempts that arrive
/// together, at one instance or several, then queue on the count: a burst of guesses gets
/// no more through than the same guesses one after another would. A success clears the
/// account's count. The address's count, looser because a whole office may share one
/// address, is checked first and counts failures only.
enum Throttling {
    /// A bcrypt hash of a random password, checked when the account does not exist.
    static let decoyHash: String = try! Bcrypt.hash(Sessions.newToken(), cost: 12)

    /// Why the attempt may not go ahead, or nil when it may: it is then counted against the account.
    static func admit(_ keys: ThrottleKeys, on database: any Database, now: Date) async throws -> String? {
        if let address = keys.address,
           let record = try await SignInThrottleRecord.query(on: database).filter(\.$key == address).first(),
           let refusal = refusal(SignInThrottle.address.decide(state(of: record), now: now), now: now) {
            return refusal
        }
        return refusal(try await count(keys.account, rule: keys.rule, on: database, now: now, onlyIfAllowed: true), now: now)
    }

    /// A password or code was wrong: the account has counted it already (`admit`); the address counts it now.
    static func recordFailure(for keys: ThrottleKeys, on database: any Database, now: Date) async throws {
        guard let address = keys.address else { return }
        _ = try await count(address, rule: .address, on: database, now: now, onlyIfAllowed: false)
    }

    /// A success clears the account's count (of passwords, or of codes); the address's count
    /// stays, so one good account cannot be used to reset guessing at others.
    static func clear(for keys: ThrottleKeys, on database: any Database) async throws {
        try await SignInThrottleRecord.query(on: database).filter(\.$key == keys.account).delete()
    }

    private static func refusal(_ decision: SignInThrottle.Decision, now: Date) -> String? {
        switch decision {
        case .allow:
            return nil
        case .slowDown(let until):
            return "Too many attempts. Wait \(Int(until.timeIntervalSince(now).rounded(.up))) seconds, then try again"
        case .locked(let until):
            return "Sign-in is locked after too many attempts. Try again in \(Int((until.timeIntervalSince(now) / 60).rounded(.up))) minutes, or ask an administrator"
        }
    }

    private static func state(of record: SignInThrottleRecord) -> SignInThrottle.Record {
        .init(failures: record.failures, lastFailureAt: record.lastFailureAt, lockedUntil: record.lockedUntil)
    }

    /// Counts one attempt against `key` (with `onlyIfAllowed`, only when the rule allows it
    /// now) and returns the rule's decision on the count as it was before. Every instance may
    /// be counting at once, so the count is a compare-and-set on the row as it was read, read
    /// and decided again when another attempt got there first: none is lost.
    private static func count(_ key: String, rule: SignInThrottle, on database: any Database, now: Date,
                              onlyIfAllowed: Bool) async throws -> SignInThrottle.Decision {
        let sql = database as! any SQLDatabase
        for _ in 0..<100 {
            let record = try await SignInThrottleRecord.query(on: database).filter(\.$key == key).first()
            let current = record.map(state(of:)) ?? .init()
            let decision = rule.decide(current, now: now)
            if onlyIfAllowed, decision != .allow { return decision }
            let updated = rule.recordingFailure(current, now: now)
            let counted: Bool
            if let record {
                counted = try await sql.update(SignInThrottleRecord.schema)
                    .set("failures", to: updated.failures)
                    .set("last_failure_at", to: updated.lastFailureAt)
                    .set("locked_until", to: updated.lockedUntil)
                    .where("id", .equal, try record.requireID())
                    .where("failures", .equal, record.failures)
                    .returning("id")
                    .first() != nil
            } else {
                counted = try await sql.insert(into: SignInThrottleRecord.schema)
                    .columns("id", "key", "failures", "last_failure_at", "locked_until")
                    .values(SQLBind(UUID()), SQLBind(key), SQLBind(updated.failures), SQLBind(updated.lastFailureAt), SQLBind(updated.lockedUntil))
                    .ignoringConflicts(with: "key")
                    .returning("id")
                    .first() != nil
            }
            if counted { return decision }
        }
        throw Abort(.serviceUnavailable, reason: "Too many sign-in attempts at once. Try again in a minute.")
    }
}
