import ConduitCore
import Fluent
import Foundation
import Vapor

/// A partnership's retention periods, set by its administrators; `conduit retention` applies them.
enum RetentionSettingsController {
    @Sendable
    static func show(req: Request) async throws -> Layout {
        let partnership = try await req.record(Partnership.self)
        let periods = try await Retention.periods(on: req.db)[try partnership.requireID()] ?? [:]
        let years = Dictionary(uniqueKeysWithValues: RetentionRecord.allCases.map { ($0, String(periods[$0] ?? $0.defaultYears)) })
        return RetentionSettingsView.page(.init(partnershipID: try partnership.requireID(), partnershipName: partnership.name, years: years, problems: [],
                                                saved: req.queryText("done") == "saved"), context: PageContext(req))
    }

    @Sendable
    static func update(req: Request) async throws -> Response {
        let partnership = try await req.record(Partnership.self)
        let id = try partnership.requireID()
        var years: [RetentionRecord: String] = [:]
        var problems: [FieldProblem] = []
        var chosen: [RetentionRecord: Int] = [:]
        for record in RetentionRecord.allCases {
            let text = req.formText(record.rawValue).trimmingCharacters(in: .whitespaces)
            years[record] = text
            if let value = Int(text), RetentionRecord.allowedYears.contains(value) { chosen[record] = value }
            else { problems.append(.init(field: record.rawValue, message: "\(record.title): enter a whole number of years from 1 to 25")) }
        }
        guard problems.isEmpty else {
            return try await PageResponse(status: .unprocessableEntity, layout: RetentionSettingsView.page(
                .init(partnershipID: id, partnershipName: partnership.name, years: years, problems: problems, saved: false), context: PageContext(req)))
                .encodeResponse(for: req)
        }
        let periods = chosen
        try await req.db.transaction { db in
            try await RetentionPeriod.query(on: db).filter(\.$partnership.$id == id).delete()
            // Only what differs from the default is stored, so a changed default reaches everyone else.
            for (record, value) in periods where value != record.defaultYears {
                try await RetentionPeriod(partnershipID: id, recordType: record.rawValue, years: value).create(on: db)
            }
        }
        try await req.audit(.init("retention.settings", recordType: "partnership", recordID: id.uuidString, partnershipID: id,
                                  detail: RetentionRecord.allCases.map { "\($0.rawValue) \(chosen[$0]!)" }.joined(separator: ", ")))
        return req.redirect(to: SiteURL.adminPartnershipRetention(.value(id)).path(query: [("done", "saved")]))
    }
}
