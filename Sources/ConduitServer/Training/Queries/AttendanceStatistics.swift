import ConduitCore
import Foundation
import SQLKit

/// Participants who attended training, counted in SQL by one or two groupings
/// (seed 003: "Number of Participants attending, Grouped By: Referral Care Agent").
enum AttendanceStatistics {
    enum Grouping: String, CaseIterable, Sendable {
        case referrer = "referring_organisation"
        case ethnicityMajor = "ethnicity_major"
        case ethnicity
        case community
        case gender
        case ageBand = "age_band"
        case role
        case topic
        case partnership
        case session

        var title: String {
            switch self {
            case .referrer: "Referring organisation"
            case .ethnicityMajor: "Ethnicity (major group)"
            case .ethnicity: "Ethnicity"
            case .community: "Ethnicity (community of origin)"
            case .gender: "Gender"
            case .ageBand: "Age band"
            case .role: "Role"
            case .topic: "Topic"
            case .partnership: "Partnership"
            case .session: "Session"
            }
        }

        /// The SQL of the key each participant is counted under: text, so both databases group it alike.
        var key: SQLQueryString {
            switch self {
            case .referrer: "COALESCE(o.name, a.referring_text)"
            case .ethnicityMajor: "COALESCE(a.ethnicity_major, '')"
            case .ethnicity: "COALESCE(a.ethnicity_code, '')"
            // The community of origin where given, else the DfE code's title (marked so it is not taken for a community).
            case .community: "CASE WHEN a.ethnicity_detail <> '' THEN a.ethnicity_detail ELSE 'code:' || COALESCE(a.ethnicity_code, '') END"
            case .gender: "a.gender"
            case .ageBand: "a.age_band"
            case .role: "a.role"
            case .topic: "t.topic"
            case .partnership: "p.name"
            case .session: "s.session_on || ' ' || COALESCE(s.starts_at, '') || ' ' || s.title"
            }
        }

        /// What a key is called on the page.
        func label(_ key: String) -> String {
            let unknown = "Not recorded"
            switch self {
            case .referrer: return key.isEmpty ? unknown : key
            case .ethnicityMajor: return EthnicityMajor(rawValue: key)?.title ?? unknown
            case .ethnicity: return Ethnicity.code(key)?.title ?? unknown
            case .community:
                guard key.hasPrefix("code:") else { return key }
                return Ethnicity.code(String(key.dropFirst(5)))?.title ?? unknown
            case .gender: return Gender(rawValue: key)?.title ?? unknown
            case .ageBand: return AgeBand(rawValue: key)?.title ?? unknown
            case .role: return ParticipantRole(rawValue: key)?.title ?? unknown
            case .topic: return EngagementTopic(rawValue: key)?.title ?? unknown
            case .partnership: return key
            case .session:
                let parts = key.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                let date = parts.first.flatMap { CalendarDate(iso: String($0)) }.map(Formats.date) ?? ""
                return parts.count == 3 ? "\(parts[2]) (\(date)\(parts[1].isEmpty ? "" : ", \(parts[1])"))" : key
            }
        }

        /// Codes in their list's order; names alphabetically, as seed 003 lists them.
        func sortKey(_ key: String) -> String {
            let position: Int? = switch self {
            case .ethnicityMajor: EthnicityMajor.allCases.firstIndex { $0.rawValue == key }
            case .ethnicity: Ethnicity.codes.firstIndex { $0.code == key }
            case .gender: Gender.allCases.firstIndex { $0.rawValue == key }
            case .ageBand: AgeBand.allCases.firstIndex { $0.rawValue == key }
            case .role: ParticipantRole.allCases.firstIndex { $0.rawValue == key }
            case .topic: EngagementTopic.allCases.firstIndex { $0.rawValue == key }
            default: nil
            }
            if let position { return String(format: "%04d", position) }
            let label = self.label(key)
            return (label == "Not recorded" ? "~" : "") + label.lowercased()
        }
    }

    struct Filters: Sendable, Equatable {
        var from: CalendarDate
        var to: CalendarDate
        var partnershipIDs: [UUID]
        var topic: EngagementTopic?
        var audience: TrainingAudience?
    }

