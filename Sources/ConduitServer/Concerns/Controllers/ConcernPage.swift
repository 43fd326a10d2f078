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
