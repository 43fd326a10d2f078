import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Reads and writes a group with the rows that belong to it (partnerships
/// served, languages, communities of origin).
enum GroupStore {
    /// Copies checked values onto the model.
    static func apply(_ values: GroupValues, to group: CommunityGroup) {
        group.name = values.name
        group.nameKey = GroupMatching.fold(values.name)
        group.type = values.type.rawValue
        group.faith = values.faith?.rawValue
        group.denomination = values.denomination
        group.address = values.address
        group.postcode = values.postcode
        group.postcodeKey = values.postcode.flatMap(Postcode.key)
        group.phone = values.phone
        group.phoneKey = values.phone.flatMap(PhoneNumber.key)
        group.email = values.email
        group.meetingTimes = values.meetingTimes
        group.status = values.status.rawValue
        group.statusConfirmedOn = values.statusConfirmedOn?.description
        group.howFound = values.howFound
        group.notes = values.notes
        group.$partnership.id = values.ownerID
    }

    /// Replaces the rows that belong to the group. Call inside the transaction that saves it.
    static func writeRows(of values: GroupValues, groupID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for table in [DirectoryTables.served, DirectoryTables.languages, DirectoryTables.communities] {
            try await sql.delete(from: table).where("organisation_id", .equal, groupID).run()
        }
        for partnershipID in values.servedIDs {
            try await sql.insert(into: DirectoryTables.served).columns("organisation_id", "partnership_id")
                .values(SQLBind(groupID), SQLBind(partnershipID)).run()
        }
        for (table, names) in [(DirectoryTables.languages, values.languages), (DirectoryTables.communities, values.communities)] {
            for name in names {
                try await sql.insert(into: table).columns("organisation_id", "name", "name_key")
                    .values(SQLBind(groupID), SQLBind(name), SQLBind(GroupMatching.fold(name))).run()
            }
        }
    }

    /// Creates a group and its rows in one transaction.
    static func create(_ values: GroupValues, on db: any Database) async throws -> CommunityGroup {
        try await db.transaction { db in try await insert(values, on: db) }
    }

    /// Creates a group and its rows; the caller holds the transaction (imports write many at once).
    static func insert(_ values: GroupValues, on db: any Database) async throws -> CommunityGroup {
        let group = CommunityGroup()
        group.id = UUID()
        group.version = 1
        apply(values, to: group)
        try await group.create(on: db)
        try await writeRows(of: values, groupID: group.id!, on: db)
        return group
    }

    /// Saves changes if the group is still at `expectedVersion` (else VersionConflict).
    static func update(_ group: CommunityGroup, with values: GroupValues, expectedVersion: Int, on db: any Database) async throws {
        apply(values, to: group)
        let id = try group.requireID()
        try await group.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            try await writeRows(of: values, groupID: id, on: db)
        }
    }

    private struct NameRow: Decodable {
        var organisationId: UUID
        var name: String
    }

    /// Names from a child table for some groups, in entry order of their keys.
    static func names(in table: String, for groupIDs: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !groupIDs.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().column("organisation_id").column("name").from(table)
            .where("organisation_id", .in, SQLBind.group(groupIDs)).orderBy("name_key")
            .all(decoding: NameRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(grouping: rows, by: \.organisationId).mapValues { $0.map(\.name) }
    }

    struct Served: Decodable, Sendable {
        var organisationId: UUID
        var partnershipId: UUID
        var name: String
    }

    /// The partnerships each group serves, by name.
    static func served(_ groupIDs: [UUID], on db: any Database) async throws -> [UUID: [Served]] {
        guard !groupIDs.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select()
            .column(SQLColumn("organisation_id", table: "s")).column(SQLColumn("partnership_id", table: "s")).column(SQLColumn("name", table: "p"))
            .from(SQLAlias(SQLIdentifier(DirectoryTables.served), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier(Partnership.schema), as: SQLIdentifier("p")), on: SQLColumn("partnership_id", table: "s"), .equal, SQLColumn("id", table: "p"))
            .where(SQLColumn("organisation_id", table: "s"), .in, SQLBind.group(groupIDs))
            .orderBy(SQLColumn("name", table: "p"))
            .all(decoding: Served.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(grouping: rows, by: \.organisationId)
    }

    /// Whether the group serves a partnership in the scope (a merged one too: its page points to the survivor).
    static func serves(_ id: UUID, anyOf scope: Set<UUID>, on db: any Database) async throws -> Bool {
        guard !scope.isEmpty else { return false }
        return try await (db as! any SQLDatabase).select().column("partnership_id").from(DirectoryTables.served)
            .where("organisation_id", .equal, id).where("partnership_id", .in, SQLBind.group(Array(scope)))
            .first() != nil
    }

    /// The input that reproduces a stored group, to fill an edit form.
    static func input(from group: CommunityGroup, on db: any Database) async throws -> GroupInput {
        let id = try group.requireID()
        let languages = try await names(in: DirectoryTables.languages, for: [id], on: db)[id] ?? []
        let communities = try await names(in: DirectoryTables.communities, for: [id], on: db)[id] ?? []
        let served = try await self.served([id], on: db)[id] ?? []
        return GroupInput(name: group.name, type: group.type, faith: group.faith ?? "", denomination: group.denomination,
                          communities: communities.joined(separator: ", "), languages: languages.joined(separator: ", "),
                          address: group.address, postcode: group.postcode ?? "", phone: group.phone ?? "", email: group.email,
                          meetingTimes: group.meetingTimes, status: group.status,
                          statusConfirmedOn: .iso(group.statusConfirmedOn ?? ""), howFound: group.howFound, notes: group.notes,
                          ownerID: group.$partnership.id, servedIDs: served.map(\.partnershipId))
    }

    struct ContactRow: Decodable, Sendable {
        var id: UUID
        var name: String
        var role: String
        var roleDetail: String
        var phone: String
        var email: String
        var preferredLanguage: String
    }

    /// A group's contacts for its page, by name.
    static func contacts(of groupID: UUID, on sql: any SQLDatabase) async throws -> [ContactRow] {
        try await sql.select().columns("id", "name", "role", "role_detail", "phone", "email", "preferred_language")
            .from(Contact.schema).where("organisation_id", .equal, groupID).orderBy("name")
            .all(decoding: ContactRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            // Retention removed the person; the group still had someone in that role.
            .map { row in
                var row = row
                if row.name.isEmpty { row.name = "Name removed after the retention period" }
                return row
            }
    }

    /// The versions of groups, for a form that must find them unchanged.
    static func versions(of ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await CommunityGroup.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.version) })
    }

    /// Merges a duplicate into the group that survives, in one transaction: everything attached
    /// to it moves across, so no engagement, contact or readiness evidence is lost, and it is
    /// marked merged. Both must still be at the versions the coordinator saw (else `VersionConflict`).
    static func merge(_ duplicateID: UUID, into survivorID: UUID, versions: (survivor: Int, duplicate: Int), on db: any Database) async throws {
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            for (id, version) in [(survivorID, versions.survivor), (duplicateID, versions.duplicate)] {
                let bumped = try await sql.update(CommunityGroup.schema)
                    .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
                    .where("id", .equal, id).where("version", .equal, version).returning("id").first()
                guard bumped != nil else { throw VersionConflict() }
            }
            // Engagements: the survivor takes the duplicate's, once each.
            try await sql.raw("""
                DELETE FROM \(ident: EngagementTables.groups) WHERE organisation_id = \(bind: duplicateID)
                  AND engagement_id IN (SELECT engagement_id FROM \(ident: EngagementTables.groups) WHERE organisation_id = \(bind: survivorID))
                """).run()
            try await sql.update(EngagementTables.groups).set("organisation_id", to: survivorID).where("organisation_id", .equal, duplicateID).run()
            try await sql.update(Contact.schema).set("organisation_id", to: survivorID).where("organisation_id", .equal, duplicateID).run()
            // Readiness the survivor lacks comes across; where both have an item, the survivor's stays and the duplicate keeps its own.
            try await sql.raw("""
                UPDATE \(ident: ReadinessRecord.schema) SET organisation_id = \(bind: survivorID)
                WHERE organisation_id = \(bind: duplicateID)
                  AND item NOT IN (SELECT item FROM \(ident: ReadinessRecord.schema) WHERE organisation_id = \(bind: survivorID))
                """).run()
            for (table, column) in [(DirectoryTables.served, "partnership_id"), (DirectoryTables.languages, "name_key"), (DirectoryTables.communities, "name_key")] {
                let columns = table == DirectoryTables.served ? "partnership_id" : "name, name_key"
                try await sql.raw("""
                    INSERT INTO \(ident: table) (organisation_id, \(unsafeRaw: columns))
                    SELECT \(bind: survivorID), \(unsafeRaw: columns) FROM \(ident: table) d
                    WHERE d.organisation_id = \(bind: duplicateID)
                      AND d.\(ident: column) NOT IN (SELECT \(ident: column) FROM \(ident: table) WHERE organisation_id = \(bind: survivorID))
                    """).run()
            }
            try await sql.update(CommunityGroup.schema).set("merged_into_id", to: survivorID).where("id", .equal, duplicateID).run()
        }
    }
}
