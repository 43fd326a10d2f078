import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The two counters a sign-in attempt is checked against.
struct ThrottleKeys {
    var account: String
    var address: String?

    init(email: String, address: String?) {
        account = "account:" + email.lowercased().prefix(254)
        self.address = address.map { "address:" + $0 }
    }

    var all: [(key: String, rule: SignInThrottle)] {
        [(account, .account)] + (address.map { [($0, .address)] } ?? [])
    }
}

/// Applies `SignInThrottle` with its counters in the database.
enum Throttling {
    /// A bcrypt hash of a random password, checked when the account does not exist.
    static let decoyHash: String = try! Bcrypt.hash(Sessions.newToken(), cost: 12)

    static func refusal(for keys: ThrottleKeys, on req: Request) async throws -> String? {
        let now = req.now
        for (key, rule) in keys.all {
            guard let record = try await SignInThrottleRecord.query(on: req.db).filter(\.$key == key).first() else { continue }
            let state = SignInThrottle.Record(failures: record.failures, lastFailureAt: record.lastFailureAt, lockedUntil: record.lockedUntil)
            switch rule.decide(state, now: now) {
            case .allow: continue
            case .slowDown(let until):
                return "Too many attempts. Wait \(Int(until.timeIntervalSince(now).rounded(.up))) seconds, then try again"
            case .locked(let until):
                return "Sign-in is locked after too many attempts. Try again in \(Int((until.timeIntervalSince(now) / 60).rounded(.up))) minutes, or ask an administrator"
            }
        }
        return nil
    }

    /// Counts one failure against each key. Every instance may be counting at once, so each
    /// count is a compare-and-set on the row as it was read, tried again if another got there
    /// first: no failure is lost, and the rules stay those of `SignInThrottle`.
    static func recordFailure(for keys: ThrottleKeys, on database: any Database, now: Date) async throws {
        let sql = database as! any SQLDatabase
        for (key, rule) in keys.all {
            var counted = false
            for _ in 0..<100 where !counted {
                if let record = try await SignInThrottleRecord.query(on: database).filter(\.$key == key).first() {
                    let updated = rule.recordingFailure(.init(failures: record.failures, lastFailureAt: record.lastFailureAt, lockedUntil: record.lockedUntil), now: now)
                    counted = try await sql.update(SignInThrottleRecord.schema)
                        .set("failures", to: updated.failures)
                        .set("last_failure_at", to: updated.lastFailureAt)
                        .set("locked_until", to: updated.lockedUntil)
                        .where("id", .equal, try record.requireID())
                        .where("failures", .equal, record.failures)
                        .returning("id")
                        .first() != nil
                } else {
                    let first = rule.recordingFailure(.init(), now: now)
                    counted = try await sql.insert(into: SignInThrottleRecord.schema)
                        .columns("id", "key", "failures", "last_failure_at", "locked_until")
                        .values(SQLBind(UUID()), SQLBind(key), SQLBind(first.failures), SQLBind(first.lastFailureAt), SQLBind(first.lockedUntil))
                        .ignoringConflicts(with: "key")
                        .returning("id")
                        .first() != nil
                }
            }
            guard counted else { throw Abort(.serviceUnavailable, reason: "Too many sign-in attempts at once. Try again in a minute.") }
        }
    }

    /// A success clears the account's count; the address's count stays, so one
    /// good account cannot be used to reset guessing at others.
    static func clear(for keys: ThrottleKeys, on req: Request) async throws {
        try await SignInThrottleRecord.query(on: req.db).filter(\.$key == keys.account).delete()
    }
}
