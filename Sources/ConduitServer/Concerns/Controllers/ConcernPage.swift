import ConduitCore
import Fluent
import Foundation
import Vapor

/// What a concern's pages show (its page, check answers, the forms beside it), gathered once
/// from the stored concern: plain data for `ConcernView`, restricted fields only as "recorded".
enum ConcernPage {
    static func summary(of concern: Concern, on req: Request) async throws -> ConcernView.Summary {
        let id = try concern.requireID()
        let referrals = try await ConcernStore.referrals(of: id, on: req.db)
        let categories = try await ConcernStore.categories(of: id, on: req.sql)
        let groups = try await ConcernStore.names(of: [concern.raisedByGroupID, concern.trustGroupID].compactMap { $0 }, table: CommunityGroup.schema, on: req.sql)
        let partnerships = try await ConcernStore.names(of: [concern.$partnership.id, concern.residencePartnershipID].compactMap { $0 },
                                                        table: Partnership.schema, on: req.sql)
        let adviser = try await User.find(concern.$adviser.id, on: req.db)
        let canEdit = try await req.permits(.editConcerns, on: concern) && concern.anonymisedAt == nil
        return .init(
            concern: .init(concern), categories: categories,
            raisedByGroup: concern.raisedByGroupID.flatMap { id in groups[id].map { (id, $0) } },
            trustGroup: concern.trustGroupID.flatMap { id in groups[id].map { (id, $0) } },
            partnershipName: partnerships[concern.$partnership.id] ?? "",
            residenceName: concern.residencePartnershipID.flatMap { partnerships[$0] },
            adviserName: adviser?.displayName ?? "",
            referrals: referrals.map(ConcernView.Referral.init),
            timeliness: ConcernStore.timeliness(of: concern, referrals: referrals, now: req.now),
            canEdit: canEdit)
    }
}

extension ConcernView.StoredConcern {
    /// What the pages may know of a stored concern: its restricted fields only as "recorded".
    init(_ concern: Concern) {
        id = concern.id ?? UUID()
        version = concern.version
        state = ConcernState(rawValue: concern.state) ?? .open
        urgent = concern.urgent
        receivedAt = concern.receivedAt
        receipt = concern.receipt.flatMap(ConcernReceipt.init(rawValue:))
        raisedBy = concern.raisedBy.flatMap(ConcernRaisedBy.init(rawValue:))
        hasRaiserIdentity = concern.raiserIdentity != nil
        childrenCount = concern.childrenCount
        ageBands = concern.ageBands.split(separator: ",").compactMap { ReturnAgeBand(rawValue: String($0)) }
        sexes = concern.sexes.split(separator: ",").compactMap { ReturnSex(rawValue: String($0)) }
        hasChildrenNames = concern.childrenNames != nil
        summary = concern.summary
        positionOfTrust = concern.positionOfTrust
        consent = concern.consent.flatMap(ConsentDecision.init(rawValue:))
        consentReason = concern.consentReason
        feedbackOn = concern.feedbackOn.flatMap(CalendarDate.init(iso:))
        feedbackMethod = concern.feedbackMethod.flatMap(ConcernFeedbackMethod.init(rawValue:))
        anonymised = concern.anonymisedAt != nil
    }
}

extension ConcernView.Referral {
    init(_ referral: ConcernReferral) {
        id = referral.id ?? UUID()
        route = ConcernRoute(rawValue: referral.route)
        serviceName = referral.serviceName
        referredAt = referral.referredAt
        reference = referral.reference
        outcome = referral.outcome.flatMap(ConcernOutcome.init(rawValue:))
        outcomeOn = referral.outcomeOn.flatMap(CalendarDate.init(iso:))
    }
}
