import Fluent
import Foundation

/// One contact with one or more groups: a call, letter, visit, meeting, forum…
/// It belongs to the partnership of the adviser who logged it.
final class Engagement: Model, @unchecked Sendable {
    static let schema = "engagements"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// UK local date and time as the adviser gave them (YYYY-MM-DD, HH:MM): the
    /// day is what matters, and text keeps month figures the same SQL on both databases.
    @Field(key: "occurred_on") var occurredOn: String
    @OptionalField(key: "occurred_at_time") var occurredAtTime: String?
    @Field(key: "channel") var channel: String
    @Field(key: "outcome") var outcome: String
    @Field(key: "people_met") var peopleMet: String
    @Field(key: "notes") var notes: String
    @OptionalField(key: "follow_up_on") var followUpOn: String?
    /// Closed by hand, or by the next engagement logged with the same group.
    @Field(key: "follow_up_done") var followUpDone: Bool

    /// Permanent random key for cell key perturbation (issue 14); never shown. Drawn once,
    /// when the record is first stored (`RecordKeyMiddleware`).
    @Field(key: "record_key") var recordKey: Int

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership
    @Parent(key: "adviser_id") var adviser: User

    init() {}
}

/// The engagement tables that have no model of their own.
enum EngagementTables {
    static let groups = "engagement_organisations"
    static let topics = "engagement_topics"
}
