import ConduitCore
import Foundation
import SQLKit

/// Counts of concerns received in a period (issue 16): by category, route, consent, outcome
/// and timeliness. Each concern carries its record key, so a reader who may not open every
/// concern counted gets adjusted figures (cell key perturbation), as every other report.
enum ConcernFigures {
    /// The ways the counts are grouped, each a one-way table.
    enum Grouping: String, Sendable, CaseIterable {
        case category, route, consent, outcome, referralTimeliness = "referral_timeliness", outcomeTimeliness = "outcome_timeliness"

        var title: String {
            switch self {
            case .category: "Concerns by category"
            case .route: "Referrals by service"
            case .consent: "Concerns by consent decision"
            case .outcome: "Referrals by outcome"
            case .referralTimeliness: "Concerns by time to referral"
            case .outcomeTimeliness: "Concerns by time to an outcome"
            }
        }

        /// What a line of the table counts, where a concern may be counted more than once.
        var note: String? {
            switch self {
            case .category: "A concern about several categories is counted under each."
            case .route, .outcome: "A concern passed to two services is counted under each."
            default: nil
            }
        }
    }

    /// The lines of one partition of timeliness, in order.
    enum Timing: String, CaseIterable {
        case referredInTime = "referred_in_time", referredLate = "referred_late", notReferredOverdue = "not_referred_overdue",
             notReferredYet = "not_referred_yet"
        case decidedInTime = "decided_in_time", decidedLate = "decided_late", undecidedOverdue = "undecided_overdue",
             undecidedYet = "undecided_yet", notReferred = "not_referred"

        var title: String {
            switch self {
            case .referredInTime: "Referred in time (24 hours; 1 hour when urgent)"
            case .referredLate: "Referred late"
            case .notReferredOverdue: "Not referred, and overdue"
            case .notReferredYet: "Not referred, not yet due"
            case .decidedInTime: "Outcome within 10 working days"
            case .decidedLate: "Outcome after 10 working days"
            case .undecidedOverdue: "No outcome, and overdue"
            case .undecidedYet: "No outcome, not yet due"
            case .notReferred: "Not yet referred"
            }
        }
    }

    struct Filters: Sendable {
        var from: CalendarDate
        var to: CalendarDate
        var partnershipIDs: [UUID]
    }

    private static func received(_ filters: Filters) -> SQLQueryString {
        let start = filters.from.start(in: Formats.ukTimeZone), end = filters.to.adding(days: 1).start(in: Formats.ukTimeZone)
        return "c.partnership_id IN (\(binds: filters.partnershipIDs)) AND c.received_at >= \(bind: start) AND c.received_at < \(bind: end)"
    }

    private struct KeyedRow: Decodable { var key: String?; var n: Int; var k: Int }

    /// One table's rows: (code, title, keyed count), in the code list's order, zeros included.
    static func counts(by grouping: Grouping, filters: Filters, now: Date, on sql: any SQLDatabase) async throws -> [(key: String, label: String, count: KeyedCount)] {
        guard !filters.partnershipIDs.isEmpty else { return [] }
        let rows: [KeyedRow]
        switch grouping {
        case .category:
            rows = try await sql.raw("""
                SELECT cc.category AS key, COUNT(*) AS n, CAST(SUM(c.record_key) AS BIGINT) AS k
                FROM \(ident: ConcernTables.categories) cc JOIN \(ident: Concern.schema) c ON c.id = cc.concern_id
                WHERE \(received(filters)) GROUP BY cc.category
                """).all(decoding: KeyedRow.self)
            return lines(rows, codes: ConcernCategory.allCases.map { ($0.code, $0.title) })
        case .route, .outcome:
            let column: SQLQueryString = grouping == .route ? "r.route" : "COALESCE(r.outcome, 'not_yet_known')"
            rows = try await sql.raw("""
                SELECT \(column) AS key, COUNT(*) AS n, CAST(SUM(c.record_key) AS BIGINT) AS k
                FROM \(ident: ConcernReferral.schema) r JOIN \(ident: Concern.schema) c ON c.id = r.concern_id
                WHERE \(received(filters)) GROUP BY \(column)
                """).all(decoding: KeyedRow.self)
            return grouping == .route
                ? lines(rows, codes: ConcernRoute.allCases.map { ($0.rawValue, $0.title) })
                : lines(rows, codes: ConcernOutcome.allCases.map { ($0.rawValue, $0.title) } + [("not_yet_known", "Not yet heard")])
        case .consent:
            rows = try await sql.raw("""
                SELECT COALESCE(c.consent, 'not_recorded') AS key, COUNT(*) AS n, CAST(SUM(c.record_key) AS BIGINT) AS k
                FROM \(ident: Concern.schema) c WHERE \(received(filters)) GROUP BY COALESCE(c.consent, 'not_recorded')
                """).all(decoding: KeyedRow.self)
            return lines(rows, codes: ConsentDecision.allCases.map { ($0.rawValue, $0.title) } + [("not_recorded", "Not yet recorded")])
        case .referralTimeliness, .outcomeTimeliness:
            return try await timing(grouping, filters: filters, now: now, on: sql)
        }
    }

