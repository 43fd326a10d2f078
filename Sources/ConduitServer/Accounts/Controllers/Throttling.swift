import ConduitCore
import Fluent
import Foundation
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

    static func recordFailure(for keys: ThrottleKeys, on req: Request) async throws {
        let now = req.now
        for (key, rule) in keys.all {
            let record = try await SignInThrottleRecord.query(on: req.db).filter(\.$key == key).first() ?? SignInThrottleRecord(key: key)
            let updated = rule.recordingFailure(.init(failures: record.failures, lastFailureAt: record.lastFailureAt, lockedUntil: record.lockedUntil), now: now)
            record.failures = updated.failures
            record.lastFailureAt = updated.lastFailureAt
            record.lockedUntil = updated.lockedUntil
            try await record.save(on: req.db)
        }
    }

    /// A success clears the account's count; the address's count stays, so one
    /// good account cannot be used to reset guessing at others.
    static func clear(for keys: ThrottleKeys, on req: Request) async throws {
        try await SignInThrottleRecord.query(on: req.db).filter(\.$key == keys.account).delete()
    }
}
