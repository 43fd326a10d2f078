import Fluent
import Foundation

/// A funded round of training (seed 003: "Round 2", £5,709), grouping sessions for the programme's totals.
final class TrainingRound: Model, @unchecked Sendable {
    static let schema = "training_rounds"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "name") var name: String
    @OptionalField(key: "budget_pence") var budgetPence: Int?
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}
}

/// One training session or workshop, and the partnership that ran it.
final class TrainingSession: Model, @unchecked Sendable {
    static let schema = "training_sessions"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "title") var title: String
    @Field(key: "audience") var audience: String
    /// UK local date and times as entered (YYYY-MM-DD, HH:MM), like engagements.
    @Field(key: "session_on") var sessionOn: String
    @OptionalField(key: "starts_at") var startsAt: String?
    @OptionalField(key: "ends_at") var endsAt: String?
    @Field(key: "venue") var venue: String
    /// Languages of delivery, as entered ("Somali, English").
    @Field(key: "languages") var languages: String
    @Field(key: "interpreter") var interpreter: Bool
    @OptionalField(key: "capacity") var capacity: Int?
    @OptionalField(key: "cost_pence") var costPence: Int?
    /// One learning outcome per line ("By the end of the session participants will be able to…").
    @Field(key: "learning_outcomes") var learningOutcomes: String
    @Field(key: "notes") var notes: String
    /// Next number for the pseudonymous references of its register.
    @Field(key: "next_reference") var nextReference: Int

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "organiser_id") var organiser: User
    @OptionalParent(key: "round_id") var round: TrainingRound?

    init() {}
}

/// One participant on a session's register: pseudonymous by default.
final class Attendance: Model, @unchecked Sendable {
    static let schema = "attendances"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// The session's running number: the pseudonymous reference ("#12").
    @Field(key: "number") var number: Int
    /// Only when entered (and then personal data, audited when read).
    @Field(key: "name") var name: String
    /// The referring organisation as typed, when it is not a directory group.
    @Field(key: "referring_text") var referringText: String
    @OptionalField(key: "ethnicity_code") var ethnicityCode: String?
    /// Stored beside the code so reports group by major group in SQL.
    @OptionalField(key: "ethnicity_major") var ethnicityMajor: String?
    /// Community of origin (Somali, Eritrean, Congolese…), free.
    @Field(key: "ethnicity_detail") var ethnicityDetail: String
    @Field(key: "gender") var gender: String
    @Field(key: "age_band") var ageBand: String
    @Field(key: "role") var role: String
    @Field(key: "status") var status: String
    /// Permanent random key for cell key perturbation (issue 14); never shown. Drawn once,
    /// when the record is first stored (`RecordKeyMiddleware`).
    @Field(key: "record_key") var recordKey: Int

    // relationships
    @Parent(key: "session_id") var session: TrainingSession
    @OptionalParent(key: "referring_organisation_id") var referringOrganisation: CommunityGroup?
    @OptionalParent(key: "residence_partnership_id") var residencePartnership: Partnership?

    init() {}
}

/// The training tables that have no model of their own.
enum TrainingTables {
    static let topics = "training_session_topics"
    static let partners = "training_session_partners"
}
