import ConduitCore
import Foundation
import SQLKit

/// Which partnerships and sources have sent a quarter's return, on time, late or not at all.
enum Completeness {
    struct Cell: Sendable {
        var returnID: UUID?
        var status: ReturnStatus?
        var timeliness: Timeliness
    }

    struct Line: Sendable {
        var partnership: DirectoryLookups.PartnershipOption
        var cells: [Cell]
    }

    private struct Row: Decodable {
        var id: UUID
        var partnershipId: UUID
        var source: String
        var status: String
        var firstSubmittedOn: String?
    }

    /// Each partnership's returns of the period, by source, with their timeliness.
    static func lines(period: ReportingPeriod, deadlines: [UUID: CalendarDate], partnerships: [DirectoryLookups.PartnershipOption], today: CalendarDate,
                      on sql: any SQLDatabase) async throws -> [Line] {
        guard !partnerships.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT id, partnership_id, source, status, first_submitted_on FROM \(ident: Return.schema)
            WHERE period_key = \(bind: period.key) AND partnership_id IN (\(binds: partnerships.map(\.id)))
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return partnerships.map { partnership in
            Line(partnership: partnership, cells: ReturnSource.allCases.map { source in
                let row = rows.first { $0.partnershipId == partnership.id && $0.source == source.rawValue }
                return Cell(returnID: row?.id, status: row.flatMap { ReturnStatus(rawValue: $0.status) },
                            timeliness: Timeliness(deadline: deadlines[partnership.id] ?? period.defaultDeadline, submittedOn: row?.firstSubmittedOn.flatMap(CalendarDate.init(iso:)), today: today))
            })
        }
    }
}
