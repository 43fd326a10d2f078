import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Writes concerns with their categories and referrals, and reads back what a concern's
/// pages show. The restricted fields are sealed here, on the way in, and opened only by
/// `restricted(of:keys:)`, which the one handler that shows them calls after recording why.
enum ConcernStore {
    static func apply(_ values: ConcernValues, to concern: Concern, keys: DataKeys) {
        concern.receivedAt = values.receivedAt
        concern.receipt = values.receipt.rawValue
        concern.raisedBy = values.raisedBy.rawValue
        concern.raisedByGroupID = values.raisedByGroupID
        if let identity = values.raiserIdentity { concern.raiserIdentity = identity.isEmpty ? nil : keys.sealRestricted(identity) }
        concern.childrenCount = values.childrenCount
        concern.ageBands = values.ageBands.map(\.rawValue).joined(separator: ",")
        concern.sexes = values.sexes.map(\.rawValue).joined(separator: ",")
        concern.residencePartnershipID = values.residencePartnershipID
        if let names = values.childrenNames { concern.childrenNames = names.isEmpty ? nil : keys.sealRestricted(names) }
        concern.summary = values.summary
        concern.positionOfTrust = values.positionOfTrust
        concern.trustGroupID = values.trustGroupID
        concern.consent = values.consent.rawValue
        concern.consentReason = values.consentReason
        concern.$partnership.id = values.partnershipID
    }

    private static func writeCategories(_ categories: [ConcernCategory], concernID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.delete(from: ConcernTables.categories).where("concern_id", .equal, concernID).run()
        for category in categories {
            try await sql.insert(into: ConcernTables.categories).columns("concern_id", "category").values(SQLBind(concernID), SQLBind(category.code)).run()
        }
    }

    /// The concern an adviser starts by saying a child is in danger now: stored at once, so
    /// the call to 999 comes first and nothing typed afterwards depends on it.
    static func startUrgent(partnershipID: UUID, adviserID: UUID, receivedAt: Date, on db: any Database) async throws -> Concern {
        let concern = Concern(partnershipID: partnershipID, adviserID: adviserID, urgent: true, receivedAt: receivedAt)
        concern.id = UUID()
        try await concern.create(on: db)
        return concern
    }

    /// Records a concern's details for the first time; it stays `incomplete` until checked.
    static func create(_ values: ConcernValues, urgent: Bool, adviserID: UUID, keys: DataKeys, on db: any Database) async throws -> Concern {
        let concern = Concern(partnershipID: values.partnershipID, adviserID: adviserID, urgent: urgent, receivedAt: values.receivedAt)
        concern.id = UUID()
        apply(values, to: concern, keys: keys)
        try await db.transaction { db in
            try await concern.create(on: db)
            try await writeCategories(values.categories, concernID: concern.id!, on: db)
        }
        return concern
    }

    static func update(_ concern: Concern, with values: ConcernValues, expectedVersion: Int, keys: DataKeys, on db: any Database) async throws {
        apply(values, to: concern, keys: keys)
        let id = try concern.requireID()
        try await concern.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            try await writeCategories(values.categories, concernID: id, on: db)
        }
    }

    /// Records where the concern was passed on, under the partnership's own name for the
    /// service when the adviser did not type another.
    @discardableResult
    static func refer(_ concern: Concern, _ values: ReferralInput.Values, on db: any Database) async throws -> ConcernReferral {
        let services = try await services(of: concern.$partnership.id, on: db)
        let referral = ConcernReferral()
        referral.$concern.id = try concern.requireID()
        referral.route = values.route.rawValue
        referral.serviceName = values.serviceName.isEmpty ? (services.first { $0.route == values.route.rawValue }?.name ?? values.route.title) : values.serviceName
        referral.referredAt = values.referredAt
        referral.reference = values.reference
        try await referral.create(on: db)
        return referral
    }

    /// Records what a service did, heard on a day.
    static func record(_ outcome: ConcernOutcome, heardOn day: CalendarDate, for referral: ConcernReferral, on db: any Database) async throws {
        referral.outcome = outcome.rawValue
        referral.outcomeOn = day.description
        // Timeliness counts to the first decision heard; a later change of outcome does not move it.
        if outcome.isDecision && referral.decidedOn == nil { referral.decidedOn = day.description }
        try await referral.save(on: db)
    }

    /// The categories of one concern, in the code list's order.
    static func categories(of concernID: UUID, on sql: any SQLDatabase) async throws -> [ConcernCategory] {
        let codes = try await sql.select().column("category").from(ConcernTables.categories).where("concern_id", .equal, concernID).all()
            .map { try $0.decode(column: "category", as: String.self) }
        return ConcernCategory.allCases.filter { codes.contains($0.code) }
    }

    /// A concern's referrals, first first.
    static func referrals(of concernID: UUID, on db: any Database) async throws -> [ConcernReferral] {
        try await ConcernReferral.query(on: db).filter(\.$concern.$id == concernID).sort(\.$referredAt).sort(\.$createdAt).all()
    }

    /// What is late about a concern now (or was, when it was done).
    static func timeliness(of concern: Concern, referrals: [ConcernReferral], now: Date) -> ConcernTimeliness {
        ConcernTimeliness(receivedAt: concern.receivedAt, urgent: concern.urgent, referredAt: referrals.map(\.referredAt).min(),
                          decidedOn: referrals.compactMap { $0.decidedOn.flatMap(CalendarDate.init(iso:)) }.min(),
                          now: now, timeZone: Formats.ukTimeZone)
    }

    /// The restricted fields in clear: the one place they are opened.
    static func restricted(of concern: Concern, keys: DataKeys) -> (raiserIdentity: String?, childrenNames: String?) {
        (concern.raiserIdentity.map { keys.openRestricted($0) ?? "(sealed with another key: cannot be read)" },
         concern.childrenNames.map { keys.openRestricted($0) ?? "(sealed with another key: cannot be read)" })
    }

    /// The services a partnership passes concerns to, by route, for the referral form.
    static func services(of partnershipID: UUID, on db: any Database) async throws -> [SafeguardingService] {
        try await SafeguardingService.query(on: db).filter(\.$partnership.$id == partnershipID).sort(\.$name).all()
    }

    /// Names of groups and partnerships a concern's page shows.
    static func names(of ids: [UUID], table: String, on sql: any SQLDatabase) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.select().columns("id", "name").from(table).where("id", .in, SQLBind.group(ids)).all()
        return Dictionary(try rows.map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// Whether a concern that is still open names this group as where the person in a position
    /// of trust works, among the concerns the person may open: the group's page says so, and no more.
    static func openConcernAbout(group groupID: UUID, scope: Set<UUID>, on sql: any SQLDatabase) async throws -> UUID? {
        guard !scope.isEmpty else { return nil }
        let row = try await sql.raw("""
            SELECT id FROM \(ident: Concern.schema)
            WHERE trust_group_id = \(bind: groupID) AND state <> \(bind: ConcernState.closed.rawValue)
              AND partnership_id IN (\(binds: Array(scope)))
            ORDER BY received_at DESC LIMIT 1
            """).first()
        return try row?.decode(column: "id", as: UUID.self)
    }
}
