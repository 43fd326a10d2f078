import ConduitCore
import Fluent
import Foundation
import Vapor

/// What follows a recorded concern: where it was passed on, what each service did, and the
/// feedback to the person who raised it.
enum ReferralController {
    /// A referral is recorded for a concern that is recorded and not closed.
    private static func referrable(_ req: Request) async throws -> Concern {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        try concern.checkReferrable()
        return concern
    }

    private static func services(_ concern: Concern, on req: Request) async throws -> [ConcernView.Service] {
        try await ConcernStore.services(of: concern.$partnership.id, on: req.db).map { .init(route: ConcernRoute(rawValue: $0.route), name: $0.name, phone: $0.phone, email: $0.email) }
    }

    @Sendable
    static func new(req: Request) async throws -> Layout {
        let concern = try await referrable(req)
        var input = ReferralInput()
        let today = req.today
        input.referredOn = .parts(day: String(today.day), month: String(today.month), year: String(today.year))
        input.referredTime = Formats.time(req.now)
        return ConcernView.referralForm(.init(concernID: try concern.requireID(), positionOfTrust: concern.positionOfTrust, input: input,
                                              services: try await services(concern, on: req)), context: PageContext(req))
    }

    @Sendable
    static func create(req: Request) async throws -> Response {
        let concern = try await referrable(req)
        let input = ReferralInput(form: req)
        let (values, problems) = input.validated(receivedAt: concern.receivedAt, now: req.now)
        let services = try await services(concern, on: req)
        guard let values else {
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.referralForm(
                .init(concernID: try concern.requireID(), positionOfTrust: concern.positionOfTrust, input: input, services: services, problems: problems),
                context: PageContext(req))).encodeResponse(for: req)
        }
        try await ConcernStore.refer(concern, values, on: req.db)
        try await req.audit(.init("concern.refer", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: values.route.rawValue))
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.referred.query))
    }

    private static func referral(_ req: Request, of concern: Concern) async throws -> ConcernReferral {
        try await ConcernReferral.find(try req.uuid(.referralID), of: concern, on: req.db)
    }

    @Sendable
    static func outcome(req: Request) async throws -> Layout {
        let concern = try await referrable(req)
        let referral = try await referral(req, of: concern)
        var input = OutcomeInput()
        input.outcome = referral.outcome ?? ""
        input.outcomeOn = referral.outcomeOn.map(DateField.iso) ?? {
            let today = req.today
            return .parts(day: String(today.day), month: String(today.month), year: String(today.year))
        }()
        return ConcernView.outcomeForm(.init(concernID: try concern.requireID(), referral: .init(referral), input: input), context: PageContext(req))
    }

    @Sendable
    static func recordOutcome(req: Request) async throws -> Response {
        let concern = try await referrable(req)
        let referral = try await referral(req, of: concern)
        let input = OutcomeInput(form: req)
        let (values, problems) = input.validated(referredAt: referral.referredAt, today: req.today)
        guard let (outcome, day) = values else {
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.outcomeForm(
                .init(concernID: try concern.requireID(), referral: .init(referral), input: input, problems: problems), context: PageContext(req)))
                .encodeResponse(for: req)
        }
        try await ConcernStore.record(outcome, heardOn: day, for: referral, on: req.db)
        try await req.audit(.init("concern.outcome", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: outcome.rawValue))
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.outcome.query))
    }

    @Sendable
    static func feedback(req: Request) async throws -> Layout {
        let concern = try await referrable(req)
        var input = FeedbackInput()
        input.feedbackOn = concern.feedbackOn.map(DateField.iso) ?? {
            let today = req.today
            return .parts(day: String(today.day), month: String(today.month), year: String(today.year))
        }()
        input.method = concern.feedbackMethod ?? ""
        return ConcernView.feedbackForm(.init(concernID: try concern.requireID(), version: concern.version, input: input), context: PageContext(req))
    }

    @Sendable
    static func recordFeedback(req: Request) async throws -> Response {
        let concern = try await referrable(req)
        guard concern.raisedBy != ConcernRaisedBy.anonymous.rawValue else {
            throw Abort(.conflict, reason: "The person who raised this concern did not give their name, so no feedback can be recorded.")
        }
        let version = try req.expectedVersion()
        let input = FeedbackInput(form: req)
        let receivedOn = CalendarDate.today(in: Formats.ukTimeZone, now: concern.receivedAt)
        let (values, problems) = input.validated(receivedOn: receivedOn, today: req.today)
        guard let (day, method) = values else {
            return try await PageResponse(status: .unprocessableEntity, layout: ConcernView.feedbackForm(
                .init(concernID: try concern.requireID(), version: version, input: input, problems: problems), context: PageContext(req))).encodeResponse(for: req)
        }
        concern.feedbackOn = day.description
        concern.feedbackMethod = method.rawValue
        try await concern.saveVersioned(expectedVersion: version, on: req.db)
        try await req.audit(.init("concern.feedback", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: method.rawValue))
        return req.redirect(to: SiteURL.concern(.value(concern.id!)).path(query: ConcernView.Notice.feedback.query))
    }
}
