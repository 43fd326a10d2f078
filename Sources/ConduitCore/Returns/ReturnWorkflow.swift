/// Where a return is in its workflow (DESIGN.md part 6: "draft → submitted → approved
/// (locked) or returned with comments").
public enum ReturnStatus: String, CaseIterable, Codable, Sendable {
    case draft
    case submitted
    case approved
    /// Sent back by a coordinator with a comment, for the submitter to correct.
    case returned

    public var title: String {
        switch self {
        case .draft: "Draft"
        case .submitted: "Submitted"
        case .approved: "Approved"
        // "Returned" alone reads oddly of a return.
        case .returned: "Sent back for changes"
        }
    }

    /// Whether the figures can be changed: only before submitting, or after being sent back.
    /// A submitted return waits unchanged for the coordinator, who approves what they read.
    public var isEditable: Bool {
        self == .draft || self == .returned
    }
}

/// Something done to a return. Who may do it is the server's policy (`Action.enterReturns`,
/// `Action.approveReturns`); from which status it may be done is `ReturnWorkflow`'s.
public enum ReturnTransition: Equatable, Sendable {
    case save
    case submit
    case approve
    /// Back to the submitter; the comment says what to change.
    case sendBack(comment: String)
    /// Unlocks an approved return; the reason goes in the audit trail, as approved figures
    /// may already have been reported.
    case reopen(reason: String)
}

/// Which transitions each status allows.
public enum ReturnWorkflow {
    /// The status after the transition, or why it cannot be done. Saving keeps a returned
    /// return returned, so the coordinator's comment stays in view until it is resubmitted.
    /// A forbidden transition's problem is on the field "status"; a missing comment or
    /// reason on "comment" or "reason".
    public static func apply(_ transition: ReturnTransition, to status: ReturnStatus) -> Result<ReturnStatus, FieldProblem> {
        func refuse(_ message: String) -> Result<ReturnStatus, FieldProblem> {
            .failure(FieldProblem(field: "status", message: message))
        }
        let locked = "An approved return is locked. A coordinator must reopen it, giving a reason, before it can be changed."
        switch (transition, status) {
        case (.save, .draft), (.save, .returned):
            return .success(status)
        case (.submit, .draft), (.submit, .returned):
            return .success(.submitted)
        case (.approve, .submitted):
            return .success(.approved)
        case (.sendBack(let comment), .submitted):
            guard !isBlank(comment) else { return .failure(FieldProblem(field: "comment", message: "Enter a comment saying what needs to change")) }
            return .success(.returned)
        case (.reopen(let reason), .approved):
            guard !isBlank(reason) else { return .failure(FieldProblem(field: "reason", message: "Enter the reason for reopening the return")) }
            return .success(.draft)

        case (.save, .approved), (.submit, .approved):
            return refuse(locked)
        case (.save, .submitted):
            return refuse("A submitted return cannot be changed while it waits for approval. Ask a coordinator to send it back.")
        case (.submit, .submitted):
            return refuse("This return has already been submitted.")
        case (.approve, .approved):
            return refuse("This return is already approved.")
        case (.approve, _):
            return refuse("Only a submitted return can be approved. \(now(status)).")
        case (.sendBack, .approved):
            return refuse("\(locked) Reopen it instead of sending it back.")
        case (.sendBack, _):
            return refuse("Only a submitted return can be sent back. \(now(status)).")
        case (.reopen, _):
            return refuse("Only an approved return can be reopened. \(now(status)), so it is not locked.")
        }
    }

    /// Where the return is now, for a refusal.
    private static func now(_ status: ReturnStatus) -> String {
        switch status {
        case .draft: "This return is a draft"
        case .submitted: "This return is waiting for approval"
        case .approved: "This return is approved"
        case .returned: "This return has been sent back for changes"
        }
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}

extension ReportingPeriod {
    /// The quarters a return can be opened for on a day: the current one and the eight before
    /// (two years back, for late and corrected returns), newest first.
    public static func offeredForReturns(today: CalendarDate) -> [ReportingPeriod] {
        let current = ReportingPeriod.quarter(containing: today)
        return (0...8).map { current.advanced(by: -$0) }
    }
}
