import Foundation

/// Whether a concern is moving fast enough (issue 16): referred within 24 hours of receipt
/// (1 hour when a child is in danger now), and an outcome within 10 working days of the
/// referral. What is late is flagged on the adviser's home page, the partnership's list of
/// concerns and the coordinator's overview.
public struct ConcernTimeliness: Sendable, Equatable {
    /// Hours from receipt to referral.
    public static let referralHours = 24
    public static let urgentReferralHours = 1
    /// Working days (England and Wales) from referral to an outcome.
    public static let outcomeWorkingDays = 10

    /// What is late now, or was late when it was done.
    public enum Flag: String, Sendable, CaseIterable {
        /// Not yet referred, past its time.
        case referralOverdue = "referral_overdue"
        /// Referred, but after its time.
        case referredLate = "referred_late"
        /// Referred, no outcome, past its working days.
        case outcomeOverdue = "outcome_overdue"

        public var title: String {
            switch self {
            case .referralOverdue: "Not referred in time"
            case .referredLate: "Referred late"
            case .outcomeOverdue: "No outcome after 10 working days"
            }
        }
    }

    /// When it had to be referred by.
    public var referralDue: Date
    /// The day by which an outcome is due, once referred.
    public var outcomeDue: CalendarDate?
    public var flags: [Flag]

    /// `referredAt` is the first referral; `decidedOn` the day an outcome other than
    /// "acknowledged" was recorded. Days are counted in UK time.
    public init(receivedAt: Date, urgent: Bool, referredAt: Date?, decidedOn: CalendarDate?, now: Date, timeZone: TimeZone) {
        referralDue = receivedAt.addingTimeInterval(TimeInterval((urgent ? Self.urgentReferralHours : Self.referralHours) * 3600))
        var flags: [Flag] = []
        if let referredAt {
            if referredAt > referralDue { flags.append(.referredLate) }
            let due = WorkingDays.adding(Self.outcomeWorkingDays, to: CalendarDate.today(in: timeZone, now: referredAt))
            outcomeDue = due
            if decidedOn == nil && CalendarDate.today(in: timeZone, now: now) > due { flags.append(.outcomeOverdue) }
        } else {
            outcomeDue = nil
            if now > referralDue { flags.append(.referralOverdue) }
        }
        self.flags = flags
    }

    /// Whether the adviser still has something to do about it in time.
    public var needsAction: Bool { flags.contains(.referralOverdue) || flags.contains(.outcomeOverdue) }
}
