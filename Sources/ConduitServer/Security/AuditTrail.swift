import ConduitCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// The append-only, hash-chained record of who did what, when and from where
/// (DESIGN.md "Audit trail"). Every change and every read of a sensitive record
/// is appended here; `conduit audit verify` checks the chain.
public enum AuditTrail {
    static let table = "audit_entries"

    /// How an audited attempt ended.
    public enum Outcome: String, Sendable, CaseIterable {
        case success, failure, denied
    }

    /// What happened, before it is stamped with who, when and where.
    public struct Event: Sendable {
        public var action: String
        public var recordType: String?
        public var recordID: String?
        public var partnershipID: UUID?
        public var outcome: Outcome
        public var detail: String?

        public init(_ action: String, recordType: String? = nil, recordID: String? = nil, partnershipID: UUID? = nil,
                    outcome: Outcome = .success, detail: String? = nil) {
            self.action = action
            self.recordType = recordType
            self.recordID = recordID
            self.partnershipID = partnershipID
            self.outcome = outcome
            self.detail = detail
        }
    }

    /// Who acted: a person, or the system itself (commands, demo data).
    public struct Actor: Sendable {
        public var id: UUID?
        public var label: String

        public static let system = Actor(id: nil, label: "system")
    }

    /// Appends within one process in turn; across processes the database lock
    /// below keeps the chain a single line.
    static let lock = AsyncLock()

    /// Appends one entry to the chain.
    public static func append(_ event: Event, actor: Actor, address: String?, at date: Date, on database: any Database) async throws {
        try await lock.withLock {
            let sql = database as! any SQLDatabase
            if sql.dialect.name == "sqlite" {
                // BEGIN IMMEDIATE takes the write lock before reading the last hash,
                // so no other connection or process can append in between.
                try await database.withConnection { connection in
                    let sql = connection as! any SQLDatabase
                    try await sql.raw("BEGIN IMMEDIATE").run()
                    do {
                        try await insert(event, actor: actor, address: address, at: date, on: sql)
                        try await sql.raw("COMMIT").run()
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        throw error
                    }
                }
            } else {
                try await database.transaction { transaction in
                    let sql = transaction as! any SQLDatabase
                    // One appender at a time across every instance on this PostgreSQL server.
                    try await sql.raw("SELECT pg_advisory_xact_lock(7031004)").run()
                    try await insert(event, actor: actor, address: address, at: date, on: sql)
                }
            }
        }
    }

    private struct Link: Decodable {
        var seq: Int64
        var hash: String
    }

    private static func insert(_ event: Event, actor: Actor, address: String?, at date: Date, on sql: any SQLDatabase) async throws {
        let last = try await sql.select().columns("seq", "hash").from(table)
            .orderBy("seq", .descending).limit(1)
            .first(decoding: Link.self)
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let record = AuditRecord(
            sequence: (last?.seq ?? 0) + 1,
            occurredAt: Date(timeIntervalSince1970: Double(milliseconds) / 1000),
            actorID: actor.id, actorLabel: actor.label, action: event.action,
            recordType: event.recordType, recordID: event.recordID, partnershipID: event.partnershipID,
            address: address, outcome: event.outcome.rawValue, detail: event.detail).storable
        let previous = last?.hash ?? AuditChain.genesis
        let row = AuditRow(record, previousHash: previous, hash: AuditChain.hash(of: record, previous: previous))
        try await sql.insert(into: table).model(row).run()
    }

    /// A stored entry, as read and written by SQLKit.
    struct AuditRow: Codable, Sendable {
        var seq: Int64
        var occurred_at_ms: Int64
        var actor_id: UUID?
        var actor_label: String
        var action: String
        var record_type: String?
        var record_id: String?
        var partnership_id: UUID?
        var address: String?
        var outcome: String
        var detail: String?
        var previous_hash: String
        var hash: String

