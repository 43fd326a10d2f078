import ConduitCore
import Fluent
import Foundation

/// A worry about a child that a community member or group passed to an adviser (DESIGN.md
/// part 8), kept by the adviser's partnership. It holds the least that lets a service act:
/// children are described by age band, sex and where they live; names, and who raised it,
/// are restricted fields, sealed at rest and shown only on a request with a reason.
final class Concern: Model, @unchecked Sendable {
    static let schema = "concerns"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// `ConcernState`'s code.
    @Field(key: "state") var state: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// When retention removed its names and free text (counts and categories stay).
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?

    // data: receipt
    /// A child in danger now: the first question, answered before anything else.
    @Field(key: "urgent") var urgent: Bool
    @Field(key: "received_at") var receivedAt: Date
    @OptionalField(key: "receipt") var receipt: String?
    @OptionalField(key: "raised_by") var raisedBy: String?
    @OptionalField(key: "raised_by_group_id") var raisedByGroupID: UUID?
    /// Restricted: the community member's name or contact, sealed (`DataKeys.sealRestricted`).
    @OptionalField(key: "raiser_identity") var raiserIdentity: String?

    // data: the children
    @OptionalField(key: "children_count") var childrenCount: Int?
    /// `ReturnAgeBand` and `ReturnSex` codes, comma-separated: one concern may be about siblings.
    @Field(key: "age_bands") var ageBands: String
    @Field(key: "sexes") var sexes: String
    @OptionalField(key: "residence_partnership_id") var residencePartnershipID: UUID?
    /// Restricted and never required: the children's names, sealed.
    @OptionalField(key: "children_names") var childrenNames: String?
    @Field(key: "summary") var summary: String
    /// About a person in a position of trust in a group: the LADO is offered first, and the
    /// group's page tells those allowed that a concern is open, without its details.
    @Field(key: "position_of_trust") var positionOfTrust: Bool
    @OptionalField(key: "trust_group_id") var trustGroupID: UUID?

    // data: consent and feedback
    @OptionalField(key: "consent") var consent: String?
    @Field(key: "consent_reason") var consentReason: String
    @OptionalField(key: "feedback_on") var feedbackOn: String?
    @OptionalField(key: "feedback_method") var feedbackMethod: String?

    /// Permanent random key for cell key perturbation (issue 14); never shown.
    @Field(key: "record_key") var recordKey: Int

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "adviser_id") var adviser: User

    init() {}

    init(partnershipID: UUID, adviserID: UUID, urgent: Bool, receivedAt: Date) {
        self.version = 1
        self.state = ConcernState.incomplete.rawValue
        self.urgent = urgent
        self.receivedAt = receivedAt
        self.ageBands = ""
        self.sexes = ""
        self.summary = ""
        self.positionOfTrust = false
        self.consentReason = ""
        self.recordKey = 0
        self.$partnership.id = partnershipID
        self.$adviser.id = adviserID
    }
}

/// One passing-on of a concern to a service: a concern may go to more than one (social care
/// and the police). Each service answers for itself, so the outcome is the referral's.
final class ConcernReferral: Model, @unchecked Sendable {
    static let schema = "concern_referrals"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// `ConcernRoute`'s code.
    @Field(key: "route") var route: String
    /// The service as the partnership names it, when it was referred.
    @Field(key: "service_name") var serviceName: String
    @Field(key: "referred_at") var referredAt: Date
    @Field(key: "reference") var reference: String
    @OptionalField(key: "outcome") var outcome: String?
    /// The day the first outcome other than "acknowledged" was heard: timeliness counts to it.
    @OptionalField(key: "decided_on") var decidedOn: String?
    @OptionalField(key: "outcome_on") var outcomeOn: String?

    // relationships
    @Parent(key: "concern_id") var concern: Concern

    init() {}
}

/// A service a partnership passes concerns to, with its contact details: set by the
/// partnership, offered on the referral form and, later, on its public page.
final class SafeguardingService: Model, @unchecked Sendable {
    static let schema = "safeguarding_services"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "route") var route: String
    @Field(key: "name") var name: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "notes") var notes: String

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}

    init(partnershipID: UUID, route: String, name: String, phone: String, email: String = "", notes: String = "") {
        self.$partnership.id = partnershipID
        self.route = route
        self.name = name
        self.phone = phone
        self.email = email
        self.notes = notes
    }
}

/// The concern tables that have no model of their own.
enum ConcernTables {
    static let categories = "concern_categories"
}

/// What a partnership's public "Worried about a child?" page says in one language, beside
/// its services: its own words, in the languages its communities read.
final class SafeguardingPageText: Model, @unchecked Sendable {
    static let schema = "safeguarding_page_texts"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    /// `Language`'s code.
    @Field(key: "language") var language: String
    @Field(key: "text") var text: String

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}

    init(partnershipID: UUID, language: String, text: String) {
        self.$partnership.id = partnershipID
        self.language = language
        self.text = text
    }
}
