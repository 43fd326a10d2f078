import ConduitCore
import Foundation
import SQLKit

/// Small queries the directory's forms need.
enum DirectoryLookups {
    struct PartnershipOption: Decodable, Sendable {
        var id: UUID
        var name: String
    }

    /// Every partnership (not region) a group may serve: names are not sensitive,
    /// and a group often serves boroughs the adviser does not work in.
    static func partnerships(on sql: any SQLDatabase) async throws -> [PartnershipOption] {
        try await sql.select().column("id").column("name").from(Partnership.schema)
            .where("kind", .equal, Partnership.Kind.partnership.rawValue).orderBy("name")
            .all(decoding: PartnershipOption.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Partnerships among `ids`, by name; regions too only when asked, since records
    /// are kept by and logged for a partnership, never a region no adviser works in.
    static func partnerships(_ ids: Set<UUID>, includingRegions: Bool = false, on sql: any SQLDatabase) async throws -> [PartnershipOption] {
        guard !ids.isEmpty else { return [] }
        let select = sql.select().column("id").column("name").from(Partnership.schema).where("id", .in, SQLBind.group(Array(ids)))
        if !includingRegions { select.where("kind", .equal, Partnership.Kind.partnership.rawValue) }
        return try await select.orderBy("name").all(decoding: PartnershipOption.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    private struct CandidateRow: Decodable {
        var id: UUID
        var name: String
        var postcodeKey: String?
        var phoneKey: String?
    }

    struct Likely: Decodable, Sendable {
        var id: UUID
        var name: String
        var postcode: String?
        var status: String
        var ownerName: String
    }

    /// Groups the person can see that look like the one being added, strongest first.
    static func likelyDuplicates(name: String, postcode: String?, phone: String?, scope: Set<UUID>, excluding: UUID? = nil,
                                 on sql: any SQLDatabase) async throws -> [(group: Likely, match: GroupMatching.Match)] {
        guard !scope.isEmpty else { return [] }
        let visible = SQLQueryString("EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))")
        let rows = try await sql.select().column(SQLColumn("id", table: "o")).column(SQLColumn("name", table: "o"))
            .column(SQLColumn("postcode_key", table: "o")).column(SQLColumn("phone_key", table: "o"))
            .from(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")))
            .where(SQLColumn("merged_into_id", table: "o"), .is, SQLLiteral.null)
            .where(visible)
            .all(decoding: CandidateRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let candidates = rows.filter { $0.id != excluding }.map {
            GroupMatching.Candidate(id: $0.id, nameKey: GroupMatching.nameKey($0.name), postcodeKey: $0.postcodeKey, phoneKey: $0.phoneKey)
        }
        let matches = Array(GroupMatching.matches(name: name, postcode: postcode, phone: phone, among: candidates).prefix(10))
        guard !matches.isEmpty else { return [] }
        let details = try await sql.select().column(SQLColumn("id", table: "o")).column(SQLColumn("name", table: "o"))
            .column(SQLColumn("postcode", table: "o")).column(SQLColumn("status", table: "o"))
            .column(SQLAlias(SQLColumn("name", table: "p"), as: SQLIdentifier("owner_name")))
            .from(SQLAlias(SQLIdentifier(CommunityGroup.schema), as: SQLIdentifier("o")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("id", table: "p"), .equal, SQLColumn("partnership_id", table: "o"))
            .where(SQLColumn("id", table: "o"), .in, SQLBind.group(matches.map(\.id)))
            .all(decoding: Likely.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byID = Dictionary(uniqueKeysWithValues: details.map { ($0.id, $0) })
        return matches.compactMap { match in byID[match.id].map { ($0, match) } }
    }
}

extension DirectoryLookups {
    private struct StoredGroup: Decodable {
        var id: UUID
        var name: String
        var nameKey: String
        var postcodeKey: String?
        var phoneKey: String?
    }

    private static func stored(scope: Set<UUID>, keptOnly: Bool, on sql: any SQLDatabase) async throws -> [StoredGroup] {
        guard !scope.isEmpty else { return [] }
        let condition: SQLQueryString = keptOnly
            ? "o.partnership_id IN (\(binds: Array(scope)))"
            : "EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))"
        return try await sql.raw("""
            SELECT o.id, o.name, o.name_key, o.postcode_key, o.phone_key FROM \(ident: CommunityGroup.schema) o
            WHERE o.merged_into_id IS NULL AND \(condition)
            """).all(decoding: StoredGroup.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// The groups an import's rows are checked against for duplicates.
    static func candidates(scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [(candidate: GroupMatching.Candidate, name: String)] {
        try await stored(scope: scope, keptOnly: false, on: sql).map {
            (GroupMatching.Candidate(id: $0.id, nameKey: GroupMatching.nameKey($0.name), postcodeKey: $0.postcodeKey, phoneKey: $0.phoneKey), $0.name)
        }
    }

    /// Groups kept by the partnerships in scope: those a person may add contacts to.
    static func editableGroups(scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [DirectoryImport.GroupRef] {
        try await stored(scope: scope, keptOnly: true, on: sql).map { .init(id: $0.id, nameKey: $0.nameKey, postcodeKey: $0.postcodeKey) }
    }

    private struct CodeRow: Decodable {
        var id: UUID
        var code: String
        var name: String
    }

    /// Every partnership by its code and by its name, lowercased, for imports.
    static func partnershipsByCodeAndName(on sql: any SQLDatabase) async throws -> [String: UUID] {
        let rows = try await sql.select().columns("id", "code", "name").from(Partnership.schema)
            .where("kind", .equal, Partnership.Kind.partnership.rawValue).all(decoding: CodeRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var map: [String: UUID] = [:]
        for row in rows { map[row.name.lowercased()] = row.id }
        for row in rows { map[row.code.lowercased()] = row.id }
        return map
    }
}
