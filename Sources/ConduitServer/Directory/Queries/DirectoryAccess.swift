import ConduitCore
import Fluent
import Foundation
import Vapor

/// A group is read by anyone of a partnership it serves (groups cross borough boundaries:
/// one record, shared) and changed only by the partnership that keeps its record.
extension CommunityGroup: KeptRecord {
    static var recordType: String { "group" }
    static var idParameter: PathParameter { .groupID }
    static var readAction: Action { .readDirectory }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        try await GroupStore.serves(try requireID(), anyOf: visitor.scope(action), on: db)
    }

    func refusal(of action: Action) -> String { "This group's record is kept by another partnership. Ask its adviser to change it." }

    func checkChangeable(for action: Action) throws {
        // Its page points to the survivor, which holds everything the merge kept.
        guard mergedIntoID == nil else { throw Abort(.conflict, reason: "This group was merged into another record: edit that one instead.") }
    }
}

/// A contact is a person's name and phone number: read by those who read contacts in a
/// partnership its group serves, and every read recorded.
extension Contact: KeptRecord {
    static var recordType: String { "contact" }
    static var idParameter: PathParameter { .contactID }
    static var readsAreRecorded: Bool { true }
    static var readAction: Action { .readContacts }

    func keeper(on db: any Database) async throws -> UUID? { try await group(on: db).$partnership.id }

    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        try await GroupStore.serves($organisation.id, anyOf: visitor.scope(action), on: db)
    }

    func refusal(of action: Action) -> String { "This group's record is kept by another partnership. Ask its adviser to change it." }

    /// The group the contact is at.
    func group(on db: any Database) async throws -> CommunityGroup {
        guard let group = try await CommunityGroup.find($organisation.id, on: db) else { throw MissingRecord() }
        return group
    }
}
