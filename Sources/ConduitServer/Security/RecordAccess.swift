import ConduitCore
import Fluent
import Foundation
import Vapor

/// A record kept by a partnership and reached by its id. Handlers reach every such record
/// through `Request.record(_:)`, `Request.record(_:editable:)` and `Request.require(_:on:)`,
/// so 404 against 403, and which reads go into the audit trail, are decided once (issue 15).
protocol KeptRecord: Model where IDValue == UUID {
    /// Its name in the audit trail and in refusals ("group", "return").
    static var recordType: String { get }
    /// The path parameter its id arrives in.
    static var idParameter: PathParameter { get }
    /// Reads of sensitive records are recorded (DESIGN.md "Audit trail": contacts, audits
    /// and form responses, returns); reads of the rest are not.
    static var readsAreRecorded: Bool { get }
    /// What reading it takes, unless a handler asks for more (a group's contacts).
    static var readAction: Action { get }

    /// The partnership that keeps it: its policy decides changes, its administrators see
    /// refusals. Nil for an account, which belongs to several.
    func keeper(on db: any Database) async throws -> UUID?
    /// Whether the person may read it, for `action`; when not, it is answered as though it did not exist.
    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool
    /// Whether the person, who may read it, may also do this to it.
    func permits(_ action: Action, by visitor: Visitor, keeper: UUID?, on db: any Database) async throws -> Bool
    /// The 403's reason, naming who may do it instead.
    func refusal(of action: Action) -> String
    /// What the audit trail's read entry says beside the record, if anything.
    var readDetail: String? { get }
    /// Refuses a change its state forbids (a merged group, a submitted form): 409, after the 403 check.
    func checkChangeable(for action: Action) throws
}

extension KeptRecord {
    static var readsAreRecorded: Bool { false }
    var readDetail: String? { nil }
    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        keeper.map { visitor.allows(action, on: $0) } == true
    }
    func permits(_ action: Action, by visitor: Visitor, keeper: UUID?, on db: any Database) async throws -> Bool {
        keeper.map { visitor.allows(action, on: $0) } == true
    }
    func checkChangeable(for action: Action) throws {}
}

extension Request {
    /// The record in the URL (or with this id) if the person may read it, else 404: one of
    /// another partnership's is recorded as a refusal and answered exactly as a missing one.
    /// Its read is recorded when it is sensitive: this is for handlers that show it.
    func record<R: KeptRecord>(_ type: R.Type, readable action: Action? = nil, id: UUID? = nil) async throws -> R {
        let record = try await readable(type, for: action ?? R.readAction, id: id)
        if R.readsAreRecorded { try await recordRead(record) }
        return record
    }

    /// The record in the URL if the person may read it (else 404) and do `action` to it
    /// (else 403 with the reason). A change is recorded as itself, not as a read.
    func record<R: KeptRecord>(_ type: R.Type, editable action: Action) async throws -> R {
        let record = try await readable(type, for: R.readAction, id: nil)
        try await require(action, on: record)
        return record
    }

    /// 403 unless the person may do `action` to a record they have read; 409 when its state forbids it.
    func require<R: KeptRecord>(_ action: Action, on record: R) async throws {
        let keeper = try await record.keeper(on: db)
        guard try await record.permits(action, by: try signedIn, keeper: keeper, on: db) else {
            throw RefusedRecord(recordType: R.recordType, id: try record.requireID(), partnershipID: keeper, reason: record.refusal(of: action))
        }
        try record.checkChangeable(for: action)
    }

    /// Whether the person may do `action` to a record they have read (to offer the button).
    func permits<R: KeptRecord>(_ action: Action, on record: R) async throws -> Bool {
        try await record.permits(action, by: try signedIn, keeper: try await record.keeper(on: db), on: db)
    }

    /// Records a read of a sensitive record reached another way (a return opened by its period).
    func recordRead<R: KeptRecord>(_ record: R) async throws {
        try await audit(.init("\(R.recordType).read", recordType: R.recordType, recordID: try record.requireID().uuidString,
                              partnershipID: try await record.keeper(on: db), detail: record.readDetail))
    }

    private func readable<R: KeptRecord>(_ type: R.Type, for action: Action, id: UUID?) async throws -> R {
        let visitor = try signedIn
        guard let record = try await R.find(try id ?? uuid(R.idParameter), on: db) else { throw MissingRecord() }
        let keeper = try await record.keeper(on: db)
        guard try await record.isReadable(by: visitor, for: action, keeper: keeper, on: db) else {
            throw HiddenRecord(recordType: R.recordType, id: try record.requireID(), partnershipID: keeper)
        }
        return record
    }
}
