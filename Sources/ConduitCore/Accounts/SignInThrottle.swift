import Foundation

/// How failed sign-in attempts slow down and then lock further attempts
/// (OWASP ASVS 5.0 V6.3.1). Applied separately per account and per client address.
public struct SignInThrottle: Sendable {
    /// Failed attempts allowed before any delay.
    public var freeFailures: Int
    /// Failed attempts after which attempts are refused for `lockDuration`.
    public var lockAfter: Int
    public var lockDuration: TimeInterval
    /// The delay after the first counted failure; it doubles with each further one.
    public var baseDelay: TimeInterval
    public var maximumDelay: TimeInterval

    /// Per account: a person mistyping gets three tries, then waits 2, 4, 8… seconds;
    /// ten failures lock the account for 15 minutes.
    public static let account = SignInThrottle(freeFailures: 3, lockAfter: 10, lockDuration: 15 * 60, baseDelay: 2, maximumDelay: 60)
    /// Second-factor codes, per account, counted apart from passwords and cleared only by a
    /// completed sign-in (issue 13): someone who has the password gets five codes, not
    /// five per round of "right password, wrong codes". A million codes, five tries each
    /// quarter-hour: about one chance in 200 a day, less the code's 30 seconds.
    public static let secondFactor = SignInThrottle(freeFailures: 2, lockAfter: 5, lockDuration: 15 * 60, baseDelay: 2, maximumDelay: 60)
    /// Per client address, which may be a whole office behind one gateway: looser.
    public static let address = SignInThrottle(freeFailures: 20, lockAfter: 100, lockDuration: 15 * 60, baseDelay: 1, maximumDelay: 30)

    public init(freeFailures: Int, lockAfter: Int, lockDuration: TimeInterval, baseDelay: TimeInterval, maximumDelay: TimeInterval) {
        self.freeFailures = freeFailures
        self.lockAfter = lockAfter
        self.lockDuration = lockDuration
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The failures counted against one account or address.
    public struct Record: Equatable, Sendable {
        public var failures: Int
        public var lastFailureAt: Date?
        public var lockedUntil: Date?

        public init(failures: Int = 0, lastFailureAt: Date? = nil, lockedUntil: Date? = nil) {
            self.failures = failures
            self.lastFailureAt = lastFailureAt
            self.lockedUntil = lockedUntil
        }
    }

    /// Whether an attempt may be checked now.
    public enum Decision: Equatable, Sendable {
        case allow
        /// Too soon after the last failure; try again at this time.
        case slowDown(until: Date)
        /// Locked after too many failures until this time.
        case locked(until: Date)
    }

    public func decide(_ record: Record, now: Date) -> Decision {
        if let lockedUntil = record.lockedUntil, now < lockedUntil { return .locked(until: lockedUntil) }
        let failures = current(record, now: now).failures
        guard failures >= freeFailures, let last = record.lastFailureAt else { return .allow }
        let next = last.addingTimeInterval(delay(afterFailures: failures))
        return now < next ? .slowDown(until: next) : .allow
    }

    /// The record after one more failure.
    public func recordingFailure(_ record: Record, now: Date) -> Record {
        var updated = current(record, now: now)
        updated.failures += 1
        updated.lastFailureAt = now
        if updated.failures >= lockAfter { updated.lockedUntil = now.addingTimeInterval(lockDuration) }
        return updated
    }

    /// The wait imposed after a number of failures.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures >= freeFailures else { return 0 }
        let exponent = min(failures - freeFailures, 30)
        return min(baseDelay * pow(2, Double(exponent)), maximumDelay)
    }

    /// A lock that has run out starts the count again.
    func current(_ record: Record, now: Date) -> Record {
        if let lockedUntil = record.lockedUntil, now >= lockedUntil { return Record() }
        return record
    }
}
