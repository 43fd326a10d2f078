/// Whether a return came in by its deadline (DESIGN.md part 6: "completeness and
/// timeliness per partnership").
public enum Timeliness: String, CaseIterable, Codable, Sendable {
    case onTime = "on_time"
    case late
    /// Not submitted, and the deadline has passed.
    case missing
    case notDueYet = "not_due_yet"

    public var title: String {
        switch self {
        case .onTime: "On time"
        case .late: "Late"
        case .missing: "Missing"
        case .notDueYet: "Not due yet"
        }
    }

    /// Submitted on or before the deadline is on time, after it late; not submitted, it is
    /// missing once the deadline has passed and not due yet until then (the deadline day
    /// itself still counts as in time).
    ///
    /// `submittedOn` should be the date first submitted: a return sent back for changes and
    /// resubmitted after the deadline had still come in on time, and the partnership should not
    /// be marked late for the time the review took.
    public init(deadline: CalendarDate, submittedOn: CalendarDate?, today: CalendarDate) {
        if let submittedOn {
            self = submittedOn <= deadline ? .onTime : .late
        } else {
            self = today > deadline ? .missing : .notDueYet
        }
    }
}

extension ReportingPeriod {
    /// The deadline a period gets unless a coordinator sets another: the last day of the
    /// month after it ends (31 July for Q1, 30 April for a year). A month gives each source
    /// time for late recording to settle and for its own sign-off; DfE's annual
    /// collections set no quarterly rule to follow.
    public var defaultDeadline: CalendarDate {
        end.adding(days: 1).adding(months: 1).adding(days: -1)
    }
}
