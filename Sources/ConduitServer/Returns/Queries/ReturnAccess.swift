import ConduitCore
import Fluent
import Foundation

/// A return is read by those who approve its partnership's returns and by those who enter
/// its source's returns there; only the latter change its figures. Its figures are about
/// abused children, drafts included: each read is recorded (issue 13).
extension Return: KeptRecord {
    static var recordType: String { "return" }
    static var idParameter: PathParameter { .returnID }
    static var readsAreRecorded: Bool { true }
    static var readAction: Action { .enterReturns }

    func keeper(on db: any Database) async throws -> UUID? { $partnership.id }

    /// Whatever the action: approving and entering both read it.
    func isReadable(by visitor: Visitor, for action: Action, keeper: UUID?, on db: any Database) async throws -> Bool {
        visitor.allows(.approveReturns, on: $partnership.id) || entered(by: visitor)
    }

    /// Entering is per source: a police data lead enters the police return, not the local authority's.
    func permits(_ action: Action, by visitor: Visitor, keeper: UUID?, on db: any Database) async throws -> Bool {
        action == .enterReturns ? entered(by: visitor) : visitor.allows(action, on: $partnership.id)
    }

    private func entered(by visitor: Visitor) -> Bool {
        returnSource.map { visitor.entersReturns(of: $0, on: $partnership.id) } == true
    }

    func refusal(of action: Action) -> String {
        action == .enterReturns ? "You do not enter this source's returns for this partnership." : "Only the partnership's coordinators approve its returns."
    }

    var readDetail: String? { status }
}