    /// The joins and conditions every count shares: attended participants of sessions in range.
    private static func body(_ filters: Filters, joinTopics: Bool) -> SQLQueryString {
        var text: SQLQueryString = """
            FROM \(ident: Attendance.schema) a
            JOIN \(ident: TrainingSession.schema) s ON s.id = a.session_id
            JOIN \(ident: Partnership.schema) p ON p.id = s.partnership_id
            LEFT JOIN \(ident: CommunityGroup.schema) o ON o.id = a.referring_organisation_id
            """
        if joinTopics { text = "\(text) JOIN \(ident: TrainingTables.topics) t ON t.session_id = s.id" }
        text = """
            \(text)
            WHERE a.status = \(bind: AttendanceStatus.attended.rawValue)
              AND s.session_on >= \(bind: filters.from.description) AND s.session_on <= \(bind: filters.to.description)
              AND s.partnership_id IN (\(binds: filters.partnershipIDs))
            """
        if let topic = filters.topic {
            text = "\(text) AND EXISTS (SELECT 1 FROM \(ident: TrainingTables.topics) ft WHERE ft.session_id = s.id AND ft.topic = \(bind: topic.rawValue))"
        }
        if let audience = filters.audience { text = "\(text) AND s.audience = \(bind: audience.rawValue)" }
        return text
    }

    private struct Count: Decodable {
        var key: String?
        var n: Int
        var k: Int
    }

    /// (key, label, count) for each group, in the grouping's order; each count with the sum
    /// of its participants' record keys, for figures adjusted by cell key perturbation.
    static func counts(by grouping: Grouping, filters: Filters, on sql: any SQLDatabase) async throws -> [(key: String, label: String, count: KeyedCount)] {
        guard !filters.partnershipIDs.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT \(grouping.key) AS key, COUNT(*) AS n, CAST(SUM(a.record_key) AS BIGINT) AS k \(body(filters, joinTopics: grouping == .topic)) GROUP BY \(grouping.key)
            """).all(decoding: Count.self, keyDecodingStrategy: .convertFromSnakeCase)
        return rows.map { (key: $0.key ?? "", label: grouping.label($0.key ?? ""), count: KeyedCount(count: $0.n, keySum: $0.k)) }
            .sorted { grouping.sortKey($0.key) < grouping.sortKey($1.key) }
    }

    private struct CrossCount: Decodable {
        var rowKey: String?
        var columnKey: String?
        var n: Int
        var k: Int
    }

    /// A two-way table: the row and column keys in order, and the count of each pair.
    struct CrossTable: Sendable {
        var rows: [(key: String, label: String)]
        var columns: [(key: String, label: String)]
        var counts: [[KeyedCount]]
    }

    static func crossCounts(rows: Grouping, columns: Grouping, filters: Filters, on sql: any SQLDatabase) async throws -> CrossTable {
        guard !filters.partnershipIDs.isEmpty else { return CrossTable(rows: [], columns: [], counts: []) }
        let found = try await sql.raw("""
            SELECT \(rows.key) AS row_key, \(columns.key) AS column_key, COUNT(*) AS n, CAST(SUM(a.record_key) AS BIGINT) AS k
            \(body(filters, joinTopics: rows == .topic || columns == .topic))
            GROUP BY \(rows.key), \(columns.key)
            """).all(decoding: CrossCount.self, keyDecodingStrategy: .convertFromSnakeCase)
        let rowKeys = Set(found.map { $0.rowKey ?? "" }).sorted { rows.sortKey($0) < rows.sortKey($1) }
        let columnKeys = Set(found.map { $0.columnKey ?? "" }).sorted { columns.sortKey($0) < columns.sortKey($1) }
        var counts = Array(repeating: Array(repeating: KeyedCount.zero, count: columnKeys.count), count: rowKeys.count)
        let rowIndex = Dictionary(uniqueKeysWithValues: rowKeys.enumerated().map { ($1, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columnKeys.enumerated().map { ($1, $0) })
        for cell in found { counts[rowIndex[cell.rowKey ?? ""]!][columnIndex[cell.columnKey ?? ""]!] = KeyedCount(count: cell.n, keySum: cell.k) }
        return CrossTable(rows: rowKeys.map { ($0, rows.label($0)) }, columns: columnKeys.map { ($0, columns.label($0)) }, counts: counts)
    }
}