    /// Timeliness counts each concern once. Its working-day rule is ConduitCore's, so it runs
    /// here over the period's concerns: a few columns a concern, and concerns are few.
    private static func timing(_ grouping: Grouping, filters: Filters, now: Date, on sql: any SQLDatabase) async throws -> [(key: String, label: String, count: KeyedCount)] {
        struct Row: Decodable { var urgent: Bool; var receivedAt: Date; var recordKey: Int; var firstReferredAt: Date?; var firstDecidedOn: String? }
        let rows = try await sql.raw("""
            SELECT c.urgent, c.received_at, c.record_key,
                   (SELECT MIN(r.referred_at) FROM \(ident: ConcernReferral.schema) r WHERE r.concern_id = c.id) AS first_referred_at,
                   (SELECT MIN(r.decided_on) FROM \(ident: ConcernReferral.schema) r WHERE r.concern_id = c.id) AS first_decided_on
            FROM \(ident: Concern.schema) c WHERE \(received(filters))
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var counts: [Timing: KeyedCount] = [:]
        for row in rows {
            let decided = row.firstDecidedOn.flatMap(CalendarDate.init(iso:))
            let timeliness = ConcernTimeliness(receivedAt: row.receivedAt, urgent: row.urgent, referredAt: row.firstReferredAt,
                                               decidedOn: decided, now: now, timeZone: Formats.ukTimeZone)
            let timing: Timing
            if grouping == .referralTimeliness {
                timing = row.firstReferredAt == nil ? (timeliness.flags.contains(.referralOverdue) ? .notReferredOverdue : .notReferredYet)
                    : (timeliness.flags.contains(.referredLate) ? .referredLate : .referredInTime)
            } else if let due = timeliness.outcomeDue {
                timing = decided.map { $0 > due ? .decidedLate : .decidedInTime } ?? (timeliness.flags.contains(.outcomeOverdue) ? .undecidedOverdue : .undecidedYet)
            } else {
                timing = .notReferred
            }
            counts[timing, default: .zero] = counts[timing, default: .zero] + KeyedCount(count: 1, keySum: row.recordKey)
        }
        let order: [Timing] = grouping == .referralTimeliness ? [.referredInTime, .referredLate, .notReferredOverdue, .notReferredYet]
            : [.decidedInTime, .decidedLate, .undecidedOverdue, .undecidedYet, .notReferred]
        return order.map { (key: $0.rawValue, label: $0.title, count: counts[$0] ?? .zero) }
    }

    /// The children of a partnership's recorded concerns received in a period, by the returns'
    /// categories: what the "community" source of its return may take as a suggestion, which
    /// the submitter confirms by saving it (issue 16). A concern counts under each category.
    static func childrenForReturn(partnershipID: UUID, from: CalendarDate, to: CalendarDate, on sql: any SQLDatabase) async throws -> [AbuseCategory: Int] {
        struct Row: Decodable { var category: String; var children: Int? }
        let start = from.start(in: Formats.ukTimeZone), end = to.adding(days: 1).start(in: Formats.ukTimeZone)
        let rows = try await sql.raw("""
            SELECT cc.category, CAST(SUM(c.children_count) AS BIGINT) AS children
            FROM \(ident: ConcernTables.categories) cc JOIN \(ident: Concern.schema) c ON c.id = cc.concern_id
            WHERE c.partnership_id = \(bind: partnershipID) AND c.state <> \(bind: ConcernState.incomplete.rawValue)
              AND c.received_at >= \(bind: start) AND c.received_at < \(bind: end)
            GROUP BY cc.category
            """).all(decoding: Row.self)
        var totals: [AbuseCategory: Int] = [:]
        for row in rows { if let category = AbuseCategory(rawValue: row.category) { totals[category] = row.children ?? 0 } }
        return totals
    }

    private static func lines(_ rows: [KeyedRow], codes: [(String, String)]) -> [(key: String, label: String, count: KeyedCount)] {
        let found = Dictionary(rows.map { ($0.key ?? "", KeyedCount(count: $0.n, keySum: $0.k)) }, uniquingKeysWith: +)
        return codes.map { (key: $0.0, label: $0.1, count: found[$0.0] ?? .zero) }
    }
}
