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

    /// Checks entries in order, each with its stored previous hash and hash.
    /// Returns the first broken link, or nil if the chain holds.
    public struct Verifier: Sendable {
        public private(set) var lastHash = AuditChain.genesis
        public private(set) var checked = 0

        public init() {}

        public mutating func check(_ record: AuditRecord, storedPrevious: String, storedHash: String) -> Break? {
            defer { checked += 1 }
            guard storedPrevious == lastHash else {
                return Break(sequence: record.sequence, reason: "its previous hash does not match the entry before it (an entry was removed, inserted or changed)")
            }
            let expected = AuditChain.hash(of: record, previous: storedPrevious)
            guard expected == storedHash else {
                return Break(sequence: record.sequence, reason: "its contents do not match its hash (the entry was changed)")
            }
            lastHash = storedHash
            return nil
        }
    }
}
