import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// Concerns in the JSON API, with the pages' access rules: the partnership's advisers and
/// coordinators read, its advisers change, every read recorded. The restricted fields are
/// written through the API but never read back: they are shown only on the page, for a reason.
enum ConcernAPIController {
    struct ConcernBody: Content {
        var urgent: Bool?
        var receivedAt: String?
        var receipt: String?
        var raisedBy: String?
        var raisedByGroupId: UUID?
        var raiserIdentity: String?
        var childrenCount: Int?
        var ageBands: [String]?
        var sexes: [String]?
        /// Absent or null: where the children live is not known.
        var residencePartnershipId: UUID?
        var childrenNames: String?
        var categories: [String]?
        var summary: String?
        var positionOfTrust: Bool?
        var trustGroupId: UUID?
        var consent: String?
        var consentReason: String?
        var partnershipId: UUID?
        var version: Int?

        /// The body as the form's input; a moment the API cannot read is reported under its own name.
        func input(defaultPartnership: UUID?) -> (ConcernInput, [FieldProblem]) {
            var input = ConcernInput()
            var problems: [FieldProblem] = []
            if let text = receivedAt {
                if let date = ConcernAPIController.moment(text) { input.received(at: date) }
                else { problems.append(.init(field: "receivedAt", message: "receivedAt must be a date and time like 2026-12-01T19:30:00Z")) }
            } else { problems.append(.init(field: "receivedAt", message: "Send receivedAt, when the concern was received")) }
            input.receipt = receipt ?? ""
            input.raisedBy = raisedBy ?? ""
            input.raisedByGroupID = raisedByGroupId?.uuidString ?? ""
            input.raiserIdentity = raiserIdentity ?? ""
            input.childrenCount = childrenCount.map(String.init) ?? ""
            input.ageBands = ageBands ?? []
            input.sexes = sexes ?? []
            input.residence = residencePartnershipId?.uuidString ?? ConcernInput.notKnown
            input.childrenNames = childrenNames ?? ""
            input.categories = categories ?? []
            input.summary = summary ?? ""
            input.positionOfTrust = positionOfTrust.map { $0 ? "yes" : "no" } ?? ""
            input.trustGroupID = trustGroupId?.uuidString ?? ""
            input.consent = consent ?? ""
            input.consentReason = consentReason ?? ""
            input.partnershipID = (partnershipId ?? defaultPartnership)?.uuidString ?? ""
            return (input, problems)
        }
    }

    struct ReferralDTO: Content {
        var id: UUID
        var route: String
        var serviceName: String
        var referredAt: Date
        var reference: String
        var outcome: String?
        var outcomeOn: String?
    }

    struct ConcernDTO: Content {
        var id: UUID
        var version: Int
        var state: String
        var urgent: Bool
        var receivedAt: Date
        var receipt: String?
        var raisedBy: String?
        var raisedByGroupId: UUID?
        var hasRaiserIdentity: Bool
        var childrenCount: Int?
        var ageBands: [String]
        var sexes: [String]
        var residencePartnershipId: UUID?
        var hasChildrenNames: Bool
        var categories: [String]
        var summary: String
        var positionOfTrust: Bool
        var trustGroupId: UUID?
        var consent: String?
        var consentReason: String
        var feedbackOn: String?
        var feedbackMethod: String?
        var referrals: [ReferralDTO]
        var referralDue: Date
        var outcomeDue: String?
        var flags: [String]
        var partnershipId: UUID
        var adviserId: UUID
    }

    struct ConcernSummaryDTO: Content {
        var id: UUID
        var state: String
        var urgent: Bool
        var receivedAt: Date
        var categories: [String]
        var flags: [String]
        var partnershipId: UUID
    }

    struct ConcernListDTO: Content {
        var items: [ConcernSummaryDTO]
        var total: Int
        var page: Int
        var perPage: Int
    }

