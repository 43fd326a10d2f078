import ConduitCore
import Foundation
import Vapor

/// A referral as entered: the route, the service, when, and the service's reference.
struct ReferralInput: Sendable {
    var route = ""
    var serviceName = ""
    var referredOn = DateField.empty
    var referredTime = ""
    var reference = ""

    init() {}

    init(form req: Request) {
        route = req.formText("route")
        serviceName = req.formText("serviceName")
        referredOn = .parts(day: req.formText("referredOn-day"), month: req.formText("referredOn-month"), year: req.formText("referredOn-year"))
        referredTime = req.formText("referredTime")
        reference = req.formText("reference")
    }

    struct Values: Sendable {
        var route: ConcernRoute
        var serviceName: String
        var referredAt: Date
        var reference: String
    }

    /// Checked against when the concern was received: a referral cannot come before it.
    func validated(receivedAt: Date, now: Date) -> (values: Values?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let route = ConcernRoute(rawValue: route)
        if route == nil { problems.append(.init(field: "route", message: "Select where you passed the concern on")) }
        let service = GroupValidation.trimmed(serviceName)
        if route == .other && service.isEmpty { problems.append(.init(field: "serviceName", message: "Enter the name of the service")) }
        if let tooLong = GroupValidation.tooLong(service, 200, field: "serviceName", label: "Service") { problems.append(tooLong) }
        let at = ConcernMoment.parse(day: referredOn, time: referredTime, dayField: "referredOn", timeField: "referredTime",
                                     label: "referred", now: now, problems: &problems)
        if let at, at < receivedAt.addingTimeInterval(-60) {
            problems.append(.init(field: "referredOn", message: "Date and time referred must be after the concern was received, \(Formats.dateTime(receivedAt))"))
        }
        let reference = GroupValidation.trimmed(reference)
        if let tooLong = GroupValidation.tooLong(reference, 100, field: "reference", label: "Reference") { problems.append(tooLong) }
        guard problems.isEmpty, let route, let at else { return (nil, problems) }
        return (Values(route: route, serviceName: service, referredAt: at, reference: reference), [])
    }
}

/// An outcome as entered: what the service did, and the day the adviser heard.
struct OutcomeInput: Sendable {
    var outcome = ""
    var outcomeOn = DateField.empty

    init() {}

    init(form req: Request) {
        outcome = req.formText("outcome")
        outcomeOn = .parts(day: req.formText("outcomeOn-day"), month: req.formText("outcomeOn-month"), year: req.formText("outcomeOn-year"))
    }

    func validated(referredAt: Date, today: CalendarDate) -> (values: (ConcernOutcome, CalendarDate)?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let outcome = ConcernOutcome(rawValue: outcome)
        if outcome == nil { problems.append(.init(field: "outcome", message: "Select what the service did")) }
        let day = outcomeOn.parse(label: "Date")
        let referredOn = CalendarDate.today(in: Formats.ukTimeZone, now: referredAt)
        if let problem = day.problem { problems.append(.init(field: "outcomeOn", message: problem)) }
        else if let date = day.date {
            if date > today { problems.append(.init(field: "outcomeOn", message: "Date you heard must be today or in the past")) }
            else if date < referredOn { problems.append(.init(field: "outcomeOn", message: "Date you heard must be on or after the day it was referred")) }
        } else { problems.append(.init(field: "outcomeOn", message: "Enter the date you heard")) }
        guard problems.isEmpty, let outcome, let date = day.date else { return (nil, problems) }
        return ((outcome, date), [])
    }
}

/// Feedback as entered: when and how the person who raised the concern was told.
struct FeedbackInput: Sendable {
    var feedbackOn = DateField.empty
    var method = ""

    init() {}

    init(form req: Request) {
        feedbackOn = .parts(day: req.formText("feedbackOn-day"), month: req.formText("feedbackOn-month"), year: req.formText("feedbackOn-year"))
        method = req.formText("method")
    }

    func validated(receivedOn: CalendarDate, today: CalendarDate) -> (values: (CalendarDate, ConcernFeedbackMethod)?, problems: [FieldProblem]) {
        var problems: [FieldProblem] = []
        let day = feedbackOn.parse(label: "Date")
        if let problem = day.problem { problems.append(.init(field: "feedbackOn", message: problem)) }
        else if let date = day.date {
            if date > today { problems.append(.init(field: "feedbackOn", message: "Date they were told must be today or in the past")) }
            else if date < receivedOn { problems.append(.init(field: "feedbackOn", message: "Date they were told must be on or after the day the concern was received")) }
        } else { problems.append(.init(field: "feedbackOn", message: "Enter the date they were told")) }
        let method = ConcernFeedbackMethod(rawValue: method)
        if method == nil { problems.append(.init(field: "method", message: "Select how they were told")) }
        guard problems.isEmpty, let date = day.date, let method else { return (nil, problems) }
        return ((date, method), [])
    }
}

/// A moment as a date input and a time box, in UK time.
enum ConcernMoment {
    static func parse(day: DateField, time: String, dayField: String, timeField: String, label: String, now: Date,
                      problems: inout [FieldProblem]) -> Date? {
        let date = day.parse(label: "Date \(label)")
        let text = time.trimmingCharacters(in: .whitespaces)
        let parsed = EngagementValidation.time(text)
        if let problem = date.problem { problems.append(.init(field: dayField, message: problem)) }
        else if date.date == nil { problems.append(.init(field: dayField, message: "Enter the date \(label)")) }
        if text.isEmpty { problems.append(.init(field: timeField, message: "Enter the time \(label), for example 19:30 or 7.30pm")) }
        else if parsed == nil { problems.append(.init(field: timeField, message: "Enter a time like 19:30 or 7.30pm")) }
        guard let day = date.date, let parsed else { return nil }
        let parts = parsed.split(separator: ":").compactMap { Int($0) }
        let at = day.at(hour: parts[0], minute: parts[1], in: Formats.ukTimeZone)
        // A minute's grace: the form is filled in with the clock of the adviser's phone.
        if at > now.addingTimeInterval(60) {
            problems.append(.init(field: dayField, message: "Date and time \(label) must be now or in the past"))
            return nil
        }
        return at
    }
}