        init(_ record: AuditRecord, previousHash: String, hash: String) {
            seq = record.sequence
            occurred_at_ms = Int64((record.occurredAt.timeIntervalSince1970 * 1000).rounded())
            actor_id = record.actorID
            actor_label = record.actorLabel
            action = record.action
            record_type = record.recordType
            record_id = record.recordID
            partnership_id = record.partnershipID
            address = record.address
            outcome = record.outcome
            detail = record.detail
            previous_hash = previousHash
            self.hash = hash
        }

        var record: AuditRecord {
            AuditRecord(sequence: seq, occurredAt: Date(timeIntervalSince1970: Double(occurred_at_ms) / 1000),
                        actorID: actor_id, actorLabel: actor_label, action: action, recordType: record_type,
                        recordID: record_id, partnershipID: partnership_id, address: address, outcome: outcome,
                        detail: detail)
        }
    }

    /// The result of checking the whole chain.
    public struct Verification: Sendable {
        public var checked: Int
        /// Every broken link, in order (at most `reportLimit` of them).
        public var breaks: [AuditChain.Break]
        /// How many broken links there are in all.
        public var broken: Int
    }

    /// A chain rewritten wholesale would list every entry: the first thousand say enough.
    static let reportLimit = 1000

    /// Walks the whole chain in order, a page at a time, and reports every broken link.
    public static func verify(on database: any Database, progress: @Sendable (Int) -> Void = { _ in }) async throws -> Verification {
        let sql = database as! any SQLDatabase
        var verifier = AuditChain.Verifier()
        var after: Int64 = 0
        var expectedSequence: Int64 = 1
        var breaks: [AuditChain.Break] = []
        var broken = 0
        func report(_ found: [AuditChain.Break]) {
            broken += found.count
            breaks.append(contentsOf: found.prefix(max(0, reportLimit - breaks.count)))
        }
        while true {
            let rows = try await sql.select().column("*").from(table)
                .where("seq", .greaterThan, after).orderBy("seq").limit(5000)
                .all(decoding: AuditRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            if rows.isEmpty { break }
            for row in rows {
                if row.seq != expectedSequence {
                    let missing = row.seq - expectedSequence
                    report([.init(sequence: expectedSequence, reason: missing == 1 ? "the entry is missing" : "\(missing) entries are missing, up to \(row.seq - 1)")])
                }
                report(verifier.check(row.record, storedPrevious: row.previous_hash, storedHash: row.hash))
                expectedSequence = row.seq + 1
            }
            after = rows.last!.seq
            progress(verifier.checked)
        }
        return Verification(checked: verifier.checked, breaks: breaks, broken: broken)
    }
}

extension Request {
    /// The client's address: the peer, or behind N trusted proxies the address the first of
    /// them saw, N entries from the right of X-Forwarded-For. The leftmost entries are the
    /// client's to write, and taking one let anyone choose the address their attempts were
    /// throttled and recorded under (issue 13).
    var clientAddress: String? {
        let hops = application.settings.trustedProxyHops
        guard hops > 0 else { return remoteAddress?.ipAddress }
        let entries = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries.count >= hops else { return remoteAddress?.ipAddress }
        return String(entries[entries.count - hops].prefix(64))
    }

    /// Appends the event once for each partnership it concerns, so that each partnership's
    /// administrators see it in their scoped audit trail (a change to an account of several).
    func audit(_ event: AuditTrail.Event, forEachOf partnerships: [UUID]) async throws {
        guard !partnerships.isEmpty else { return try await audit(event) }
        for partnership in partnerships {
            var event = event
            event.partnershipID = partnership
            try await audit(event)
        }
    }

    /// Appends an event done by the person making this request.
    func audit(_ event: AuditTrail.Event, actor: AuditTrail.Actor? = nil) async throws {
        let actor = actor ?? visitor.map { AuditTrail.Actor(id: $0.userID, label: $0.email) } ?? AuditTrail.Actor(id: nil, label: "signed out")
        try await AuditTrail.append(event, actor: actor, address: clientAddress, at: now, on: db)
    }
}