    static func moment(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// The form's field names as the API's.
    static func problems(_ problems: [FieldProblem]) -> [FieldProblem] {
        let names = ["receivedOn": "receivedAt", "receivedTime": "receivedAt", "raisedByGroupID": "raisedByGroupId", "residence": "residencePartnershipId",
                     "trustGroupID": "trustGroupId", "partnershipID": "partnershipId", "referredOn": "referredAt", "referredTime": "referredAt",
                     "outcomeOn": "heardOn"]
        return problems.map { FieldProblem(field: names[$0.field] ?? $0.field, message: $0.message) }
    }

    static func document(_ concern: Concern, on req: Request) async throws -> ConcernDTO {
        let id = try concern.requireID()
        let referrals = try await ConcernStore.referrals(of: id, on: req.db)
        let timeliness = ConcernStore.timeliness(of: concern, referrals: referrals, now: req.now)
        return ConcernDTO(
            id: id, version: concern.version, state: concern.state, urgent: concern.urgent, receivedAt: concern.receivedAt,
            receipt: concern.receipt, raisedBy: concern.raisedBy, raisedByGroupId: concern.raisedByGroupID, hasRaiserIdentity: concern.raiserIdentity != nil,
            childrenCount: concern.childrenCount, ageBands: concern.ageBands.split(separator: ",").map(String.init),
            sexes: concern.sexes.split(separator: ",").map(String.init), residencePartnershipId: concern.residencePartnershipID,
            hasChildrenNames: concern.childrenNames != nil, categories: try await ConcernStore.categories(of: id, on: req.sql).map(\.code),
            summary: concern.summary, positionOfTrust: concern.positionOfTrust, trustGroupId: concern.trustGroupID, consent: concern.consent,
            consentReason: concern.consentReason, feedbackOn: concern.feedbackOn, feedbackMethod: concern.feedbackMethod,
            referrals: referrals.map { ReferralDTO(id: $0.id!, route: $0.route, serviceName: $0.serviceName, referredAt: $0.referredAt,
                                                   reference: $0.reference, outcome: $0.outcome, outcomeOn: $0.outcomeOn) },
            referralDue: timeliness.referralDue, outcomeDue: timeliness.outcomeDue?.description, flags: timeliness.flags.map(\.rawValue),
            partnershipId: concern.$partnership.id, adviserId: concern.$adviser.id)
    }

    /// Concerns the person may open, newest first: `show` is current (not closed), closed or all.
    @Sendable
    static func list(req: Request) async throws -> ConcernListDTO {
        var problems = Pagination.queryProblems(in: req)
        let show = req.queryChoice("show", ConcernList.Show.init(rawValue:), message: "show must be current, closed or all", problems: &problems)
        guard problems.isEmpty else { throw ValidationFailure(problems: problems) }
        let perPage = Pagination.perPage(requestedBy: req)
        let scope = try req.signedIn.scope(.readConcerns)
        let page = try await ConcernList.page(scope: scope, show: show ?? .current, page: try? req.query.get(Int.self, at: "page"), perPage: perPage, on: req.sql)
        return ConcernListDTO(items: page.rows.map { row in
            ConcernSummaryDTO(id: row.id, state: row.state, urgent: row.urgent, receivedAt: row.receivedAt, categories: (row.categories ?? []).map(\.code),
                              flags: row.timeliness(now: req.now).flags.map(\.rawValue), partnershipId: row.partnershipId)
        }, total: page.pagination.total, page: page.pagination.page, perPage: perPage)
    }

    @Sendable
    static func show(req: Request) async throws -> ConcernDTO {
        try await document(try await req.record(Concern.self), on: req)
    }

    /// Records a concern; through the API it is recorded at once (the call is the check).
    @Sendable
    static func create(req: Request) async throws -> Response {
        let visitor = try req.signedIn
        let body = try req.content.decode(ConcernBody.self)
        let scope = visitor.scope(.editConcerns)
        let (input, unreadable) = body.input(defaultPartnership: scope.count == 1 ? scope.first : nil)
        let (values, problems) = try await input.validated(for: req)
        guard unreadable.isEmpty, let values else { throw ValidationFailure(problems: unreadable + self.problems(problems).filter { problem in !unreadable.contains { $0.field == problem.field } }) }
        let concern = try await ConcernStore.create(values, urgent: body.urgent ?? false, adviserID: visitor.userID, keys: req.application.dataKeys, on: req.db)
        concern.state = ConcernState.open.rawValue
        try await concern.saveVersioned(expectedVersion: concern.version, on: req.db)
        try await req.audit(.init("concern.create", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: values.partnershipID, detail: "api"))
        return try await Response.json(try await document(concern, on: req), status: .created, req: req)
    }

    @Sendable
    static func update(req: Request) async throws -> ConcernDTO {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        let body = try req.content.decode(ConcernBody.self)
        guard let version = body.version else { throw ValidationFailure(problems: [.init(field: "version", message: "Send the version of the concern you are changing")]) }
        let (input, unreadable) = body.input(defaultPartnership: concern.$partnership.id)
        let (values, problems) = try await input.validated(for: req)
        guard unreadable.isEmpty, let values else { throw ValidationFailure(problems: unreadable + self.problems(problems).filter { problem in !unreadable.contains { $0.field == problem.field } }) }
        try await ConcernStore.update(concern, with: values, expectedVersion: version, keys: req.application.dataKeys, on: req.db)
        try await req.audit(.init("concern.update", recordType: Concern.recordType, recordID: concern.id?.uuidString, partnershipID: values.partnershipID, detail: "api"))
        return try await document(concern, on: req)
    }

    struct ReferralBody: Content {
        var route: String?
        var serviceName: String?
        var referredAt: String?
        var reference: String?
    }

    @Sendable
    static func refer(req: Request) async throws -> Response {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        try concern.checkReferrable()
        let body = try req.content.decode(ReferralBody.self)
        var input = ReferralInput()
        input.route = body.route ?? ""
        input.serviceName = body.serviceName ?? ""
        input.reference = body.reference ?? ""
        guard let at = body.referredAt.flatMap(moment) else {
            throw ValidationFailure(problems: [.init(field: "referredAt", message: "Send referredAt, a date and time like 2026-12-01T20:15:00Z")])
        }
        let day = CalendarDate.today(in: Formats.ukTimeZone, now: at)
        input.referredOn = .iso(day.description)
        input.referredTime = Formats.time(at)
        let (values, problems) = input.validated(receivedAt: concern.receivedAt, now: req.now)
        guard let values else { throw ValidationFailure(problems: self.problems(problems)) }
        try await ConcernStore.refer(concern, values, on: req.db)
        try await req.audit(.init("concern.refer", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: values.route.rawValue))
        return try await Response.json(try await document(concern, on: req), status: .created, req: req)
    }

    struct OutcomeBody: Content {
        var outcome: String?
        var heardOn: String?
    }

    @Sendable
    static func recordOutcome(req: Request) async throws -> ConcernDTO {
        let concern = try await req.record(Concern.self, editable: .editConcerns)
        try concern.checkReferrable()
        let referral = try await ConcernReferral.find(try req.uuid(.referralID), of: concern, on: req.db)
        let body = try req.content.decode(OutcomeBody.self)
        var input = OutcomeInput()
        input.outcome = body.outcome ?? ""
        input.outcomeOn = .iso(body.heardOn ?? "")
        let (values, problems) = input.validated(referredAt: referral.referredAt, today: req.today)
        guard let (outcome, day) = values else { throw ValidationFailure(problems: self.problems(problems)) }
        try await ConcernStore.record(outcome, heardOn: day, for: referral, on: req.db)
        try await req.audit(.init("concern.outcome", recordType: Concern.recordType, recordID: concern.id?.uuidString,
                                  partnershipID: concern.$partnership.id, detail: outcome.rawValue))
        return try await document(concern, on: req)
    }
}
