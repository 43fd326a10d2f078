import ConduitCore
import Fluent
import Foundation

/// An account is seen by administrators of a partnership it belongs to, and changed only by
/// one who manages every partnership it belongs to (issue 13): otherwise an administrator of
/// one partnership could change, reset or disable another partnership's adviser.
extension User: KeptRecord {
    static var recordType: String { "user" }
    static var idParameter: PathParameter { .userID }
    static var readAction: Action { .manageAccounts }

    /// An account belongs to several partnerships: its refusals are recorded without one.
    func keeper(on db: any Database) async throws -> UUID? { nil }

    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        try await UserList.contains(try requireID(), scope: try await UserList.scope(for: visitor, on: db), on: db)
    }

    func permits(_ action: Action, by visitor: Visitor, keeper: UUID?, on db: any Database) async throws -> Bool {
        Set(try await UserList.partnerships(of: try requireID(), on: db)).isSubset(of: visitor.scope(action))
    }

    func refusal(of action: Action) -> String {
        "This person also belongs to partnerships you do not manage. Ask an administrator who manages all of them, such as the hub's, to change the account."
    }
}

/// A partnership (or region) is kept by itself: its administrators manage it.
extension Partnership: KeptRecord {
    static var recordType: String { "partnership" }
    static var idParameter: PathParameter { .partnershipID }
    static var readAction: Action { .managePartnerships }

    func keeper(on db: any Database) async throws -> UUID? { try requireID() }

    func refusal(of action: Action) -> String { "Only administrators of this partnership can change it." }
}
