import Crypto
import Foundation

/// One entry of the audit trail, as hashed into the chain.
public struct AuditRecord: Codable, Equatable, Sendable {
    public var sequence: Int64
    public var occurredAt: Date
    public var actorID: UUID?
    public var actorLabel: String
    public var action: String
    public var recordType: String?
    public var recordID: String?
    public var partnershipID: UUID?
    public var address: String?
    public var outcome: String
    public var detail: String?

    public init(sequence: Int64, occurredAt: Date, actorID: UUID?, actorLabel: String, action: String,
                recordType: String?, recordID: String?, partnershipID: UUID?, address: String?,
                outcome: String, detail: String?) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorLabel = actorLabel
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.partnershipID = partnershipID
        self.address = address
        self.outcome = outcome
        self.detail = detail
    }
}

/// The hash chain that makes the audit trail tamper-evident: each entry carries
/// the SHA-256 of the previous entry's hash and its own fields, so changing,
/// removing or reordering any entry breaks every link after it.
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of an entry given the previous entry's hash.
    public static func hash(of record: AuditRecord, previous: String) -> String {
        // Fields joined with a unit separator and lengths, so no two different
        // entries serialise alike. Dates to whole milliseconds, as both databases keep them.
        let fields: [String] = [
            previous,
            String(record.sequence),
            String(Int64((record.occurredAt.timeIntervalSince1970 * 1000).rounded())),
            record.actorID?.uuidString.lowercased() ?? "",
            record.actorLabel,
            record.action,
            record.recordType ?? "",
            record.recordID ?? "",
            record.partnershipID?.uuidString.lowercased() ?? "",
            record.address ?? "",
            record.outcome,
            record.detail ?? "",
        ]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(canonical.utf8)).hexString
    }

    /// A link that does not hold.
    public struct Break: Equatable, Sendable {
        public var sequence: Int64
        public var reason: String

        public init(sequence: Int64, reason: String) {
            self.sequence = sequence
            self.reason = reason
        }
    }

    /// Checks entries in order, each with its stored previous hash and hash, and reports
    /// every broken link, not only the first: each entry is checked against its own stored
    /// hash and the stored hash of the entry before it, so one bad entry cannot hide
    /// tampering further on.
    public struct Verifier: Sendable {
        public private(set) var lastHash = AuditChain.genesis
        public private(set) var checked = 0

        public init() {}

        /// The ways this entry breaks the chain (none when it holds).
        public mutating func check(_ record: AuditRecord, storedPrevious: String, storedHash: String) -> [Break] {
            defer {
                checked += 1
                lastHash = storedHash
            }
            var breaks: [Break] = []
            if storedPrevious != lastHash {
                breaks.append(Break(sequence: record.sequence, reason: "its previous hash does not match the entry before it (an entry was removed, inserted or changed)"))
            }
            if AuditChain.hash(of: record, previous: storedPrevious) != storedHash {
                breaks.append(Break(sequence: record.sequence, reason: "its contents do not match its hash (the entry was changed)"))
            }
            return breaks
        }
    }
}

extension AuditRecord {
    /// The entry as it is hashed and stored: every text with its control and format
    /// characters written out and in NFC, so that the database gives back byte for byte
    /// what was hashed (SQLite cuts text at a NUL; PostgreSQL refuses one).
    public var storable: AuditRecord {
        var record = self
        record.actorLabel = TextRules.escaped(actorLabel)
        record.action = TextRules.escaped(action)
        record.recordType = recordType.map(TextRules.escaped)
        record.recordID = recordID.map(TextRules.escaped)
        record.address = address.map(TextRules.escaped)
        record.outcome = TextRules.escaped(outcome)
        record.detail = detail.map(TextRules.escaped)
        return record
    }
}
