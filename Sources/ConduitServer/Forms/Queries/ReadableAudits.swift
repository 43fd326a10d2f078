import ConduitCore
import Foundation
import SQLKit

/// The file audits the person may read: the page's list (the newest 500) and the API's pages.
enum ReadableAudits {
    struct Row: Decodable, Sendable {
        var id: UUID
        var fileReference: String
        var auditedOn: String
        var status: String
        var partnershipName: String
        var formTitle: String
        var formVersion: Int
    }

    /// The page's list.
    static func rows(scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [Row] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT f.id, f.file_reference, f.audited_on, f.status, p.name AS partnership_name, d.title AS form_title, d.version AS form_version
            FROM \(ident: FormResponse.schema) f JOIN \(ident: Partnership.schema) p ON p.id = f.partnership_id JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
            WHERE f.partnership_id IN (\(binds: Array(scope))) AND \(FormTables.fileAuditsOnly)
            ORDER BY f.audited_on DESC, f.file_reference LIMIT 500
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// An audit in the API's list.
    struct Summary: Decodable, Sendable {
        var id: UUID
        var version: Int
        var fileReference: String
        var partnershipId: UUID
        var auditedOn: String
        var status: String
        var formKey: String
        var formVersion: Int
    }

    private static func condition(partnerships: [UUID], status: String?) -> SQLQueryString {
        "f.partnership_id IN (\(binds: partnerships)) AND \(FormTables.fileAuditsOnly)" + (status.map { " AND f.status = \(bind: $0)" } ?? "")
    }

    static func count(partnerships: [UUID], status: String?, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: FormResponse.schema) f WHERE \(condition(partnerships: partnerships, status: status))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The API's page of them, newest first.
    static func summaries(partnerships: [UUID], status: String?, limit: Int, offset: Int, on sql: any SQLDatabase) async throws -> [Summary] {
        try await sql.raw("""
            SELECT f.id, f.version, f.file_reference, f.partnership_id, f.audited_on, f.status, d.key AS form_key, d.version AS form_version
            FROM \(ident: FormResponse.schema) f JOIN \(ident: StoredForm.schema) d ON d.id = f.form_id
            WHERE \(condition(partnerships: partnerships, status: status))
            ORDER BY f.audited_on DESC, f.file_reference, f.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """).all(decoding: Summary.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
