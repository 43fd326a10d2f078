import Fluent
import Foundation

/// A community group, faith group, place of worship, supplementary school,
/// voluntary agency, youth group or statutory service: a "group" in the UI.
///
/// One record per group however many partnerships it serves (groups cross
/// borough boundaries); the owning partnership edits it, each partnership it
/// serves (table `organisation_partnerships`) reads it.
final class CommunityGroup: Model, @unchecked Sendable {
    static let schema = "organisations"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    /// Set when a coordinator merged this record into another; it is kept, not deleted.
    @OptionalField(key: "merged_into_id") var mergedIntoID: UUID?

    // data
    @Field(key: "name") var name: String
    /// GroupMatching.fold(name): what name search compares with.
    @Field(key: "name_key") var nameKey: String
    @Field(key: "type") var type: String
    @OptionalField(key: "faith") var faith: String?
    @Field(key: "denomination") var denomination: String
    @Field(key: "address") var address: String
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "postcode_key") var postcodeKey: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "phone_key") var phoneKey: String?
    @Field(key: "email") var email: String
    @Field(key: "meeting_times") var meetingTimes: String
    @Field(key: "status") var status: String
    /// ISO date (YYYY-MM-DD) the status was last confirmed.
    @OptionalField(key: "status_confirmed_on") var statusConfirmedOn: String?
    @Field(key: "how_found") var howFound: String
    @Field(key: "notes") var notes: String

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}
}

/// A person at a group. Personal data: every read of a contact is audited.
final class Contact: Model, @unchecked Sendable {
    static let schema = "contacts"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @Field(key: "role_detail") var roleDetail: String
    @Field(key: "phone") var phone: String
    @Field(key: "email") var email: String
    @Field(key: "preferred_language") var preferredLanguage: String
    @Field(key: "notes") var notes: String
    /// When retention removed the person's details (the role at the group stays).
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?

    // relationships
    @Parent(key: "organisation_id") var organisation: CommunityGroup

    init() {}
}

/// One item of a group's safeguarding readiness (ConduitCore `ReadinessItem`).
final class ReadinessRecord: Model, @unchecked Sendable {
    static let schema = "readiness_items"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "updated_by") var updatedBy: UUID?

    // data
    @Field(key: "item") var item: String
    @Field(key: "status") var status: String
    @Field(key: "evidence") var evidence: String
    @OptionalField(key: "last_reviewed_on") var lastReviewedOn: String?
    @OptionalField(key: "review_due_on") var reviewDueOn: String?
    /// Readiness.dueDate of the entry, stored so lists of lapsing items are one indexed query.
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "checked_count") var checkedCount: Int?
    @OptionalField(key: "total_count") var totalCount: Int?

    // relationships
    @Parent(key: "organisation_id") var organisation: CommunityGroup

    init() {}
}
