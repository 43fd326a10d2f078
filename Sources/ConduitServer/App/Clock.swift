import ConduitCore
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The time as the application sees it. Tests move it forward to check
/// timeouts and expiry without waiting.
public final class AppClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    public init() {}

    public var now: Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }

    /// Moves the clock forward (tests only).
    public func advance(by interval: TimeInterval) {
        offset.withLockedValue { $0 += interval }
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    public var clock: AppClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = AppClock()
        storage[ClockKey.self] = clock
        return clock
    }
}

extension Request {
    var now: Date { application.clock.now }
}

extension Request {
    /// Today's date in the UK, where Conduit's users work.
    var today: CalendarDate { CalendarDate.today(in: Formats.ukTimeZone, now: now) }
}
