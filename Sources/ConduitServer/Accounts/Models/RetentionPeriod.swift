import Fluent
import Foundation

/// A partnership's own retention period for one kind of record, where it differs from
/// ConduitCore's default (`RetentionRecord.defaultYears`).
final class RetentionPeriod: Model, @unchecked Sendable {
    static let schema = "retention_periods"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    /// `RetentionRecord`'s code.
    @Field(key: "record_type") var recordType: String
    @Field(key: "years") var years: Int

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership

    init() {}

    init(partnershipID: UUID, recordType: String, years: Int) {
        self.$partnership.id = partnershipID
        self.recordType = recordType
        self.years = years
    }
}
