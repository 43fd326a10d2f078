import ConduitCore
import Fluent
import Foundation
import SQLKit

/// Writes engagements with their groups and topics.
enum EngagementStore {
    static func apply(_ values: EngagementValues, to engagement: Engagement) {
        engagement.occurredOn = values.occurredOn.description
        engagement.occurredAtTime = values.time
        engagement.channel = values.channel.rawValue
        engagement.outcome = values.outcome.rawValue
        engagement.peopleMet = values.peopleMet
        engagement.notes = values.notes
        engagement.followUpOn = values.followUpOn?.description
        engagement.$partnership.id = values.partnershipID
    }

    static func writeRows(of values: EngagementValues, engagementID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for table in [EngagementTables.groups, EngagementTables.topics] {
            try await sql.delete(from: table).where("engagement_id", .equal, engagementID).run()
        }
        for groupID in values.groupIDs {
            try await sql.insert(into: EngagementTables.groups).columns("engagement_id", "organisation_id").values(SQLBind(engagementID), SQLBind(groupID)).run()
        }
        for topic in values.topics {
            try await sql.insert(into: EngagementTables.topics).columns("engagement_id", "topic").values(SQLBind(engagementID), SQLBind(topic.rawValue)).run()
        }
    }

    /// Logs an engagement. Open follow-ups of the same partnership with these groups,
    /// due from an earlier engagement, are closed: this is the follow-up.
    static func create(_ values: EngagementValues, adviserID: UUID, on db: any Database) async throws -> Engagement {
        let engagement = Engagement()
        engagement.id = UUID()
        engagement.version = 1
        engagement.followUpDone = false
        engagement.$adviser.id = adviserID
        apply(values, to: engagement)
        try await db.transaction { db in
            try await engagement.create(on: db)
            try await writeRows(of: values, engagementID: engagement.id!, on: db)
            try await (db as! any SQLDatabase).raw("""
                UPDATE \(ident: Engagement.schema) SET follow_up_done = \(bind: true)
                WHERE follow_up_done = \(bind: false) AND follow_up_on IS NOT NULL AND partnership_id = \(bind: values.partnershipID)
                  AND id <> \(bind: engagement.id!) AND occurred_on <= \(bind: values.occurredOn.description)
                  AND id IN (SELECT engagement_id FROM \(ident: EngagementTables.groups) WHERE organisation_id IN (\(binds: values.groupIDs)))
                """).run()
        }
        return engagement
    }

    static func update(_ engagement: Engagement, with values: EngagementValues, expectedVersion: Int, on db: any Database) async throws {
        apply(values, to: engagement)
        let id = try engagement.requireID()
        try await engagement.saveVersioned(expectedVersion: expectedVersion, on: db) { db in
            try await writeRows(of: values, engagementID: id, on: db)
        }
    }

    struct GroupOption: Decodable, Sendable {
        var id: UUID
        var name: String
    }

    /// Groups serving any of the partnerships, by name, for the engagement form.
    static func groupOptions(scope: Set<UUID>, on sql: any SQLDatabase) async throws -> [GroupOption] {
        guard !scope.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT o.id, o.name FROM \(ident: CommunityGroup.schema) o
            WHERE o.merged_into_id IS NULL
              AND EXISTS (SELECT 1 FROM \(ident: DirectoryTables.served) s WHERE s.organisation_id = o.id AND s.partnership_id IN (\(binds: Array(scope))))
            ORDER BY o.name_key LIMIT 2000
            """).all(decoding: GroupOption.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Which of the given groups the person may read.
    static func readable(_ ids: [UUID], scope: Set<UUID>, on sql: any SQLDatabase) async throws -> Set<UUID> {
        guard !ids.isEmpty, !scope.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT DISTINCT s.organisation_id AS id FROM \(ident: DirectoryTables.served) s JOIN \(ident: CommunityGroup.schema) o ON o.id = s.organisation_id
            WHERE s.organisation_id IN (\(binds: ids)) AND s.partnership_id IN (\(binds: Array(scope))) AND o.merged_into_id IS NULL
            """).all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The groups and topics of one engagement.
    static func rows(of engagementID: UUID, on sql: any SQLDatabase) async throws -> (groups: [GroupOption], topics: [String]) {
        let groups = try await sql.raw("""
            SELECT o.id, o.name FROM \(ident: EngagementTables.groups) eo JOIN \(ident: CommunityGroup.schema) o ON o.id = eo.organisation_id
            WHERE eo.engagement_id = \(bind: engagementID) ORDER BY o.name_key
            """).all(decoding: GroupOption.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (groups, try await EngagementTopics.of([engagementID], on: sql)[engagementID] ?? [])
    }

    /// The groups an engagement was with.
    static func groupIDs(of engagementID: UUID, on sql: any SQLDatabase) async throws -> [UUID] {
        try await sql.select().column("organisation_id").from(EngagementTables.groups).where("engagement_id", .equal, engagementID).all()
            .map { try $0.decode(column: "organisation_id", as: UUID.self) }
    }
}
