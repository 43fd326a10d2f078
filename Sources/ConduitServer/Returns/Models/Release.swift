import ConduitCore
import Fluent
import Foundation

/// A statistical release (issue 14): a frozen, dated set of fixed tables of approved return
/// figures for a quarter or a financial year to date, published by a coordinator for the
/// public. A correction is a new release that revises an earlier one; both stay readable.
final class Release: Model, @unchecked Sendable {
    static let schema = "releases"
    /// One row per published figure: its true value and whether it was published hidden.
    static let figures = "release_figures"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// `ReportingPeriod.key` of the first and the last quarter covered, in one financial year.
    @Field(key: "first_quarter") var firstQuarter: String
    @Field(key: "last_quarter") var lastQuarter: String
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "note") var note: String
    /// The planned day of the next release, if one is planned.
    @OptionalField(key: "next_release_on") var nextReleaseOn: String?
    /// What a revision corrects and why; empty for a first release.
    @Field(key: "revision_reason") var revisionReason: String

    // relationships
    @Parent(key: "published_by") var publishedBy: User
    @OptionalParent(key: "revises_id") var revises: Release?

    init() {}

    /// The quarters covered, in order.
    var quarters: [ReportingPeriod] {
        guard let first = ReportingPeriod(key: firstQuarter), let last = ReportingPeriod(key: lastQuarter) else { return [] }
        return ReportingPeriod.quarters(from: first, through: last)
    }
}

extension Release {
    /// As a statistics reader names it: "2026-27 Q1", "2025-26" for the whole year,
    /// "2026-27 Q1 to Q2" for a year to date.
    static func title(quarters: [ReportingPeriod]) -> String {
        guard let first = quarters.first, let last = quarters.last else { return "" }
        if quarters.count == 1 { return first.label }
        if quarters.count == 4 { return first.year.label }
        return "\(first.label) to Q\(last.quarter ?? 4)"
    }
}
