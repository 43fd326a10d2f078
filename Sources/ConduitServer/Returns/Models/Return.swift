import ConduitCore
import Fluent
import Foundation

/// One partnership's figures for one period from one source (DESIGN.md part 6): draft,
/// submitted, approved (locked) or sent back with a comment.
final class Return: Model, @unchecked Sendable {
    static let schema = "returns"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// `ReportingPeriod.key` of a quarter: "2025Q3".
    @Field(key: "period_key") var periodKey: String
    @Field(key: "source") var source: String
    @Field(key: "status") var status: String
    /// The submitter's explanation, asked for when a figure jumps from last year's.
    @Field(key: "note") var note: String
    /// The coordinator's comment when sending it back, or the reason it was reopened.
    @Field(key: "comment") var comment: String
    /// The day it was first submitted: timeliness counts from it, not from a resubmission.
    @OptionalField(key: "first_submitted_on") var firstSubmittedOn: String?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "approved_at") var approvedAt: Date?

    // relationships
    @Parent(key: "partnership_id") var partnership: Partnership
    @OptionalParent(key: "entered_by") var enteredBy: User?
    @OptionalParent(key: "approved_by") var approvedBy: User?

    init() {}

    var period: ReportingPeriod? { ReportingPeriod(key: periodKey) }
    var returnSource: ReturnSource? { ReturnSource(rawValue: source) }
    var returnStatus: ReturnStatus { ReturnStatus(rawValue: status) ?? .draft }
}

/// The tables of returns without a model of their own.
enum ReturnTables {
    /// One row per entered cell: (return, category, breakdown) → count. Blank cells have no row.
    static let cells = "return_cells"
    /// A deadline for a period set for every partnership, before deadlines were kept per partnership.
    static let deadlines = "return_deadlines"
    /// A coordinator's deadline for a period and partnership, where it differs from the default.
    static let partnershipDeadlines = "return_partnership_deadlines"
    /// Children (0–17) living in each partnership, per year, for rates per 10,000.
    static let populations = "child_populations"
    /// Each side's explanation of a difference between its figures and the other source's.
    static let comparisonNotes = "return_comparison_notes"
}
