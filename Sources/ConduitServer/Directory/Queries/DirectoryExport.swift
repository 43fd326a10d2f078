import ConduitCore
import Fluent
import Foundation
import SQLKit

/// The directory as CSV: the groups of a search, and contacts, scoped like the pages.
enum DirectoryExport {
    static let maximumRows = 100_000

    struct GroupRow: Decodable, Sendable {
        var id: UUID
        var name: String
        var type: String
        var faith: String?
        var denomination: String
        var address: String
        var postcode: String?
        var phone: String?
        var email: String
        var meetingTimes: String
        var status: String
        var statusConfirmedOn: String?
        var howFound: String
        var notes: String
        var keptBy: String
        var readinessMet: Int
        var lastContactOn: String?
    }

    /// The columns of the groups file: the import's columns, then three it reads past.
    static let groupHeader = DirectoryImport.Kind.groups.columns + ["id", "readiness_met", "last_contact_on"]

    static func groups(on db: any Database, filters: DirectorySearch.Filters, scope: DirectorySearch.Scope) async throws -> (text: String, count: Int) {
        guard !scope.directory.isEmpty else { return (CSV.line(groupHeader), 0) }
        let sql = db as! any SQLDatabase
        let select = sql.select().from(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")))
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("o")))
            .column(SQLAlias(SQLColumn("code", table: "p"), as: SQLIdentifier("kept_by")))
            .column(SQLAlias(DirectorySearch.readinessMet(today: scope.today), as: SQLIdentifier("readiness_met")))
            .column(SQLAlias(DirectorySearch.lastContact(engagementScope: scope.engagement), as: SQLIdentifier("last_contact_on")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "o"))
        let rows = try await DirectorySearch.filtered(select, filters: filters, scope: scope)
            .orderBy(SQLColumn("name_key", table: "o")).limit(maximumRows)
            .all(decoding: GroupRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var text = CSV.line(groupHeader)
        // Child rows a thousand groups at a time, so the IN lists stay small.
        for chunk in stride(from: 0, to: rows.count, by: 1000).map({ Array(rows[$0..<min($0 + 1000, rows.count)]) }) {
            let ids = chunk.map(\.id)
            let languages = try await GroupStore.names(in: DirectoryTables.languages, for: ids, on: db)
            let communities = try await GroupStore.names(in: DirectoryTables.communities, for: ids, on: db)
            let served = try await servedCodes(ids, on: sql)
            for row in chunk {
                let lists: [String] = [communities[row.id] ?? [], languages[row.id] ?? [], served[row.id] ?? []].map { $0.joined(separator: "; ") }
                var fields: [String] = [row.name, row.type, row.faith ?? "", row.denomination] + lists
                fields += [row.keptBy, row.address, row.postcode ?? "", row.phone ?? "", row.email, row.meetingTimes, row.status]
                fields += [row.statusConfirmedOn ?? "", row.howFound, row.notes]
                fields += [row.id.uuidString.lowercased(), String(row.readinessMet), row.lastContactOn ?? ""]
                text += CSV.line(fields)
            }
        }
        return (text, rows.count)
    }

    private static func servedCodes(_ ids: [UUID], on sql: any SQLDatabase) async throws -> [UUID: [String]] {
        struct Row: Decodable { var organisationId: UUID; var code: String }
        let rows = try await sql.raw("""
            SELECT s.organisation_id, p.code FROM \(ident: DirectoryTables.served) s JOIN \(ident: Partnership.schema) p ON p.id = s.partnership_id
            WHERE s.organisation_id IN (\(binds: ids)) ORDER BY p.code
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(grouping: rows, by: \.organisationId).mapValues { $0.map(\.code) }
    }

    struct ContactRow: Decodable, Sendable {
        var id: UUID
        var organisationId: UUID
        var groupName: String
        var name: String
        var role: String
        var roleDetail: String
        var phone: String
        var email: String
        var preferredLanguage: String
        var notes: String
    }

    static let contactHeader = ["name", "role", "group_id", "group_name", "role_detail", "phone", "email", "preferred_language", "notes", "id"]

    /// Contacts of groups serving a partnership where the person reads contacts.
    static func contacts(on sql: any SQLDatabase, scope: Set<UUID>) async throws -> (text: String, count: Int) {
        var text = CSV.line(contactHeader)
        guard !scope.isEmpty else { return (text, 0) }
        let rows = try await sql.raw("""
            SELECT c.id, c.organisation_id, o.name AS group_name, c.name, c.role, c.role_detail, c.phone, c.email, c.preferred_language, c.notes
            FROM \(ident: Contact.schema) c JOIN \(ident: CommunityGroup.schema) o ON o.id = c.organisation_id
            WHERE o.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))
            ORDER BY o.name_key, c.name LIMIT \(literal: maximumRows)
            """).all(decoding: ContactRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        for row in rows {
            text += CSV.line([row.name, row.role, row.organisationId.uuidString.lowercased(), row.groupName, row.roleDetail, row.phone, row.email,
                              row.preferredLanguage, row.notes, row.id.uuidString.lowercased()])
        }
        return (text, rows.count)
    }
}
